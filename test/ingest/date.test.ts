import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayInTimeZone, daysInMonth, isKnownTimeZone, parseIsoDay, parseTimestamp } from "../../src/ingest/date.js";

const epoch = (text: string): number => {
  const parsed = parseTimestamp(text);
  if (parsed.kind !== "date") throw new Error(`${text} did not parse: ${parsed.kind}`);
  return parsed.epochMs;
};

describe("parseTimestamp", () => {
  it("reads ISO 8601 with Z, with an offset, and without one (taken as UTC)", () => {
    expect(epoch("2018-03-14T09:21:07Z")).toBe(Date.UTC(2018, 2, 14, 9, 21, 7));
    expect(epoch("2018-03-14T09:21:07-07:00")).toBe(Date.UTC(2018, 2, 14, 16, 21, 7));
    expect(epoch("2018-03-14T09:21:07+0100")).toBe(Date.UTC(2018, 2, 14, 8, 21, 7));
    expect(epoch("2018-03-14 09:21:07")).toBe(Date.UTC(2018, 2, 14, 9, 21, 7));
    expect(epoch("2018-03-14")).toBe(Date.UTC(2018, 2, 14));
    expect(epoch("2018-03-14T09:21:07.250Z")).toBe(Date.UTC(2018, 2, 14, 9, 21, 7, 250));
  });

  it("reads unix seconds", () => {
    expect(epoch("1521019267")).toBe(1521019267000);
  });

  // Python: datetime.fromtimestamp(1700000000.123, tz=timezone.utc) -> 2023-11-14T22:13:20.123+00:00.
  it("reads unix milliseconds (13 digits: 2001-09-09 to 2286; as seconds they would be beyond the year 33,000)", () => {
    expect(epoch("1672531200000")).toBe(Date.UTC(2023, 0, 1));
    expect(epoch("1700000000123")).toBe(Date.UTC(2023, 10, 14, 22, 13, 20, 123));
    expect(parseTimestamp("999999999999")).toEqual({ kind: "invalid" });
    expect(parseTimestamp("16725312000000")).toEqual({ kind: "invalid" });
  });

  // Warehouses keep microseconds (DuckDB, PostgreSQL), so a day is never decided by rounding: 0.4 ms before
  // midnight is the day before, as in the warehouse query.
  it("cuts fractions of a second to milliseconds instead of rounding them", () => {
    expect(epoch("2017-12-31T23:59:59.9996Z")).toBe(Date.UTC(2017, 11, 31, 23, 59, 59, 999));
    expect(epoch("2018-03-14T09:21:07.1239Z")).toBe(Date.UTC(2018, 2, 14, 9, 21, 7, 123));
    expect(epoch("2018-03-14T09:21:07.5Z")).toBe(Date.UTC(2018, 2, 14, 9, 21, 7, 500));
    expect(epoch("2018-03-14T09:21:07.000999999+01:00")).toBe(Date.UTC(2018, 2, 14, 8, 21, 7, 0));
    expect(epoch("1514764799.9996")).toBe(Date.UTC(2017, 11, 31, 23, 59, 59, 999));
    expect(epoch("1514764800.57")).toBe(Date.UTC(2018, 0, 1, 0, 0, 0, 570));
  });

  // Second 60 (a leap second: Date.UTC would put 23:59:60 on the next day), 24:00, and offsets beyond
  // PostgreSQL's +-15:59 or with minutes past 59 are read differently by each database; they are invalid here
  // and in the warehouse query alike.
  it("refuses second 60, hour 24 and offsets beyond +-15:59", () => {
    for (const text of ["2018-01-02T23:59:60Z", "2018-01-02T24:00:00Z", "2018-01-02T00:00:00+16:00", "2018-01-02T00:00:00-1600", "2018-01-02T00:00:00+05:75", "2018-01-02T00:00:00+25"]) {
      expect(parseTimestamp(text), text).toEqual({ kind: "invalid" });
    }
    expect(epoch("2018-01-02T00:00:00+15:59")).toBe(Date.UTC(2018, 0, 1, 8, 1));
    expect(epoch("2018-01-02T00:00:00-15")).toBe(Date.UTC(2018, 0, 2, 15));
  });

  it("reports blanks as missing and nonsense or impossible dates as invalid", () => {
    expect(parseTimestamp(" ")).toEqual({ kind: "missing" });
    // Years before 1000 too: Date.UTC would read 0018 as 1918 (date-formats.ts refuses them as well).
    for (const text of ["yesterday", "2018-02-30", "2018-13-01", "2018-03-14T25:00:00Z", "14/03/2018", "0018-03-14T09:21:07Z", "0999-12-31", "0000-01-01"]) {
      expect(parseTimestamp(text), text).toEqual({ kind: "invalid" });
    }
  });

  // Oracle: the JavaScript engine's own ISO 8601 parser (Date.parse) on the forms it is specified to accept.
  it("agrees with Date.parse on random ISO timestamps with offsets", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2090-12-31T23:59:59Z"), noInvalidDate: true }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }).map((minutes) => minutes - (minutes % 15)),
        (date, offset) => {
          const local = new Date(date.getTime() + offset * 60_000).toISOString().slice(0, 19);
          const sign = offset < 0 ? "-" : "+";
          const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0");
          const minutes = String(Math.abs(offset) % 60).padStart(2, "0");
          const text = `${local}${sign}${hours}:${minutes}`;
          expect(epoch(text)).toBe(Date.parse(text));
        },
      ),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe("dayInTimeZone", () => {
  it("puts an instant on the calendar day of the zone", () => {
    const instant = Date.UTC(2018, 0, 1, 3, 30); // 2018-01-01 03:30 UTC
    expect(dayInTimeZone(instant, "UTC")).toBe("2018-01-01");
    expect(dayInTimeZone(instant, "America/Los_Angeles")).toBe("2017-12-31");
    expect(dayInTimeZone(Date.UTC(2018, 0, 1, 18, 29), "Asia/Kolkata")).toBe("2018-01-01");
    expect(dayInTimeZone(Date.UTC(2018, 0, 1, 18, 30), "Asia/Kolkata")).toBe("2018-01-02");
  });

  it("knows IANA names and rejects others", () => {
    expect(isKnownTimeZone("Europe/Berlin")).toBe(true);
    expect(isKnownTimeZone("Mars/Olympus")).toBe(false);
  });
});

describe("daysInMonth", () => {
  it("counts as JavaScript's Date does, every month of years 1000 to 9999", () => {
    for (let year = 1000; year <= 9999; year += 1) {
      for (let month = 1; month <= 12; month += 1) {
        const byDate = new Date(Date.UTC(year, month, 0)).getUTCDate();
        if (daysInMonth(year, month) !== byDate) expect([year, month, daysInMonth(year, month)]).toEqual([year, month, byDate]);
      }
    }
  });
});

describe("parseIsoDay", () => {
  it("accepts real calendar days only", () => {
    expect(parseIsoDay("2018-02-28")).toBe("2018-02-28");
    expect(parseIsoDay("2018-02-29")).toBeNull();
    expect(parseIsoDay("2018-2-1")).toBeNull();
  });
});
