/**
 * What two runs of ingest are compared by in the readers' oracle tests: the Tally's cells in order, its
 * variants, accounting and sources, and the respondent counts; or, for a run that stops, its line and message.
 */
import type { InputError } from "../../src/errors.js";
import type { IngestResult } from "../../src/ingest/ingest.js";

export const comparable = (result: IngestResult): unknown => ({
  cells: [...result.tally.cells.entries()],
  variants: result.tally.variantOrder,
  accounting: JSON.stringify(result.tally.accounting),
  sources: result.sources.map((source) => JSON.stringify(source)),
  respondents: result.respondents,
});

export async function outcome(run: () => Promise<IngestResult>): Promise<unknown> {
  try {
    return comparable(await run());
  } catch (error) {
    // The compiled module (dist/, for the parallel path) throws the compiled InputError class: compare by shape.
    if (error instanceof Error && (error as Partial<InputError>).code === "input") return `${(error as InputError).location.line}: ${error.message}`;
    throw error;
  }
}
