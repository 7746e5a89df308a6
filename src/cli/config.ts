/**
 * `--config nps-ab.json`: every option of a command by its long name (`"ci-method": "tango"`,
 * `"phase": ["2018-06-01=logo"]`, `"sequential": true`), plus `"files"`. Flags on the command line override it.
 * Unknown keys and wrong types are errors, so a CI file cannot silently mean something else.
 */
import { readFile } from "node:fs/promises";
import { InputError } from "../errors.js";
import type { RawOptions } from "./option-values.js";
import type { OptionSpec } from "./options.js";

export interface ConfigFile {
  readonly options: RawOptions;
  readonly files: string[];
}

/** commander's camel-case key of a long option name: `ci-method` -> `ciMethod`. */
export function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** Where V8 says the error is, if it says: "... in JSON at position 26". */
function errorPosition(message: string): number | undefined {
  const match = /position (\d+)/.exec(message);
  return match === null ? undefined : Number(match[1]);
}

/**
 * The line of a JSON syntax error. V8's messages do not always give a position; then find the first line at
 * which the text read so far has an error before its end (config files are small).
 */
function lineOf(text: string, message: string): number | undefined {
  const position = errorPosition(message);
  if (position !== undefined) return text.slice(0, position).split("\n").length;
  const lines = text.split("\n");
  for (let count = 1; count <= lines.length; count++) {
    const prefix = lines.slice(0, count).join("\n");
    try {
      JSON.parse(prefix);
    } catch (error) {
      const prefixMessage = (error as Error).message;
      const at = errorPosition(prefixMessage);
      const incomplete = /end of JSON input/.test(prefixMessage) || (at !== undefined && at >= prefix.trimEnd().length);
      if (!incomplete) return count;
    }
  }
  return undefined;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}

/** Checks one value against its option's kind and returns it as commander would have handed it over. */
function convert(spec: OptionSpec, value: unknown, file: string): string | boolean | string[] {
  const fail = (expected: string, offending: unknown = value): never => {
    throw new InputError(`"${spec.name}" must be ${expected}, not ${describe(offending)}`, { file }, `as on the command line: --${spec.name}${spec.argument === undefined ? "" : ` <${spec.argument}>`}`);
  };
  if (spec.argument === undefined) return typeof value === "boolean" ? value : fail("true or false");
  const scalar = (item: unknown): string =>
    typeof item === "string" ? item : typeof item === "number" && Number.isFinite(item) ? String(item) : fail(spec.repeatable === true ? "a string or a list of strings" : "a string or a number", item);
  if (spec.repeatable === true) return Array.isArray(value) ? value.map(scalar) : [scalar(value)];
  return scalar(value);
}

export async function readConfig(path: string, specs: readonly OptionSpec[]): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === "ENOENT" ? "config file not found" : `cannot read config file (${code ?? "error"})`, { file: path });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    throw new InputError(`not valid JSON: ${message.replace(/\s+/g, " ")}`, { file: path, line: lineOf(text, message) });
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new InputError("a config file must hold one JSON object of options", { file: path }, 'e.g. { "margin": 3, "gate": "noninferiority" }');
  }
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const options: RawOptions = {};
  let files: string[] = [];
  for (const [key, value] of Object.entries(parsed)) {
    if (key === "files") {
      if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
        throw new InputError(`"files" must be a list of file names, not ${describe(value)}`, { file: path });
      }
      files = value;
      continue;
    }
    const spec = byName.get(key);
    if (spec === undefined || key === "config") {
      const known = [...byName.keys()].filter((name) => name !== "config").join(", ");
      throw new InputError(`unknown option "${key}"`, { file: path }, `options are named as on the command line without dashes: files, ${known}`);
    }
    options[camelCase(key)] = convert(spec, value, path);
  }
  return { options, files };
}
