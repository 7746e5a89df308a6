import { describe, expect, it } from "vitest";
import { colourLevel } from "../../src/cli/io.js";

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
