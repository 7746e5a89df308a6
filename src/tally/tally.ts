/**
 * The Tally: the narrow waist of nps-ab (see DESIGN.md). Counts of each score 0..10 per cell
 * (variant x day x segment) plus the row accounting. Everything statistical is computed from it, so memory
 * is bounded by the number of cells, never by the number of rows, and tallies merge by addition.
 */

/** Why a row that was read was not used. Every dropped row has exactly one reason. */
export const DROP_REASONS = [
  "missing-score",
  "invalid-score",
  "missing-variant",
  "invalid-date",
  "missing-date",
  "outside-window",
  // Rows that are not (new) responses: a copy of a response ID already read, a Qualtrics survey preview or
  // test, a Typeform partial submission, and (with --dedupe first|last) a repeat respondent's other answers.
  "duplicate-response",
  "preview-response",
  "partial-response",
  "repeat-respondent",
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** Number of possible scores on the 0-10 likelihood-to-recommend scale. */
export const SCORE_BINS = 11;

export interface TallyCell {
  readonly variant: string;
  /** Calendar day `YYYY-MM-DD` in the analysis time zone, or `null` when the input has no dates. */
  readonly day: string | null;
  /** Segment value, or `null` when no segment column is used. */
  readonly segment: string | null;
  /** counts[score] for score 0..10. */
  readonly counts: number[];
}

export interface RowAccounting {
  rowsRead: number;
  rowsUsed: number;
  rowsDropped: Partial<Record<DropReason, number>>;
}

export interface Tally {
  /** Cells keyed by `cellKey(variant, day, segment)`. */
  readonly cells: Map<string, TallyCell>;
  /** Variant names in the order they were first seen (or declared). */
  readonly variantOrder: string[];
  readonly accounting: RowAccounting;
  /**
   * Lines that repeated the header row, as in exports joined together: not rows (as blank lines are not), so
   * outside the accounting; the report warns about them. Absent: none.
   */
  headerRepeats?: number;
}

export function emptyTally(): Tally {
  return { cells: new Map(), variantOrder: [], accounting: { rowsRead: 0, rowsUsed: 0, rowsDropped: {} } };
}

/**
 * `join` makes one flat string; a template literal makes a tree of concatenations that V8 keeps beside the
 * flat copy it hashes (~150 bytes more per key: ~6 MB of the heap with 38,000 cells, two keys each).
 */
export function cellKey(variant: string, day: string | null, segment: string | null): string {
  return [variant, day ?? "", segment ?? ""].join("\u0000");
}

/** Declares a variant so that it keeps its place in the order even if it ends up with no usable rows. */
export function declareVariant(tally: Tally, variant: string): void {
  if (!tally.variantOrder.includes(variant)) tally.variantOrder.push(variant);
}

/** The cell of (variant, day, segment), created empty (and the variant declared) if it is new. */
export function cellFor(tally: Tally, variant: string, day: string | null, segment: string | null): TallyCell {
  const key = cellKey(variant, day, segment);
  let cell = tally.cells.get(key);
  if (cell === undefined) {
    declareVariant(tally, variant);
    cell = { variant, day, segment, counts: new Array<number>(SCORE_BINS).fill(0) };
    tally.cells.set(key, cell);
  }
  return cell;
}

/** Counts `count` responses with `score` (an integer 0..10) into the cell. Rows read are counted separately. */
export function addResponses(
  tally: Tally,
  variant: string,
  day: string | null,
  segment: string | null,
  score: number,
  count = 1,
): void {
  const cell = cellFor(tally, variant, day, segment);
  cell.counts[score] = (cell.counts[score] ?? 0) + count;
  tally.accounting.rowsUsed += count;
}

/** Adds `source`'s repeated header lines into `target`'s. */
export function addHeaderRepeats(target: Tally, source: Tally): void {
  if ((source.headerRepeats ?? 0) > 0) target.headerRepeats = (target.headerRepeats ?? 0) + (source.headerRepeats ?? 0);
}

/** Records a row that was read but dropped, with its reason. */
export function dropRow(tally: Tally, reason: DropReason, count = 1): void {
  tally.accounting.rowsDropped[reason] = (tally.accounting.rowsDropped[reason] ?? 0) + count;
}

export function totalDropped(accounting: RowAccounting): number {
  return Object.values(accounting.rowsDropped).reduce((sum, n) => sum + (n ?? 0), 0);
}

/** Adds `source` into `target` (tallies merge by addition). */
export function mergeInto(target: Tally, source: Tally): Tally {
  return addTally(target, source, false);
}

/**
 * mergeInto for a source let go of afterwards: the cells the target lacks are moved into it, not copied, and
 * the source is left without cells. A copy of a 2 GB export's ~40,000 cells, made while the file's own were
 * still there, raised the run's peak by up to ~30 MB.
 */
export function moveInto(target: Tally, source: Tally): Tally {
  addTally(target, source, true);
  source.cells.clear();
  return target;
}

function addTally(target: Tally, source: Tally, move: boolean): Tally {
  for (const variant of source.variantOrder) declareVariant(target, variant);
  // As addResponses would add each count above 0, with one look-up of the target's cell per cell, not per
  // score: a cell key made and looked up per score was ~15 ms of a 2M-row run, with ~4,000 cells.
  for (const [key, cell] of source.cells) {
    let used = 0;
    for (const count of cell.counts) used += count;
    if (used === 0) continue;
    target.accounting.rowsUsed += used;
    // The source's variants are declared: a cell moved in needs nothing else of cellFor.
    if (move && !target.cells.has(key)) {
      target.cells.set(key, cell);
      continue;
    }
    const into = cellFor(target, cell.variant, cell.day, cell.segment);
    for (let score = 0; score < SCORE_BINS; score += 1) into.counts[score] = (into.counts[score] ?? 0) + (cell.counts[score] ?? 0);
  }
  // addResponses counted the used rows; the rows read and dropped are added here.
  target.accounting.rowsRead += source.accounting.rowsRead;
  addHeaderRepeats(target, source);
  for (const [reason, n] of Object.entries(source.accounting.rowsDropped)) {
    dropRow(target, reason as DropReason, n ?? 0);
  }
  return target;
}

/** The 0..10 histogram of one variant over all its cells (optionally filtered). */
export function variantHistogram(
  tally: Tally,
  variant: string,
  include: (cell: TallyCell) => boolean = () => true,
): number[] {
  const histogram = new Array<number>(SCORE_BINS).fill(0);
  for (const cell of tally.cells.values()) {
    if (cell.variant !== variant || !include(cell)) continue;
    cell.counts.forEach((count, score) => {
      histogram[score] = (histogram[score] ?? 0) + count;
    });
  }
  return histogram;
}
