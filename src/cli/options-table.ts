/** The README's option list, generated from the same option table that drives commander. */
import type { OptionSpec } from "./options.js";

export function optionsMarkdownTable(specs: readonly OptionSpec[]): string {
  const escape = (text: string): string => text.replace(/\|/g, "\\|");
  const rows = specs.map((spec) => {
    const flags = `${spec.short === undefined ? "" : `-${spec.short}, `}--${spec.name}${spec.argument === undefined ? "" : ` <${spec.argument}>`}`;
    const fallback = spec.defaultValue === undefined ? "" : `\`${spec.defaultValue}\``;
    const example = spec.example === undefined ? "" : `\`${spec.example}\``;
    return `| \`${flags}\` | ${fallback} | ${escape(spec.description)} | ${example} |`;
  });
  return ["| option | default | meaning | example |", "|---|---|---|---|", ...rows].join("\n");
}
