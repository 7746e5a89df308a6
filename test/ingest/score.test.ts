import { describe, expect, it } from "vitest";
import { parseLabelledScore, parseScore } from "../../src/ingest/score.js";

describe("parseScore", () => {
  it.each([
    ["0", 0],
    ["10", 10],
    [" 7 ", 7],
    ["09", 9],
    // A whole number with a zero fraction, as pandas writes an integer column that has blanks (float64).
    ["9.0", 9],
    ["10.00", 10],
    [" 0.0 ", 0],
  ])("reads %j as the whole number %d", (raw, score) => {
    expect(parseScore(raw)).toEqual({ kind: "score", score });
  });

  it.each(["", "   ", undefined])("treats %j as a missing score", (raw) => {
    expect(parseScore(raw)).toEqual({ kind: "missing" });
  });

  // Decimals and out-of-range values are not rounded or clamped: the tool never guesses a score.
  it.each(["7.5", "11", "-1", "N/A", "ten", "1e1", "0x5", "10 - Extremely likely", "100", "9.01", "11.0", "9.", ".0", "9,0", "10.0.0"])("rejects %j as invalid", (raw) => {
    expect(parseScore(raw)).toEqual({ kind: "invalid" });
  });
});

describe("parseLabelledScore", () => {
  it.each([
    ["10 - Extremely likely", 10],
    ["0 - Not at all likely", 0],
    ["10 – Extremely likely", 10],
    ["7", 7],
  ])("reads %j as %d", (raw, score) => {
    expect(parseLabelledScore(raw)).toEqual({ kind: "score", score });
  });

  it.each(["11 - Off the scale", "7.5 - Somewhat", "Extremely likely", "10 - 9"])("rejects %j", (raw) => {
    expect(parseLabelledScore(raw)).toEqual({ kind: "invalid" });
  });
});
