/**
 * Qualtrics' "Export data" CSV: three header rows, the column ids (`StartDate`, `ResponseId`, `Q5` ...), the
 * question texts, and one `{"ImportId":"QID5"}` JSON object per column, in which date columns state their
 * time zone (`{"ImportId":"recordedDate","timeZone":"America/Denver"}`). The legacy format lacks the third row.
 * An NPS question `Q<n>` comes with a derived `Q<n>_NPS_GROUP` column (1/2/3 for detractor/passive/promoter),
 * possibly before it: the group is never the score, its base column is. Unfinished responses have empty
 * scores (dropped as `missing-score`); survey previews and tests are excluded and counted.
 */
import { InputError } from "../../errors.js";
import { isKnownTimeZone } from "../date.js";
import { findColumn, hasColumns, normaliseName, type Head, type Layout, type Platform } from "./types.js";

const NPS_GROUP = /^(.+)_NPS_GROUP$/i;
// Qualtrics' Status codes: 1 Survey Preview, 2 Survey Test, 9 Preview Spam, 17 Offline Survey Preview
// (as numbers with "Use numeric values", as text with "Use choice text").
const PREVIEW_STATUS = new Set(["1", "2", "9", "17", "survey preview", "survey test", "preview spam", "offline survey preview"]);
const PREVIEW_CHANNEL = new Set(["preview", "test"]);

function isImportIdRow(record: readonly string[] | undefined): boolean {
  return record !== undefined && record.some((field) => /^\{\s*"ImportId"/.test(field.trim()));
}

/** The time zone each date column's ImportId object states, by column index. */
function zonesFromImportIds(row: readonly string[], names: readonly string[], file: string): Map<number, string> {
  const zones = new Map<number, string>();
  row.forEach((field, column) => {
    if (!field.includes("timeZone")) return;
    let zone: unknown;
    try {
      zone = (JSON.parse(field) as { timeZone?: unknown }).timeZone;
    } catch {
      return;
    }
    if (typeof zone !== "string") return;
    const name = /^(z|utc|gmt)$/i.test(zone) ? "UTC" : zone;
    if (!isKnownTimeZone(name)) {
      throw new InputError(`unknown time zone ${JSON.stringify(zone)} in the ImportId row`, { file, line: 3, column: names[column] ?? "" }, "name the zone of the timestamps with --tz and remove it from the header");
    }
    zones.set(column, name);
  });
  return zones;
}

function npsScoreColumns(names: readonly string[]): number[] {
  const columns: number[] = [];
  for (const name of names) {
    const base = NPS_GROUP.exec(name.trim())?.[1];
    const index = base === undefined ? -1 : findColumn(names, [base]);
    if (index !== -1) columns.push(index);
  }
  return columns;
}

function layout(head: Head, file: string): Layout {
  const names = [...(head[0] ?? [])];
  const questions = head[1] ?? [];
  const threeRows = isImportIdRow(head[2]);
  const zones = threeRows ? zonesFromImportIds(head[2] ?? [], names, file) : new Map<number, string>();
  const status = findColumn(names, ["Status"]);
  const channel = findColumn(names, ["DistributionChannel"]);
  const scoreColumns = npsScoreColumns(names);
  return {
    platform: "qualtrics",
    headerRows: threeRows ? 3 : 2,
    names,
    aliases: names.map((_, column) => (questions[column] ?? "").trim()).map((text) => (text === "" ? [] : [text])),
    scoreIndex: scoreColumns.length === 1 ? (scoreColumns[0] ?? null) : null,
    preferred: { date: ["RecordedDate", "EndDate", "StartDate"], responseId: ["ResponseId", "ResponseID"], respondent: ["RecipientEmail", "ExternalReference", "ExternalDataReference"] },
    dateOrder: "mdy",
    zoneOf: (column) => zones.get(column) ?? null,
    excludedColumns: [status, channel].filter((column) => column !== -1),
    excluded: (fields) =>
      PREVIEW_STATUS.has(normaliseName(fields[status] ?? "")) || PREVIEW_CHANNEL.has(normaliseName(fields[channel] ?? "")) ? "preview-response" : null,
  };
}

export const qualtrics: Platform = {
  name: "qualtrics",
  detect: (head) => head.length >= 2 && (hasColumns(head[0], ["ResponseId"]) || hasColumns(head[0], ["ResponseID"])) && (hasColumns(head[0], ["Finished"]) || hasColumns(head[0], ["StartDate"])),
  layout,
};
