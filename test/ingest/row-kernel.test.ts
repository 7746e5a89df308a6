/**
 * The row kernel (src/ingest/fast/row-kernel.wat through row-kernel.ts) against the csv-parse reader as the
 * oracle, through the whole of ingest: random exports whose fields are written every way the kernel must
 * either read exactly as the JavaScript does or leave to it (quoted, padded, escaped, multi-line, CRLF, lone
 * CRs, non-ASCII, whole-number and text IDs, UTC timestamps valid and not, rows of the wrong length), read
 * from a file and from stdin in chunks of any size, so that records are cut everywhere.
 */
import fc from "fast-check";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvFileWriter, stdinOf } from "./csv-files.js";
import { outcome } from "./ingest-outcome.js";
import { ingest, type IngestOptions } from "../../src/ingest/ingest.js";
import { NEXT, ROW_WORDS, rowKernel, SCORE, useRowKernel } from "../../src/ingest/fast/row-kernel.js";
import { RD_LF } from "../../src/ingest/fast/scanner.js";
import { rowKernelBinary } from "../wat-modules.js";

const write = csvFileWriter("kernel");

beforeAll(async () => useRowKernel(await rowKernelBinary()));
afterAll(() => useRowKernel(null));

const pick = <T>(...values: T[]): fc.Arbitrary<T> => fc.constantFrom(...values);
const field = fc.record({
  id: pick("plain", "plain", "plain", "padded", "leading-zero", "sixteen-digits", "text", "non-ascii", "blank", "quoted"),
  email: pick("plain", "plain", "plain", "padded", "upper", "blank", "non-ascii", "quoted", "escaped"),
  score: fc.oneof({ weight: 12, arbitrary: pick("plain", "padded", "ten", "zero-padded", "quoted") }, { weight: 1, arbitrary: pick("eleven", "blank", "text") }),
  date: pick("zulu", "zulu", "zulu", "lower", "space", "no-zone", "millis", "feb-30", "hour-24", "year-999", "letter", "trailing", "text", "blank", "padded"),
  comment: pick("plain", "plain", "quoted", "escaped", "line-feed", "crlf", "lone-cr", "bare-cr"),
  stage: pick("plain", "plain", "blank", "padded", "quoted", "non-ascii"),
  site: pick("plain", "plain", "plain", "blank", "quoted", "padded", "other"),
  // Rows of the wrong length (which stop a run without --relax; with it, one field too many still does) are in
  // ragged runs only (exportOf).
  shape: fc.oneof({ weight: 30, arbitrary: pick<"row" | "blank-line" | "extra-field" | "missing-field">("row") }, { weight: 1, arbitrary: pick<"row" | "blank-line" | "extra-field" | "missing-field">("blank-line") }),
  n: fc.integer({ min: 0, max: 10 }),
});
type Field = typeof field extends fc.Arbitrary<infer T> ? T : never;

function line({ id, email, score, date, comment, stage, site, shape, n }: Field, index: number, delimiter: string): string {
  if (shape === "blank-line") return "";
  const ids: Record<Field["id"], string> = {
    plain: String(1000 + index),
    padded: ` ${1000 + index} `,
    // The previous row's plain ID with a leading zero: the same number, another text (not a duplicate).
    "leading-zero": `0${999 + index}`,
    // Past 2^53: 16 digits that a double would round together (text, hashed: not duplicates).
    "sixteen-digits": String(9007199254740993 + 2 * (index % 2)),
    text: `R_${index.toString(36)}`,
    "non-ascii": `ü${index}`,
    blank: "",
    quoted: `"${1000 + index}"`,
  };
  const person = `Person${n % 4}@Example.com`;
  const emails: Record<Field["email"], string> = { plain: person.toLowerCase(), padded: ` ${person} `, upper: person.toUpperCase(), blank: "", "non-ascii": `pérson${n % 4}@example.com`, quoted: `"${person}"`, escaped: `"${person}""x"` };
  const scores: Record<Field["score"], string> = { plain: String(n), padded: ` ${n}${delimiter === "\t" ? " " : "\t"}`, ten: "10", eleven: "11", blank: "", text: "N/A", "zero-padded": `0${n % 10}`, quoted: `"${n}"` };
  const day = 1 + (index % 28);
  const stamp = `2023-02-${String(day).padStart(2, "0")}T${String(n * 2).padStart(2, "0")}:0${n % 10}:5${n % 10}`;
  const dates: Record<Field["date"], string> = {
    zulu: `${stamp}Z`,
    lower: `${stamp.replace("T", "t")}z`,
    space: `${stamp.replace("T", " ")}Z`,
    "no-zone": stamp,
    millis: `${stamp}.123Z`,
    "feb-30": "2024-02-30T10:00:00Z",
    "hour-24": "2023-02-03T24:00:00Z",
    "year-999": "0999-02-03T10:00:00Z",
    letter: `X${stamp.slice(1)}Z`,
    trailing: `${stamp}Zx`,
    text: "soon",
    blank: "",
    padded: ` ${stamp}Z`,
  };
  const comments: Record<Field["comment"], string> = { plain: "fine", quoted: `"fine${delimiter} thanks"`, escaped: '"said ""hi"""', "line-feed": '"one\ntwo"', crlf: '"one\r\ntwo"', "lone-cr": '"one\rtwo"', "bare-cr": "one\rtwo" };
  const stages: Record<Field["stage"], string> = { plain: ["New", "Lapsed", "At Risk"][n % 3] as string, blank: "", padded: " New ", quoted: '"New"', "non-ascii": "Nëw" };
  const sites: Record<Field["site"], string> = { plain: `site-${n % 2}`, blank: "", quoted: `"site-${n % 2}"`, padded: ` site-${n % 2}`, other: `site-${n % 2}x` };
  const fields = [ids[id], emails[email], scores[score], dates[date], comments[comment], stages[stage], sites[site]];
  if (shape === "extra-field") fields.push("extra");
  if (shape === "missing-field") fields.pop();
  return fields.join(delimiter);
}

const HEADER = "Response ID,Email,Score,Created At,Comment,Lifecycle Stage,Site";

function exportOf(rows: readonly Field[], eol: string, ragged: boolean, delimiter: string): string {
  // A ragged run has a row with a field missing in ten (--relax reads it as blank), and near its end one with
  // a field too many, which stops it: at a line counted past the multi-line comments the kernel read.
  const shapeOf = (row: Field, index: number): Field["shape"] =>
    ragged && index === rows.length - 3 ? "extra-field" : ragged && index % 10 === 9 ? "missing-field" : row.shape;
  const lines = rows.map((row, index) => line({ ...row, shape: shapeOf(row, index) }, index, delimiter));
  return `${[HEADER.replaceAll(",", delimiter), ...lines].join(eol)}${eol}`;
}


const run = fc.record({
  // Past the 503 head records, which every reader reads as strings.
  rows: fc.array(field, { minLength: 520, maxLength: 900 }),
  crlf: fc.boolean(),
  delimiter: pick(",", ",", ";", "\t"),
  relax: fc.boolean(),
  ragged: pick(false, false, false, true),
  strict: pick(false, false, false, true),
  dedupe: pick<"none" | "first" | "last">("none", "none", "first", "last"),
  timeZone: pick("UTC", "UTC", "America/New_York"),
  window: pick<Pick<IngestOptions, "from" | "to">>({}, {}, { from: "2023-02-05", to: "2023-02-20" }),
  columns: pick<Pick<IngestOptions, "dateColumn" | "idColumn" | "respondentColumn" | "segmentColumn">>({}, {}, { idColumn: false }, { respondentColumn: false, segmentColumn: false }, { dateColumn: false }),
  sizes: fc.array(fc.integer({ min: 1, max: 9000 }), { minLength: 1, maxLength: 4 }),
});

describe("the row kernel through ingest (property-based, oracle: the csv-parse reader)", () => {
  it("counts random exports as the general reader does, from a file and from stdin cut anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(run, async ({ rows, crlf, delimiter, relax, ragged, strict, dedupe, timeZone, window, columns, sizes }) => {
        const text = exportOf(rows, crlf ? "\r\n" : "\n", ragged, delimiter);
        const path = write(text);
        const options: IngestOptions = { timeZone, strict, relax, variantColumn: "Site", dedupe, ...window, ...columns };
        const expected = await outcome(() => ingest([{ path }], { ...options, fastReader: false }, Readable.from([])));
        expect(await outcome(() => ingest([{ path }], { ...options, parallel: false }, Readable.from([])))).toEqual(expected);
        expect(await outcome(() => ingest([{ path: "-" }], { ...options, parallel: false }, stdinOf(Buffer.from(text), sizes)))).toEqual(
          await outcome(() => ingest([{ path: "-" }], { ...options, fastReader: false }, stdinOf(Buffer.from(text), sizes))),
        );
      }),
      { seed: 20261202, numRuns: 80 },
    );
  });
});

describe("the row kernel's known variants and segments", () => {
  it("tells apart values of one length beyond the 32 the counter keeps, written every way, as the general reader does", async () => {
    // The kernel finds a value among those the counter has kept (their bytes), and leaves others to it: 40
    // sites and 36 segments of the same length, some padded, quoted, blank or too long to keep, over chunks.
    const sites = Array.from({ length: 40 }, (_, index) => `s-${10 + index}`);
    const stages = Array.from({ length: 36 }, (_, index) => `g${index % 6}x${Math.floor(index / 6)}`);
    const written = (value: string, way: number): string => (way === 1 ? ` ${value}  ` : way === 2 ? `"${value}"` : way === 3 ? `${value}${"-".repeat(70)}` : way === 4 ? "" : value);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(39), fc.nat(35), fc.nat(10), fc.nat(9)), { minLength: 510, maxLength: 1500 }), fc.array(fc.integer({ min: 50, max: 5000 }), { minLength: 1, maxLength: 3 }), async (rows, sizes) => {
        const lines = ["Response ID,Score,Lifecycle Stage,Site", ...rows.map(([site, stage, score, way], index) => `${index},${score},${written(stages[stage] as string, way)},${written(sites[site] as string, way === 3 ? 0 : way)}`)];
        const text = `${lines.join("\n")}\n`;
        const options: IngestOptions = { timeZone: "UTC", strict: false, variantColumn: "Site", segmentColumn: "Lifecycle Stage" };
        const expected = await outcome(() => ingest([{ path: "-" }], { ...options, fastReader: false }, stdinOf(Buffer.from(text), sizes)));
        expect(await outcome(() => ingest([{ path: "-" }], { ...options, parallel: false }, stdinOf(Buffer.from(text), sizes)))).toEqual(expected);
        const path = write(text);
        expect(await outcome(() => ingest([{ path }], { ...options, parallel: false }, Readable.from([])))).toEqual(await outcome(() => ingest([{ path }], { ...options, fastReader: false }, Readable.from([]))));
      }),
      { seed: 7, numRuns: 12 },
    );
  });
});

describe("rowKernel", () => {
  it("takes the plain rows and stops before the first it leaves to the JavaScript", () => {
    const names = { score: "Score", date: "Created At", variant: "Site", segment: "Lifecycle Stage", responseId: "Response ID", respondent: "Email" };
    const columns = { score: 2, date: 3, variant: 6, segment: 5, responseId: 0, respondent: 1, names };
    const kernel = rowKernel({ columns, layout: { excludedColumns: [] }, dates: {} } as never, 0x2c, RD_LF, 7);
    expect(kernel).not.toBeNull();
    const text = ["1,a@x.com,9,2023-02-01T10:00:00Z,fine,New,site-0", "2,b@x.com,7,2023-02-01T10:00:01Z,\"multi\nline\",New,site-1", "3,c@x.com,N/A,2023-02-01T10:00:02Z,fine,New,site-0", ""].join("\n");
    const block = (kernel as NonNullable<typeof kernel>).block;
    const length = block.write(text, 0);
    const rows = (kernel as NonNullable<typeof kernel>).read(block.subarray(0, length), 0, length);
    expect(rows).toBe(2);
    const words = (kernel as NonNullable<typeof kernel>).rows;
    expect([words[SCORE], words[ROW_WORDS + SCORE]]).toEqual([9, 7]);
    expect(text.slice(words[ROW_WORDS + NEXT], words[ROW_WORDS + NEXT] + 2)).toBe("3,");
  });
});
