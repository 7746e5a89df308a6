/**
 * Vitest setup file: each test file gets its own temporary directory inside the run's (global-setup.ts).
 * Test files run in parallel, and some check that the ledger leaves no spill directory behind: in a shared
 * directory they would see another file's, still in use.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

process.env["TMPDIR"] = mkdtempSync(join(tmpdir(), "file-"));
