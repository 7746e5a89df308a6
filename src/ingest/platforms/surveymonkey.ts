/**
 * SurveyMonkey's "All individual responses" CSV: two header rows, first the column names and question texts
 * (`Respondent ID`, `Collector ID`, `Start Date`, `End Date`, `IP Address`, `Email Address` ..., then one
 * question per column, its text only above the first column of a multi-column question), then a row with
 * `Response`, `Open-Ended Response` or the answer option under each question. Dates are US month-first,
 * `06/01/2018 01:40:56 PM`, in the survey owner's time zone (read in `--tz`).
 */
import { hasColumns, type Head, type Layout, type Platform } from "./types.js";

const SINGLE_ANSWER = /^(response|open-ended response)$/i;

function layout(head: Head): Layout {
  const questions = head[0] ?? [];
  const answers = head[1] ?? [];
  let previous = "";
  const names = questions.map((question, column) => {
    const answer = (answers[column] ?? "").trim();
    if (question.trim() !== "") {
      previous = question.trim();
      return previous;
    }
    // The later columns of a multi-column question: "<question> - <answer option>".
    return answer === "" ? `column ${column + 1}` : `${previous} - ${answer}`;
  });
  return {
    platform: "surveymonkey",
    headerRows: 2,
    names,
    aliases: names.map((name, column) => {
      const answer = (answers[column] ?? "").trim();
      return answer === "" || SINGLE_ANSWER.test(answer) || name.endsWith(` - ${answer}`) ? [] : [`${name} - ${answer}`];
    }),
    scoreIndex: null,
    preferred: { date: ["End Date", "Start Date"], responseId: ["Respondent ID"], respondent: ["Email Address"] },
    dateOrder: "mdy",
    zoneOf: () => null,
    excluded: () => null,
    excludedColumns: [],
  };
}

export const surveyMonkey: Platform = {
  name: "surveymonkey",
  detect: (head) => hasColumns(head[0], ["Respondent ID", "Collector ID"]) && (head[1] ?? []).some((field) => SINGLE_ANSWER.test(field.trim())),
  layout,
};
