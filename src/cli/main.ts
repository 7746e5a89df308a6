/**
 * The command-line entry. Builds the commander program from the option table, runs it, and is the only place
 * that maps errors to exit codes and the only caller of `process.exit`. Errors print as one line on stderr,
 * `nps-ab: <file>:<line>: <what> (<hint>)`, never a stack trace unless `--debug`.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { InputError, InternalError, UsageError } from "../errors.js";
import { keepYoungGenerationSmall } from "../young-generation.js";
import { runAnalyze } from "./commands/analyze.js";
import { AGGREGATE_OPTIONS, runAggregate } from "./commands/aggregate.js";
import { POWER_OPTIONS, runPower } from "./commands/power.js";
import { runSql, SQL_OPTIONS } from "./commands/sql.js";
import { EXIT } from "./exit-code.js";
import { colourLevel, type Io } from "./io.js";
import { progressWanted } from "./progress.js";
import { ANALYZE_OPTIONS, type OptionSpec, type RawOptions } from "./options.js";

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return manifest.version;
}

/**
 * Defaults appear in the help only: commander hands over just what the user typed, so a config file's value
 * is overridden by an explicit flag and never by a default (the defaults are applied when normalising).
 */
export function toCommanderOption(spec: OptionSpec): Option {
  const flags = `${spec.short === undefined ? "" : `-${spec.short}, `}--${spec.name}${spec.argument === undefined ? "" : ` <${spec.argument}>`}`;
  const description = spec.defaultValue === undefined ? spec.description : `${spec.description} (default: ${spec.defaultValue})`;
  const option = new Option(flags, description);
  if (spec.repeatable === true) option.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
  return option;
}

/** Formats an error as the one line the user sees. */
export function formatError(error: UsageError | InputError | InternalError): string {
  if (error instanceof InputError) {
    const { file, line, column } = error.location;
    const where = `${file}${line === undefined ? "" : `:${line}`}`;
    const columnText = column === undefined ? "" : ` in column ${JSON.stringify(column)}`;
    return `nps-ab: ${where}: ${error.message}${columnText}${error.hint === undefined ? "" : ` (${error.hint})`}`;
  }
  if (error instanceof UsageError) return `nps-ab: ${error.message}${error.hint === undefined ? "" : ` (${error.hint})`}`;
  return `nps-ab: internal error: ${error.message} (this is a bug in nps-ab; please report it with the command you ran)`;
}

interface CommandSpec {
  readonly name: string;
  readonly description: string;
  readonly argument?: { readonly name: string; readonly description: string };
  readonly options: readonly OptionSpec[];
  readonly run: (files: readonly string[], raw: RawOptions, io: Io) => Promise<number>;
}

/** The commands, declared as data like their options. */
const COMMANDS: readonly CommandSpec[] = [
  {
    name: "analyze",
    description: "compare the NPS of two variants: intervals, tests, equivalence and a verdict",
    argument: { name: "[files...]", description: "CSV exports: one per variant (name=path to name it), or several with --variant-column" },
    options: ANALYZE_OPTIONS,
    run: runAnalyze,
  },
  {
    name: "power",
    description: "responses per variant needed to detect a difference (--mde) or show equivalence / non-inferiority (--margin)",
    argument: { name: "[baseline...]", description: "optional CSV export(s) whose score mix is the baseline (instead of --promoters/--detractors)" },
    options: POWER_OPTIONS,
    run: runPower,
  },
  {
    name: "aggregate",
    description: "count raw exports into a counts CSV (a partial tally); analyze --counts sums such files",
    argument: { name: "[files...]", description: "CSV exports, as for analyze" },
    options: AGGREGATE_OPTIONS,
    run: runAggregate,
  },
  {
    name: "sql",
    description: "print the warehouse query that counts responses into a counts CSV for analyze --counts",
    options: SQL_OPTIONS,
    run: (_files, raw, io) => runSql(raw, io),
  },
];

function buildProgram(io: Io, setExitCode: (code: number) => void): Command {
  const program = new Command("nps-ab")
    .description("Did a rebrand move customer sentiment? Compare Net Promoter Score between two variants.")
    .version(packageVersion())
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // One line, like every other error: commander's suggestion ("Did you mean ...?") joins it in brackets.
      outputError: (text, write) => write(`nps-ab: ${text.trim().replace(/^error: /, "").replace(/\n\((.*)\)$/s, " ($1)").replace(/\s*\n\s*/g, " ")}\n`),
    });
  for (const command of COMMANDS) {
    const sub = program.command(command.name).description(command.description);
    if (command.argument !== undefined) sub.argument(command.argument.name, command.argument.description);
    // commander passes the positional list first when the command takes one, then the options.
    sub.action(async (...args: unknown[]) => {
      const files = command.argument === undefined ? [] : (args[0] as string[]);
      const raw = (command.argument === undefined ? args[0] : args[1]) as RawOptions;
      setExitCode(await command.run(files, raw, io));
    });
    for (const spec of command.options) sub.addOption(toCommanderOption(spec));
  }
  return program;
}

/** Runs the CLI and returns the exit code; never throws, never exits. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    const debug = argv.includes("--debug");
    if (error instanceof CommanderError) {
      // Help and version end in a CommanderError with exit code 0; parse errors were already printed.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError || error instanceof InputError) {
      io.stderr.write(`${formatError(error)}\n`);
      if (debug && error.stack !== undefined) io.stderr.write(`${error.stack}\n`);
      return EXIT.usage;
    }
    const internal = new InternalError(error instanceof Error ? error.message : String(error));
    io.stderr.write(`${formatError(internal)}\n`);
    if (debug && error instanceof Error && error.stack !== undefined) io.stderr.write(`${error.stack}\n`);
    return EXIT.usage;
  }
}

export async function main(argv: readonly string[]): Promise<void> {
  keepYoungGenerationSmall();
  const io: Io = {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    colourLevel: colourLevel(process.env, process.stdout.isTTY === true),
    progress: progressWanted({ stderrIsTty: process.stderr.isTTY === true, env: process.env, quiet: false }),
  };
  const code = await run(argv, io);
  // Let stdout drain before exiting, so a piped JSON report is never cut short.
  process.stdout.write("", () => process.exit(code));
}
