/**
 * Typeform's results download (CSV): a `#` column with the response token, one column per question (its
 * text), hidden fields, then `Response Type` (completed / partial), `Start Date (UTC)`, `Stage Date (UTC)`,
 * `Submit Date (UTC)`, `Network ID`, `Tags`. Partial responses are excluded and counted, as Typeform's
 * results page does by default.
 */
import { findColumn, hasColumns, normaliseName, singleHeaderLayout, type Platform } from "./types.js";

export const typeform: Platform = {
  name: "typeform",
  detect: (head) => (head[0]?.[0] ?? "").trim() === "#" && hasColumns(head[0], ["Submit Date (UTC)"]),
  layout: (head) => {
    const names = head[0] ?? [];
    const responseType = findColumn(names, ["Response Type"]);
    return singleHeaderLayout(
      "typeform",
      head,
      { date: ["Submit Date (UTC)", "Start Date (UTC)"], responseId: ["#", "Token"], respondent: ["email", "hidden_email"] },
      {
        zoneOf: (column) => (/\(utc\)/i.test(names[column] ?? "") ? "UTC" : null),
        excludedColumns: responseType === -1 ? [] : [responseType],
        excluded: (fields) => (responseType !== -1 && normaliseName(fields[responseType] ?? "") === "partial" ? "partial-response" : null),
      },
    );
  },
};
