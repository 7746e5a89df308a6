/**
 * End to end: every corpus export (test/corpus/README.md) read by the built CLI to its exact counts, and
 * every input error of issue 3 as exit 2 with one line naming file, line and column, and no stack trace.
 * Runs bin/nps-ab.js, so `npm run build` first.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root, runCli } from "./run-cli.js";

const corpus = (name: string): string => `test/corpus/${name}`;
const partner = corpus("delighted-b.csv");
// Few posterior draws: these tests are about reading, not about the Bayesian figures.
const fast = ["--draws", "1000", "--format", "json"];

interface Source {
  file: string;
  platform: string;
  delimiter: string;
  encoding: string;
  bom: boolean;
  compressed: boolean;
  headerRows: number;
  columns: { score: string; date: string | null };
  rowsRead: number;
  rowsUsed: number;
  rowsDropped: Record<string, number>;
  repeatResponses: number;
}
interface Json {
  data: { rowsRead: number; rowsUsed: number; sources: Source[]; respondents?: { crossVariant: number; repeatRespondents: number } };
}

const analyse = (args: string[]): Json => {
  const result = runCli(["analyze", ...args, ...fast]);
  expect(result.stderr.split("\n").filter((line) => line.startsWith("nps-ab:")), result.stderr).toEqual([]);
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as Json;
};

// file, platform, header rows, delimiter, encoding, score column, read, used, dropped (test/corpus/README.md).
const CORPUS: [string, string, number, string, string, string, number, number, Record<string, number>][] = [
  ["delighted.csv", "delighted", 1, ",", "utf-8", "Score", 6, 4, { "missing-score": 1, "duplicate-response": 1 }],
  ["qualtrics.csv", "qualtrics", 3, ",", "utf-8", "Q5", 6, 3, { "preview-response": 2, "missing-score": 1 }],
  ["qualtrics-legacy.csv", "qualtrics", 2, ",", "utf-8", "Q1", 3, 3, {}],
  ["surveymonkey.csv", "surveymonkey", 2, ",", "utf-8", "How likely is it that you would recommend this company to a friend or colleague?", 5, 4, { "missing-score": 1 }],
  ["typeform.csv", "typeform", 1, ",", "utf-8", "How likely are you to recommend Acme to a friend?", 5, 3, { "partial-response": 2 }],
  ["google-forms.csv", "google-forms", 1, ",", "utf-8", "How likely are you to recommend our app to a friend?", 5, 4, { "missing-score": 1 }],
  ["generic-semicolon-crlf.csv", "generic", 1, ";", "utf-8", "Bewertung", 5, 4, { "invalid-score": 1 }],
  ["generic-bom-crlf.csv", "generic", 1, ",", "utf-8", "Puntuación", 4, 3, { "invalid-score": 1 }],
  ["excel-unicode-text.txt", "generic", 1, "\t", "utf-16le", "Score", 3, 3, {}],
  ["utf16be-bom.csv", "generic", 1, ",", "utf-16be", "NPS", 2, 2, {}],
  ["generic-pipe-mdy.csv", "generic", 1, "|", "utf-8", "rating", 3, 3, {}],
  ["generic.csv.gz", "generic", 1, ",", "utf-8", "Score", 3, 3, {}],
  ["excel-sep-line.csv", "generic", 1, ";", "utf-8", "Score", 2, 2, {}],
  ["blank-lines.csv", "generic", 1, ",", "utf-8", "Score", 2, 2, {}],
  ["french-dmy.csv", "generic", 1, ",", "utf-8", "Quelle est la probabilité que vous recommandiez notre service à un ami ?", 2, 2, {}],
];

describe("the corpus, read by the CLI to its exact counts", () => {
  it.each(CORPUS)("%s: %s, %i header row(s), %j, %s, score %j, %i read, %i used, dropped %j", (name, platform, headerRows, delimiter, encoding, score, read, used, dropped) => {
    const source = analyse([corpus(name), partner]).data.sources[0];
    expect(source).toMatchObject({ platform, headerRows, delimiter, encoding, rowsRead: read, rowsUsed: used, rowsDropped: dropped });
    expect(source?.columns.score).toBe(score);
  });

  it("ragged-relax.csv: 3 read, 3 used with --relax", () => {
    expect(analyse([corpus("ragged-relax.csv"), partner, "--relax"]).data.sources[0]).toMatchObject({ rowsRead: 3, rowsUsed: 3, rowsDropped: {} });
  });

  it("reports duplicates, the repeat respondent and cross-variant contamination", () => {
    const { data } = analyse([corpus("delighted.csv"), partner]);
    expect(data.sources[0]).toMatchObject({ duplicateResponses: 1, repeatResponses: 1 });
    expect(data.respondents).toMatchObject({ repeatRespondents: 1, crossVariant: 1 });
    const first = analyse([corpus("delighted.csv"), partner, "--dedupe", "first"]).data.sources[0];
    expect(first).toMatchObject({ rowsRead: 6, rowsUsed: 3, rowsDropped: { "missing-score": 1, "duplicate-response": 1, "repeat-respondent": 1 } });
  });

  it("puts a Qualtrics response in its Denver month only with --tz America/Denver", () => {
    const json = runCli(["analyze", corpus("qualtrics.csv"), partner, "--draws", "1000", "--format", "json", "--to", "2023-04-30"]).stdout;
    expect((JSON.parse(json) as Json).data.sources[0]?.rowsDropped).toMatchObject({ "outside-window": 1 });
    const denver = analyse([corpus("qualtrics.csv"), partner, "--to", "2023-04-30", "--tz", "America/Denver"]).data.sources[0];
    expect(denver?.rowsDropped["outside-window"]).toBeUndefined();
  });

  it("shows the platform and the contamination in the table", () => {
    const result = runCli(["analyze", corpus("qualtrics.csv"), corpus("delighted.csv"), "--draws", "1000"]);
    expect(result.stdout).toMatch(/Data accounting \(rows read = used \+ dropped\) · 0 respondents answered in both variants/);
    expect(result.stdout).toContain("qualtrics (comma, utf-8)");
    expect(result.stdout).toMatch(/Dropped: preview-response/);
  });

  it("reads a gzip-compressed export from stdin", () => {
    const result = spawnSync(process.execPath, [`${root}bin/nps-ab.js`, "analyze", "a=-", partner, ...fast], {
      cwd: root,
      input: readFileSync(join(root, corpus("generic.csv.gz"))),
      encoding: "utf8",
      env: { PATH: process.env["PATH"], FORCE_COLOR: "0" },
    });
    expect(result.status, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as Json).data.sources[0]).toMatchObject({ file: "<stdin>", compressed: true, rowsRead: 3, rowsUsed: 3 });
  });

  it("reads ambiguous dates once --date-format says which", () => {
    const source = analyse([corpus("errors/ambiguous-dates.csv"), partner, "--date-format", "dd/mm/yyyy", "--from", "2023-03-05"]).data.sources[0];
    // 03/04/2023 is the 3rd of April, 05/06/2023 the 5th of June: both inside the window (month first,
    // the 4th of March would fall outside it).
    expect(source).toMatchObject({ rowsRead: 2, rowsUsed: 2 });
  });
});

describe("exports that cannot be read: exit 2, one line naming file, line and column, no report", () => {
  const expectError = (args: string[], message: RegExp): void => {
    const result = runCli(["analyze", ...args]);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at |Error:/);
  };
  const dir = mkdtempSync(join(tmpdir(), "nps-ab-exports-"));

  it("a file that does not exist", () => {
    expectError([join(dir, "missing.csv"), partner], /^nps-ab: .*missing\.csv: file not found \(check the path\)$/m);
  });

  it("a directory", () => {
    mkdirSync(join(dir, "exports"), { recursive: true });
    expectError([join(dir, "exports"), partner], /exports: is a directory, not a CSV file/);
  });

  it("an empty file", () => {
    expectError([corpus("errors/empty.csv"), partner], /^nps-ab: test\/corpus\/errors\/empty\.csv: file is empty/);
  });

  it("a header without data", () => {
    expectError([corpus("errors/header-only.csv"), partner], /^nps-ab: test\/corpus\/errors\/header-only\.csv:2: header but no data rows/);
  });

  it("an unclosed quote, naming the line where the record starts", () => {
    expectError([corpus("errors/unclosed-quote.csv"), partner], /^nps-ab: test\/corpus\/errors\/unclosed-quote\.csv:3: unclosed quote in field 2 \("Comment"\) of the record starting on line 3/);
  });

  it("a ragged row, and one beyond what --relax allows", () => {
    expectError([corpus("ragged-relax.csv"), partner], /ragged-relax\.csv:2: row has 2 fields where the header has 3 \(.*--relax/);
    // Near the top of a file, a report's title above the header is as likely: the hint names --skip-lines too.
    expectError([corpus("errors/ragged.csv"), partner, "--relax"], /ragged\.csv:3: row has 3 fields where the header has 2 \(.*--relax allows only missing or empty trailing fields; or title lines above the header row\? --skip-lines skips them\)/);
  });

  it("binary input: an Excel workbook, and arbitrary bytes", () => {
    expectError([corpus("errors/workbook.xlsx"), partner], /workbook\.xlsx: binary input, not CSV text: this looks like a ZIP archive or an Excel \.xlsx workbook \(export the responses as CSV\)/);
    expectError([corpus("errors/binary.dat"), partner], /binary\.dat: binary or non-text input/);
  });

  it("an unknown encoding, naming the line of the first bad byte", () => {
    expectError([corpus("errors/latin1.csv"), partner], /latin1\.csv:3: unknown encoding: not UTF-8 text \(.*--encoding windows-1252\)/);
    expectError([corpus("errors/utf16-no-bom.csv"), partner], /utf16-no-bom\.csv:1: unknown encoding: looks like UTF-16LE without a byte-order mark \(say --encoding utf-16le/);
  });

  it("a corrupt gzip file", () => {
    expectError([corpus("errors/truncated.csv.gz"), partner], /truncated\.csv\.gz: cannot decompress: not a valid gzip file/);
  });

  it("ambiguous dates, naming line and column and asking for --date-format", () => {
    expectError([corpus("errors/ambiguous-dates.csv"), partner], /ambiguous-dates\.csv:2: ambiguous date "03\/04\/2023" in column "Date" \(day or month first\? say which with --date-format/);
  });

  it("two qualifying score columns, listing both and asking for --score-column", () => {
    expectError([corpus("errors/two-score-columns.csv"), partner], /two-score-columns\.csv:1: 2 columns qualify as the score: "NPS", "Rating" \(name one with --score-column/);
  });
});
