/**
 * Google Forms' "Download responses (.csv)": a first `Timestamp` column (localised in other languages) such
 * as `2022/06/22 11:07:29 AM GMT`, then `Email Address` when the form collects it, then one column per
 * question (its text). A linear-scale question with labelled end points exports them as
 * `10 - Extremely likely` and `0 - Not at all likely` and the others as bare numbers (see score.ts).
 */
import { singleHeaderLayout, type Platform } from "./types.js";

const TIMESTAMP_NAMES = ["timestamp", "horodateur", "zeitstempel", "marca temporal", "informazioni cronologiche", "tijdstempel", "carimbo de data/hora", "sygnatura czasowa"];

export const googleForms: Platform = {
  name: "google-forms",
  detect: (head) => TIMESTAMP_NAMES.includes((head[0]?.[0] ?? "").trim().toLowerCase()),
  layout: (head) =>
    singleHeaderLayout("google-forms", head, {
      date: [head[0]?.[0] ?? "Timestamp"],
      responseId: [],
      respondent: ["Email Address", "Email", "Adresse e-mail", "E-Mail-Adresse", "Dirección de correo electrónico", "Indirizzo email"],
    }),
};
