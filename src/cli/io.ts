/** The process's streams and environment, gathered in one place so the CLI can run in tests without a process. */
import type { Readable, Writable } from "node:stream";
import type { ColorSupportLevel } from "chalk";

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
