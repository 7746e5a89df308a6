/**
 * Delighted's "Export responses" CSV: `Response ID, Email, Name, Score, Comment, Created At, Updated At`,
 * then one column per person property (e.g. `Lifecycle Stage`) and additional question. One header row;
 * timestamps are ISO 8601, in UTC when they carry no offset.
 */
import { hasColumns, singleHeaderLayout, type Platform } from "./types.js";

export const delighted: Platform = {
  name: "delighted",
  detect: (head) => hasColumns(head[0], ["Score", "Created At"]),
  layout: (head) =>
    singleHeaderLayout("delighted", head, { date: ["Created At"], responseId: ["Response ID"], respondent: ["Email", "Person ID"] }, { zoneOf: () => "UTC" }),
};
