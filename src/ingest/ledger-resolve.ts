/**
 * The deferred ledger's second half (respondents.ts): once every file is read, its records (ledger-records.ts)
 * get their final outcome, one partition at a time, so memory is bounded by a partition, not by the run.
 *
 * (a) Duplicates, per ID partition (all occurrences of a key in it, in run order): the first occurrence of a
 *     (variant, response ID) keeps the outcome it got when read; every later one is `duplicate-response`.
 * (b) Respondents, per respondent partition (every response of a respondent in it, in any order), over the
 *     records used and not duplicates. With `--dedupe first` or `last`, two passes: the first finds, for each
 *     (respondent, variant) pair, how many responses it has and the smallest and largest sequence number among
 *     them; the second knows, for each response, whether it is its pair's first or last in run order, which
 *     is all the sequential ledger ever asked (see the counts in `Resolution`). With `none`, which drops
 *     nothing, the responses were counted already and the partition holds pair records (ledger-records.ts):
 *     one pass counts the pairs, their repeats, and each pair's first file (`countPairs`).
 *
 * With `--dedupe last` the sequential ledger dropped a response when the pair's next one came, so the first
 * `repeat-respondent` drop of a file (which orders the reasons in its accounting) happened at the earliest
 * "next response" of a dropped response of that file: `TakeBackTimes`.
 */
import { DROP_REASONS } from "../tally/tally.js";
import { combine, Hash64, HashTable64 } from "./hash64.js";
import { FILE, ID_HIGH, ID_LOW, MARKER, OUTCOME, PAIR_FILE, PAIR_PERSON_HIGH, PAIR_PERSON_LOW, PAIR_VARIANT, PAIR_WORDS, PERSON_HIGH, PERSON_LOW, releaseBlock, seqAt, VARIANT, WORDS } from "./ledger-records.js";
import type { Outcomes } from "./ledger-outcomes.js";
import type { RespondentKernel } from "./respondent-kernel.js";
import type { DedupeMode } from "./respondents.js";

/** What resolving needs, and the sums it writes into. */
export interface Resolution {
  readonly dedupe: DedupeMode;
  /** Each variant's hash (high, low), by its index in the ledger. */
  readonly variants: readonly { readonly high: number; readonly low: number }[];
  readonly outcomes: Outcomes;
  /** The respondent step in WebAssembly (`--dedupe none`; respondent-kernel.ts), which adds into `outcomes` at the end. */
  readonly kernel?: RespondentKernel | null | undefined;
}

/** Records to resolve: blocks of whole records, which can be iterated more than once. */
export type Blocks = () => Iterable<Int32Array>;

/**
 * Tables reused from one partition to the next on this thread: made anew, each partition left megabytes of
 * arrays to the garbage collector, which frees them late (the 22M-row run's peak RSS grew by tens of MB).
 */
const tables = new Map<string, HashTable64>();
function table(name: string, withValues: boolean, expected: number): HashTable64 {
  let found = tables.get(name);
  if (found === undefined) tables.set(name, (found = new HashTable64(withValues, expected)));
  else {
    found.clear();
    found.reserve(expected);
  }
  return found;
}
let firstSeqs = new Float64Array(1024);
let lastSeqs = new Float64Array(1024);

/**
 * Lets go of this thread's tables once every partition is resolved: ~10 MB on a large run, which would
 * otherwise sit beside the cells the Tally is given next (the 22M-row run's peak comes then).
 */
export function releaseTables(): void {
  tables.clear();
  [firstSeqs, lastSeqs] = [new Float64Array(1024), new Float64Array(1024)];
  releaseBlock();
}

const DUPLICATE = DROP_REASONS.indexOf("duplicate-response");
const REPEAT = DROP_REASONS.indexOf("repeat-respondent");

/** The record keeps the outcome it got when read (a drop reason is stored as -1 - its index). */
function settle(outcomes: Outcomes, words: Int32Array, at: number): void {
  const outcome = words[at + OUTCOME] as number;
  if (outcome < 0) outcomes.drop(words[at + FILE] as number, -1 - outcome, seqAt(words, at));
  else outcomes.use(words[at + FILE] as number, outcome, seqAt(words, at));
}

/**
 * Where resolveIds hands the records that go on to the respondent step: a RunWriter, or a RecordList in
 * memory; of pair records (`addPair`) with `--dedupe none`, else of records (`add`).
 */
export interface RecordSink {
  add(words: Int32Array, at: number): void;
  addPair(personHigh: number, personLow: number, variant: number, file: number): void;
}

/**
 * (a) over the records of one ID partition (and, in memory, records without an ID, which pass through):
 * settles the duplicates and the records that no respondent step concerns; hands the rest to `survivors`.
 *
 * The loops over a block's records are functions of their own, called with the same kinds of arguments every
 * time: `blocks` is a new function for each partition and the loops, compiled on the stack (OSR) with the
 * whole function, met it as a new call target and gave up their compiled code (`node --trace-deopt`).
 */
export function resolveIds(resolution: Resolution, blocks: Blocks, expected: number, survivors: RecordSink): void {
  const seen = table("seen", false, expected);
  const pairs = resolution.dedupe === "none";
  for (const words of blocks()) idsOfBlock(resolution.outcomes, seen, words, survivors, pairs);
}

/** The ID key of the record idsOfBlock looks at (a scratch object, reused). */
const idKey = new Hash64();

/** `pairs`: `--dedupe none`, where a survivor is counted here and goes on as a pair record. */
function idsOfBlock(outcomes: Outcomes, seen: HashTable64, words: Int32Array, survivors: RecordSink, pairs: boolean): void {
  const key = idKey;
  for (let at = 0; at < words.length; at += WORDS) {
    key.high = words[at + ID_HIGH] as number;
    key.low = words[at + ID_LOW] as number;
    const hasId = key.high !== 0 || key.low !== 0;
    // Records are in run order within a partition, so the first add of a key is its first occurrence.
    if (hasId && !seen.add(key)) outcomes.drop(words[at + FILE] as number, DUPLICATE, seqAt(words, at));
    else if ((words[at + OUTCOME] as number) >= 0 && (words[at + PERSON_HIGH] !== 0 || words[at + PERSON_LOW] !== 0)) {
      if (!pairs) survivors.add(words, at);
      else {
        settle(outcomes, words, at);
        survivors.addPair(words[at + PERSON_HIGH] as number, words[at + PERSON_LOW] as number, words[at + VARIANT] as number, words[at + FILE] as number);
      }
    } else if (words[at + OUTCOME] !== MARKER) settle(outcomes, words, at);
  }
}

/**
 * (b) over the used, non-duplicate responses of one respondent partition (`records` of them): pair records
 * with `--dedupe none` (in the kernel when it has one and the partition fits it), else records.
 */
export function resolveRespondents(resolution: Resolution, blocks: Blocks, expected: number, records: number): void {
  if (resolution.dedupe === "none") {
    const { kernel } = resolution;
    if (kernel != null && kernel.fits(records)) kernel.partition(blocks(), records);
    else countPairs(resolution, blocks, expected);
    return;
  }
  const pass = new RespondentPass(resolution, expected);
  for (const words of blocks()) pass.countPairs(words);
  for (const words of blocks()) pass.keepOrDrop(words);
  pass.takeBacks?.apply(resolution.outcomes);
}

/**
 * (b) with `--dedupe none`, over a partition's pair records. Each (respondent, variant) pair's value in the
 * table is its first file (the smallest: files are in run order) x 2, + 1 once it has a second response. Every
 * response counts as a repeat in its file, and each pair's first is taken back at the end: the partition's
 * records are in no particular order (the ID pass's survivors follow the others).
 */
function countPairs(resolution: Resolution, blocks: Blocks, expected: number): void {
  const { counts, fileRepeats } = resolution.outcomes;
  const pairs = table("pairs", true, expected);
  const people = table("people", true, Math.min(expected, 1 << 16));
  const person = pairPerson;
  for (const words of blocks()) {
    for (let at = 0; at < words.length; at += PAIR_WORDS) {
      const file = words[at + PAIR_FILE] as number;
      fileRepeats[file] = (fileRepeats[file] as number) + 1;
      person.high = words[at + PAIR_PERSON_HIGH] as number;
      person.low = words[at + PAIR_PERSON_LOW] as number;
      const variant = resolution.variants[words[at + PAIR_VARIANT] as number] as { high: number; low: number };
      const key = combine(person, variant.high, variant.low);
      const value = pairs.putIfAbsent(key, file * 2, -1);
      if (value < 0) {
        counts.respondents += 1;
        // combine changed `person`: the respondent's own key again, for their count of variants.
        person.high = words[at + PAIR_PERSON_HIGH] as number;
        person.low = words[at + PAIR_PERSON_LOW] as number;
        if (people.increment(person, 1) === 1) counts.crossVariant += 1;
        continue;
      }
      // A pair's second response makes a repeat respondent; every response after the first is a repeat response.
      if ((value & 1) === 0) counts.repeatRespondents += 1;
      counts.repeatResponses += 1;
      pairs.set(key, Math.min(value >>> 1, file) * 2 + 1);
    }
  }
  pairs.forEach((_high, _low, value) => (fileRepeats[value >>> 1] -= 1));
}

/** The respondent key countPairs looks at (a scratch object, reused). */
const pairPerson = new Hash64();

/**
 * The state of (b) over one partition with `--dedupe first` or `last`. Two passes: `countPairs` finds, for
 * each (respondent, variant) pair, how many responses it has and the smallest and largest sequence number
 * among them; `keepOrDrop` knows, for each response, whether it is its pair's first or last in run order,
 * which is all the sequential ledger ever asked (see the counts in `Resolution`).
 */
class RespondentPass {
  private readonly pairs: HashTable64;
  private readonly people: HashTable64;
  private first: Float64Array;
  private last: Float64Array;
  private pairCount = 0;
  private readonly person = new Hash64();
  readonly takeBacks: TakeBackTimes | null;

  constructor(
    private readonly resolution: Resolution,
    expected: number,
  ) {
    this.pairs = table("pairs", true, expected);
    this.people = table("people", true, Math.min(expected, 1 << 16));
    if (firstSeqs.length < expected) [firstSeqs, lastSeqs] = [new Float64Array(expected), new Float64Array(expected)];
    [this.first, this.last] = [firstSeqs, lastSeqs];
    this.takeBacks = resolution.dedupe === "last" ? new TakeBackTimes(expected) : null;
  }

  /** The record's (respondent, variant) key, in `person` (which it changes). */
  private pairKey(words: Int32Array, at: number): Hash64 {
    const { person } = this;
    person.high = words[at + PERSON_HIGH] as number;
    person.low = words[at + PERSON_LOW] as number;
    const variant = this.resolution.variants[words[at + VARIANT] as number] as { high: number; low: number };
    return combine(person, variant.high, variant.low);
  }

  countPairs(words: Int32Array): void {
    const { counts } = this.resolution.outcomes;
    const { pairs, people, person, takeBacks } = this;
    for (let at = 0; at < words.length; at += WORDS) {
      const seq = seqAt(words, at);
      const file = words[at + FILE] as number;
      const key = this.pairKey(words, at);
      takeBacks?.note(key, file, seq);
      const index = pairs.putIfAbsent(key, this.pairCount, -1);
      if (index < 0) {
        this.newPair(seq);
        counts.respondents += 1;
        // pairKey changed `person`: the respondent's own key again, for their count of variants.
        person.high = words[at + PERSON_HIGH] as number;
        person.low = words[at + PERSON_LOW] as number;
        if (people.increment(person, 1) === 1) counts.crossVariant += 1;
        continue;
      }
      const { first, last } = this;
      // A pair's second response makes a repeat respondent; every response after the first is a repeat response.
      if (first[index] === last[index]) counts.repeatRespondents += 1;
      counts.repeatResponses += 1;
      if (seq < (first[index] as number)) first[index] = seq;
      if (seq > (last[index] as number)) last[index] = seq;
    }
  }

  private newPair(seq: number): void {
    if (this.pairCount === this.first.length) {
      [this.first, this.last] = [firstSeqs, lastSeqs] = [grown(this.first), grown(this.last)];
    }
    this.first[this.pairCount] = seq;
    this.last[this.pairCount] = seq;
    this.pairCount += 1;
  }

  keepOrDrop(words: Int32Array): void {
    const { outcomes, dedupe } = this.resolution;
    const { first, last, pairs, takeBacks } = this;
    for (let at = 0; at < words.length; at += WORDS) {
      const seq = seqAt(words, at);
      const index = pairs.get(this.pairKey(words, at), -1);
      const file = words[at + FILE] as number;
      const isFirst = seq === first[index];
      if (!isFirst) outcomes.fileRepeats[file] = (outcomes.fileRepeats[file] as number) + 1;
      const keep = dedupe === "first" ? isFirst : seq === last[index];
      if (keep) settle(outcomes, words, at);
      else {
        // `--dedupe last` counted this response when it was read and took it back at the next one: its cell exists.
        if (dedupe === "last") outcomes.create(file, (words[at + OUTCOME] as number) >>> 4, seq);
        outcomes.drop(file, REPEAT, takeBacks === null ? seq : Number.MAX_VALUE);
      }
    }
  }
}

/**
 * When `--dedupe last` first took back a response of each file. A file's responses of one pair, in order, are
 * taken back at their pair's next response; the earliest of those is the second of the pair's responses in
 * the file if it has two or more (files are contiguous in run order, so nothing of the pair lies between
 * them), else a response of a later file. Only the first case can come before another reason's first row
 * of the file; the second is after all of them (`Number.MAX_VALUE` in `resolveRespondents`).
 */
class TakeBackTimes {
  private readonly table: HashTable64;
  private readonly key = new Hash64();
  private files: number[] = [];
  private first: number[] = [];
  private second: number[] = [];

  constructor(expected: number) {
    this.table = table("takeBacks", true, expected);
  }

  /** A response of the pair `pair` in `file`. */
  note(pair: Hash64, file: number, seq: number): void {
    this.key.high = pair.high;
    this.key.low = pair.low;
    const index = this.table.putIfAbsent(combine(this.key, file, Math.imul(file, 0x9e3779b1)), this.files.length, -1);
    if (index < 0) {
      this.files.push(file);
      this.first.push(seq);
      this.second.push(Number.POSITIVE_INFINITY);
      return;
    }
    const [first, second] = [this.first[index] as number, this.second[index] as number];
    if (seq < first) [this.first[index], this.second[index]] = [seq, first];
    else if (seq < second) this.second[index] = seq;
  }

  apply(outcomes: Outcomes): void {
    this.second.forEach((seq, index) => {
      if (seq < Number.POSITIVE_INFINITY) outcomes.noteFirstDrop(this.files[index] as number, REPEAT, seq);
    });
  }
}

function grown(values: Float64Array): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(values.length * 2);
  bigger.set(values);
  return bigger;
}
