/**
 * What a survey platform's export looks like: how to recognise it from its first records, how many header
 * rows it has, which columns hold what, and which rows are not real responses. One file per platform.
 */
import type { DropReason } from "../../tally/tally.js";
import type { DateOrder } from "../date-formats.js";

export const PLATFORM_NAMES = ["delighted", "qualtrics", "surveymonkey", "typeform", "google-forms", "generic"] as const;
export type PlatformName = (typeof PLATFORM_NAMES)[number];

/** The first records of a file: the header row(s) and a few data rows. */
export type Head = readonly (readonly string[])[];

/** Column names a platform uses for each role, most preferred first (matched case-insensitively). */
export interface PreferredColumns {
  readonly date: readonly string[];
  readonly responseId: readonly string[];
  readonly respondent: readonly string[];
}

export interface Layout {
  readonly platform: PlatformName;
  /** Records the header takes: 1, SurveyMonkey's 2, Qualtrics' 3. They are not data rows. */
  readonly headerRows: number;
  /** One name per field: what reports show and `--score-column` / `--date-column` match. */
  readonly names: readonly string[];
  /** Other names of each column (question texts from a second header row), matched like names. */
  readonly aliases: readonly (readonly string[])[];
  /** The score column when the export says which it is (Qualtrics: `Q<n>` beside `Q<n>_NPS_GROUP`). */
  readonly scoreIndex: number | null;
  readonly preferred: PreferredColumns;
  /** Order of day and month in dates like 06/01/2018, when the platform documents it. */
  readonly dateOrder: DateOrder | null;
  /** Zone of timestamps written without an offset, by column; `null`: the analysis time zone (`--tz`). */
  zoneOf(column: number): string | null;
  /** A row that is not a real response (a survey preview, a partial submission): its drop reason. */
  excluded(fields: readonly string[]): DropReason | null;
  /** The columns `excluded` reads (the byte-level reader decodes only the columns something reads). */
  readonly excludedColumns: readonly number[];
}

export interface Platform {
  readonly name: PlatformName;
  /** Whether the first records look like this platform's export. */
  detect(head: Head): boolean;
  /** Reads the header rows. `head` has at least one record. */
  layout(head: Head, file: string): Layout;
}

export function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, " ");
}

/** Index of the first of `candidates` present in `names` (case- and space-insensitive), or -1. */
export function findColumn(names: readonly string[], candidates: readonly string[]): number {
  const normalised = names.map(normaliseName);
  for (const candidate of candidates) {
    const index = normalised.indexOf(normaliseName(candidate));
    if (index !== -1) return index;
  }
  return -1;
}

export function hasColumns(names: readonly string[] | undefined, required: readonly string[]): boolean {
  return names !== undefined && required.every((name) => findColumn(names, [name]) !== -1);
}

/** A one-header-row layout with the given platform defaults; platforms override what differs. */
export function singleHeaderLayout(platform: PlatformName, head: Head, preferred: PreferredColumns, overrides: Partial<Layout> = {}): Layout {
  const names = [...(head[0] ?? [])];
  return {
    platform,
    headerRows: 1,
    names,
    aliases: names.map(() => []),
    scoreIndex: null,
    preferred,
    dateOrder: null,
    zoneOf: () => null,
    excluded: () => null,
    excludedColumns: [],
    ...overrides,
  };
}
