/**
 * The reader threads started before the first file is opened (parallel.ts' prestartReaders) while nothing
 * else holds the process open: in a process of its own, as the CLI runs, not in the test runner (whose own
 * handles would hide a process that ends while it waits for them to come online).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

describe("reader threads started before the first file is opened", () => {
  it("are waited for, and the run reads every row in parallel chunks", () => {
    // A file, not --input-type: worker threads inherit the process's options, and that one fails them.
    const script = join(mkdtempSync(join(tmpdir(), "nps-ab-prestart-")), "run.mjs");
    writeFileSync(
      script,
      `
      import { Readable } from "node:stream";
      import { ingest } from ${JSON.stringify(new URL("../../dist/ingest/ingest.js", import.meta.url).href)};
      const parallel = { workers: 2, mainReads: false, chunkBytes: 200000, minBytes: 0 };
      const result = await ingest([{ path: "fixtures/ebates.csv", variant: "a" }, { path: "fixtures/rakuten-rewards.csv", variant: "b" }], { timeZone: "UTC", strict: false, parallel }, Readable.from([]));
      console.log(result.tally.accounting.rowsRead);
    `,
    );
    const run = spawnSync(process.execPath, [script], { cwd: root, encoding: "utf8" });
    expect(run.stderr).toBe("");
    // The fixtures' 20,008 and 19,608 rows (test/cli/analyze.test.ts counts them the same).
    expect(run.stdout).toBe("39616\n");
    expect(run.status).toBe(0);
  });
});
