/**
 * Sniffing the delimiter among `,` `;` tab `|` from the first records. Each candidate is tried by csv-parse
 * itself (so quoting is understood: a `;` inside a quoted field is not a delimiter), and the one that splits
 * the records into the same number of fields (more than one) most consistently wins. Spreadsheets in
 * locales with a decimal comma write `;`; Excel may announce the delimiter on a first `sep=;` line.
 */
import { parse } from "csv-parse/sync";

export const DELIMITERS = [",", ";", "\t", "|"] as const;

export interface SniffedDelimiter {
  readonly delimiter: string;
  /** The file starts with Excel's `sep=<delimiter>` line, which is not part of the data. */
  readonly sepLine: boolean;
}

/** Records looked at: enough to see a pattern, few enough to stay fast on wide exports. */
const SNIFF_RECORDS = 50;

interface Candidate {
  readonly delimiter: string;
  /** Share of records (and unparseable records) that have the most common field count. */
  readonly consistency: number;
  readonly fields: number;
}

function tryDelimiter(text: string, delimiter: string): Candidate {
  let errors = 0;
  const records = parse(text, {
    delimiter,
    relax_column_count: true,
    skip_records_with_error: true,
    skip_empty_lines: true,
    to_line: SNIFF_RECORDS,
    on_skip: () => {
      errors += 1;
    },
  }) as string[][];
  const byCount = new Map<number, number>();
  for (const record of records) byCount.set(record.length, (byCount.get(record.length) ?? 0) + 1);
  let fields = 0;
  let most = 0;
  for (const [count, times] of byCount) {
    if (times > most || (times === most && count > fields)) [fields, most] = [count, times];
  }
  const total = records.length + errors;
  return { delimiter, consistency: total === 0 ? 0 : most / total, fields };
}

/**
 * `text` is the decoded start of the file; `complete` says whether it is the whole file. When it is not,
 * the last, possibly cut, line is left out.
 */
export function sniffDelimiter(text: string, complete: boolean): SniffedDelimiter {
  const sep = /^sep=(.)\r?\n/.exec(text);
  if (sep !== null) return { delimiter: sep[1] ?? ",", sepLine: true };
  const lastBreak = text.lastIndexOf("\n");
  const sample = complete || lastBreak === -1 ? text : text.slice(0, lastBreak + 1);
  let best: Candidate = { delimiter: ",", consistency: 0, fields: 1 };
  for (const delimiter of DELIMITERS) {
    // Absent from the sample, it splits no record: fewer than two fields, never chosen. Not parsing for it saves
    // most of the sniffing (csv-parse's first run in a process is slow: ~5 ms a candidate on 50 lines).
    if (!sample.includes(delimiter)) continue;
    const candidate = tryDelimiter(sample, delimiter);
    if (candidate.fields < 2) continue;
    // A strictly more consistent split wins; on a tie, the one that splits into more fields.
    if (candidate.consistency > best.consistency || (candidate.consistency === best.consistency && candidate.fields > best.fields)) {
      best = candidate;
    }
  }
  return { delimiter: best.delimiter, sepLine: false };
}
