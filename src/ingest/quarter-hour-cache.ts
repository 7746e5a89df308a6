/**
 * A time zone's offset or calendar day, remembered by quarter hour: every UTC offset in the IANA database is
 * a whole number of quarter hours (India +05:30, Nepal +05:45), so neither changes inside one (date.ts).
 * Intl takes microseconds to work one out, and a row needs one or more. Exports come in time order, so most
 * rows ask for a quarter hour the rows just before asked for: a small direct-mapped table in front answers
 * those without building a key or allocating, and a map behind it keeps the others, up to a bound.
 */
const QUARTER_HOUR_MS = 900_000;
const SLOTS = 1024;
const MAX_ENTRIES = 100_000;

export class QuarterHourCache<T> {
  private readonly quarters = new Float64Array(SLOTS).fill(Number.NaN);
  private readonly values: (T | undefined)[] = new Array<T | undefined>(SLOTS).fill(undefined);
  private readonly all = new Map<number, T>();

  /** `compute`: the value at an instant, the same for every instant of its quarter hour. */
  constructor(private readonly compute: (epochMs: number) => T) {}

  get(epochMs: number): T {
    const quarter = Math.floor(epochMs / QUARTER_HOUR_MS);
    const slot = quarter & (SLOTS - 1);
    if (this.quarters[slot] === quarter) return this.values[slot] as T;
    let value = this.all.get(quarter);
    if (value === undefined) {
      value = this.compute(epochMs);
      if (this.all.size >= MAX_ENTRIES) this.all.clear();
      this.all.set(quarter, value);
    }
    this.quarters[slot] = quarter;
    this.values[slot] = value;
    return value;
  }
}
