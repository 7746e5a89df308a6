import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { parseTimestamp, wallClockToEpoch } from "../../src/ingest/date.js";
import { DateReader, type DateOrder } from "../../src/ingest/date-formats.js";

const reader = (order: DateOrder | null, zone = "UTC"): DateReader => new DateReader({ order, zone, file: "f.csv", column: "Date" });
const iso = (text: string, order: DateOrder | null = null, zone = "UTC"): string => {
  const parsed = reader(order, zone).read(text, 2);
  if (parsed.kind !== "date") throw new Error(`${text}: ${parsed.kind}`);
  return new Date(parsed.epochMs).toISOString();
};

describe("DateReader: local date formats", () => {
  it.each([
    ["14.03.2018", null, "2018-03-14T00:00:00.000Z"],
    ["14.03.2018 09:21", null, "2018-03-14T09:21:00.000Z"],
    ["06/01/2018 01:40:56 PM", "mdy", "2018-06-01T13:40:56.000Z"],
    ["06/01/2018 12:10:00 AM", "mdy", "2018-06-01T00:10:00.000Z"],
    ["06/01/2018 12:10:00 PM", "mdy", "2018-06-01T12:10:00.000Z"],
    ["06/01/2018", "dmy", "2018-01-06T00:00:00.000Z"],
    ["2022/06/22 11:07:29 AM GMT", null, "2022-06-22T11:07:29.000Z"],
    ["2022/06/22 11:07:29 PM GMT-7", null, "2022-06-23T06:07:29.000Z"],
    ["2022/06/22 11:07:29 AM GMT+05:30", null, "2022-06-22T05:37:29.000Z"],
    ["4/13/2023 9:00", null, "2023-04-13T09:00:00.000Z"],
    ["2018-03-14T09:21:07Z", "dmy", "2018-03-14T09:21:07.000Z"],
  ] as const)("%s (%s)", (text, order, expected) => {
    expect(iso(text, order)).toBe(expected);
  });

  it("reads times without an offset in the given zone", () => {
    expect(iso("14.03.2018 09:00", null, "Europe/Berlin")).toBe("2018-03-14T08:00:00.000Z");
    expect(iso("2023-04-30 20:30:00", null, "America/Denver")).toBe("2023-05-01T02:30:00.000Z");
  });

  it("rejects impossible dates and 13 o'clock PM", () => {
    for (const text of ["31.02.2018", "13/13/2018", "06/01/2018 13:00:00 PM", "06/01/18"]) {
      expect(reader("mdy").read(text, 2), text).toEqual({ kind: "invalid" });
    }
  });

  it("settles the order from a value only one order allows, and applies it to earlier values", () => {
    const dates = reader(null);
    dates.settle([{ value: "03/04/2023", line: 2 }, { value: "25/04/2023", line: 3 }]);
    const parsed = dates.read("03/04/2023", 2);
    expect(parsed.kind === "date" && new Date(parsed.epochMs).toISOString().slice(0, 10)).toBe("2023-04-03");
  });

  it("stops on an ambiguous order, naming line and column, and asks for --date-format", () => {
    const dates = reader(null);
    try {
      dates.settle([{ value: "03/04/2023", line: 2 }, { value: "05/06/2023", line: 3 }]);
      throw new Error("expected an error");
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).location).toEqual({ file: "f.csv", line: 2, column: "Date" });
      expect((error as InputError).hint).toContain("--date-format");
    }
    expect(() => reader(null).settle([{ value: "13/04/2023", line: 2 }, { value: "04/13/2023", line: 3 }])).toThrowError(/mix day-first and month-first/);
  });

  it("reads dotted dates day first whatever order other values settle; only an order given changes that", () => {
    const dates = reader(null);
    expect(dates.read("03.04.2023", 2)).toMatchObject({ kind: "date", epochMs: Date.UTC(2023, 3, 3) });
    // Read alone, a dotted date does not depend on the rows before it: a chunk of a file can read it.
    expect(dates.readUnsettled).toBe(false);
    expect(dates.read("12/25/2023", 3)).toMatchObject({ kind: "date", epochMs: Date.UTC(2023, 11, 25) });
    expect(dates.settledOrder).toBe("mdy");
    expect(dates.read("03.04.2023", 4)).toMatchObject({ kind: "date", epochMs: Date.UTC(2023, 3, 3) });
    expect(reader("mdy").read("03.04.2023", 2)).toMatchObject({ kind: "date", epochMs: Date.UTC(2023, 2, 4) });
  });

  it("decides lazily after the sample: an unambiguous value settles it, an ambiguous one stops", () => {
    const dates = reader(null);
    dates.settle([]);
    expect(dates.read("13/01/2023", 600).kind).toBe("date");
    expect(dates.read("01/02/2023", 601)).toMatchObject({ kind: "date", epochMs: Date.UTC(2023, 1, 1) });
    expect(() => reader(null).read("01/02/2023", 7)).toThrowError(/ambiguous date "01\/02\/2023"/);
  });
});

describe("wallClockToEpoch", () => {
  it("handles offsets on both sides of a daylight-saving change", () => {
    expect(wallClockToEpoch([2023, 3, 25, 12, 0, 0, 0], "Europe/Berlin")).toBe(Date.UTC(2023, 2, 25, 11));
    expect(wallClockToEpoch([2023, 3, 27, 12, 0, 0, 0], "Europe/Berlin")).toBe(Date.UTC(2023, 2, 27, 10));
    expect(wallClockToEpoch([2023, 1, 1, 0, 0, 0, 0], "Asia/Kathmandu")).toBe(Date.UTC(2022, 11, 31, 18, 15));
  });

  // Where the offset changes: a time clocks show twice is the later instant, a time they skip is read in the
  // offset before the change (PostgreSQL's rule). Reference: Python 3.11 zoneinfo (PEP 495: fold=1 for the
  // later of two readings, fold=0 in a gap), the system's tzdata; each also checked against PostgreSQL 15.18's
  // `(timestamp 'T' AT TIME ZONE 'Z') AT TIME ZONE 'UTC'`.
  const DST_REFERENCE: ReadonlyArray<readonly [string, string, string]> = [
  ["America/Sao_Paulo", "2018-11-04T00:00:00", "2018-11-04T03:00:00Z"],
  ["America/Sao_Paulo", "2018-11-04T00:30:00", "2018-11-04T03:30:00Z"],
  ["America/Sao_Paulo", "2018-11-03T23:59:59", "2018-11-04T02:59:59Z"],
  ["America/Sao_Paulo", "2019-02-16T23:30:00", "2019-02-17T02:30:00Z"],
  ["America/Sao_Paulo", "2019-02-17T00:00:00", "2019-02-17T03:00:00Z"],
  ["America/New_York", "2018-03-11T02:30:00", "2018-03-11T07:30:00Z"],
  ["America/New_York", "2018-03-11T01:59:59", "2018-03-11T06:59:59Z"],
  ["America/New_York", "2018-03-11T03:00:00", "2018-03-11T07:00:00Z"],
  ["America/New_York", "2018-11-04T01:30:00", "2018-11-04T06:30:00Z"],
  ["America/New_York", "2018-11-04T00:59:59", "2018-11-04T04:59:59Z"],
  ["America/New_York", "2018-11-04T02:00:00", "2018-11-04T07:00:00Z"],
  ["Europe/Berlin", "2023-03-26T02:30:00", "2023-03-26T01:30:00Z"],
  ["Europe/Berlin", "2023-10-29T02:30:00", "2023-10-29T01:30:00Z"],
  ["Europe/Berlin", "2023-03-25T12:00:00", "2023-03-25T11:00:00Z"],
  ["Australia/Lord_Howe", "2018-10-07T02:15:00", "2018-10-06T15:45:00Z"],
  ["Australia/Lord_Howe", "2019-04-07T01:45:00", "2019-04-06T15:15:00Z"],
  ["America/Santiago", "2018-08-12T00:30:00", "2018-08-12T04:30:00Z"],
  ["America/Santiago", "2018-05-12T23:30:00", "2018-05-13T03:30:00Z"],
  ["Asia/Kathmandu", "2023-01-01T00:00:00", "2022-12-31T18:15:00Z"],
  ];
  it.each(DST_REFERENCE)("reads %s %s as %s", (zone, wallClock, instant) => {
    const [day, time] = wallClock.split("T") as [string, string];
    const [year, month, date] = day.split("-").map(Number) as [number, number, number];
    const [hour, minute, second] = time.split(":").map(Number) as [number, number, number];
    expect(new Date(wallClockToEpoch([year, month, date, hour, minute, second, 0], zone)).toISOString()).toBe(instant.replace("Z", ".000Z"));
  });

  it("keeps a bare date on its day where clocks jump at midnight", () => {
    expect(parseTimestamp("2018-11-04", "America/Sao_Paulo")).toEqual({ kind: "date", epochMs: Date.UTC(2018, 10, 4, 3) });
  });

  it("is what parseTimestamp uses for ISO times without an offset", () => {
    expect(parseTimestamp("2023-07-01 12:00:00", "America/New_York")).toEqual({ kind: "date", epochMs: Date.UTC(2023, 6, 1, 16) });
    expect(parseTimestamp("2023-07-01 12:00:00")).toEqual({ kind: "date", epochMs: Date.UTC(2023, 6, 1, 12) });
  });
});
