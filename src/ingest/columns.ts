/**
 * Finding the columns the analysis needs in a header: the score, the date, the variant (when the variants
 * share a file), the segment, and the response and respondent identifiers used to count duplicates.
 * Explicit `--score-column` / `--date-column` / `--variant-column` (and the date, segment, ID and respondent
 * options can also say there is none) always win; then what the platform says; then names (column-names.ts). A
 * score column found by name is confirmed by its values when more than one name qualifies: two confirmed
 * candidates are an error asking for `--score-column`, never a guess.
 */
import { InputError } from "../errors.js";
import { DATE_NAMES, isScoreName, normalise, RESPONDENT_NAMES, RESPONSE_ID_NAMES, SEGMENT_NAMES } from "./column-names.js";
import type { PreferredColumns } from "./platforms/types.js";
import { parseLabelledScore } from "./score.js";

export interface ColumnRequest {
  readonly scoreColumn?: string | undefined;
  /** `false`: none, so no row is dated (no window, no timeline). */
  readonly dateColumn?: string | false | undefined;
  readonly variantColumn?: string | undefined;
  /** Column whose values split responses into segments (e.g. lifecycle stage); `false` turns detection off. */
  readonly segmentColumn?: string | false | undefined;
  /** Column holding the response ID (duplicates); `false`: none, so no row is a duplicate. */
  readonly idColumn?: string | false | undefined;
  /** Column identifying the respondent, an email or person id (repeat respondents); `false`: none. */
  readonly respondentColumn?: string | false | undefined;
}

/** What the platform knows about the header, and the first data rows to confirm a score column by. */
export interface ColumnHints {
  /** Other names of each column (question texts), matched like the header names. */
  readonly aliases?: readonly (readonly string[])[];
  /** The score column, when the export says which it is. */
  readonly scoreIndex?: number | null;
  readonly preferred?: PreferredColumns;
  readonly sample?: readonly (readonly string[])[];
  /** Line of the header row that names the columns (errors point at it). */
  readonly headerLine?: number;
}

export interface ColumnMapping {
  readonly score: number;
  /** `null` when the file has no recognisable date column and none was named. */
  readonly date: number | null;
  readonly variant: number | null;
  readonly segment: number | null;
  readonly responseId: number | null;
  readonly respondent: number | null;
  readonly names: {
    readonly score: string;
    readonly date: string | null;
    readonly variant: string | null;
    readonly segment: string | null;
    readonly responseId: string | null;
    readonly respondent: string | null;
  };
}

function namesOf(header: readonly string[], hints: ColumnHints, index: number): string[] {
  return [header[index] ?? "", ...(hints.aliases?.[index] ?? [])];
}

function findByName(header: readonly string[], candidates: readonly string[]): number | null {
  const normalised = header.map(normalise);
  for (const candidate of candidates) {
    const index = normalised.indexOf(normalise(candidate));
    if (index !== -1) return index;
  }
  return null;
}

function listColumns(header: readonly string[]): string {
  return header.map((name) => JSON.stringify(name)).join(", ");
}

function requireNamed(header: readonly string[], hints: ColumnHints, name: string, option: string, file: string): number {
  const index = header.findIndex((_, column) => namesOf(header, hints, column).some((alias) => normalise(alias) === normalise(name)));
  if (index === -1) {
    throw new InputError(`no column named ${JSON.stringify(name)} (given by ${option})`, { file, line: hints.headerLine ?? 1 }, `columns: ${listColumns(header)}`);
  }
  return index;
}

/** "Mostly 0-10": more than half of the non-blank sampled values read as scores. */
function holdsScores(sample: readonly (readonly string[])[], column: number): boolean {
  let filled = 0;
  let scores = 0;
  for (const row of sample) {
    const value = (row[column] ?? "").trim();
    if (value === "") continue;
    filled += 1;
    if (parseLabelledScore(value).kind === "score") scores += 1;
  }
  return filled > 0 && scores * 2 > filled;
}

function findScore(header: readonly string[], hints: ColumnHints, file: string): number {
  if (hints.scoreIndex !== undefined && hints.scoreIndex !== null) return hints.scoreIndex;
  const line = hints.headerLine ?? 1;
  const candidates = header.map((_, column) => column).filter((column) => isScoreName(namesOf(header, hints, column)));
  if (candidates.length === 0) {
    throw new InputError("no score column found", { file, line }, `name it with --score-column; columns: ${listColumns(header)}`);
  }
  if (candidates.length === 1) return candidates[0] as number;
  const confirmed = candidates.filter((column) => holdsScores(hints.sample ?? [], column));
  if (confirmed.length === 1) return confirmed[0] as number;
  const qualifying = (confirmed.length > 1 ? confirmed : candidates).map((column) => header[column] ?? "");
  throw new InputError(
    `${qualifying.length} columns qualify as the score: ${listColumns(qualifying)}`,
    { file, line },
    `name one with --score-column, e.g. --score-column ${JSON.stringify(qualifying[0])}`,
  );
}

export function mapColumns(header: readonly string[], request: ColumnRequest, file: string, hints: ColumnHints = {}): ColumnMapping {
  const named = (name: string, option: string): number => requireNamed(header, hints, name, option, file);
  const byName = (preferred: readonly string[] | undefined, generic: readonly string[]): number | null =>
    findByName(header, [...(preferred ?? []), ...generic]);
  const score = request.scoreColumn !== undefined ? named(request.scoreColumn, "--score-column") : findScore(header, hints, file);
  const variant = request.variantColumn !== undefined ? named(request.variantColumn, "--variant-column") : null;
  /** A column given by its option (`false`: none), else what `detect` finds. */
  const chosen = (given: string | false | undefined, option: string, detect: () => number | null): number | null =>
    given === false ? null : given !== undefined ? named(given, option) : detect();
  const date = chosen(request.dateColumn, "--date-column", () => byName(hints.preferred?.date, DATE_NAMES));
  const segment = chosen(request.segmentColumn, "--segment-column", () => findByName(header, SEGMENT_NAMES));
  // A detected ID column that is the score column (a header of "#" and "ID" names only) is not an ID.
  const detectedId = byName(hints.preferred?.responseId, RESPONSE_ID_NAMES);
  const responseId = chosen(request.idColumn, "--id-column", () => (detectedId === score ? null : detectedId));
  const respondent = chosen(request.respondentColumn, "--respondent-column", () => byName(hints.preferred?.respondent, RESPONDENT_NAMES));
  const nameOf = (index: number | null): string | null => (index === null ? null : (header[index] ?? ""));
  return {
    score,
    date,
    variant,
    segment,
    responseId,
    respondent,
    names: {
      score: header[score] ?? "",
      date: nameOf(date),
      variant: nameOf(variant),
      segment: nameOf(segment),
      responseId: nameOf(responseId),
      respondent: nameOf(respondent),
    },
  };
}
