import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { colourLevel } from "../../src/cli/io.js";
import { fixture, runCli } from "./run-cli.js";

describe("colourLevel", () => {
  it.each<[NodeJS.ProcessEnv, boolean, number]>([
    [{}, true, 1],
    [{}, false, 0],
    [{ NO_COLOR: "1" }, true, 0],
    [{ NO_COLOR: "" }, true, 1],
    [{ FORCE_COLOR: "0" }, true, 0],
    [{ FORCE_COLOR: "1" }, false, 1],
    [{ FORCE_COLOR: "3" }, false, 3],
    [{ FORCE_COLOR: "" }, false, 1],
    [{ FORCE_COLOR: "1", NO_COLOR: "1" }, false, 1],
  ])("env %j, tty %s -> level %d", (env, tty, level) => {
    expect(colourLevel(env, tty)).toBe(level);
  });
});

describe("an output file that cannot be written", () => {
  // The user's to fix, like a missing input: exit 2 and one line naming the path, not "a bug in nps-ab".
  const missing = join(tmpdir(), "nps-ab-no-such-directory", "out.txt");
  const directory = mkdtempSync(join(tmpdir(), "nps-ab-out-"));
  const inputs = [fixture("ebates.csv"), fixture("rakuten-rewards.csv")];
  it.each<[string, string[], RegExp]>([
    ["analyze into a missing directory", ["analyze", ...inputs, "-o", missing], /^nps-ab: cannot write .*out\.txt: no such directory \(check the --output path\)\n$/],
    ["analyze onto a directory", ["analyze", ...inputs, "--output", directory], /^nps-ab: cannot write .*: it is a directory \(check the --output path\)\n$/],
    ["aggregate", ["aggregate", fixture("ebates.csv"), "-o", missing], /^nps-ab: cannot write .*out\.txt: no such directory/],
    ["sql", ["sql", "--dialect", "duckdb", "--table", "t", "--variant-column", "site", "--score-column", "Score", "-o", missing], /^nps-ab: cannot write .*out\.txt: no such directory/],
    ["power", ["power", "--mde", "5", "--promoters", "0.5", "--detractors", "0.2", "-o", missing], /^nps-ab: cannot write .*out\.txt: no such directory/],
  ])("%s: exit 2 and the path", (_, args, message) => {
    const result = runCli(args);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/internal error|bug in nps-ab/);
  });
});
