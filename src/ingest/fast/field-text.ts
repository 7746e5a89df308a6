/** Field text helpers of the byte-level scanner (scanner.ts): unescaping a quoted field, counting characters. */

const QUOTE = 0x22;

/** UTF-16 code units of UTF-8 bytes: one per lead byte, two for a four-byte sequence. */
export function codeUnits(bytes: Uint8Array, start: number, end: number): number {
  let units = 0;
  for (let index = start; index < end; index += 1) {
    const byte = bytes[index] as number;
    if (byte < 0x80 || byte >= 0xc0) units += byte >= 0xf0 ? 2 : 1;
  }
  return units;
}

/** The text of a field the scanner marked ESCAPED (`start..end` is the raw field, opening quote included). */
export function unescapeField(bytes: Buffer, start: number, end: number): string {
  const parts: Buffer[] = [];
  let from = start + 1;
  let index = from;
  while (index < end) {
    if (bytes[index] !== QUOTE) {
      index += 1;
      continue;
    }
    parts.push(bytes.subarray(from, index));
    if (bytes[index + 1] === QUOTE && index + 1 < end) {
      from = index + 1;
      index += 2;
      continue;
    }
    // The closing quote; whatever follows it (after a NUL byte) is kept as it is.
    from = index + 1;
    index = end;
  }
  parts.push(bytes.subarray(from, end));
  return Buffer.concat(parts).toString("utf8");
}
