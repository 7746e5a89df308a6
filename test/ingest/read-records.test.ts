import fc from "fast-check";
import { parse } from "csv-parse/sync";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { openCsv, type CsvRecord, type ReaderOptions } from "../../src/ingest/read-records.js";

/** Feeds `bytes` to the reader as stdin, cut into the given chunk sizes (to cross character boundaries). */
async function readAll(bytes: Buffer, options: ReaderOptions = {}, cuts: readonly number[] = []): Promise<CsvRecord[]> {
  const chunks: Buffer[] = [];
  let start = 0;
  for (const cut of cuts) {
    const end = Math.min(bytes.length, start + cut);
    if (end > start) chunks.push(bytes.subarray(start, end));
    start = end;
  }
  if (start < bytes.length) chunks.push(bytes.subarray(start));
  const csv = await openCsv("-", Readable.from(chunks), options);
  const records: CsvRecord[] = [];
  for await (const record of csv.records()) records.push(record);
  return records;
}

// Pieces of fields: quotes, every candidate delimiter, line breaks (LF, CRLF, a lone CR), non-ASCII and astral characters.
const piece = fc.constantFrom("a", "Zoë", "10", " ", ",", ";", "\t", "|", '"', "\n", "\r\n", "\r", "é", "日本", "😀", "x y");
const field = fc.array(piece, { maxLength: 5 }).map((pieces) => pieces.join(""));

function quote(value: string, mustQuote: RegExp): string {
  return mustQuote.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Serialises records and notes the physical line each starts on (CRLF, CR and LF each end a line). */
function serialise(records: readonly string[][], delimiter: string, newline: string, mustQuote: RegExp): { text: string; lines: number[] } {
  let text = "";
  const lines: number[] = [];
  for (const record of records) {
    lines.push(1 + (text.match(/\r\n|\r|\n/g)?.length ?? 0));
    text += record.map((value) => quote(value, mustQuote)).join(delimiter) + newline;
  }
  return { text, lines };
}

const isBlank = (record: readonly string[]): boolean => record.every((value) => value.trim() === "");

const randomCsv = (minFields: number) =>
  fc.integer({ min: minFields, max: 5 }).chain((width) =>
    fc.record({
      records: fc.array(fc.array(field, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 12 }),
      delimiter: fc.constantFrom(",", ";", "\t", "|"),
      newline: fc.constantFrom("\n", "\r\n"),
      cuts: fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 30 }),
    }),
  );

describe("the CSV reader (property-based, oracle: csv-parse's sync API)", () => {
  it("gives the same fields as csv-parse for random quoted fields, any delimiter, cut anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(randomCsv(1), async ({ records, delimiter, newline, cuts }) => {
        const mustQuote = new RegExp(`["\\r\\n${delimiter === "\t" ? "\\t" : `\\${delimiter}`}]|^\\s|\\s$`);
        const { text } = serialise(records, delimiter, newline, mustQuote);
        const expected = (parse(text, { delimiter, relax_column_count: true }) as string[][]).filter((record) => !isBlank(record));
        const actual = await readAll(Buffer.from(text, "utf8"), { delimiter }, cuts);
        expect(actual.map((record) => record.fields)).toEqual(expected);
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it("names the physical line each record starts on, even with CRLF inside quoted fields", async () => {
    await fc.assert(
      fc.asyncProperty(randomCsv(1), async ({ records, delimiter, newline }) => {
        const mustQuote = new RegExp(`["\\r\\n${delimiter === "\t" ? "\\t" : `\\${delimiter}`}]|^\\s|\\s$`);
        const { text, lines } = serialise(records, delimiter, newline, mustQuote);
        const expected = lines.filter((_, index) => !isBlank(records[index] ?? []));
        const actual = await readAll(Buffer.from(text, "utf8"), { delimiter });
        expect(actual.map((record) => record.line)).toEqual(expected);
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it("sniffs the delimiter when fields holding any candidate delimiter are quoted", async () => {
    await fc.assert(
      fc.asyncProperty(randomCsv(2), async ({ records, delimiter, newline }) => {
        const { text } = serialise(records, delimiter, newline, /[",;\t|\r\n]|^\s|\s$/);
        const expected = (parse(text, { delimiter, relax_column_count: true }) as string[][]).filter((record) => !isBlank(record));
        fc.pre(expected.length >= 1);
        const actual = await readAll(Buffer.from(text, "utf8"));
        expect(actual.map((record) => record.fields)).toEqual(expected);
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it("reads UTF-16 LE and BE with a byte-order mark the same as UTF-8", async () => {
    const text = 'Score,Comment\n9,"Très bien, 日本"\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const be = Buffer.from(le.subarray(2)).swap16();
    const expected = [["Score", "Comment"], ["9", "Très bien, 日本"]];
    expect((await readAll(le, {}, [1, 2, 3, 5])).map((record) => record.fields)).toEqual(expected);
    expect((await readAll(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).map((record) => record.fields)).toEqual(expected);
    expect((await readAll(Buffer.from(`\uFEFF${text}`, "utf8"))).map((record) => record.fields)).toEqual(expected);
  });
});

describe("the CSV reader's errors", () => {
  const errorOf = async (text: string | Buffer, options: ReaderOptions = {}): Promise<InputError> => {
    try {
      await readAll(typeof text === "string" ? Buffer.from(text) : text, options);
    } catch (error) {
      if (error instanceof InputError) return error;
      throw error;
    }
    throw new Error("expected an InputError");
  };

  it("names the line where an unclosed quote's record starts, after blank lines and CRLF inside quotes", async () => {
    const error = await errorOf('Score,Comment\r\n9,"two\r\nlines"\r\n\r\n7,"never closed\r\n8,ok\r\n');
    expect(error.message).toBe('unclosed quote in field 2 ("Comment") of the record starting on line 5');
    expect(error.location.line).toBe(5);
  });

  it("stops at ragged rows unless --relax allows them", async () => {
    expect((await errorOf("a,b,c\n1,2\n")).message).toBe("row has 2 fields where the header has 3");
    expect((await errorOf("a,b\n1,2,\n")).hint).toContain("--relax");
    const relaxed = await readAll(Buffer.from("a,b,c\n1,2\n3,4,5,\n"), { relax: true });
    expect(relaxed.map((record) => record.fields)).toEqual([["a", "b", "c"], ["1", "2", ""], ["3", "4", "5"]]);
    // A non-empty extra field is a shifted row, not a trailing delimiter: --relax does not hide it.
    const beyond = await errorOf("a,b\n1,2,3\n", { relax: true });
    expect([beyond.message, beyond.location.line]).toEqual(["row has 3 fields where the header has 2", 2]);
  });

  it("names a misplaced quote's record and field, and the field's column once the header is read", async () => {
    const error = await errorOf('Score,Comment\n9,say "hi"\n');
    expect([error.message, error.location.line]).toEqual(['misplaced quote in field 2 ("Comment") of the record starting on line 2', 2]);
    // In the header row itself, or past its fields, a field has no column name; a blank name is left out.
    expect((await errorOf('Score,"Comment"x\n9,ok\n')).message).toBe("misplaced quote in field 2 of the record starting on line 1");
    expect((await errorOf('Score,Comment\n9,ok,"x\n')).message).toBe("unclosed quote in field 3 of the record starting on line 2");
    expect((await errorOf('Score, \n9,"x"y\n')).message).toBe("misplaced quote in field 2 of the record starting on line 2");
  });

  it("refuses invalid UTF-8 at the line of the first bad byte, and reads it with --encoding", async () => {
    const latin1 = Buffer.from("Score,Kommentar\n9,gut\n8,sch\xf6n\n", "latin1");
    const error = await errorOf(latin1);
    expect([error.message, error.location.line]).toEqual(["unknown encoding: not UTF-8 text", 3]);
    expect((await readAll(latin1, { encoding: "windows-1252" }))[2]?.fields).toEqual(["8", "schön"]);
  });

  it("refuses binary input and an empty file", async () => {
    expect((await errorOf(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1, 2]))).message).toMatch(/Excel \.xlsx workbook/);
    expect((await errorOf(Buffer.from([1, 2, 3, 0, 4, 5, 0, 6, 7, 8]))).message).toMatch(/^binary or non-text input/);
    expect((await errorOf("")).message).toBe("file is empty");
  });
});
