/**
 * The byte reader of local dates (fast/local-date.ts) against the general one (DateReader.read) as the oracle:
 * wherever it answers, it answers what the general reader does; and it does answer on the common shapes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DateReader, type DateOrder } from "../../src/ingest/date-formats.js";
import { localDateInstant } from "../../src/ingest/fast/local-date.js";

const number = (most: number): fc.Arbitrary<string> => fc.integer({ min: 0, max: most }).chain((value) => fc.constantFrom(String(value), String(value).padStart(2, "0")));
/** Mostly `usual` (so that most texts are read, by both readers), now and then `odd`. */
const mostly = <T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>): fc.Arbitrary<T> => fc.oneof({ arbitrary: usual, weight: 6 }, { arbitrary: odd, weight: 1 });
const text = fc
  .record({
    first: mostly(number(12), number(39)),
    middle: mostly(number(12), number(39)),
    separators: mostly<readonly [string, string]>(fc.constantFrom(["/", "/"], [".", "."], ["-", "-"]), fc.constantFrom(["/", "."], ["/", "-"])),
    year: mostly(fc.constantFrom("2018", "2024", "2100"), fc.constantFrom("1000", "0999", "999", "18", "20180")),
    time: fc.option(
      fc.record({
        lead: mostly(fc.constantFrom(" ", "T"), fc.constantFrom("t", "  ", ", ")),
        hour: mostly(number(12), number(25)),
        minute: mostly(fc.constantFrom("00", "07", "59"), fc.constantFrom("60", "5")),
        second: mostly(fc.constantFrom("", ":00", ":59"), fc.constantFrom(":60", ":5", ":30.25")),
        meridiem: mostly(fc.constantFrom("", " AM", " pm", "PM", "am"), fc.constantFrom(" a.m.", "  AM", " A", " PMX")),
        zone: mostly(fc.constant(""), fc.constantFrom(" GMT", "Z", "+02:00", " UTC-3")),
      }),
      { nil: undefined },
    ),
    tail: mostly(fc.constant(""), fc.constantFrom(" ", ",")),
  })
  .map(({ first, middle, separators, year, time, tail }) => {
    const date = `${first}${separators[0]}${middle}${separators[1]}${year}`;
    return `${date}${time === undefined ? "" : `${time.lead}${time.hour}:${time.minute}${time.second}${time.meridiem}${time.zone}`}${tail}`;
  });

const reader = (order: DateOrder | null, zone: string): DateReader => new DateReader({ order, zone, file: "f.csv", column: "Date" });
const oracle = (value: string, order: DateOrder | null, zone: string): number => {
  const read = reader(order, zone).read(value, 2);
  return read.kind === "date" ? read.epochMs : Number.NaN;
};
const fast = (value: string, order: DateOrder | null, zone: string): number => {
  // The field sits inside a record: the bytes around it must not be read.
  const bytes = Buffer.from(`/${value}:`, "latin1");
  return localDateInstant(bytes, 1, bytes.length - 1, reader(order, zone), zone);
};

describe("localDateInstant", () => {
  it("answers, where it answers, what the general reader reads", () => {
    let answered = 0;
    fc.assert(
      fc.property(text, fc.constantFrom<DateOrder | null>("dmy", "mdy", "ymd", null), fc.constantFrom("UTC", "America/New_York", "America/Sao_Paulo"), (value, order, zone) => {
        const answer = fast(value, order, zone);
        if (!Number.isNaN(answer)) {
          answered += 1;
          expect([value, answer]).toEqual([value, oracle(value, order, zone)]);
        }
      }),
      { seed: 17, numRuns: 20_000 },
    );
    // Not vacuous: a good share of the texts are read by the byte reader.
    expect(answered).toBeGreaterThan(2_000);
  });

  it("answers on the common shapes, and leaves an unsettled order to the general reader", () => {
    const cases: Array<[string, DateOrder, string]> = [
      ["06/01/2018 01:40:56 PM", "mdy", "2018-06-01T17:40:56.000Z"],
      ["6/1/2018 1:40 am", "mdy", "2018-06-01T05:40:00.000Z"],
      ["14.03.2018 09:21", "dmy", "2018-03-14T13:21:00.000Z"],
      ["14/03/2018", "dmy", "2018-03-14T04:00:00.000Z"],
      ["03-11-2018T02:30:00", "mdy", "2018-03-11T07:30:00.000Z"],
    ];
    for (const [value, order, instant] of cases) {
      expect(new Date(fast(value, order, "America/New_York")).toISOString(), value).toBe(instant);
      expect(oracle(value, order, "America/New_York"), value).toBe(Date.parse(instant));
    }
    // Until the order is settled a slashed date is the general reader's to read (it may settle the order, or
    // find the date ambiguous); a dotted one is day first unless an order is given.
    expect(fast("03/04/2018", null, "UTC")).toBeNaN();
    expect(new Date(fast("03.04.2018", null, "UTC")).toISOString()).toBe("2018-04-03T00:00:00.000Z");
    expect(new Date(fast("03.04.2018", "mdy", "UTC")).toISOString()).toBe("2018-03-04T00:00:00.000Z");
  });
});
