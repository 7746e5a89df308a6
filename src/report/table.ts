/** The human-readable report for a terminal: chalk for emphasis (only when colour is on) and cli-table3. */
import type { ChalkInstance } from "chalk";
import Table from "cli-table3";
import type { Report, Verdict } from "../analysis/report.js";
import { allSections, type Section } from "./sections.js";

function renderSection(section: Section, chalk: ChalkInstance): string {
  const table = new Table({
    head: section.head.map((cell) => chalk.bold(cell)),
    style: { head: [], border: [] },
    // No rule between body rows: the tables stay compact and readable in CI logs.
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
    colAligns: section.head.map((_, index) => (section.numeric.includes(index) ? "right" : "left")),
  });
  for (const row of section.rows) table.push([...row]);
  const lines = [chalk.bold(section.title), ...(section.preface ?? []), table.toString(), ...(section.notes ?? [])];
  return lines.join("\n");
}

function verdictColour(verdict: Verdict, chalk: ChalkInstance): ChalkInstance {
  const colours = {
    improved: chalk.green,
    worsened: chalk.red,
    equivalent: chalk.cyan,
    inconclusive: chalk.yellow,
  } satisfies Record<Verdict, ChalkInstance>;
  return colours[verdict];
}

export function renderTable(report: Report, chalk: ChalkInstance): string {
  const { parameters } = report;
  const lines = [
    `${verdictColour(report.verdict, chalk).bold(`Verdict: ${report.verdict}`)}`,
    report.summary,
    ...(report.gate === null ? [] : [chalk.bold(report.gate.sentence)]),
    "",
    `${parameters.control} (control) vs ${parameters.treatment} (treatment) · alpha ${parameters.alpha} · margin ±${parameters.margin} points · intervals: ${parameters.ciMethod}`,
    "",
    ...allSections(report).flatMap((section) => [renderSection(section, chalk), ""]),
  ];
  if (report.warnings.length > 0) {
    lines.push(chalk.yellow.bold("Warnings"), ...report.warnings.map((warning) => chalk.yellow(`- ${warning}`)), "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
