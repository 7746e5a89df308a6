/**
 * Vitest global setup: every temporary file of a test run (the tests' own directories, the ledger's spill
 * directories) goes under one directory, removed when the run ends, so runs leave nothing in /tmp.
 * `os.tmpdir()` reads TMPDIR when called, and the test workers inherit it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

let directory: string | null = null;

export function setup(): void {
  directory = mkdtempSync(join(tmpdir(), "nps-ab-tests-"));
  process.env["TMPDIR"] = directory;
}

export function teardown(): void {
  if (directory !== null) rmSync(directory, { recursive: true, force: true });
}
