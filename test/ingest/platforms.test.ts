import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mapColumns } from "../../src/ingest/columns.js";
import { choosePlatform } from "../../src/ingest/platforms/index.js";

const layoutOf = (head: string[][], forced?: Parameters<typeof choosePlatform>[1]) => choosePlatform(head, forced).layout(head, "f.csv");

describe("platform detection from the first records", () => {
  it.each([
    [[["Response ID", "Email", "Score", "Comment", "Created At"]], "delighted", 1],
    [[["ResponseId", "StartDate", "Finished", "Q1"], ["Response ID", "Start Date", "Finished", "How likely ..."], ['{"ImportId":"_recordId"}', '{"ImportId":"startDate","timeZone":"Z"}', '{"ImportId":"finished"}', '{"ImportId":"QID1"}']], "qualtrics", 3],
    [[["ResponseId", "StartDate", "Finished", "Q1"], ["Response ID", "Start Date", "Finished", "How likely ..."], ["R_1", "2023-01-01 10:00:00", "1", "9"]], "qualtrics", 2],
    [[["Respondent ID", "Collector ID", "End Date", "How likely ...?"], ["", "", "", "Response"]], "surveymonkey", 2],
    [[["#", "How likely ...?", "Response Type", "Submit Date (UTC)"]], "typeform", 1],
    [[["Timestamp", "How likely ...?"]], "google-forms", 1],
    [[["Horodateur", "Note"]], "google-forms", 1],
    [[["Datum", "Bewertung"]], "generic", 1],
  ])("%j is %s with %d header rows", (head, platform, headerRows) => {
    const layout = layoutOf(head);
    expect([layout.platform, layout.headerRows]).toEqual([platform, headerRows]);
  });

  it("--source forces the platform", () => {
    expect(layoutOf([["Score", "Created At"]], "generic").platform).toBe("generic");
  });

  it("reads the time zone of Qualtrics date columns from the ImportId row", () => {
    const layout = layoutOf([["RecordedDate", "ResponseId", "Finished"], ["Recorded Date", "Response ID", "Finished"], ['{"ImportId":"recordedDate","timeZone":"America/Denver"}', '{"ImportId":"_recordId"}', '{"ImportId":"finished"}']]);
    expect(layout.zoneOf(0)).toBe("America/Denver");
    expect(layout.zoneOf(1)).toBeNull();
  });

  it("excludes Qualtrics previews and tests, and Typeform partial responses", () => {
    const qualtrics = layoutOf([["Status", "DistributionChannel", "ResponseId", "Finished"], ["Response Type", "Distribution Channel", "Response ID", "Finished"]]);
    expect(qualtrics.excluded(["Survey Preview", "preview", "R_1", "True"])).toBe("preview-response");
    expect(qualtrics.excluded(["1", "anonymous", "R_1", "1"])).toBe("preview-response");
    expect(qualtrics.excluded(["IP Address", "email", "R_2", "True"])).toBeNull();
    const typeform = layoutOf([["#", "Score", "Response Type", "Submit Date (UTC)"]]);
    expect(typeform.excluded(["t1", "9", "partial", ""])).toBe("partial-response");
    expect(typeform.excluded(["t2", "9", "completed", "2023-01-01 00:00:00"])).toBeNull();
  });

  // Q<n>_NPS_GROUP holds 1/2/3, which read as scores: wherever it stands, it must never be the score.
  it("never takes Qualtrics' Q<n>_NPS_GROUP for the score, whatever the column order", () => {
    const columns = ["StartDate", "ResponseId", "Finished", "Q5_NPS_GROUP", "Q5", "Q7_TEXT"];
    fc.assert(
      fc.property(fc.shuffledSubarray(columns, { minLength: columns.length, maxLength: columns.length }), (names) => {
        const questions = names.map((name) => (name.startsWith("Q5") ? `How likely are you to recommend us?${name.endsWith("GROUP") ? " - Group" : ""}` : name));
        const layout = layoutOf([names, questions]);
        const sample = [names.map((name) => (name === "Q5_NPS_GROUP" ? "3" : name === "Q5" ? "10" : "x"))];
        expect(mapColumns(layout.names, {}, "f.csv", { ...layout, sample }).names.score).toBe("Q5");
      }),
      { seed: 42, numRuns: 50 },
    );
  });

  it("names SurveyMonkey's multi-column questions by question and option", () => {
    const layout = layoutOf([["Respondent ID", "Collector ID", "Which features?", "", "How likely ...?"], ["", "", "Reports", "Exports", "Response"]]);
    expect(layout.names).toEqual(["Respondent ID", "Collector ID", "Which features?", "Which features? - Exports", "How likely ...?"]);
  });
});
