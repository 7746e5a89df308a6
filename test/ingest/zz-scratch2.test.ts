import { Readable } from "node:stream";
import { it } from "vitest";
import { ingest } from "../../src/ingest/ingest.js";

it("scratch fixtures", async () => {
  for (const dedupe of ["none", "first", "last"] as const) {
    const t = Date.now();
    const result = await ingest([{ path: "fixtures/ebates.csv", variant: "a" }, { path: "fixtures/rakuten-rewards.csv", variant: "b" }], { timeZone: "UTC", strict: false, from: "2018-01-01", to: "2018-12-31", dedupe }, Readable.from([]));
    console.log(dedupe, Date.now() - t, "ms", JSON.stringify(result.tally.accounting), JSON.stringify(result.respondents), result.sources.map((s) => [s.platform, s.repeatResponses, JSON.stringify(s.accounting)]));
  }
}, 60000);
