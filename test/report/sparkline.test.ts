import { describe, expect, it } from "vitest";
import { sparkline } from "../../src/report/sparkline.js";

describe("sparkline", () => {
  it("maps the lowest value to the lowest block and the highest to the highest", () => {
    expect(sparkline([0, 7, 14])).toBe("▁▅█");
  });
  it("shares a scale when given one, and leaves gaps blank", () => {
    expect(sparkline([10, null, 20], { min: 0, max: 20 })).toBe("▅ █");
  });
  it("draws a flat line for a constant series and nothing for no data", () => {
    expect(sparkline([5, 5])).toBe("▄▄");
    expect(sparkline([null])).toBe("");
  });
});
