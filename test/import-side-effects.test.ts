import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

describe("the library entry", () => {
  it("can be imported without printing, reading stdin or exiting", () => {
    const script = `const lib = await import("./dist/index.js"); console.log(typeof lib.analyze, typeof lib.ingest, lib.SCHEMA_VERSION);`;
    const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8", timeout: 20_000 });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe("function function 1\n");
    expect(result.status).toBe(0);
  });
});
