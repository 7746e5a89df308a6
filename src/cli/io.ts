/** The process's streams and environment, gathered in one place so the CLI can run in tests without a process. */
import { writeFile } from "node:fs/promises";
import type { Readable, Writable } from "node:stream";
import type { ColorSupportLevel } from "chalk";
import { UsageError } from "../errors.js";

export interface Io {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** Colour for stdout: 0 unless stdout is a TTY, honouring NO_COLOR and FORCE_COLOR. */
  readonly colourLevel: ColorSupportLevel;
  /** Whether stderr is a terminal outside CI, where a progress bar may be drawn (progress.ts). */
  readonly progress?: boolean;
}

/**
 * Colour only on a TTY; `NO_COLOR` (any non-empty value, no-color.org) turns it off, `FORCE_COLOR`
 * (0-3, or empty / true for 1) turns it on or off regardless of the TTY, as in Node's own tty rules.
 */
export function colourLevel(env: NodeJS.ProcessEnv, isTty: boolean): ColorSupportLevel {
  const force = env["FORCE_COLOR"];
  if (force !== undefined) {
    if (force === "" || force === "true") return 1;
    if (force === "false") return 0;
    const level = Number(force);
    return Number.isInteger(level) && level >= 0 && level <= 3 ? (level as ColorSupportLevel) : 1;
  }
  if (env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "") return 0;
  return isTty ? 1 : 0;
}

/** Why a file could not be written, by error code: each is the user's to fix, not a bug. */
const UNWRITABLE: Readonly<Record<string, string>> = {
  ENOENT: "no such directory",
  ENOTDIR: "a part of the path is not a directory",
  EISDIR: "it is a directory",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "read-only file system",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
};

/** Writes `--output` (a report, counts or a query); a path that cannot be written is a usage error (exit 2). */
export async function writeOutputFile(path: string, text: string): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (error) {
    const reason = UNWRITABLE[(error as NodeJS.ErrnoException).code ?? ""];
    if (reason === undefined) throw error;
    throw new UsageError(`cannot write ${path}: ${reason}`, "check the --output path");
  }
}
