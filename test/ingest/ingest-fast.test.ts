/**
 * The byte-level reader (fast/) against the general csv-parse reader as the oracle, through the whole of
 * ingest: random exports with bad rows, multi-line quoted comments, duplicates, blank lines, local and
 * dotted dates and many variants read the same (cells in the same order, the same accounting, the same
 * respondents), and a strict-mode error names the same line. The parallel path runs from the compiled
 * `dist/` (its worker threads are compiled files), with chunks of a few hundred bytes so that chunk
 * boundaries fall everywhere: `npm run build` first.
 */
import fc from "fast-check";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { csvFileWriter, stdinOf } from "./csv-files.js";
import { comparable, outcome } from "./ingest-outcome.js";
import { ingest as ingestBuilt } from "../../dist/ingest/ingest.js";
import { ingest, type IngestOptions } from "../../src/ingest/ingest.js";

const write = csvFileWriter("fast");
const noStdin = (): Readable => Readable.from([]);

// "header": the header line again, as in exports joined together (not a row).
const KINDS = ["good", "good", "good", "missing-score", "invalid-score", "bad-date", "local-date", "dotted-date", "us-date", "blank-line", "comment", "no-site", "duplicate", "labelled", "header"] as const;
const row = fc.record({ kind: fc.constantFrom(...KINDS), person: fc.integer({ min: 0, max: 6 }), site: fc.integer({ min: 0, max: 39 }), score: fc.integer({ min: 0, max: 10 }), day: fc.integer({ min: 1, max: 28 }) });
type Row = typeof row extends fc.Arbitrary<infer T> ? T : never;

/** A Delighted-shaped export with a Site column; `sites` variants (over 15 exercise the ledger's overflow). */
function exportOf(rows: readonly Row[], sites: number, crlf: boolean): string {
  const header = "Response ID,Email,Score,Created At,Comment,Lifecycle Stage,Site";
  const lines = [header];
  rows.forEach(({ kind, person, site, score, day }, index) => {
    if (kind === "blank-line") return void lines.push("");
    if (kind === "header") return void lines.push(header);
    const id = kind === "duplicate" ? 1000 + Math.floor(index / 2) : 1000 + index;
    const date = kind === "bad-date" ? "soon" : kind === "local-date" ? `2023/03/${day}` : kind === "dotted-date" ? `${day}.03.2023` : kind === "us-date" ? `03/${day}/2023 ${day % 12 + 1}:05 PM` : `2023-03-${String(day).padStart(2, "0")}T1${day % 10}:00:00Z`;
    const value = kind === "missing-score" ? "" : kind === "invalid-score" ? "N/A" : kind === "labelled" ? `"${score} - Likely"` : String(score);
    const comment = kind === "comment" ? `"Said ""hi"",\nthen left${crlf ? "\r\n" : "\n"}ok"` : "fine";
    const siteName = kind === "no-site" ? " " : `site-${site % sites}`;
    lines.push(`${id}, Person${person}@Example.com ,${value},${date},${comment},${["New", "", "Lapsed"][person % 3]},${siteName}`);
  });
  return `${lines.join(crlf ? "\r\n" : "\n")}${crlf ? "\r\n" : "\n"}`;
}

const exports = fc.record({
  // Past the 503 head records, which both readers read as strings: the rest is the byte-level path.
  first: fc.array(row, { minLength: 505, maxLength: 700 }),
  second: fc.array(row, { minLength: 1, maxLength: 600 }),
  // 40: more sites than the reader keeps interned (32).
  sites: fc.constantFrom(2, 3, 18, 40),
  crlf: fc.boolean(),
  // Mostly no --strict: the cases the parallel path reads to the end, in every dedupe mode.
  dedupe: fc.constantFrom("none", "none", "none", "first", "last") as fc.Arbitrary<"none" | "first" | "last">,
  strict: fc.constantFrom(false, false, false, true),
  // The main thread reading chunks beside one worker (large files), or only merging two workers' chunks.
  mainReads: fc.boolean(),
  // 2 and 3: one and two worker threads, kept from the ID pass to the respondent pass.
  resolveThreads: fc.constantFrom(1, 2, 3),
  // Before the header of the first file: nothing, a byte-order mark, two of them, Excel's `sep=` line.
  preamble: fc.constantFrom("", "", "\uFEFF", "\uFEFF\uFEFF", "sep=,", "\uFEFFsep=,"),
  // Title lines after the byte-order mark, skipped with --skip-lines: quotes, delimiters, a blank line.
  titles: fc.array(fc.constantFrom('Report "NPS", Q1', "Generated: 2023-03-01;|\t", "", 'an "unclosed, quote'), { maxLength: 3 }),
  // Given, or (undefined) left to the values: dotted dates are day first either way unless one is given.
  dateFormat: fc.constantFrom<"dmy" | "mdy" | undefined>("dmy", "mdy", undefined),
  // Days in UTC, across New York's daylight-saving changes (the exports' March), or where clocks jump at midnight.
  timeZone: fc.constantFrom("UTC", "UTC", "America/New_York", "America/Sao_Paulo"),
  // The ID and respondent columns found by name, given (a quoted, multi-line Comment as the ID; a stage,
  // sometimes blank, as the respondent), or none; no dates.
  columns: fc.constantFrom<Pick<IngestOptions, "dateColumn" | "idColumn" | "respondentColumn" | "segmentColumn">>({}, {}, { idColumn: false }, { respondentColumn: false, segmentColumn: false }, { idColumn: "Comment", respondentColumn: "Lifecycle Stage" }, { dateColumn: false }),
});

describe("the byte-level reader through ingest (property-based, oracle: the csv-parse reader)", () => {
  it("counts random exports exactly as the general reader does, on one thread and in parallel chunks", async () => {
    await fc.assert(
      fc.asyncProperty(exports, async ({ first, second, sites, crlf, dedupe, strict, mainReads, resolveThreads, preamble, titles, dateFormat, timeZone, columns }) => {
        const eol = crlf ? "\r\n" : "\n";
        const sep = preamble.endsWith("sep=,") ? `sep=,${eol}` : "";
        const [bom, titled] = [preamble.replace("sep=,", ""), titles.map((title) => `${title}${eol}`).join("")];
        // --skip-lines applies to every file: both have the titles.
        const paths = [write(`${bom}${titled}${sep}${exportOf(first, sites, crlf)}`), write(`${titled}${exportOf(second, sites, crlf)}`)];
        const inputs = paths.map((path) => ({ path }));
        const options: IngestOptions = { timeZone, strict, variantColumn: "Site", dedupe, dateFormat, skipLines: titles.length, ...columns };
        const expected = await outcome(() => ingest(inputs, { ...options, fastReader: false }, noStdin()));
        expect(await outcome(() => ingest(inputs, { ...options, parallel: false }, noStdin()))).toEqual(expected);
        const parallel = { workers: mainReads ? 1 : 2, mainReads, chunkBytes: 300, minBytes: 0 };
        // A ledger budget of a few dozen records: the chunks' records spill to disk.
        expect(await outcome(() => ingestBuilt(inputs, { ...options, parallel, ledger: { budgetRecords: 200, resolveThreads } }, noStdin()))).toEqual(expected);
      }),
      { seed: 5, numRuns: 25 },
    );
  });

  it("reads UTC timestamps of the same and changing dates at any time of day as the general reader does, in another zone and window", async () => {
    // isoInstant keeps the last date's midnight and adds the time: a wrong time moves rows across days in
    // New York and across the window's edges, which the cells and the accounting show.
    const stamp = fc.record({ day: fc.constantFrom(14, 14, 14, 15, 16), hour: fc.integer({ min: 0, max: 25 }), minute: fc.integer({ min: 0, max: 59 }), second: fc.integer({ min: 0, max: 61 }) });
    const two = (value: number): string => String(value).padStart(2, "0");
    await fc.assert(
      fc.asyncProperty(fc.array(stamp, { minLength: 510, maxLength: 900 }), async (stamps) => {
        const lines = ["Response ID,Score,Created At,Site", ...stamps.map(({ day, hour, minute, second }, index) => `${index},${index % 11},2023-03-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}Z,site-${index % 2}`)];
        const inputs = [{ path: write(`${lines.join("\n")}\n`) }];
        const options: IngestOptions = { timeZone: "America/New_York", strict: false, variantColumn: "Site", from: "2023-03-14", to: "2023-03-15" };
        const expected = await outcome(() => ingest(inputs, { ...options, fastReader: false }, noStdin()));
        expect(await outcome(() => ingest(inputs, { ...options, parallel: false }, noStdin()))).toEqual(expected);
      }),
      { numRuns: 20 },
    );
  });

  it("tells apart variants and segments of one length, beyond the 32 it keeps interned", async () => {
    // The row counter keeps the bytes of the first 32 values of a column it meets, to compare a row's with:
    // 40 sites and 36 segments of the same length, so the last ones are decoded each time.
    const sites = Array.from({ length: 40 }, (_, index) => `s-${10 + index}`);
    const stages = Array.from({ length: 36 }, (_, index) => `g${index % 6}x${Math.floor(index / 6)}`);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(39), fc.nat(35), fc.nat(10), fc.nat(7)), { minLength: 510, maxLength: 1200 }), async (rows) => {
        // Some values written differently but read the same (padded, quoted: the counter keeps their bytes
        // apart, their text is one), and a segment longer than the 64 bytes it keeps.
        const written = (value: string, way: number): string => (way === 1 ? ` ${value}  ` : way === 2 ? `"${value}"` : way === 3 ? `${value}${"-".repeat(70)}` : value);
        const lines = ["Response ID,Score,Lifecycle Stage,Site", ...rows.map(([site, stage, score, way], index) => `${index},${score},${written(stages[stage] as string, way)},${written(sites[site] as string, way === 3 ? 0 : way)}`)];
        const inputs = [{ path: write(`${lines.join("\n")}\n`) }];
        const options: IngestOptions = { timeZone: "UTC", strict: false, variantColumn: "Site", segmentColumn: "Lifecycle Stage" };
        const expected = await outcome(() => ingest(inputs, { ...options, fastReader: false }, noStdin()));
        expect(await outcome(() => ingest(inputs, { ...options, parallel: false }, noStdin()))).toEqual(expected);
      }),
      { numRuns: 10 },
    );
  });
});

describe("rows the row kernel notes in a chunk's ledger itself (fast-rows.ts' fastRows)", () => {
  it("count as the general reader counts them: chunks of thousands of rows, many per place, every dedupe mode, windows", async () => {
    const kind = fc.constantFrom("plain", "plain", "plain", "plain", "copy", "hashed-id", "no-id", "no-email", "neither", "leap-second", "blank-segment");
    // Few respondents: most answer several times within a kernel batch, which `first` and `last` tell apart by sequence number.
    const row = fc.record({ kind, person: fc.nat({ max: 8 }), site: fc.nat({ max: 2 }), stage: fc.nat({ max: 2 }), day: fc.integer({ min: 1, max: 4 }), hour: fc.nat({ max: 23 }), score: fc.nat({ max: 10 }) });
    const file = fc.record({
      rows: fc.array(row, { minLength: 1500, maxLength: 2500 }),
      dedupe: fc.constantFrom("none", "first", "last") as fc.Arbitrary<"none" | "first" | "last">,
      window: fc.constantFrom<{ from?: string; to?: string }>({}, {}, { from: "2023-03-02" }, { to: "2023-03-03" }, { from: "2023-03-02", to: "2023-03-03" }),
      segments: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(file, async ({ rows, dedupe, window, segments }) => {
        const lines = ["Response ID,Email,Score,Created At,Lifecycle Stage,Site"];
        rows.forEach(({ kind: what, person, site, stage, day, hour, score }, index) => {
          const id = what === "copy" ? String(5000 + Math.max(0, index - 3)) : what === "hashed-id" ? `R_${index >> 3}` : what === "no-id" || what === "neither" ? "" : String(5000 + index);
          const email = what === "no-email" || what === "neither" ? "" : `p${person}@example.com`;
          const time = what === "leap-second" ? "23:59:60" : `${String(hour).padStart(2, "0")}:30:00`;
          const segment = what === "blank-segment" ? "" : ["New", "Loyal", "Lapsed"][stage];
          lines.push(`${id},${email},${score},2023-03-0${day}T${time}Z,${segment},site-${site}`);
        });
        const inputs = [{ path: write(`${lines.join("\n")}\n`) }];
        const options: IngestOptions = { timeZone: "UTC", strict: false, variantColumn: "Site", dedupe, ...window, ...(segments ? {} : { segmentColumn: false }) };
        const expected = await outcome(() => ingest(inputs, { ...options, fastReader: false }, noStdin()));
        // Chunks of ~16 KB: a few hundred rows each, most of them the kernel's; and spilled, so that the
        // records are resolved as a large run's are.
        const parallel = { workers: 2, mainReads: false, chunkBytes: 16 * 1024, minBytes: 0 };
        expect(await outcome(() => ingestBuilt(inputs, { ...options, parallel, ledger: { budgetRecords: 300 } }, noStdin()))).toEqual(expected);
      }),
      { seed: 1202, numRuns: 12 },
    );
  });
});

describe("the byte-level reader with each file's variant named on the command line", () => {
  it("reads segments as the general reader does, file after file", async () => {
    const stages = ["New", "Lapsed", " New ", '"Lapsed"', "At Risk"];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(4), fc.nat(10), fc.integer({ min: 1, max: 28 })), { minLength: 510, maxLength: 900 }), fc.array(fc.tuple(fc.nat(4), fc.nat(10), fc.integer({ min: 1, max: 28 })), { minLength: 510, maxLength: 900 }), async (first, second) => {
        const file = (rows: typeof first): string => write(`${["Response ID,Score,Created At,Lifecycle Stage", ...rows.map(([stage, score, day], index) => `${index},${score},2023-03-${String(day).padStart(2, "0")}T10:00:00Z,${stages[stage]}`)].join("\n")}\n`);
        const inputs = [{ path: file(first), variant: "ebates" }, { path: file(second), variant: "rakuten" }];
        const options: IngestOptions = { timeZone: "UTC", strict: false, segmentColumn: "Lifecycle Stage" };
        const expected = await outcome(() => ingest(inputs, { ...options, fastReader: false }, noStdin()));
        expect(await outcome(() => ingest(inputs, { ...options, parallel: false }, noStdin()))).toEqual(expected);
      }),
      { numRuns: 10 },
    );
  });
});

/** `bytes` as stdin in chunks of the given sizes (in turn), so that chunk boundaries fall anywhere. */

describe("stdin through the byte-level reader (oracle: the csv-parse reader, which reads stdin as it comes)", () => {
  // ~250 KB: past the 64 KiB the dialect is sniffed from, so most of it streams in after the head.
  const [rows] = fc.sample(fc.array(row, { minLength: 3000, maxLength: 3000 }), { seed: 11, numRuns: 1 }) as [Row[]];
  const stdinRun = fc.record({
    sizes: fc.array(fc.integer({ min: 1, max: 70_000 }), { minLength: 1, maxLength: 6 }),
    // Byte-order marks: csv-parse drops one after the one sniffed (an export saved twice by Excel).
    boms: fc.constantFrom(0, 1, 2),
    // Excel's `sep=` line before the header (ending as the other lines do: csv-parse takes the record
    // delimiter from the first line).
    sep: fc.boolean(),
    gzip: fc.boolean(),
    crlf: fc.boolean(),
    dedupe: fc.constantFrom("none", "first", "last") as fc.Arbitrary<"none" | "first" | "last">,
  });

  it("counts an export given in chunks of any size as the general reader does: plain, with byte-order marks, a sep= line, gzip", async () => {
    await fc.assert(
      fc.asyncProperty(stdinRun, async ({ sizes, boms, sep, gzip, crlf, dedupe }) => {
        const text = Buffer.from(`${"\uFEFF".repeat(boms)}${sep ? `sep=,${crlf ? "\r\n" : "\n"}` : ""}${exportOf(rows, 3, crlf)}`);
        const bytes = gzip ? gzipSync(text) : text;
        const options: IngestOptions = { timeZone: "UTC", strict: false, variantColumn: "Site", dedupe, dateFormat: "dmy" };
        const expected = await outcome(() => ingest([{ path: "-" }], { ...options, fastReader: false }, stdinOf(bytes, sizes)));
        expect(expected).toMatchObject({ sources: [expect.stringContaining('"file":"<stdin>"')] });
        expect(await outcome(() => ingest([{ path: "-" }], options, stdinOf(bytes, sizes)))).toEqual(expected);
      }),
      { seed: 3, numRuns: 12 },
    );
  });

  it("reports the bytes read from stdin as progress, with no total", async () => {
    const bytes = Buffer.from(exportOf(rows, 3, false));
    const calls: [number, number][] = [];
    const onProgress = (read: number, total: number): number => calls.push([read, total]);
    await ingest([{ path: "-" }], { timeZone: "UTC", strict: false, variantColumn: "Site", dateFormat: "dmy", onProgress }, stdinOf(bytes, [10_000]));
    expect(calls.length).toBeGreaterThan(10);
    expect(calls.every(([, total]) => total === 0)).toBe(true);
    expect(calls.every(([read], index) => index === 0 || read >= (calls[index - 1] as [number, number])[0])).toBe(true);
    expect(calls.at(-1)?.[0]).toBe(bytes.length);
  });

  it("reads UTF-16 and Windows-1252, from a file and from stdin, as the general reader does (errors too)", async () => {
    // Decoded to UTF-8 by the source that sniffed them, then read in order by the byte-level reader.
    const text = exportOf(rows, 3, false).replace(/,fine,/g, ",finé über,");
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${text}\u65e5\u672c,9,2023-03-01,x,y,z,site-0\n`, "utf16le")]);
    const utf16be = Buffer.from(utf16le).swap16();
    const loneSurrogate = Buffer.concat([utf16le.subarray(0, 200_002), Buffer.from([0x00, 0xd8, 0x41, 0x00]), utf16le.subarray(200_002)]);
    const inputs: [string, Buffer, IngestOptions["encoding"]][] = [
      ["UTF-16LE", utf16le, undefined],
      ["UTF-16BE", utf16be, undefined],
      ["UTF-16LE, gzip", gzipSync(utf16le), undefined],
      ["Windows-1252", Buffer.from(text, "latin1"), "windows-1252"],
      ["UTF-16LE cut inside a character", utf16le.subarray(0, utf16le.length - 1), undefined],
      ["UTF-16LE with a lone surrogate", loneSurrogate, undefined],
    ];
    const options: IngestOptions = { timeZone: "UTC", strict: false, variantColumn: "Site", dateFormat: "dmy" };
    for (const [name, bytes, encoding] of inputs) {
      const path = write(bytes);
      const expected = await outcome(() => ingest([{ path }], { ...options, encoding, fastReader: false }, noStdin()));
      if (/cut|surrogate/.test(name)) expect(expected, name).toMatch(/^\d+: (the file ends inside a UTF-16LE character|not valid UTF-16LE text)$/);
      else expect(expected, name).toMatchObject({ variants: expect.arrayContaining(["site-0", "site-1", "site-2"]) });
      expect(await outcome(() => ingest([{ path }], { ...options, encoding }, noStdin())), name).toEqual(expected);
      const expectedStdin = await outcome(() => ingest([{ path: "-" }], { ...options, encoding, fastReader: false }, stdinOf(bytes, [5000, 3])));
      expect(await outcome(() => ingest([{ path: "-" }], { ...options, encoding }, stdinOf(bytes, [5000, 3]))), `${name}, stdin`).toEqual(expectedStdin);
    }
  });

  it("names the line of the first byte that is not UTF-8, as the general reader does", async () => {
    // Comments with two-, three- and four-byte characters, which chunks of 2-7 bytes split.
    const lines = ["Response ID,Score,Created At,Comment,Site"];
    for (let index = 0; index < 4000; index += 1) lines.push(`${index},${index % 11},2023-03-0${1 + (index % 9)}T10:00:00Z,"${["é ok", "日本", "ok 👍", "plain"][index % 4]}",site-${index % 2}`);
    const utf8 = Buffer.from(`${lines.join("\n")}\n`);
    const lineStart = (line: number): number => {
      let at = 0;
      for (let seen = 1; seen < line; seen += 1) at = utf8.indexOf(0x0a, at) + 1;
      return at;
    };
    const spliced = (at: number, bad: number[], cut = 0): Buffer => Buffer.concat([utf8.subarray(0, at), Buffer.from(bad), utf8.subarray(at + cut)]);
    const cases: [string, Buffer][] = [
      ["a lone 0xff in the head", spliced(lineStart(30) + 5, [0xff])],
      ["a lone 0xff after the sniffed prefix", spliced(lineStart(3500) + 3, [0xff])],
      ["a lone continuation byte just after a line feed", spliced(lineStart(2800), [0x80])],
      ["a three-byte character cut short by a line feed", spliced(lineStart(2900) - 1, [0xe6, 0x97])],
      ["an overlong encoding", spliced(lineStart(3999) + 2, [0xc0, 0xaf])],
      ["a character cut short at the end of the input", Buffer.concat([utf8, Buffer.from([0xf0, 0x9f, 0x91])])],
    ];
    const options: IngestOptions = { timeZone: "UTC", strict: false, variantColumn: "Site" };
    for (const [name, bytes] of cases) {
      for (const sizes of [[65_536], [61, 7, 3, 5], [4096, 2]]) {
        const expected = await outcome(() => ingest([{ path: "-" }], { ...options, fastReader: false }, stdinOf(bytes, sizes)));
        expect(expected, name).toMatch(/^\d+: (unknown encoding: not UTF-8 text|the file ends inside a UTF-8 character)$/);
        expect(await outcome(() => ingest([{ path: "-" }], options, stdinOf(bytes, sizes))), `${name}, chunks ${sizes.join(" ")}`).toBe(expected);
      }
    }
  });
});

describe("times without an offset in --source-tz", () => {
  // Each stamp with the day it falls on in Los Angeles (UTC-8 in January) when read as UTC, worked out by
  // hand; the stamp with an offset is an instant whatever --source-tz says.
  const STAMPS: ReadonlyArray<readonly [string, string]> = [
    ["2018-01-02 05:00:00", "2018-01-01"],
    ["2018-01-02T09:00:00", "2018-01-02"],
    ["2018-01-02", "2018-01-01"],
    ["2018-01-02 08:00", "2018-01-02"],
    ["01/02/2018 7:00 AM", "2018-01-01"],
    ["2018-01-02T06:00:00+01:00", "2018-01-01"],
    ["2018-01-02T10:00:00+01:00", "2018-01-02"],
  ];
  const rows = Array.from({ length: 700 }, (_, index) => STAMPS[index % STAMPS.length] as readonly [string, string]);
  const text = `${["Response ID,Score,Answered,Site", ...rows.map(([stamp], index) => `${index},${index % 11},${stamp},site-${index % 2}`)].join("\n")}\n`;
  const options: IngestOptions = { timeZone: "America/Los_Angeles", sourceTimeZone: "UTC", strict: false, variantColumn: "Site", dateColumn: "Answered", dateFormat: "mdy" };

  it("are read in that zone, their days taken in --tz, by every reader", async () => {
    const inputs = [{ path: write(text) }];
    const general = await ingest(inputs, { ...options, fastReader: false }, noStdin());
    const days = new Map<string, number>();
    for (const { day, counts } of general.tally.cells.values()) days.set(String(day), (days.get(String(day)) ?? 0) + counts.reduce((sum, count) => sum + count, 0));
    const expected = new Map<string, number>();
    for (const [, day] of rows) expected.set(day, (expected.get(day) ?? 0) + 1);
    expect(Object.fromEntries(days)).toEqual(Object.fromEntries(expected));
    const oracle = comparable(general);
    expect(comparable(await ingest(inputs, { ...options, parallel: false }, noStdin()))).toEqual(oracle);
    const parallel = { workers: 2, mainReads: false, chunkBytes: 300, minBytes: 0 };
    expect(comparable(await ingestBuilt(inputs, { ...options, parallel }, noStdin()))).toEqual(oracle);
  });

  it("overrides the zone a platform states (Delighted: UTC)", async () => {
    const delighted = `Response ID,Score,Created At,Site\n1,9,2018-01-02 01:00:00,a\n2,7,2018-01-02 01:00:00,b\n`;
    const inputs = [{ path: write(delighted) }];
    const newYork = { timeZone: "America/New_York", strict: false, variantColumn: "Site" } as const;
    const dayOf = async (extra: Partial<IngestOptions>): Promise<string[]> =>
      [...(await ingest(inputs, { ...newYork, ...extra }, noStdin())).tally.cells.values()].map((cell) => String(cell.day));
    expect(await dayOf({})).toEqual(["2018-01-01", "2018-01-01"]);
    expect(await dayOf({ sourceTimeZone: "America/New_York" })).toEqual(["2018-01-02", "2018-01-02"]);
  });
});
