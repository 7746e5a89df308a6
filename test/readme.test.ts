import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { optionsMarkdownTable } from "../src/cli/options-table.js";
import { ANALYZE_OPTIONS } from "../src/cli/options.js";
import { AGGREGATE_OPTIONS } from "../src/cli/commands/aggregate.js";
import { SQL_OPTIONS } from "../src/cli/commands/sql.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

describe("README.md", () => {
  it("documents every option of analyze, as generated from the option table (npm run readme)", () => {
    expect(readme).toContain(`<!-- options:start -->\n${optionsMarkdownTable(ANALYZE_OPTIONS)}\n<!-- options:end -->`);
  });

  it("documents the options of aggregate and sql, generated the same way", () => {
    expect(readme).toContain(`<!-- options-aggregate:start -->\n${optionsMarkdownTable(AGGREGATE_OPTIONS)}\n<!-- options-aggregate:end -->`);
    expect(readme).toContain(`<!-- options-sql:start -->\n${optionsMarkdownTable(SQL_OPTIONS)}\n<!-- options-sql:end -->`);
  });

  it("shows the quick start commands", () => {
    expect(readme).toContain("npm start");
    expect(readme).toContain("npm test");
  });
});

describe("README.md sample output", () => {
  it("is what npm start prints today (npm run readme regenerates it)", async () => {
    const { runCli } = await import("./cli/run-cli.js");
    const result = runCli(["analyze", "fixtures/ebates.csv", "fixtures/rakuten-rewards.csv", "--from", "2018-01-01", "--to", "2018-12-31"]);
    expect(readme).toContain(`<!-- sample:start -->\n\`\`\`\n$ npm start\n${result.stdout}\`\`\`\n<!-- sample:end -->`);
  });
});
