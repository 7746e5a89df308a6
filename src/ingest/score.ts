/**
 * Parsing a 0-10 likelihood-to-recommend answer. Only whole numbers 0..10 are scores: a decimal such as
 * `7.5` or an out-of-range `11` is not silently rounded or clamped, it is an invalid score. A whole number
 * written with a zero fraction (`9.0`) is that number: pandas writes an integer column with blanks that way
 * (as float64), so a score column saved from a data frame reads as it was.
 */

export type ScoreParse =
  | { readonly kind: "score"; readonly score: number }
  | { readonly kind: "missing" }
  | { readonly kind: "invalid" };

const WHOLE_NUMBER = /^[0-9]{1,2}(?:\.0+)?$/;

export function parseScore(raw: string | undefined): ScoreParse {
  const text = (raw ?? "").trim();
  if (text === "") return { kind: "missing" };
  if (!WHOLE_NUMBER.test(text)) return { kind: "invalid" };
  const score = Number(text);
  return score <= 10 ? { kind: "score", score } : { kind: "invalid" };
}

// "10 - Extremely likely", "0 – Not at all likely", "10: Extremely likely": a number, a dash or colon, words.
const LABELLED = /^([0-9]{1,2})\s*[-–—:]\s*\p{L}[^0-9]*$/u;

/**
 * A score that may carry its scale label, as Google Forms exports the labelled end points of a linear
 * scale. The number is the answer; the label only repeats what the number means, so nothing is guessed.
 */
export function parseLabelledScore(raw: string | undefined): ScoreParse {
  const labelled = LABELLED.exec((raw ?? "").trim());
  return parseScore(labelled === null ? raw : labelled[1]);
}
