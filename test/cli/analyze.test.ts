import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fixture, runCli } from "./run-cli.js";

const window = ["--from", "2018-01-01", "--to", "2018-12-31"];
const fixtures = [fixture("ebates.csv"), fixture("rakuten-rewards.csv")];

interface JsonReport {
  schemaVersion: number;
  parameters: { alpha: number; margin: number; ciMethod: string; control: string; treatment: string };
  data: { rowsRead: number; rowsUsed: number; rowsDropped: Record<string, number>; sources: Array<{ file: string; rowsRead: number; rowsUsed: number; rowsDropped: Record<string, number> }> };
  variants: Array<{ name: string; n: number; promoters: number; passives: number; detractors: number; nps: number; ci: { low: number; high: number } }>;
  comparison: {
    difference: number;
    se: number;
    ci: { low: number; high: number };
    tests: { z: { statistic: number; pValue: number }; chiSquare: { statistic: number; df: number; pValue: number }; mannWhitney: { statistic: number; pValue: number } };
    equivalence: { margin: number; pValue: number; ci: { low: number; high: number } };
    bayes: { probabilityTreatmentBetter: number };
  };
  verdict: string;
  summary: string;
  warnings: string[];
}

describe("nps-ab analyze on the bundled fixtures", () => {
  let json: JsonReport;
  beforeAll(() => {
    const result = runCli(["analyze", ...fixtures, ...window, "--format", "json"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    json = JSON.parse(result.stdout) as JsonReport;
  });

  it("accounts for every row: read = used + dropped, with the fixtures' documented bad rows", () => {
    // fixtures/README.md: 20,008 + 19,608 rows read; per file 3 blank, 4 invalid scores, 1 outside the window.
    expect(json.data.rowsRead).toBe(39_616);
    expect(json.data.rowsUsed).toBe(39_600);
    expect(json.data.rowsDropped).toEqual({ "missing-score": 6, "invalid-score": 8, "outside-window": 2 });
    for (const source of json.data.sources) {
      const dropped = Object.values(source.rowsDropped).reduce((sum, n) => sum + n, 0);
      expect(source.rowsRead).toBe(source.rowsUsed + dropped);
    }
    expect(json.data.sources.map((source) => source.rowsUsed)).toEqual([20_000, 19_600]);
  });

  it("names the variants after the files, control first, and reports the documented story", () => {
    expect(json.schemaVersion).toBe(1);
    expect(json.parameters).toMatchObject({ alpha: 0.05, margin: 5, ciMethod: "adjusted-wald", control: "ebates", treatment: "rakuten-rewards" });
    expect(json.variants.map((variant) => [variant.name, variant.n])).toEqual([["ebates", 20_000], ["rakuten-rewards", 19_600]]);
    // fixtures/README.md: realised NPS 36.88 and 36.60, difference -0.28: NPS stayed the same.
    expect(json.variants[0]?.nps).toBeCloseTo(36.88, 2);
    expect(json.variants[1]?.nps).toBeCloseTo(36.6, 2);
    expect(json.comparison.difference).toBeCloseTo(-0.28, 2);
    expect(json.verdict).toBe("equivalent");
    expect(json.summary).toMatch(/^No meaningful change: the difference, -0\.3 points \(90% CI -1\.\d to 1\.\d\), lies within the ±5\.0 point margin\.$/);
  });

  it("has every JSON key the issue names", () => {
    const variant = json.variants[0];
    expect(Object.keys(variant ?? {})).toEqual(expect.arrayContaining(["name", "n", "promoters", "passives", "detractors", "nps", "ci"]));
    const { comparison } = json;
    expect(Object.keys(comparison)).toEqual(expect.arrayContaining(["difference", "se", "ci", "tests", "equivalence", "bayes"]));
    expect(Object.keys(comparison.tests.z)).toEqual(["statistic", "pValue"]);
    expect(Object.keys(comparison.tests.chiSquare)).toEqual(expect.arrayContaining(["statistic", "df", "pValue"]));
    expect(Object.keys(comparison.tests.mannWhitney)).toEqual(["statistic", "pValue"]);
    expect(Object.keys(comparison.equivalence)).toEqual(expect.arrayContaining(["margin", "pValue", "ci"]));
    expect(typeof comparison.bayes.probabilityTreatmentBetter).toBe("number");
  });

  it("prints the same bytes twice (seeded Monte Carlo)", () => {
    const again = runCli(["analyze", ...fixtures, ...window, "--format", "json"]);
    expect(JSON.parse(again.stdout)).toEqual(json);
  });

  it("swapping the control swaps the sign of the difference", () => {
    const swapped = JSON.parse(runCli(["analyze", ...fixtures, ...window, "--format", "json", "--control", "rakuten-rewards"]).stdout) as JsonReport;
    expect(swapped.variants[0]?.name).toBe("rakuten-rewards");
    expect(swapped.comparison.difference).toBeCloseTo(-json.comparison.difference, 10);
  });

  it("prints a readable table report, verdict first, without colour when piped", () => {
    const result = runCli(["analyze", ...fixtures, ...window]);
    expect(result.status).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("Verdict: equivalent");
    expect(lines[1]).toMatch(/^No meaningful change/);
    expect(result.stdout).toContain("Data accounting (rows read = used + dropped)");
    expect(result.stdout).toMatch(/Total\s+│\s+│\s+39,616 │\s+39,600 │\s+6 │\s+8 │\s+2 │/);
    expect(result.stdout).not.toMatch(/\u001b\[/);
  });

  it("colours the table only when asked (FORCE_COLOR) and never with NO_COLOR", () => {
    expect(runCli(["analyze", ...fixtures, ...window], { env: { FORCE_COLOR: "1" } }).stdout).toMatch(/\u001b\[/);
    expect(runCli(["analyze", ...fixtures, ...window], { env: { FORCE_COLOR: undefined, NO_COLOR: "1" } }).stdout).not.toMatch(/\u001b\[/);
  });

  it("writes Markdown with the same figures", () => {
    const result = runCli(["analyze", ...fixtures, ...window, "--format", "markdown"]);
    expect(result.stdout).toMatch(/^## NPS: rakuten-rewards vs ebates: \*\*equivalent\*\*/);
    expect(result.stdout).toContain(`| ebates | control | 20,000 |`);
    expect(result.stdout).toContain("| Total |  | 39,616 | 39,600 | 6 | 8 | 2 |");
  });

  it("drops the out-of-window rows only when a window is given", () => {
    const result = JSON.parse(runCli(["analyze", ...fixtures, "--format", "json"]).stdout) as JsonReport;
    expect(result.data.rowsUsed).toBe(39_602);
    expect(result.data.rowsDropped["outside-window"]).toBeUndefined();
  });
});

describe("nps-ab analyze on broken input: exit 2, one line naming file and line", () => {
  let dir: string;
  const write = (name: string, content: string | Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const good = "Score,Created At\n9,2018-01-05T10:00:00Z\n3,2018-01-06T10:00:00Z\n";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "nps-ab-"));
  });

  const expectError = (args: string[], message: RegExp, input?: string): void => {
    const result = runCli(args, input === undefined ? {} : { input });
    expect(result.status, result.stderr).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  };

  it("a file that does not exist", () => {
    expectError(["analyze", join(dir, "nope.csv"), write("b.csv", good)], /^nps-ab: .*nope\.csv: file not found/);
  });

  it("a directory", () => {
    mkdirSync(join(dir, "folder"), { recursive: true });
    expectError(["analyze", join(dir, "folder"), write("b.csv", good)], /folder: is a directory/);
  });

  it("an empty file and a header without data", () => {
    expectError(["analyze", write("empty.csv", ""), write("b.csv", good)], /empty\.csv: file is empty/);
    expectError(["analyze", write("header.csv", "Score,Created At\n"), write("b.csv", good)], /header\.csv:2: header but no data rows/);
  });

  it("an unclosed quote, naming the line where the record starts", () => {
    const path = write("quote.csv", 'Score,Comment\n9,fine\n7,"never closed\n8,ok\n');
    expectError(["analyze", path, write("b.csv", good)], /quote\.csv:3: unclosed quote in field 2 \("Comment"\) of the record starting on line 3/);
  });

  it("a ragged row", () => {
    const path = write("ragged.csv", "Score,Comment\n9,fine\n7,too,many\n");
    expectError(["analyze", path, write("b.csv", good)], /ragged\.csv:3: row has 3 fields where the header has 2/);
  });

  it("no score column, listing the columns that exist", () => {
    const path = write("noscore.csv", "Rating Value,When\n9,2018-01-01\n");
    expectError(["analyze", path, write("b.csv", good)], /noscore\.csv:1: no score column found \(name it with --score-column; columns: "Rating Value", "When"\)/);
  });

  it("a named column that does not exist", () => {
    expectError(["analyze", write("a.csv", good), write("b.csv", good), "--date-column", "Submitted"], /a\.csv:1: no column named "Submitted" \(given by --date-column\)/);
  });

  it("--strict stops at the first unusable score, naming file, line and column", () => {
    const path = write("bad.csv", "Score,Created At\n9,2018-01-05T10:00:00Z\nN/A,2018-01-06T10:00:00Z\n");
    expectError(["analyze", path, write("b.csv", good), "--strict"], /bad\.csv:3: invalid score "N\/A" in column "Score"/);
  });

  it("one variant, or three, are named in the error", () => {
    expectError(["analyze", write("only.csv", good)], /expected exactly two variants, found 1: "only"/);
    const three = write("three.csv", "site,Score\nold,9\nnew,8\nbeta,3\n");
    expectError(["analyze", three, "--variant-column", "site"], /expected exactly two variants, found 3: "old", "new", "beta"/);
  });

  it("files named alike, which would all be one variant, before any is read", () => {
    mkdirSync(join(dir, "a"), { recursive: true });
    mkdirSync(join(dir, "b"), { recursive: true });
    const [a, b] = [write("a/responses.csv", good), join(dir, "b", "responses.csv")];
    // b does not exist: the names are checked first, so its absence is not what stops the run.
    expectError(["analyze", a, b], /^nps-ab: every file is the variant "responses", named after its file name \(name the variants: e\.g\. old=.*a\/responses\.csv new=.*b\/responses\.csv\)$/m);
  });

  it("when dropped rows leave too few variants, says which rows went and why, not only the variants", () => {
    // 01-Jan-2023 is not a date format nps-ab reads: every row is dropped as invalid-date.
    const months = write("month-names.csv", "site,Score,Date\nold,9,01-Jan-2023\nnew,7,01-Jan-2023\nnew,8,02-Jan-2023\n");
    expectError(["analyze", months, "--variant-column", "site"], /expected exactly two variants, found 0: none; all 3 rows read were dropped \(invalid-date 3\) \(the dates of column "Date" could not be read: ISO 8601, unix seconds or milliseconds, or the platform's format; see --date-column, --date-format, or --date-column none to read no dates\)/);
    const noScores = write("words.csv", "site,Score\nold,nine\nold,7\nnew,ten\n");
    expectError(["analyze", noScores, "--variant-column", "site"], /found 1: "old"; 2 of 3 rows read were dropped \(invalid-score 2\) \(scores are whole numbers 0-10 in column "Score"; see --score-column\)/);
    const empty = write("empty-variant.csv", "Score,Date\n9,01-Jan-2023\n7,01-Jan-2023\n");
    expectError(["analyze", empty, write("b.csv", good)], /variant "empty-variant" has no usable responses: \S*empty-variant\.csv: 2 rows read, all dropped \(invalid-date 2\) \(the dates of column "Date" could not be read/);
  });

  it("with counts, says the rows were dropped where they were counted, not which option to change", () => {
    // --date-column and --date-format are refused with --counts: the drops were decided by aggregate or the
    // warehouse query, so the hint points there.
    const counts = write("warehouse.csv", "variant,period,segment,score,count\nold,2018-01-02,,9,10\n,,,dropped:invalid-date,500\n");
    expectError(["analyze", "--counts", counts], /found 1: "old"; 500 of 510 rows read were dropped \(invalid-date 500\) \(the dates could not be read where the rows were counted: nps-ab sql reads local formats such as 14\.03\.2018 only with --date-format; see also --date-column, --source-tz of nps-ab sql or nps-ab aggregate\)\n$/);
    const scores = write("scores.csv", "variant,period,segment,score,count\nold,,,9,10\n,,,dropped:invalid-score,30\n");
    expectError(["analyze", "--counts", scores], /\(invalid-score 30\) \(scores are whole numbers 0-10 where the rows were counted; see --score-column of nps-ab aggregate or nps-ab sql\)\n$/);
  });

  it("bad option values and unknown options", () => {
    expectError(["analyze", write("a.csv", good), write("b.csv", good), "--alpha", "2"], /^nps-ab: --alpha "2" is not a number between 0 and 0.5/);
    expectError(["analyze", write("a.csv", good), write("b.csv", good), "--margn", "3"], /^nps-ab: unknown option '--margn'/);
    expectError(["analyze", write("a.csv", good), write("b.csv", good), "--control", "x"], /--control "x" is not a variant/);
  });

  it("reads one variant from stdin", () => {
    const result = runCli(["analyze", "old=-", write("b.csv", good), "--format", "json"], { input: good });
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as JsonReport).data.sources[0]?.file).toBe("<stdin>");
  });

  it("reads both variants from one file with --variant-column and counts blank variants", () => {
    const path = write("both.csv", "site,Score\nold,9\nnew,8\n,7\nold,\nnew,x\n");
    const result = runCli(["analyze", path, "--variant-column", "site", "--format", "json"]);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.data).toMatchObject({ rowsRead: 5, rowsUsed: 2, rowsDropped: { "missing-variant": 1, "missing-score": 1, "invalid-score": 1 } });
    expect(report.parameters).toMatchObject({ control: "old", treatment: "new" });
  });

  it("takes the ID, respondent and segment columns given, or none, in analyze, aggregate and a config file", () => {
    // "Ticket" and "Member Email" are no names nps-ab knows; "id" is, but here it is the member's, not the response's.
    const rows = [
      "Ticket,id,Score,Created At,Member Email,Segment,site",
      "t1,m1,10,2018-01-02T10:00:00Z,a@x.com,new,old",
      "t1,m1,10,2018-01-02T10:00:00Z,a@x.com,new,old",
      "t2,m1,9,2018-01-03T10:00:00Z,A@x.com ,new,old",
      "t3,m2,0,2018-01-03T10:00:00Z,b@x.com,old,new",
      "t4,m2,7,2018-01-04T10:00:00Z,a@x.com,old,new",
    ];
    const path = write("ids.csv", rows.join("\n") + "\n");
    type Sourced = JsonReport & { data: { sources: Array<{ columns: Record<string, string | null> }>; respondents?: Record<string, unknown> } };
    const analyse = (...options: string[]): Sourced => {
      const result = runCli(["analyze", path, "--variant-column", "site", "--format", "json", ...options]);
      expect(result.status, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as Sourced;
    };
    // Found by name: "id" is taken as the response ID, so the member's second answer is a duplicate.
    const found = analyse();
    expect(found.data.sources[0]?.columns).toMatchObject({ responseId: "id", respondent: null, segment: "Segment" });
    expect(found.data).toMatchObject({ rowsUsed: 2, rowsDropped: { "duplicate-response": 3 } });
    expect(found.data.respondents).toBeUndefined();
    // 3 of 5 rows: over a fifth, so a warning names the column and how to say it is not a response ID.
    expect(found.warnings).toContain('60% of rows were dropped as duplicate responses (a response ID of column "id" read before in its variant): expected of overlapping exports, but if that column does not identify responses, name the right one with --id-column, or say --id-column none.');
    const given = analyse("--id-column", "Ticket", "--respondent-column", "member email", "--segment-column", "none");
    expect(given.data.sources[0]?.columns).toMatchObject({ responseId: "Ticket", respondent: "Member Email", segment: null });
    expect(given.data).toMatchObject({ rowsUsed: 4, rowsDropped: { "duplicate-response": 1 } });
    // a@x.com answered twice in old (trimmed, any case) and once in new; b@x.com once.
    expect(given.data.respondents).toEqual({ dedupe: "none", respondents: 3, repeatRespondents: 1, repeatResponses: 1, crossVariant: 1 });
    expect(analyse("--id-column", "Ticket", "--respondent-column", "Member Email", "--dedupe", "first").data).toMatchObject({ rowsUsed: 3, rowsDropped: { "duplicate-response": 1, "repeat-respondent": 1 } });
    // 1 of 5 rows: a fifth, no more, so no warning.
    expect(given.warnings.filter((warning) => warning.includes("duplicate"))).toEqual([]);
    const none = analyse("--id-column", "NONE", "--respondent-column", "none");
    expect(none.data.sources[0]?.columns).toMatchObject({ responseId: null, respondent: null });
    expect(none.data).toMatchObject({ rowsUsed: 5, rowsDropped: {} });

    // The table names the columns that decided duplicates and repeats, when a file has one.
    const table = (...options: string[]): string => runCli(["analyze", path, "--variant-column", "site", ...options]).stdout;
    expect(table("--id-column", "Ticket", "--respondent-column", "Member Email")).toMatch(/│ ID \/ respondent +│[^\n]*\n│ [^\n]*│ Ticket \/ Member Email +│/);
    expect(table("--respondent-column", "none")).toMatch(/│ id \/ - +│/);
    expect(table("--id-column", "none")).not.toContain("ID / respondent");

    const config = write("ids.json", JSON.stringify({ files: [path], "variant-column": "site", "id-column": "Ticket", "respondent-column": "Member Email", format: "json" }));
    const fromConfig = runCli(["analyze", "--config", config]);
    expect(fromConfig.stdout).toBe(runCli(["analyze", path, "--variant-column", "site", "--format", "json", "--id-column", "Ticket", "--respondent-column", "Member Email"]).stdout);
    expect((JSON.parse(fromConfig.stdout) as Sourced).data.sources[0]?.columns).toMatchObject({ responseId: "Ticket", respondent: "Member Email" });

    const counts = runCli(["aggregate", path, "--variant-column", "site", "--id-column", "none", "--respondent-column", "Member Email", "--dedupe", "first"]);
    expect(counts.status, counts.stderr).toBe(0);
    // Without IDs the copy of t1 is a response of its own: a@x.com's three responses in old keep the first.
    expect(counts.stdout).toContain(",,,dropped:repeat-respondent,2\n");
    expect(counts.stdout).not.toContain("duplicate-response");
    // Counted elsewhere, the warning points at the counting command.
    const counted = write("id-counts.csv", runCli(["aggregate", path, "--variant-column", "site"]).stdout);
    expect((JSON.parse(runCli(["analyze", "--counts", counted, "--format", "json"]).stdout) as JsonReport).warnings).toContain(
      "60% of rows were dropped as duplicate responses where the rows were counted: expected of overlapping exports, but if the response-ID column there does not identify responses, name the right one with --id-column of nps-ab aggregate or nps-ab sql.",
    );
  });

  it("--date-column none reads no dates: rows with blank or unreadable dates are used, and a window is refused", () => {
    const dated = write("dated.csv", "Score,Date\n10,2018-01-02\n9,\n8,soon\n");
    const other = write("other.csv", "Score,Date\n0,2018-01-02\n5,2018-01-05\n");
    const read = (...options: string[]): JsonReport & { data: { sources: Array<{ columns: Record<string, string | null> }> } } =>
      JSON.parse(runCli(["analyze", dated, other, "--format", "json", ...options]).stdout) as JsonReport & { data: { sources: Array<{ columns: Record<string, string | null> }> } };
    expect(read().data).toMatchObject({ rowsRead: 5, rowsUsed: 3, rowsDropped: { "missing-date": 1, "invalid-date": 1 } });
    const undated = read("--date-column", "none");
    expect(undated.data).toMatchObject({ rowsRead: 5, rowsUsed: 5, rowsDropped: {} });
    expect(undated.data.sources[0]?.columns["date"]).toBeNull();
    expect(undated.variants.map(({ n }) => n)).toEqual([3, 2]);
    const refused = runCli(["analyze", dated, other, "--date-column", "none", "--to", "2018-12-31"]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe("nps-ab: --from/--to need a date column, and --date-column none says there is none\n");
  });

  it("--skip-lines skips a report's title lines above the header, and the ragged-row error suggests it", () => {
    const titled = write("titled.csv", 'NPS report "Q1", all sites\nGenerated 2018-04-01\n\nScore,Date,site\n9,2018-01-02,old\n10,2018-01-03,new\n,2018-01-03,new\n');
    const quoted = runCli(["analyze", titled, "--variant-column", "site"]);
    expect(quoted.status).toBe(2);
    expect(quoted.stderr).toMatch(/titled\.csv:1: misplaced quote in field 1 of the record starting on line 1 \(.*; or a title line above the header row\? --skip-lines skips it\)\n$/);
    const ragged = runCli(["analyze", write("ragged.csv", "NPS report\nScore,Date,site\n9,2018-01-02,old\n"), "--variant-column", "site"]);
    expect(ragged.stderr).toMatch(/ragged\.csv:2: row has 3 fields where the header has 1 \(a title line above the header row\? --skip-lines skips lines that come before it\)\n$/);
    // A title with the delimiter in it reads as a header of two fields; the row after it, near the top, hints too.
    const comma = runCli(["analyze", write("comma.csv", "NPS report, all sites\nGenerated 2018-04-01\nScore,Date,site\n9,2018-01-02,old\n"), "--variant-column", "site"]);
    expect(comma.stderr).toMatch(/comma\.csv:2: row has 1 field where the header has 2 \(.*; or title lines above the header row\? --skip-lines skips them\)\n$/);
    // Further down, a ragged row is only that.
    const late = ["Score,Date,site", ...Array.from({ length: 12 }, () => "9,2018-01-02,old"), "9,2018-01-02"].join("\n");
    expect(runCli(["analyze", write("late.csv", `${late}\n`), "--variant-column", "site"]).stderr).not.toContain("--skip-lines");
    const read = runCli(["analyze", titled, "--variant-column", "site", "--skip-lines", "3", "--format", "json"]);
    expect(read.status, read.stderr).toBe(0);
    expect((JSON.parse(read.stdout) as JsonReport).data).toMatchObject({ rowsRead: 3, rowsUsed: 2, rowsDropped: { "missing-score": 1 } });
    expect(runCli(["aggregate", titled, "--variant-column", "site", "--skip-lines", "3"]).stdout).toBe("variant,period,segment,score,count\nold,2018-01-02,,9,1\nnew,2018-01-03,,10,1\n,,,dropped:missing-score,1\n");
    const bad = runCli(["analyze", titled, "--variant-column", "site", "--skip-lines", "-1"]);
    expect(bad.stderr).toMatch(/^nps-ab: --skip-lines/);
    expect(bad.status).toBe(2);
  });

  it("help and version exit 0", () => {
    expect(runCli(["--help"]).status).toBe(0);
    expect(runCli(["analyze", "--help"]).stdout).toContain("--margin <points>");
    expect(runCli(["--version"]).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe("exports joined together (cat a.csv b.csv c.csv): the repeated header lines are not rows", () => {
  const header = "Response ID,Score,Created At,Email,Site";
  const part = (from: number): string =>
    [header, ...Array.from({ length: 40 }, (_, index) => `${from + index},${(from + index) % 11},2018-03-${String(1 + (index % 28)).padStart(2, "0")}T10:00:00Z,p${index % 30}@example.com,${index % 2 === 0 ? "old" : "new"}`)].join("\n");
  let dir: string;
  let parts: string[];
  let joined: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "nps-ab-joined-"));
    parts = [0, 100, 200].map((from, index) => {
      const path = join(dir, `part${index}.csv`);
      writeFileSync(path, `${part(from)}\n`);
      return path;
    });
    joined = join(dir, "joined.csv");
    writeFileSync(joined, `${[0, 100, 200].map(part).join("\n")}\n`);
  });

  it("counts the joined file as the parts read one after another, and warns", () => {
    const expected = JSON.parse(runCli(["analyze", ...parts, "--variant-column", "Site", "--format", "json"]).stdout) as JsonReport;
    for (const args of [["analyze", joined], ["analyze", "-"], ["analyze", joined, "--strict"]]) {
      const result = runCli([...args, "--variant-column", "Site", "--format", "json"], { input: readFileSync(joined, "utf8") });
      expect(result.status, result.stderr).toBe(0);
      const report = JSON.parse(result.stdout) as JsonReport;
      // 120 rows, none dropped: not 2 invalid-score (or one of them a duplicate-response, by its ID "Response ID").
      expect(report.data).toMatchObject({ rowsRead: 120, rowsUsed: 120, rowsDropped: {} });
      expect(report.variants).toEqual(expected.variants);
      expect(report.comparison).toEqual(expected.comparison);
      expect(report.warnings).toContain("2 lines repeat the header row (exports joined together?): they are not rows, so neither read nor dropped.");
    }
  });
});
