/** Test inputs on disk: each call writes a new CSV file in a directory of its own (under the run's TMPDIR). */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";

/** A writer of numbered CSV files in a fresh directory named after `prefix`; returns each file's path. */
export function csvFileWriter(prefix: string): (content: string | Buffer) => string {
  const dir = mkdtempSync(join(tmpdir(), `nps-ab-${prefix}-`));
  let files = 0;
  return (content) => {
    files += 1;
    const path = join(dir, `f${files}.csv`);
    writeFileSync(path, content);
    return path;
  };
}

/** `bytes` as stdin gives them, in chunks of `sizes` (repeated in turn). */
export function stdinOf(bytes: Buffer, sizes: readonly number[]): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0, index = 0; at < bytes.length; index += 1) {
    const size = sizes[index % sizes.length] as number;
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return Readable.from(chunks);
}
