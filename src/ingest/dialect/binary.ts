/**
 * Refusing non-text input up front, with a hint for the usual mistakes (an Excel workbook or a PDF report
 * saved instead of the CSV export), rather than parsing garbage into "invalid score" rows.
 */
import { InputError } from "../../errors.js";

const MAGIC: readonly { readonly bytes: readonly number[]; readonly what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: "a ZIP archive or an Excel .xlsx workbook" },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: "an Excel .xls workbook" },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: "a PDF document" },
];

/** Control characters other than tab, line feed, form feed and carriage return never occur in CSV text. */
function isControl(byte: number): boolean {
  return (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) || byte === 0x7f;
}

/**
 * UTF-16 text without a byte-order mark has a NUL in every other byte for ASCII characters: that is an
 * encoding question, not binary data, and deserves its own message.
 */
function looksLikeUtf16(prefix: Buffer): "utf-16le" | "utf-16be" | null {
  const pairs = Math.floor(Math.min(prefix.length, 4096) / 2);
  if (pairs < 2) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let index = 0; index < pairs; index += 1) {
    if (prefix[2 * index] === 0) evenNul += 1;
    if (prefix[2 * index + 1] === 0) oddNul += 1;
  }
  if (oddNul > 0.6 * pairs && evenNul < 0.1 * pairs) return "utf-16le";
  if (evenNul > 0.6 * pairs && oddNul < 0.1 * pairs) return "utf-16be";
  return null;
}

/** Throws if the prefix of a file without a byte-order mark is not text. */
export function assertText(prefix: Buffer, file: string): void {
  for (const { bytes, what } of MAGIC) {
    if (bytes.every((byte, index) => prefix[index] === byte)) {
      throw new InputError(`binary input, not CSV text: this looks like ${what}`, { file }, "export the responses as CSV");
    }
  }
  const utf16 = looksLikeUtf16(prefix);
  if (utf16 !== null) {
    throw new InputError(`unknown encoding: looks like ${utf16.toUpperCase()} without a byte-order mark`, { file, line: 1 }, `say --encoding ${utf16}, or save the export as UTF-8`);
  }
  const sample = prefix.subarray(0, 8192);
  const controls = sample.reduce((count, byte) => count + (isControl(byte) ? 1 : 0), 0);
  // A single stray control character can be a typo in a comment; several percent is not text.
  if (sample.includes(0) || controls > Math.max(2, sample.length * 0.01)) {
    throw new InputError("binary or non-text input, not a CSV export", { file }, "export the responses as CSV text");
  }
}
