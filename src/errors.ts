/**
 * The three error classes of nps-ab. Each carries a stable `code`; `src/cli/main.ts` is the only place
 * that maps them to exit codes and prints them (one line, no stack trace unless `--debug`).
 */

/** The command line or the options ask for something impossible: exit 2. */
export class UsageError extends Error {
  readonly code = "usage";
  constructor(message: string, readonly hint?: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Where in an input a problem was found. `line` is 1-based and counts physical lines of the file. */
export interface InputLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: string;
}

/** An input cannot be read or used as asked: exit 2, message names file, line and column. */
export class InputError extends Error {
  readonly code = "input";
  constructor(
    message: string,
    readonly location: InputLocation,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "InputError";
  }
}

/** A bug in nps-ab itself: exit 2 and a request for a bug report. */
export class InternalError extends Error {
  readonly code = "internal";
  constructor(message: string) {
    super(message);
    this.name = "InternalError";
  }
}
