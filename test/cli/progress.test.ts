import { describe, expect, it } from "vitest";
import { PROGRESS_DELAY_MS, progressLine, progressReporter, progressWanted } from "../../src/cli/progress.js";

describe("when to draw a progress bar", () => {
  it.each([
    [true, {}, false, true],
    [false, {}, false, false],
    [true, { CI: "true" }, false, false],
    [true, { CI: "1" }, false, false],
    [true, { CI: "" }, false, true],
    [true, { CI: "false" }, false, true],
    [true, {}, true, false],
  ])("stderr a TTY: %s, env %j, --quiet: %s -> %s", (stderrIsTty, env, quiet, expected) => {
    expect(progressWanted({ stderrIsTty, env, quiet })).toBe(expected);
  });

  it("waits about a second before drawing, redraws at most every 100 ms, and erases the bar when done", () => {
    let time = 0;
    const written: string[] = [];
    const reporter = progressReporter((text) => written.push(text), () => time);
    reporter.update(10e6, 100e6);
    time = PROGRESS_DELAY_MS - 1;
    reporter.update(20e6, 100e6);
    expect(written).toEqual([]);
    time = PROGRESS_DELAY_MS;
    reporter.update(35e6, 100e6);
    time += 50;
    reporter.update(40e6, 100e6);
    expect(written).toEqual([`\r${progressLine(35e6, 100e6)}\u001b[K`]);
    reporter.finish();
    expect(written.at(-1)).toBe("\r\u001b[K");
  });

  it("names the step after the reading in place of the bar, once reading has taken the delay", () => {
    let time = 0;
    const written: string[] = [];
    const reporter = progressReporter((text) => written.push(text), () => time);
    time = PROGRESS_DELAY_MS;
    reporter.update(100e6, 100e6);
    time += 10;
    reporter.step("finding duplicates and repeat respondents");
    expect(written.at(-1)).toBe("\rfinding duplicates and repeat respondents...\u001b[K");
    reporter.finish();
    expect(written.at(-1)).toBe("\r\u001b[K");
  });

  it("never draws, nor erases, for a read shorter than the delay", () => {
    const written: string[] = [];
    const reporter = progressReporter((text) => written.push(text), () => 0);
    reporter.update(1, 2);
    reporter.step("finding duplicates and repeat respondents");
    reporter.finish();
    expect(written).toEqual([]);
  });

  it("shows the share read and the megabytes", () => {
    expect(progressLine(60e6, 172e6)).toBe("reading [#######-------------]  34%  60/172 MB");
    // No total (stdin, a decoded file): the megabytes read so far.
    expect(progressLine(60e6, 0)).toBe("reading 60 MB (size not known)");
  });
});
