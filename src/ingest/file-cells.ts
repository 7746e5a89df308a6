/**
 * The cells of one file's Tally, as the deferred ledger (respondents.ts) needs them.
 *
 * A row with a response ID or a respondent is not counted when it is read: its outcome waits, as a cell
 * number (`id`) and a score, until the ledger knows whether it is a duplicate or a repeat (ledger-outcomes.ts
 * then counts it). Counting it late must not change the Tally's shape, which the report reads in order: the
 * cells in the order they were first counted into, the variants in the order of their first cell. So every
 * cell remembers the run sequence number (`seq`) of the first row that created it, whether counted at once
 * (`cell`) or late (`createDeferred`), and `finish` puts the cells back in that order.
 * Likewise the drop reasons, whose order in the accounting shows in the JSON report: each remembers the first
 * row dropped for it.
 */
import { addHeaderRepeats, cellFor, cellKey, dropRow, SCORE_BINS, type DropReason, type Tally, type TallyCell } from "../tally/tally.js";

/** Where a deferred row goes: a cell of the file (variant, day, segment). */
export interface CellPlace {
  readonly variant: string;
  readonly day: string | null;
  readonly segment: string | null;
}

export class FileCells {
  /** The sequence number of the first row counted into each cell. */
  readonly born = new Map<TallyCell, number>();
  /** Cells named by deferred outcomes, by number. */
  readonly places: CellPlace[] = [];
  /**
   * Each place's cell once made (createDeferred): rows settled as they are merged (whole-number IDs without a
   * respondent, respondents.ts) ask for it row after row, and a cell's string key made and looked up each time
   * was most of the merging thread's time (2M rows: cellKey 0.29 s, cellFor 0.19 s, garbage 0.16 s).
   */
  private readonly placeCells: (TallyCell | undefined)[] = [];
  private readonly numbers = new Map<string, number>();
  /** The sequence number of the first row dropped for each reason. */
  readonly firstDrops = new Map<DropReason, number>();
  /**
   * Rows settled as the ledger merged them (countLater): per place x 16 + score, and each place's first row,
   * as Outcomes keeps them. A cell is an object, an array, a key and a map entry (~280 bytes); made as the rows
   * came, a 2 GB export's ~40,000 cells were ~12 MB more at the reading's peak (the reading's buffers are let go
   * before the ledger's outcomes are applied).
   */
  private laterUses = new Int32Array(16 * 256);
  private laterFirsts = new Float64Array(256).fill(Number.POSITIVE_INFINITY);

  constructor(readonly tally: Tally) {}

  /** A row used in a place (its outcome: place x 16 + score; FileCells.id), counted when the ledger's outcomes are applied. */
  countLater(outcome: number, seq: number): void {
    const place = outcome >>> 4;
    if (place >= this.laterFirsts.length) this.growLater(place);
    this.laterUses[outcome] = (this.laterUses[outcome] as number) + 1;
    if (seq < (this.laterFirsts[place] as number)) this.laterFirsts[place] = seq;
  }

  private growLater(place: number): void {
    let places = this.laterFirsts.length;
    while (places <= place) places *= 2;
    const uses = new Int32Array(places * 16);
    uses.set(this.laterUses);
    const firsts = new Float64Array(places).fill(Number.POSITIVE_INFINITY);
    firsts.set(this.laterFirsts);
    [this.laterUses, this.laterFirsts] = [uses, firsts];
  }

  /**
   * The rows countLater noted, handed over once: uses per place x 16 + score, and each place's first row
   * (+Infinity: none). This FileCells keeps none of them after (~3 MB on a 2 GB export).
   */
  takeLater(): { readonly uses: Int32Array; readonly firsts: Float64Array } {
    const later = { uses: this.laterUses, firsts: this.laterFirsts };
    [this.laterUses, this.laterFirsts] = [new Int32Array(0), new Float64Array(0)];
    return later;
  }

  /** The cell to count a row into now, noting its birth if this row creates it. */
  cell(variant: string, day: string | null, segment: string | null, seq: number): TallyCell {
    const before = this.tally.cells.size;
    const cell = cellFor(this.tally, variant, day, segment);
    if (this.tally.cells.size !== before) this.born.set(cell, seq);
    return cell;
  }

  /** Counts a row now into a cell from `cell`. */
  countNow(cell: TallyCell, score: number): void {
    cell.counts[score] = (cell.counts[score] ?? 0) + 1;
    this.tally.accounting.rowsUsed += 1;
  }

  /** The number of a place, for a deferred outcome. */
  id(variant: string, day: string | null, segment: string | null): number {
    const key = cellKey(variant, day, segment);
    let number = this.numbers.get(key);
    if (number === undefined) {
      number = this.places.length;
      this.numbers.set(key, number);
      this.places.push({ variant, day, segment });
    }
    return number;
  }

  /**
   * The cell of a place, first counted into at `seq` by deferred rows (ledger-outcomes.ts), whether they stay
   * counted or (`--dedupe last`) were taken back: either way a sequential read created the cell then.
   */
  createDeferred(id: number, seq: number): TallyCell {
    let cell = this.placeCells[id];
    if (cell === undefined) {
      const { variant, day, segment } = this.places[id] as CellPlace;
      this.placeCells[id] = cell = cellFor(this.tally, variant, day, segment);
    }
    if (seq < (this.born.get(cell) ?? Number.POSITIVE_INFINITY)) this.born.set(cell, seq);
    return cell;
  }

  /** Drops a row, with its sequence number (rows may be dropped out of order: deferred, or by a chunk). */
  drop(reason: DropReason, seq: number): void {
    dropRow(this.tally, reason);
    this.noteFirstDrop(reason, seq);
  }

  /** Drops rows whose first is noted separately (noteFirstDrop). */
  dropMany(reason: DropReason, count: number): void {
    dropRow(this.tally, reason, count);
  }

  noteFirstDrop(reason: DropReason, seq: number): void {
    if (seq < (this.firstDrops.get(reason) ?? Number.POSITIVE_INFINITY)) this.firstDrops.set(reason, seq);
  }

  /**
   * Adds a chunk's cells (read in a worker thread, `born` relative to the chunk, `base` the sequence number of
   * its first row) in their order, as if its rows had been counted here.
   */
  mergeChunk(chunk: Tally, born: readonly number[], firstDrops: ReadonlyMap<DropReason, number>, base: number): void {
    let index = 0;
    for (const cell of chunk.cells.values()) {
      const target = this.cell(cell.variant, cell.day, cell.segment, base + (born[index] as number));
      index += 1;
      for (let score = 0; score < SCORE_BINS; score += 1) target.counts[score] = (target.counts[score] as number) + (cell.counts[score] as number);
    }
    const { accounting } = this.tally;
    accounting.rowsRead += chunk.accounting.rowsRead;
    accounting.rowsUsed += chunk.accounting.rowsUsed;
    addHeaderRepeats(this.tally, chunk);
    for (const [reason, count] of Object.entries(chunk.accounting.rowsDropped)) dropRow(this.tally, reason as DropReason, count ?? 0);
    for (const [reason, seq] of firstDrops) if (base + seq < (this.firstDrops.get(reason) ?? Number.POSITIVE_INFINITY)) this.firstDrops.set(reason, base + seq);
  }

  /** The sequence numbers of the cells' births, in the Tally's cell order (what a worker sends with its chunk). */
  bornInOrder(): number[] {
    return [...this.tally.cells.values()].map((cell) => this.born.get(cell) as number);
  }

  /**
   * Puts the cells in the order of their first row and the variants in the order of their first cell, after
   * `declared` (a variant named on the command line keeps its place first): the Tally a sequential read makes.
   */
  finish(declared: string | undefined): void {
    const { cells, variantOrder } = this.tally;
    // Often in order already (the ledger numbers places as their rows come): then the cells stay as they are.
    // A copy sorted and the Map filled again was ~8 MB of garbage with a 2 GB export's ~40,000 cells.
    if (!this.bornInOrder().every((seq, index, seqs) => index === 0 || (seqs[index - 1] as number) <= seq)) {
      const sorted = [...cells.entries()].sort(([, a], [, b]) => (this.born.get(a) as number) - (this.born.get(b) as number));
      cells.clear();
      for (const [key, cell] of sorted) cells.set(key, cell);
    }
    variantOrder.length = 0;
    if (declared !== undefined) variantOrder.push(declared);
    for (const cell of cells.values()) if (!variantOrder.includes(cell.variant)) variantOrder.push(cell.variant);
    const { rowsDropped } = this.tally.accounting;
    const reasons = (Object.keys(rowsDropped) as DropReason[]).sort((a, b) => (this.firstDrops.get(a) as number) - (this.firstDrops.get(b) as number));
    const counts = reasons.map((reason) => rowsDropped[reason]);
    for (const reason of reasons) delete rowsDropped[reason];
    reasons.forEach((reason, index) => (rowsDropped[reason] = counts[index]));
  }
}
