/**
 * Any other CSV, e.g. saved from a spreadsheet: one header row, columns found by name (see columns.ts),
 * dates read in the analysis time zone unless they carry an offset, day/month order sniffed from the values.
 */
import { singleHeaderLayout, type Platform } from "./types.js";

export const generic: Platform = {
  name: "generic",
  detect: () => true,
  layout: (head) => singleHeaderLayout("generic", head, { date: [], responseId: [], respondent: [] }),
};
