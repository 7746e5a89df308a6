// Regenerates the generated parts of README.md from the built CLI: the option tables and the sample output.
// Run after `npm run build`: `npm run readme`. test/readme.test.ts fails when README.md is out of date.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { optionsMarkdownTable } from "../dist/cli/options-table.js";
import { ANALYZE_OPTIONS } from "../dist/cli/options.js";
import { AGGREGATE_OPTIONS } from "../dist/cli/commands/aggregate.js";
import { SQL_OPTIONS } from "../dist/cli/commands/sql.js";

const readmeUrl = new URL("../README.md", import.meta.url);
let readme = readFileSync(readmeUrl, "utf8");

function replaceBetween(text, marker, content) {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  if (!pattern.test(text)) throw new Error(`README.md has no ${start} ... ${end} markers`);
  return text.replace(pattern, () => `${start}\n${content}\n${end}`);
}

readme = replaceBetween(readme, "options", optionsMarkdownTable(ANALYZE_OPTIONS));
readme = replaceBetween(readme, "options-aggregate", optionsMarkdownTable(AGGREGATE_OPTIONS));
readme = replaceBetween(readme, "options-sql", optionsMarkdownTable(SQL_OPTIONS));
const sample = execFileSync(process.execPath, ["bin/nps-ab.js", "analyze", "fixtures/ebates.csv", "fixtures/rakuten-rewards.csv", "--from", "2018-01-01", "--to", "2018-12-31"], {
  cwd: new URL("..", import.meta.url),
  env: { ...process.env, FORCE_COLOR: "0" },
  encoding: "utf8",
});
readme = replaceBetween(readme, "sample", `\`\`\`\n$ npm start\n${sample}\`\`\``);
writeFileSync(readmeUrl, readme);
