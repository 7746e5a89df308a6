import { CsvError } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import fc from "fast-check";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { RecordStream } from "../../src/ingest/fast/record-stream.js";
import { unescapeField } from "../../src/ingest/fast/field-text.js";
import { MAX_RECORD_CHARS, PLAIN, RecordScanner } from "../../src/ingest/fast/scanner.js";
import { useSpecialsModule } from "../../src/ingest/fast/special-index.js";
import { specialsBinary } from "../wat-modules.js";
import { csvReadError, fitToHeader, openCsv, type CsvRecord } from "../../src/ingest/read-records.js";

/**
 * The byte-level scanner against the general reader (csv-parse, as read-records.ts drives it) as the oracle:
 * random text with stray and escaped quotes, every delimiter, LF, CRLF and lone CR, multi-byte characters,
 * cut into blocks anywhere (inside a character, between CR and LF). Same records, fields, lines, errors.
 */
type Outcome = { records: { fields: string[]; line: number }[]; error: string | null };

function cut(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const chunks: Buffer[] = [];
  let start = 0;
  for (const size of cuts) {
    if (start >= bytes.length) break;
    chunks.push(bytes.subarray(start, Math.min(bytes.length, start + size)));
    start += size;
  }
  if (start < bytes.length) chunks.push(bytes.subarray(start));
  return chunks;
}

/**
 * Equal outcomes. On an error, the csv-parse reader loses the records it parsed in the same chunk before
 * the error (the stream is destroyed), so its records need only be a prefix of the scanner's.
 */
function expectSame(actual: Outcome, expected: Outcome): void {
  expect(actual.error).toBe(expected.error);
  if (expected.error === null) expect(actual.records).toEqual(expected.records);
  else expect(actual.records.slice(0, expected.records.length)).toEqual(expected.records);
}

const describeError = (error: unknown): string => {
  if (error instanceof InputError) return `${error.location.line}: ${error.message}`;
  throw error;
};

/**
 * csv-parse's sync API with read-records.ts' options and line counting, its records checked in file order:
 * the first problem in the file is the error (the streaming reader may instead report a parse error found a
 * few records after a ragged row, having dropped the records it had buffered; the scanner reports the first).
 */
function inOrder(bytes: Buffer, delimiter: string, relax: boolean): Outcome {
  const parsed: { fields: string[]; line: number }[] = [];
  let previousEnd = 0;
  let parseError: CsvError | null = null;
  try {
    parseSync(bytes, {
      delimiter,
      relax_column_count: true,
      bom: true,
      max_record_size: MAX_RECORD_CHARS,
      on_record: (fields: string[]) => {
        const line = previousEnd + 1;
        previousEnd = line + fields.reduce((sum, field) => sum + (field.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
        parsed.push({ fields, line });
        return fields;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    parseError = error;
  }
  const records: Outcome["records"] = [];
  let headerLength = 0;
  for (const { fields, line } of parsed) {
    if (fields.every((field) => field.trim() === "")) continue;
    if (headerLength === 0) headerLength = fields.length;
    try {
      records.push({ fields: fitToHeader(fields, headerLength, relax, "<stdin>", line), line });
    } catch (error) {
      return { records, error: describeError(error) };
    }
  }
  if (parseError === null) return { records, error: null };
  // csv-parse's `index` is the field the error is in; the header is the first non-blank record parsed.
  const header = parsed.find(({ fields }) => !fields.every((field) => field.trim() === ""))?.fields ?? [];
  const at = typeof parseError.index === "number" ? { field: parseError.index, header } : undefined;
  return { records, error: describeError(csvReadError(parseError.code, "<stdin>", previousEnd + 1, headerLength, at)) };
}

async function oracle(chunks: Buffer[], delimiter: string, relax: boolean): Promise<Outcome> {
  const records: CsvRecord[] = [];
  try {
    const csv = await openCsv("-", Readable.from(chunks), { delimiter, relax });
    for await (const record of csv.records()) records.push(record);
    return { records, error: null };
  } catch (error) {
    return { records, error: describeError(error) };
  }
}

/** The scanner's view: `columns` of each record ("all" for every field, fitted to the header like the oracle). */
function scanned(chunks: Buffer[], delimiter: string, relax: boolean, columns: readonly number[] | "all", segmentBytes?: number): Outcome {
  const scanner = new RecordScanner(delimiter.charCodeAt(0), columns, segmentBytes);
  const stream = new RecordStream(scanner, "<stdin>", relax, { previousEnd: 0, headerLength: 0, offset: 0 });
  const records: Outcome["records"] = [];
  const sink = (bytes: Buffer, line: number): void => {
    const wanted = columns === "all" ? [...Array(stream.headerLength).keys()] : columns;
    const fields = wanted.map((column, slot) => {
      const at = columns === "all" ? column : slot;
      if (column >= scanner.fieldCount) return "";
      const [from, to] = [scanner.starts[at] as number, scanner.ends[at] as number];
      return scanner.kinds[at] === PLAIN ? bytes.toString("utf8", from, to) : unescapeField(bytes, from, to);
    });
    records.push({ fields, line });
  };
  try {
    for (const chunk of chunks) stream.push(chunk, sink);
    stream.push(null, sink);
    return { records, error: null };
  } catch (error) {
    return { records, error: describeError(error) };
  }
}

const piece = fc.constantFrom("a", "Zoë", "10", " ", ",", ";", "\t", "|", '"', '""', "\n", "\r\n", "\r", "日本", "😀", "x y", '"q"', "\u00a0", "\u0000");
const text = fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join(""));
const input = fc.record({
  text,
  delimiter: fc.constantFrom(",", ";", "\t", "|"),
  relax: fc.boolean(),
  cuts: fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 40 }),
});

describe("the byte-level scanner (property-based, oracle: the csv-parse reader)", () => {
  it("reads the same records, fields, lines and errors from random text cut anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(input, async ({ text, delimiter, relax, cuts }) => {
        const chunks = cut(Buffer.from(`h1${delimiter}h2${delimiter}h3\n${text}`, "utf8"), cuts);
        const actual = scanned(chunks, delimiter, relax, "all");
        expect(actual).toEqual(inOrder(Buffer.concat(chunks), delimiter, relax));
        const streamed = await oracle(chunks, delimiter, relax);
        if (streamed.error === null) expect(actual).toEqual(streamed);
      }),
      { seed: 7, numRuns: 400 },
    );
  });

  it("decodes only the columns asked for, with the same values", async () => {
    await fc.assert(
      fc.asyncProperty(input, fc.subarray([0, 1, 2], { minLength: 1 }), async ({ text, delimiter, cuts }, columns) => {
        const chunks = cut(Buffer.from(`h1${delimiter}h2${delimiter}h3\n${text}`, "utf8"), cuts);
        const expected = inOrder(Buffer.concat(chunks), delimiter, true);
        const picked = expected.records.map(({ fields, line }) => ({ fields: columns.map((column) => fields[column] ?? ""), line }));
        expect(scanned(chunks, delimiter, true, columns)).toEqual({ records: picked, error: expected.error });
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it("stops a record at 1,000,000 characters where csv-parse does, counting characters, not bytes", async () => {
    for (const body of ["x".repeat(1_000_001), "é".repeat(700_000), `"${"日".repeat(400_000)},${"é".repeat(300_000)}"`, `"${"a".repeat(999_999)}`]) {
      const chunks = cut(Buffer.from(`Score,Comment\n9,${body}\n8,ok\n`), [70_000, 65_536, 300_001]);
      const actual = scanned(chunks, ",", false, "all");
      expect(actual).toEqual(inOrder(Buffer.concat(chunks), ",", false));
      expectSame(actual, await oracle(chunks, ",", false));
    }
  });
});

describe("the byte-level scanner over the special-byte index (special-index.ts; oracle: the csv-parse reader)", () => {
  const longText = fc.array(piece, { maxLength: 200, size: "max" }).map((pieces) => pieces.join(""));

  it("decodes the same columns with the index as csv-parse, its stretches cut anywhere (16, 17, 64 bytes, the default)", async () => {
    useSpecialsModule(await specialsBinary());
    try {
      await fc.assert(
        fc.asyncProperty(longText, fc.constantFrom(",", ";", "\t", "|"), fc.array(fc.integer({ min: 1, max: 90 }), { maxLength: 20 }), fc.subarray([0, 1, 2], { minLength: 1 }), fc.constantFrom(16, 17, 64, undefined), async (text, delimiter, cuts, columns, segmentBytes) => {
          const chunks = cut(Buffer.from(`h1${delimiter}h2${delimiter}h3\n${text}`, "utf8"), cuts);
          const expected = inOrder(Buffer.concat(chunks), delimiter, true);
          const picked = expected.records.map(({ fields, line }) => ({ fields: columns.map((column) => fields[column] ?? ""), line }));
          expect(scanned(chunks, delimiter, true, columns, segmentBytes)).toEqual({ records: picked, error: expected.error });
        }),
        { seed: 12, numRuns: 400 },
      );
      // Records of plain fields, mostly: the index's own path, rather than the general one it gives way to.
      const plain = Array.from({ length: 300 }, (_, row) => `${row},"x, ${row}",${"y".repeat(row % 23)}\r\n`).join("");
      const chunks = cut(Buffer.from(`h1,h2,h3\r\n${plain}`), [1000, 7, 4096]);
      const expected = inOrder(Buffer.concat(chunks), ",", true);
      for (const segmentBytes of [16, 17, 64, undefined]) expect(scanned(chunks, ",", true, [0, 1, 2], segmentBytes)).toEqual(expected);
    } finally {
      useSpecialsModule(null);
    }
  });
});
