/** A one-line chart of a series with block characters; gaps (no data) print as a space. */
const BLOCKS = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] as const;

/** `range` lets several series share one scale, so two variants' lines can be compared by eye. */
export function sparkline(values: readonly (number | null)[], range?: { min: number; max: number }): string {
  const present = values.filter((value): value is number => value !== null);
  if (present.length === 0) return "";
  const min = range?.min ?? Math.min(...present);
  const max = range?.max ?? Math.max(...present);
  const span = max - min;
  return values
    .map((value) => {
      if (value === null) return " ";
      const level = span === 0 ? 3 : Math.round(((value - min) / span) * (BLOCKS.length - 1));
      return BLOCKS[Math.min(BLOCKS.length - 1, Math.max(0, level))];
    })
    .join("");
}
