/**
 * Text encodings: UTF-8 (with or without a byte-order mark) and UTF-16 LE/BE with a BOM (Excel's "Unicode
 * text") are recognised; a legacy single-byte encoding can be named with `--encoding`. Everything is handed
 * to csv-parse as UTF-8, so the parser and the line numbers see one encoding. Anything else is an error: a
 * mis-decoded file would turn accents into garbage silently.
 */
import { Transform, type TransformCallback } from "node:stream";
import { InputError } from "../../errors.js";
import { assertText } from "./binary.js";

/** Encodings `--encoding` accepts (WHATWG labels, decoded by TextDecoder). */
export const ENCODINGS = ["utf-8", "utf-16le", "utf-16be", "windows-1252", "iso-8859-1", "iso-8859-15"] as const;
export type EncodingName = (typeof ENCODINGS)[number];

export interface DetectedEncoding {
  readonly encoding: EncodingName;
  /** Bytes of the byte-order mark at the start, stripped before parsing. */
  readonly bomBytes: number;
}

const BOMS: readonly { readonly bytes: readonly number[]; readonly encoding: EncodingName | "utf-32" }[] = [
  // UTF-32 first: its little-endian BOM starts with UTF-16 LE's.
  { bytes: [0xff, 0xfe, 0x00, 0x00], encoding: "utf-32" },
  { bytes: [0x00, 0x00, 0xfe, 0xff], encoding: "utf-32" },
  { bytes: [0xef, 0xbb, 0xbf], encoding: "utf-8" },
  { bytes: [0xff, 0xfe], encoding: "utf-16le" },
  { bytes: [0xfe, 0xff], encoding: "utf-16be" },
];

const UNKNOWN_HINT = "save the export as UTF-8 or as UTF-16 with a byte-order mark, or name its encoding, e.g. --encoding windows-1252";

function startsWith(prefix: Buffer, bytes: readonly number[]): boolean {
  return prefix.length >= bytes.length && bytes.every((byte, index) => prefix[index] === byte);
}

/** The encoding of a file from its first bytes, or an InputError for binary data and unknown encodings. */
export function detectEncoding(prefix: Buffer, file: string, forced?: EncodingName): DetectedEncoding {
  const bom = BOMS.find(({ bytes }) => startsWith(prefix, bytes));
  if (forced !== undefined) return { encoding: forced, bomBytes: bom?.encoding === forced ? bom.bytes.length : 0 };
  if (bom !== undefined) {
    if (bom.encoding === "utf-32") throw new InputError("unknown encoding: UTF-32 is not supported", { file, line: 1 }, UNKNOWN_HINT);
    return { encoding: bom.encoding, bomBytes: bom.bytes.length };
  }
  assertText(prefix, file);
  // The prefix may end inside a multi-byte character: the streaming decoder keeps that tail for later.
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    decoder.decode(prefix, { stream: true });
  } catch {
    throw notDecodable("utf-8", prefix, 0, file);
  }
  return { encoding: "utf-8", bomBytes: 0 };
}

function countLineFeeds(text: string): number {
  let count = 0;
  for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) count += 1;
  return count;
}

/** The error for bytes that are not valid in `encoding`, naming the line of the first bad byte. */
function notDecodable(encoding: EncodingName, chunk: Buffer, linesBefore: number, file: string): InputError {
  const lenient = new TextDecoder(encoding).decode(chunk);
  const bad = lenient.indexOf("\uFFFD");
  const line = linesBefore + countLineFeeds(bad === -1 ? lenient : lenient.slice(0, bad)) + 1;
  if (encoding === "utf-8") return notUtf8(file, line);
  return new InputError(`not valid ${encoding.toUpperCase()} text`, { file, line }, UNKNOWN_HINT);
}

/** The error for input that ends with the first bytes of a character only. */
export function endsInsideCharacter(encoding: EncodingName, file: string, line: number): InputError {
  return new InputError(`the file ends inside a ${encoding.toUpperCase()} character`, { file, line }, "the file is truncated or not in this encoding");
}

/** The error for input that is not UTF-8 text (nor marked as UTF-16), naming the line of the first bad byte. */
export function notUtf8(file: string, line: number): InputError {
  return new InputError("unknown encoding: not UTF-8 text", { file, line }, UNKNOWN_HINT);
}

/**
 * A Transform from bytes in `encoding` to UTF-8 bytes, given the input after its byte-order mark (and any lines
 * skipped: `linesBefore` of them, for the line numbers of its errors). UTF-8 input is only validated and passed
 * through unchanged; other encodings are decoded and re-encoded.
 */
export function createDecoder(encoding: EncodingName, file: string, linesBefore = 0): Transform {
  const decoder = new TextDecoder(encoding, { fatal: true });
  let lines = linesBefore;
  return new Transform({
    transform(bytes: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
      let text: string;
      try {
        text = decoder.decode(bytes, { stream: true });
      } catch {
        callback(notDecodable(encoding, bytes, lines, file));
        return;
      }
      lines += countLineFeeds(text);
      callback(null, encoding === "utf-8" ? bytes : Buffer.from(text, "utf8"));
    },
    flush(callback: TransformCallback): void {
      try {
        const rest = decoder.decode();
        callback(null, encoding === "utf-8" || rest === "" ? undefined : Buffer.from(rest, "utf8"));
      } catch {
        callback(endsInsideCharacter(encoding, file, lines + 1));
      }
    },
  });
}
