/**
 * 64-bit hashes of identifiers (response IDs, respondent emails) and a compact set/map keyed by them. The
 * ledger of duplicates and repeat respondents is the one part of ingest that grows with the rows (one entry
 * per distinct id); as JavaScript strings in a Set that is ~100 bytes an id, as two 32-bit words in typed
 * arrays it is 8-12 bytes a slot.
 *
 * The hash runs over UTF-16 code units, so a string and the bytes of the same ASCII text (as the byte-level
 * reader sees them) hash alike. Two 32-bit lanes (a murmur3 round and an xxhash32 round per 32-bit word of
 * input: four units of a text below U+0100, else two; each lane finished with murmur3's fmix32) make one
 * 64-bit value. Treating it as uniform, the chance that any two of
 * n distinct ids collide is about n^2 / 2^65: 1e-7 for 2 million ids, 1.3e-5 for 22 million. A collision
 * would drop one response as a duplicate of another; it cannot do anything else.
 */

/** The result of a hash: two 32-bit halves (a scratch object, reused to avoid allocating per row). */
export class Hash64 {
  high = 0;
  low = 0;
}

function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

const SEED_HIGH = 0x2545f491;
const SEED_LOW = 0x6c8e9cf5;

function laneHigh(h: number, unit: number): number {
  let k = Math.imul(unit, 0xcc9e2d51);
  k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
  const x = h ^ k;
  return (Math.imul((x << 13) | (x >>> 19), 5) + 0xe6546b64) | 0;
}

function laneLow(h: number, unit: number): number {
  const x = (h + Math.imul(unit, 0x85ebca77)) | 0;
  return Math.imul((x << 13) | (x >>> 19), 0x9e3779b1);
}

function finish(out: Hash64, high: number, low: number, length: number): Hash64 {
  out.high = fmix32(high ^ length);
  out.low = fmix32(low ^ Math.imul(length, 0x27d4eb2f));
  // (0, 0) marks an empty slot in HashTable64.
  if (out.high === 0 && out.low === 0) out.low = 1;
  return out;
}

/**
 * Hashes `text`. A text of units below 256 (any ASCII or Latin-1 text) is mixed four units at a time, one byte
 * each in a 32-bit word, like hashAscii; any other text two units at a time, 16 bits each (hashWide). Which
 * way is a property of the text, so equal texts still hash alike.
 */
export function hashString(text: string, out: Hash64): Hash64 {
  let high = SEED_HIGH;
  let low = SEED_LOW;
  const length = text.length;
  let index = 0;
  for (; index + 3 < length; index += 4) {
    const first = text.charCodeAt(index);
    const second = text.charCodeAt(index + 1);
    const third = text.charCodeAt(index + 2);
    const fourth = text.charCodeAt(index + 3);
    if ((first | second | third | fourth) > 0xff) return hashWide(text, out);
    const quad = first | (second << 8) | (third << 16) | (fourth << 24);
    high = laneHigh(high, quad);
    low = laneLow(low, quad);
  }
  if (index < length) {
    // The last one to three units in one word; the length is mixed in by `finish`.
    let rest = 0;
    for (let shift = 0; index < length; index += 1, shift += 8) {
      const unit = text.charCodeAt(index);
      if (unit > 0xff) return hashWide(text, out);
      rest |= unit << shift;
    }
    high = laneHigh(high, rest);
    low = laneLow(low, rest);
  }
  return finish(out, high, low, length);
}

/** hashString of a text with a unit from U+0100 up: two units to a round. */
function hashWide(text: string, out: Hash64): Hash64 {
  let high = SEED_HIGH;
  let low = SEED_LOW;
  const length = text.length;
  let index = 0;
  for (; index + 1 < length; index += 2) {
    const pair = text.charCodeAt(index) | (text.charCodeAt(index + 1) << 16);
    high = laneHigh(high, pair);
    low = laneLow(low, pair);
  }
  if (index < length) {
    high = laneHigh(high, text.charCodeAt(index));
    low = laneLow(low, text.charCodeAt(index));
  }
  return finish(out, high, low, length);
}

const HIGH_BITS = 0x80808080;

/**
 * Sets the 0x20 bit of each byte of `quad` (four ASCII bytes) that is an upper-case letter, 0x41-0x5a: a byte
 * plus 0x3f reaches 0x80 from 0x41 on, plus 0x25 from 0x5b on, and ASCII bytes carry nothing into the next.
 */
const lowerQuad = (quad: number): number => quad | ((((quad + 0x3f3f3f3f) & ~(quad + 0x25252525)) & HIGH_BITS) >>> 2);

/**
 * The hash of bytes `start..end` read as ASCII, optionally lower-cased: the same as hashString of that text,
 * four bytes at a time. Returns false (and no hash) if a byte is not ASCII: then hash the decoded text.
 */
export function hashAscii(bytes: Uint8Array, start: number, end: number, lowerCase: boolean, out: Hash64): boolean {
  let high = SEED_HIGH;
  let low = SEED_LOW;
  let index = start;
  for (; index + 3 < end; index += 4) {
    let quad = (bytes[index] as number) | ((bytes[index + 1] as number) << 8) | ((bytes[index + 2] as number) << 16) | ((bytes[index + 3] as number) << 24);
    if ((quad & HIGH_BITS) !== 0) return false;
    if (lowerCase) quad = lowerQuad(quad);
    high = laneHigh(high, quad);
    low = laneLow(low, quad);
  }
  if (index < end) {
    let rest = 0;
    for (let shift = 0; index < end; index += 1, shift += 8) rest |= (bytes[index] as number) << shift;
    if ((rest & HIGH_BITS) !== 0) return false;
    if (lowerCase) rest = lowerQuad(rest);
    high = laneHigh(high, rest);
    low = laneLow(low, rest);
  }
  finish(out, high, low, end - start);
  return true;
}

const digits = new Uint8Array(16);

/**
 * hashString of `String(value)` for a whole number 0 <= value < 10^16, from its decimal digits written into a
 * scratch buffer instead of a string (the ledger hashes numeric IDs it stopped deciding: id-set.ts).
 */
export function hashWholeNumber(value: number, out: Hash64): Hash64 {
  // In two parts below 10^8, so that the digits come from 32-bit integer arithmetic, not division of doubles.
  let high = Math.floor(value / 1e8);
  let low = value - high * 1e8;
  let at = 16;
  do {
    const next = (low / 10) | 0;
    digits[(at -= 1)] = 0x30 + low - next * 10;
    low = next;
  } while (low > 0);
  if (high > 0) {
    // The low part's leading zeros, then the high part.
    while (at > 8) digits[(at -= 1)] = 0x30;
    do {
      const next = (high / 10) | 0;
      digits[(at -= 1)] = 0x30 + high - next * 10;
      high = next;
    } while (high > 0);
  }
  hashAscii(digits, at, 16, false, out);
  return out;
}

/** Combines a hashed value with another hash (of its variant) in place: a bijection of the value for each `with`. */
export function combine(out: Hash64, withHigh: number, withLow: number): Hash64 {
  out.high = fmix32(out.high ^ withHigh);
  out.low = fmix32(out.low ^ withLow);
  if (out.high === 0 && out.low === 0) out.low = 1;
  return out;
}

/**
 * Open addressing with linear probing over 64-bit keys, with an optional 32-bit value per key. Key and value
 * share one typed array (stride 2 or 3), so a probe touches one cache line.
 */
/**
 * Slots for `keys` keys: a power of two from `least` on, the keys filling at most 3/4 of it (HashTable64
 * grows there: linear probing stays short; also the size of respondent-kernel.ts' tables).
 */
export function slotsFor(keys: number, least = 1024): number {
  let slots = least;
  while (slots * 3 < keys * 4) slots *= 2;
  return slots;
}

export class HashTable64 {
  private slots: Int32Array;
  private readonly stride: number;
  private mask: number;
  size = 0;

  /** `expected`: keys to make room for up front (growing on the way costs a rehash each time). */
  constructor(withValues: boolean, expected = 768) {
    this.stride = withValues ? 3 : 2;
    const capacity = slotsFor(expected);
    this.slots = new Int32Array(capacity * this.stride);
    this.mask = capacity - 1;
  }

  /**
   * The array index of the key's slot, or of the empty slot where it would go. The first slot mixes both
   * words (murmur3's finalizer): the ledger's partitions hold keys that share their low bits (a partition is
   * `low & 255`, a sub-partition 4 more bits of `high`), so `low & mask` put a partition's 86,000 keys into
   * 1/256 of the slots, and linear probing walked ~80 slots a key.
   */
  private find(high: number, low: number): number {
    const { slots, stride, mask } = this;
    let slot = fmix32(low ^ Math.imul(high, 0x9e3779b1)) & mask;
    for (;;) {
      const at = slot * stride;
      const slotHigh = slots[at] as number;
      const slotLow = slots[at + 1] as number;
      if ((slotHigh === high && slotLow === low) || (slotHigh === 0 && slotLow === 0)) return at;
      slot = (slot + 1) & mask;
    }
  }

  private empty(at: number): boolean {
    return this.slots[at] === 0 && this.slots[at + 1] === 0;
  }

  has(key: Hash64): boolean {
    return !this.empty(this.find(key.high, key.low));
  }

  /** Adds the key; returns whether it was new. */
  add(key: Hash64): boolean {
    const at = this.find(key.high, key.low);
    if (!this.empty(at)) return false;
    this.insertAt(at, key.high, key.low, 0);
    return true;
  }

  /**
   * Adds the keys (high, low pairs) unless one is here already; then it adds none and returns false. The
   * keys added last are removed first, which restores the table exactly (no probe ran past them).
   */
  addAllNew(keys: Int32Array): boolean {
    this.reserve(keys.length / 2);
    const added: number[] = [];
    for (let index = 0; index < keys.length; index += 2) {
      const at = this.find(keys[index] as number, keys[index + 1] as number);
      if (this.empty(at)) {
        this.insertAt(at, keys[index] as number, keys[index + 1] as number, 0);
        added.push(at);
        continue;
      }
      for (let undo = added.length - 1; undo >= 0; undo -= 1) this.slots.fill(0, added[undo] as number, (added[undo] as number) + this.stride);
      this.size -= added.length;
      return false;
    }
    return true;
  }

  /** The key's value, or `missing`. */
  get(key: Hash64, missing: number): number {
    const at = this.find(key.high, key.low);
    return this.empty(at) || this.stride === 2 ? missing : (this.slots[at + 2] as number);
  }

  set(key: Hash64, value: number): void {
    const at = this.find(key.high, key.low);
    if (this.empty(at)) this.insertAt(at, key.high, key.low, value);
    else if (this.stride === 3) this.slots[at + 2] = value;
  }

  /** Adds `by` to the key's value (a new key starts at 0); returns the value before. */
  increment(key: Hash64, by: number): number {
    const at = this.find(key.high, key.low);
    if (this.empty(at)) {
      this.insertAt(at, key.high, key.low, by);
      return 0;
    }
    const before = this.slots[at + 2] as number;
    this.slots[at + 2] = before + by;
    return before;
  }

  /** The key's value; a new key gets `value` (and `missing` is returned). */
  putIfAbsent(key: Hash64, value: number, missing: number): number {
    const at = this.find(key.high, key.low);
    if (!this.empty(at)) return this.slots[at + 2] as number;
    this.insertAt(at, key.high, key.low, value);
    return missing;
  }

  /** Calls `visit` with each key (in slot order) and its value. */
  forEach(visit: (high: number, low: number, value: number) => void): void {
    const { slots, stride } = this;
    for (let at = 0; at < slots.length; at += stride) {
      if (!this.empty(at)) visit(slots[at] as number, slots[at + 1] as number, stride === 3 ? (slots[at + 2] as number) : 0);
    }
  }

  /** Empties the table, keeping its room (to reuse it rather than leave a large array to the collector). */
  clear(): void {
    this.slots.fill(0);
    this.size = 0;
  }

  /** Makes room for `more` keys at once (one rehash rather than one per doubling). */
  reserve(more: number): void {
    const capacity = slotsFor(this.size + more, this.mask + 1);
    if (capacity > this.mask + 1) this.grow(capacity);
  }

  private insertAt(at: number, high: number, low: number, value: number): void {
    this.slots[at] = high;
    this.slots[at + 1] = low;
    if (this.stride === 3) this.slots[at + 2] = value;
    this.size += 1;
    // Grow at 3/4 full: linear probing stays short, and the table stays at 8-12 bytes a slot.
    if (this.size * 4 > (this.mask + 1) * 3) this.grow((this.mask + 1) * 2);
  }

  private grow(capacity: number): void {
    const old = this.slots;
    const { stride } = this;
    this.slots = new Int32Array(capacity * stride);
    this.mask = capacity - 1;
    for (let from = 0; from < old.length; from += stride) {
      if (old[from] === 0 && old[from + 1] === 0) continue;
      const at = this.find(old[from] as number, old[from + 1] as number);
      for (let word = 0; word < stride; word += 1) this.slots[at + word] = old[from + word] as number;
    }
  }
}
