/**
 * A progress bar on stderr while large exports are read. Only where someone watches: stderr is a TTY, not
 * in CI (`CI` set), not with `--quiet`; and only once reading has taken about a second, so small files
 * never flash a bar. It is drawn on one line, redrawn at most ten times a second, and erased when done.
 * After the reading, a step without a measurable share (finding duplicates in a large file can take seconds)
 * replaces the bar with its name, so the wait is not silent.
 */

/** Wait this long before drawing: most reads finish sooner, and a bar that flashes is noise. */
export const PROGRESS_DELAY_MS = 1000;
const REDRAW_MS = 100;

export interface ProgressEnvironment {
  readonly stderrIsTty: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly quiet: boolean;
}

/** Whether a progress bar may be drawn at all. */
export function progressWanted({ stderrIsTty, env, quiet }: ProgressEnvironment): boolean {
  const ci = env["CI"];
  const inCi = ci !== undefined && ci !== "" && ci !== "0" && ci.toLowerCase() !== "false";
  return stderrIsTty && !inCi && !quiet;
}

/**
 * The bar for `bytesRead` of `totalBytes`, e.g. `reading [#######-------------]  35%  60/172 MB`; with no
 * total (0: stdin, a file decoded from another encoding), the megabytes read so far.
 */
export function progressLine(bytesRead: number, totalBytes: number, width = 20): string {
  if (totalBytes <= 0) return `reading ${(bytesRead / 1e6).toFixed(0)} MB (size not known)`;
  const share = Math.min(1, Math.max(0, bytesRead / totalBytes));
  const filled = Math.round(share * width);
  const megabytes = (bytes: number): string => (bytes / 1e6).toFixed(0);
  const percent = `${Math.floor(share * 100)}%`.padStart(4);
  return `reading [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${percent}  ${megabytes(bytesRead)}/${megabytes(totalBytes)} MB`;
}

export interface ProgressReporter {
  update(bytesRead: number, totalBytes: number): void;
  /** Names the step that follows the reading, e.g. `finding duplicates and repeat respondents`. */
  step(name: string): void;
  /** Erases the bar, if one was drawn. */
  finish(): void;
}

/** Draws on `write` (stderr), timed by `now` (injected for tests). */
export function progressReporter(write: (text: string) => void, now: () => number = Date.now): ProgressReporter {
  const started = now();
  let drawnAt = Number.NEGATIVE_INFINITY;
  return {
    update(bytesRead, totalBytes) {
      const time = now();
      if (time - started < PROGRESS_DELAY_MS || time - drawnAt < REDRAW_MS) return;
      drawnAt = time;
      write(`\r${progressLine(bytesRead, totalBytes)}\u001b[K`);
    },
    step(name) {
      if (now() - started < PROGRESS_DELAY_MS) return;
      drawnAt = now();
      write(`\r${name}...\u001b[K`);
    },
    finish() {
      if (drawnAt !== Number.NEGATIVE_INFINITY) write("\r\u001b[K");
    },
  };
}
