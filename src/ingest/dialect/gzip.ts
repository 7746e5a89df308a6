/** gzip is recognised by its magic bytes, not the file name: `.gz` exports and piped `gzip -c` both work. */
import { InputError } from "../../errors.js";

// RFC 1952 section 2.3.1: ID1 = 0x1f, ID2 = 0x8b.
export function isGzip(prefix: Buffer): boolean {
  return prefix.length >= 2 && prefix[0] === 0x1f && prefix[1] === 0x8b;
}

/** zlib's errors carry codes `Z_DATA_ERROR`, `Z_BUF_ERROR` ("unexpected end of file") and the like. */
export function isZlibError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("Z_");
}

export function corruptGzip(file: string): InputError {
  return new InputError("cannot decompress: not a valid gzip file (corrupt or truncated)", { file }, "check the download, or decompress it with gunzip to see what is wrong");
}
