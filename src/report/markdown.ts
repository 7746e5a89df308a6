/** Markdown: fit for a GitHub step summary or a pull-request comment. Same rows as the table report. */
import type { Report } from "../analysis/report.js";
import { allSections, type Section } from "./sections.js";

function escapeCell(cell: string): string {
  return cell.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function renderSection(section: Section): string {
  const align = section.head.map((_, index) => (section.numeric.includes(index) ? "---:" : ":---"));
  const line = (cells: readonly string[]): string => `| ${cells.map(escapeCell).join(" | ")} |`;
  const preface = section.preface === undefined || section.preface.length === 0 ? [] : ["```", ...section.preface, "```", ""];
  const notes = section.notes === undefined || section.notes.length === 0 ? [] : ["", ...section.notes];
  return [`### ${section.title}`, "", ...preface, line(section.head), line(align), ...section.rows.map(line), ...notes].join("\n");
}

export function renderMarkdown(report: Report): string {
  const { parameters } = report;
  const parts = [
    `## NPS: ${parameters.treatment} vs ${parameters.control}: **${report.verdict}**`,
    report.summary,
    ...(report.gate === null ? [] : [`**Gate:** ${report.gate.sentence}`]),
    `Control ${parameters.control}, treatment ${parameters.treatment}; alpha ${parameters.alpha}; margin ±${parameters.margin} points; intervals: ${parameters.ciMethod}.`,
    ...allSections(report).map(renderSection),
  ];
  if (report.warnings.length > 0) parts.push(["### Warnings", "", ...report.warnings.map((warning) => `- ${warning}`)].join("\n"));
  return `${parts.join("\n\n")}\n`;
}
