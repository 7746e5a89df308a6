/**
 * Duplicates and repeat respondents, across all the files of a run.
 *
 * - A response ID seen twice (within a variant) is the same response exported twice: counted once, the
 *   copy dropped as `duplicate-response`, whatever `--dedupe` says.
 * - A respondent (email, or a person id when there is no email) who answered more than once within a
 *   variant is a repeat respondent. Like the platforms' dashboards, `--dedupe none` (the default) keeps
 *   every response and only reports the repeats; `first` keeps each respondent's first response in file
 *   order, `last` the last one, and the others are dropped as `repeat-respondent`.
 * - A respondent whose responses are used in both variants is cross-variant contamination: reported, with
 *   the count, because it breaks the independence the tests assume.
 *
 * Memory: this is the one part of ingest not bounded by the number of Tally cells. It keeps a Set of the
 * response IDs seen and a Map over distinct respondents (their key, a count and, for `--dedupe last`, where
 * their kept response was counted), never the rows themselves: a few tens of bytes per distinct id.
 */
import { addResponses, dropRow, type Tally } from "../tally/tally.js";

export const DEDUPE_MODES = ["none", "first", "last"] as const;
export type DedupeMode = (typeof DEDUPE_MODES)[number];

export interface RespondentSummary {
  readonly dedupe: DedupeMode;
  /** Distinct identified respondents among the responses used (per variant). */
  readonly respondents: number;
  /** Respondents who answered more than once within a variant. */
  readonly repeatRespondents: number;
  /** Responses beyond each repeat respondent's first (used with `none`, dropped with `first` / `last`). */
  readonly repeatResponses: number;
  /** Respondents whose responses were used in both variants. */
  readonly crossVariant: number;
}

/** Where a response was counted, so that `--dedupe last` can take it back. */
export interface Placement {
  readonly tally: Tally;
  readonly variant: string;
  readonly day: string | null;
  readonly segment: string | null;
  readonly score: number;
}

/** Marks a respondent already seen in two variants. */
const CROSS = "\u0000cross";

export class RespondentLedger {
  private readonly responseIds = new Set<string>();
  private readonly responses = new Map<string, number>();
  private readonly kept = new Map<string, Placement>();
  private readonly firstVariant = new Map<string, string>();
  private repeatRespondents = 0;
  private repeatResponses = 0;
  private crossVariant = 0;

  constructor(readonly dedupe: DedupeMode) {}

  /** Whether this response ID was already seen in this variant; remembers it either way. */
  isDuplicateResponse(variant: string, responseId: string | undefined): boolean {
    const id = (responseId ?? "").trim();
    if (id === "") return false;
    const key = `${variant}\u0000${id}`;
    if (this.responseIds.has(key)) return true;
    this.responseIds.add(key);
    return false;
  }

  /**
   * Called for a response about to be used. Returns whether to use it (false: drop it as
   * `repeat-respondent`) and whether its respondent had answered before.
   */
  admit(respondentValue: string | undefined, placement: Placement): { use: boolean; repeat: boolean } {
    const respondent = (respondentValue ?? "").trim().toLowerCase();
    if (respondent === "") return { use: true, repeat: false };
    this.noteVariant(respondent, placement.variant);
    const key = `${placement.variant}\u0000${respondent}`;
    const before = this.responses.get(key) ?? 0;
    this.responses.set(key, before + 1);
    if (before === 1) this.repeatRespondents += 1;
    if (before >= 1) this.repeatResponses += 1;
    if (this.dedupe === "first") return { use: before === 0, repeat: before >= 1 };
    if (this.dedupe === "last") {
      const previous = this.kept.get(key);
      if (previous !== undefined) {
        // Take the earlier response back out of the tally it was counted in: the row is now dropped.
        addResponses(previous.tally, previous.variant, previous.day, previous.segment, previous.score, -1);
        dropRow(previous.tally, "repeat-respondent");
      }
      this.kept.set(key, placement);
    }
    return { use: true, repeat: before >= 1 };
  }

  private noteVariant(respondent: string, variant: string): void {
    const first = this.firstVariant.get(respondent);
    if (first === undefined) this.firstVariant.set(respondent, variant);
    else if (first !== CROSS && first !== variant) {
      this.crossVariant += 1;
      this.firstVariant.set(respondent, CROSS);
    }
  }

  summary(): RespondentSummary {
    return {
      dedupe: this.dedupe,
      respondents: this.responses.size,
      repeatRespondents: this.repeatRespondents,
      repeatResponses: this.repeatResponses,
      crossVariant: this.crossVariant,
    };
  }
}
