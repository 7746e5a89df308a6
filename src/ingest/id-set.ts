/**
 * An exact set of whole-number response IDs per variant, for the ledger (respondents.ts) to find the copies of
 * responses with numeric IDs as it reads them, in file order, instead of in a pass over spilled records after
 * reading. Delighted's `Response ID` and SurveyMonkey's `Respondent ID` are such numbers, and mostly rise
 * through an export, so they are dense: the bench file's 2 million IDs take ~0.3 MB here against 72 MB of
 * ledger records written, read back and sorted by the ID pass.
 *
 * The layout is that of a Roaring bitmap (Chambi, Lemire, Kaser & Godin, "Better bitmap performance with
 * Roaring bitmaps", Software: Practice and Experience 46(5), 2016): the values are split into blocks of
 * 65,536 by their high part; a block holds its low parts as a sorted array of 16-bit values while it has at
 * most 4,096 of them (2 bytes a value), and as a 65,536-bit bitmap (8 KB) beyond. `bytes` is what it holds,
 * so that the ledger can stop using it at a budget (then it hands the values over to the ID pass: `forEach`).
 *
 * Written here, not taken from npm: the Roaring ports there (`roaring`, CRoaring as a native addon built at
 * install; `roaring-wasm`) hold 32-bit values, and IDs run to 15 digits; the two block kinds above are all
 * this needs. test/ingest/id-set.test.ts holds it to a JavaScript Set.
 */

/**
 * The value of a response ID written as a whole number in plain digits: no sign, no leading zero, at most 15
 * digits (so below 2^53, exact in a double); else -1. Each such text is one number and each number one such
 * text (`String(value)`), so the IdSet decides exactly what hashing the text would.
 */
export function wholeNumberId(text: string): number {
  return WHOLE_NUMBER.test(text) ? Number(text) : -1;
}
const WHOLE_NUMBER = /^(?:0|[1-9][0-9]{0,14})$/;

/** wholeNumberId of the bytes `start..end` (ASCII digits), without decoding them. */
export function wholeNumberIdOf(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start;
  if (length < 1 || length > 15 || (bytes[start] === 0x30 && length > 1)) return -1;
  let value = 0;
  for (let at = start; at < end; at += 1) {
    const digit = (bytes[at] as number) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

const BLOCK_BITS = 16;
const BLOCK_VALUES = 1 << BLOCK_BITS;
/** An array block becomes a bitmap beyond this many values (where 2 bytes a value reach the bitmap's 8 KB). */
const ARRAY_MAX = 4096;
/**
 * What a block costs besides its values: a Map entry, the block object and its typed array (~3x the 96 bytes
 * first assumed: 80,000 values in 10,000 blocks grew the heap by 6.1 MB, against 2.0 MB counted).
 */
const BLOCK_OVERHEAD = 320;
/**
 * Past this many values (within the head a file's main thread reads, so that its worker threads are told
 * before its first chunk), fewer than SPARSE_VALUES a block on average make the set `sparse`: it then costs
 * tens of bytes a value (11-digit IDs spread over a wide range), and the ID pass does better.
 */
const SPARSE_CHECK = 256;
const SPARSE_VALUES = 16;

interface Block {
  /** Sorted low parts (`size` of them), while the block is an array; null once it is a bitmap. */
  values: Uint16Array | null;
  size: number;
  bits: Int32Array | null;
}

export class IdSet {
  private readonly variants: Map<number, Block>[] = [];
  /** Bytes held by the blocks (estimated overhead included). */
  bytes = 0;
  /** Values held, and blocks holding them. */
  size = 0;
  private blocks = 0;
  /**
   * Each variant's block of its last value added: IDs mostly come in order, so most values fall in it (by
   * variant: the rows of two sites are interleaved).
   */
  private readonly lastHighs: number[] = [];
  private readonly lastBlocks: (Block | undefined)[] = [];

  /** Adds `value` (a whole number, 0 <= value < 2^53) of variant `variant`; false if it was there already. */
  add(variant: number, value: number): boolean {
    const high = Math.floor(value / BLOCK_VALUES);
    const low = value - high * BLOCK_VALUES;
    let block = this.lastBlocks[variant];
    if (block === undefined || high !== this.lastHighs[variant]) {
      block = this.blockOf(variant, high);
      this.lastBlocks[variant] = block;
      this.lastHighs[variant] = high;
    }
    const { bits } = block;
    if (bits !== null) {
      const word = low >>> 5;
      const mask = 1 << (low & 31);
      if (((bits[word] as number) & mask) !== 0) return false;
      bits[word] = (bits[word] as number) | mask;
      block.size += 1;
      this.size += 1;
      return true;
    }
    const added = this.addToArray(block, low);
    if (added) this.size += 1;
    return added;
  }

  /** Whether the values are too spread out for the set to be worth its memory (see SPARSE_VALUES). */
  get sparse(): boolean {
    return this.size >= SPARSE_CHECK && this.blocks * SPARSE_VALUES > this.size;
  }

  /** Every value, by variant (in no particular order). */
  forEach(each: (variant: number, value: number) => void): void {
    this.variants.forEach((blocks, variant) => {
      for (const [high, block] of blocks) {
        const base = high * BLOCK_VALUES;
        if (block.values !== null) for (let index = 0; index < block.size; index += 1) each(variant, base + (block.values[index] as number));
        else {
          const bits = block.bits as Int32Array;
          for (let low = 0; low < BLOCK_VALUES; low += 1) if (((bits[low >>> 5] as number) & (1 << (low & 31))) !== 0) each(variant, base + low);
        }
      }
    });
  }

  private blockOf(variant: number, high: number): Block {
    let blocks = this.variants[variant];
    if (blocks === undefined) {
      for (let index = this.variants.length; index <= variant; index += 1) this.variants.push(new Map());
      blocks = this.variants[variant] as Map<number, Block>;
    }
    let block = blocks.get(high);
    if (block === undefined) {
      const values = new Uint16Array(4);
      block = { values, size: 0, bits: null };
      blocks.set(high, block);
      this.blocks += 1;
      this.bytes += BLOCK_OVERHEAD + values.byteLength;
    }
    return block;
  }

  private addToArray(block: Block, low: number): boolean {
    const values = block.values as Uint16Array;
    const { size } = block;
    // In order (the common case): after the last value.
    let at = size;
    if (size > 0 && (values[size - 1] as number) >= low) {
      let [from, to] = [0, size];
      while (from < to) {
        const middle = (from + to) >>> 1;
        if ((values[middle] as number) < low) from = middle + 1;
        else to = middle;
      }
      if (from < size && values[from] === low) return false;
      at = from;
    }
    if (size === ARRAY_MAX) {
      const bits = this.toBitmap(block);
      bits[low >>> 5] = (bits[low >>> 5] as number) | (1 << (low & 31));
      block.size = size + 1;
      return true;
    }
    if (size < values.length) {
      // Not for a value added last (the common case): the call alone cost ~10 ns (2M rising IDs: 20-23 -> 18-21 ms).
      if (at < size) values.copyWithin(at + 1, at, size);
    } else {
      // Full: a larger array, the values copied around the new one's place.
      const grown = new Uint16Array(Math.min(ARRAY_MAX, values.length * 2));
      grown.set(values.subarray(0, at));
      grown.set(values.subarray(at, size), at + 1);
      this.bytes += grown.byteLength - values.byteLength;
      block.values = grown;
    }
    (block.values as Uint16Array)[at] = low;
    block.size = size + 1;
    return true;
  }

  private toBitmap(block: Block): Int32Array {
    const values = block.values as Uint16Array;
    const bits = new Int32Array(BLOCK_VALUES / 32);
    for (let index = 0; index < block.size; index += 1) {
      const low = values[index] as number;
      bits[low >>> 5] = (bits[low >>> 5] as number) | (1 << (low & 31));
    }
    this.bytes += bits.byteLength - values.byteLength;
    block.bits = bits;
    block.values = null;
    return bits;
  }
}
