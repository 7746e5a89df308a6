/** Test inputs on disk: each call writes a new CSV file in a directory of its own (under the run's TMPDIR). */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

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
