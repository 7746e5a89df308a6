/**
 * Calendar periods from the Tally's day keys (`YYYY-MM-DD`, already in the analysis time zone): months
 * `2018-01`, quarters `2018-Q1`, ISO 8601 weeks `2018-W01` (weeks start on Monday; week 1 holds the year's
 * first Thursday).
 */

export const PERIODS = ["week", "month", "quarter"] as const;
export type Period = (typeof PERIODS)[number];

function dayNumbers(day: string): [number, number, number] {
  return [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
}

function isoWeek(day: string): string {
  const [year, month, date] = dayNumbers(day);
  const utc = new Date(Date.UTC(year, month - 1, date));
  const weekday = (utc.getUTCDay() + 6) % 7; // Monday 0 .. Sunday 6
  // The Thursday of this week decides the ISO year.
  const thursday = new Date(utc.getTime() + (3 - weekday) * 86_400_000);
  const isoYear = thursday.getUTCFullYear();
  const firstThursdayOrdinal = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / 86_400_000);
  const week = Math.floor(firstThursdayOrdinal / 7) + 1;
  return `${isoYear}-W${String(week).padStart(2, "0")}`;
}

export function periodOf(day: string, period: Period): string {
  switch (period) {
    case "month":
      return day.slice(0, 7);
    case "quarter":
      return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
    case "week":
      return isoWeek(day);
  }
}

/** Whole months from `fromMonth` to `month` (both `YYYY-MM`): the time axis of the trend. */
export function monthsBetween(fromMonth: string, month: string): number {
  const [fromYear, fromNumber] = [Number(fromMonth.slice(0, 4)), Number(fromMonth.slice(5, 7))];
  return (Number(month.slice(0, 4)) - fromYear) * 12 + (Number(month.slice(5, 7)) - fromNumber);
}
