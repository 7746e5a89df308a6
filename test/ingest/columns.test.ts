import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { mapColumns } from "../../src/ingest/columns.js";

const delighted = ["Response ID", "Score", "Comment", "Created At", "Updated At", "Email", "Lifecycle Stage"];

describe("mapColumns", () => {
  it("finds Delighted's Score and Created At columns by name", () => {
    const mapping = mapColumns(delighted, {}, "a.csv");
    expect(mapping.names).toEqual({ score: "Score", date: "Created At", variant: null, segment: "Lifecycle Stage", responseId: "Response ID", respondent: "Email" });
    expect([mapping.score, mapping.date]).toEqual([1, 3]);
  });

  it("lets named columns win, matched case-insensitively", () => {
    const mapping = mapColumns(["rating", "NPS", "when"], { scoreColumn: "nps", dateColumn: "When" }, "a.csv");
    expect(mapping.names).toMatchObject({ score: "NPS", date: "when", variant: null, segment: null });
  });

  it("errors on a named column that does not exist, listing the columns that do", () => {
    expect(() => mapColumns(delighted, { scoreColumn: "Rating" }, "a.csv")).toThrowError(InputError);
    try {
      mapColumns(delighted, { variantColumn: "site" }, "a.csv");
    } catch (error) {
      expect((error as InputError).message).toContain('"site"');
      expect((error as InputError).hint).toContain('"Lifecycle Stage"');
    }
  });

  it("takes the ID, respondent and segment columns given, over the names and the platform's, or none", () => {
    const header = ["Ticket", "Score", "Created At", "Member Email", "Email", "Response ID", "Lifecycle Stage"];
    expect(mapColumns(header, {}, "a.csv").names).toMatchObject({ responseId: "Response ID", respondent: "Email", segment: "Lifecycle Stage" });
    const given = mapColumns(header, { idColumn: "ticket", respondentColumn: "Member Email", segmentColumn: "email" }, "a.csv");
    expect(given.names).toMatchObject({ responseId: "Ticket", respondent: "Member Email", segment: "Email" });
    expect([given.responseId, given.respondent, given.segment]).toEqual([0, 3, 4]);
    const preferred = { date: [], responseId: ["Response ID"], respondent: ["Email"] };
    expect(mapColumns(header, { idColumn: "Ticket", respondentColumn: "Member Email" }, "a.csv", { preferred }).names).toMatchObject({ responseId: "Ticket", respondent: "Member Email" });
    const none = mapColumns(header, { dateColumn: false, idColumn: false, respondentColumn: false, segmentColumn: false }, "a.csv", { preferred: { ...preferred, date: ["Created At"] } });
    expect([none.date, none.responseId, none.respondent, none.segment]).toEqual([null, null, null, null]);
    expect(none.names).toMatchObject({ date: null, responseId: null, respondent: null, segment: null });
    expect(() => mapColumns(header, { idColumn: "Submission" }, "a.csv")).toThrowError(/no column named "Submission" \(given by --id-column\)/);
    expect(() => mapColumns(header, { respondentColumn: "Person" }, "a.csv")).toThrowError(/given by --respondent-column/);
  });

  it("does not take a detected ID column that is the score column, but takes one given", () => {
    expect(mapColumns(["#", "Date"], { scoreColumn: "#" }, "a.csv").responseId).toBeNull();
    expect(mapColumns(["#", "Date"], { scoreColumn: "#", idColumn: "#" }, "a.csv").responseId).toBe(0);
  });

  it("errors when no score column can be found", () => {
    expect(() => mapColumns(["id", "comment"], {}, "a.csv")).toThrowError(/no score column/);
  });

  it("works without a date column", () => {
    expect(mapColumns(["Score"], {}, "a.csv").date).toBeNull();
  });
});

describe("mapColumns: the score column by name, confirmed by values", () => {
  it.each([
    "How likely are you to recommend Acme to a friend or colleague?",
    "Wie wahrscheinlich ist es, dass Sie uns einem Freund empfehlen?",
    "Quelle est la probabilité que vous recommandiez notre service ?",
    "¿Qué probabilidad hay de que recomiende nuestra tienda?",
    "Bewertung",
    "Note",
    "Puntuación",
    "Punteggio",
    "NPS (0-10)",
  ])("recognises %j", (name) => {
    expect(mapColumns(["id", name, "comment"], {}, "a.csv").names.score).toBe(name);
  });

  it.each(["Q5_NPS_GROUP", "NPS Group", "NPS category", "What is the main reason for your score?", "Why would you recommend us?"])("never takes %j for the score", (name) => {
    expect(() => mapColumns([name], {}, "a.csv")).toThrowError(/no score column found/);
  });

  it("keeps the one candidate whose values are mostly 0-10 when two names qualify", () => {
    const sample = [["9", "Promoter"], ["3", "Detractor"], ["", "Passive"]];
    expect(mapColumns(["Score", "Rating"], {}, "a.csv", { sample }).names.score).toBe("Score");
  });

  it("stops when two columns qualify by name and values, listing both and asking for --score-column", () => {
    const sample = [["9", "8"], ["3", "6"]];
    try {
      mapColumns(["NPS", "Rating", "Date"], {}, "a.csv", { sample, headerLine: 1 });
      throw new Error("expected an error");
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toBe('2 columns qualify as the score: "NPS", "Rating"');
      expect((error as InputError).hint).toBe('name one with --score-column, e.g. --score-column "NPS"');
    }
  });

  it("lets the platform's pick and --score-column win, matching question texts too", () => {
    const header = ["Q5_NPS_GROUP", "Q5", "Q6"];
    const aliases = [["How likely ... - Group"], ["How likely are you to recommend us?"], ["Why?"]];
    expect(mapColumns(header, {}, "a.csv", { scoreIndex: 1, aliases }).names.score).toBe("Q5");
    expect(mapColumns(header, { scoreColumn: "how likely are you to recommend us?" }, "a.csv", { aliases }).names.score).toBe("Q5");
  });
});
