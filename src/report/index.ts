/** Report -> text. One renderer per format; the set of formats is a closed union checked at compile time. */
import type { ChalkInstance } from "chalk";
import type { Report } from "../analysis/report.js";
import { renderMarkdown } from "./markdown.js";
import { renderTable } from "./table.js";

export const FORMATS = ["table", "json", "markdown"] as const;
export type Format = (typeof FORMATS)[number];

/** JSON: the Report object itself, two-space indented, with a trailing newline. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const renderers = {
  table: (report, chalk) => renderTable(report, chalk),
  json: (report) => renderJson(report),
  markdown: (report) => renderMarkdown(report),
} satisfies Record<Format, (report: Report, chalk: ChalkInstance) => string>;

export function render(report: Report, format: Format, chalk: ChalkInstance): string {
  return renderers[format](report, chalk);
}
