import { describe, expect, it } from "vitest";
import { parseInputArguments, variantNameFromPath } from "../../src/cli/inputs.js";

describe("parseInputArguments", () => {
  it("names variants after their files", () => {
    expect(parseInputArguments(["exports/ebates.csv", "rakuten-rewards.csv.gz"], undefined)).toEqual([
      { path: "exports/ebates.csv", variant: "ebates" },
      { path: "rakuten-rewards.csv.gz", variant: "rakuten-rewards" },
    ]);
  });

  it("takes name=path, including stdin", () => {
    expect(parseInputArguments(["old=a.csv", "new=-"], undefined)).toEqual([
      { path: "a.csv", variant: "old" },
      { path: "-", variant: "new" },
    ]);
  });

  it("leaves variants to the column with --variant-column", () => {
    expect(parseInputArguments(["both.csv"], "site")).toEqual([{ path: "both.csv" }]);
    expect(() => parseInputArguments(["old=a.csv"], "site")).toThrowError(/cannot be combined/);
  });

  it("asks for a name for stdin and for at least one file", () => {
    expect(() => parseInputArguments(["-", "b.csv"], undefined)).toThrowError(/stdin needs a variant name/);
    expect(() => parseInputArguments([], undefined)).toThrowError(/no input files/);
  });

  it("strips only export extensions from names", () => {
    expect(variantNameFromPath("/x/site.v2.tsv")).toBe("site.v2");
  });
});
