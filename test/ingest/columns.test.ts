import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { mapColumns } from "../../src/ingest/columns.js";

const delighted = ["Response ID", "Score", "Comment", "Created At", "Updated At", "Email", "Lifecycle Stage"];

describe("mapColumns", () => {
  it("finds Delighted's Score and Created At columns by name", () => {
    const mapping = mapColumns(delighted, {}, "a.csv");
    expect(mapping.names).toEqual({ score: "Score", date: "Created At", variant: null, segment: "Lifecycle Stage" });
    expect([mapping.score, mapping.date]).toEqual([1, 3]);
  });

  it("lets named columns win, matched case-insensitively", () => {
    const mapping = mapColumns(["rating", "NPS", "when"], { scoreColumn: "nps", dateColumn: "When" }, "a.csv");
    expect(mapping.names).toEqual({ score: "NPS", date: "when", variant: null, segment: null });
  });

  it("errors on a named column that does not exist, listing the columns that do", () => {
    expect(() => mapColumns(delighted, { scoreColumn: "Rating" }, "a.csv")).toThrowError(InputError);
    try {
      mapColumns(delighted, { variantColumn: "site" }, "a.csv");
    } catch (error) {
      expect((error as InputError).message).toContain('"site"');
      expect((error as InputError).hint).toContain('"Lifecycle Stage"');
    }
  });

  it("errors when no score column can be found", () => {
    expect(() => mapColumns(["id", "comment"], {}, "a.csv")).toThrowError(/no score column/);
  });

  it("works without a date column", () => {
    expect(mapColumns(["Score"], {}, "a.csv").date).toBeNull();
  });
});
