/**
 * The variant and segment columns' values by their bytes (fast-rows.ts): a column has few distinct values, so a
 * repeated one is found again without decoding it, and gets a small number (its entry) that the row counter
 * keeps its per-value state by.
 */

/** Values kept per column, and the longest kept (in bytes). */
export const ENTRIES = 32;
export const ENTRY_BYTES = 64;

/**
 * The trimmed text of a low-cardinality column's values (variant, segment) by their bytes, so a repeated value
 * is not decoded again: up to ENTRIES values of up to ENTRY_BYTES bytes, each found by its length and first
 * byte, then checked byte by byte. Typed arrays rather than an array of entries with a Buffer each: two such
 * lookups a row were ~10% of a reader thread's time (`count`, `segmentValue`), the entry objects and the
 * Buffers' length getter most of it. The text, not a value made by a function given: with a function per
 * column the call met a second target and V8 gave up the compiled row counter (`node --trace-deopt`), as it
 * did when the first text went into an array made empty (an array of small integers to V8, until then).
 */
export class Interner {
  private readonly lengths = new Int32Array(ENTRIES);
  private readonly firstBytes = new Int32Array(ENTRIES);
  private readonly stored = new Uint8Array(ENTRIES * ENTRY_BYTES);
  private readonly texts = new Array<string>(ENTRIES).fill("");
  private count = 0;
  /** The entry of the last value found or added, or -1 when it was not kept (too many, or too long). */
  entry = -1;

  /** Values kept so far (their entries are 0 to size - 1). */
  get size(): number {
    return this.count;
  }

  /** The text of an entry (found by row-kernel.ts, which knows the entries' bytes). */
  textOf(entry: number): string {
    this.entry = entry;
    return this.texts[entry] as string;
  }

  value(bytes: Buffer, start: number, end: number): string {
    const length = end - start;
    const first = length > 0 ? (bytes[start] as number) : -1;
    const { lengths, firstBytes, stored } = this;
    for (let entry = 0; entry < this.count; entry += 1) {
      if (lengths[entry] !== length || firstBytes[entry] !== first) continue;
      const base = entry * ENTRY_BYTES - start;
      let at = start;
      while (at < end && stored[base + at] === bytes[at]) at += 1;
      if (at === end) {
        this.entry = entry;
        return this.texts[entry] as string;
      }
    }
    this.entry = -1;
    const text = bytes.toString("utf8", start, end).trim();
    if (this.count < ENTRIES && length <= ENTRY_BYTES) {
      stored.set(bytes.subarray(start, end), this.count * ENTRY_BYTES);
      lengths[this.count] = length;
      firstBytes[this.count] = first;
      this.texts[this.count] = text;
      this.entry = this.count;
      this.count += 1;
    }
    return text;
  }
}
