#!/usr/bin/env node
// Seeded generator of the sample exports in fixtures/: two Delighted-style CSV exports of a 2018 A/B
// comparison, old brand "Ebates" (control) vs new brand "Rakuten Rewards" (treatment).
// The story, the planted effects and the exact bad rows are documented in fixtures/README.md; the tests
// assert those numbers, so change a parameter here only together with that README.
// Deterministic: no Date.now(), no Math.random(), no locale-dependent formatting, so two runs write the
// same bytes. Usage: `npm run fixtures` (writes fixtures/*.csv, prints a summary to stderr).
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "./mulberry32.mjs";

const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");
const SEED = 2018;

const int = (rng, lo, hi) => lo + Math.floor(rng() * (hi - lo + 1)); // inclusive bounds
const pick = (rng, items) => items[Math.floor(rng() * items.length)];
function pickWeighted(rng, items, weights) {
  let u = rng() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) if ((u -= weights[i]) < 0) return items[i];
  return items[items.length - 1];
}
function shuffle(rng, items) { // Fisher-Yates
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
// Largest-remainder rounding, so per-month and per-stage counts sum exactly to the file totals.
function apportion(total, weights) {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (w * total) / sum);
  const counts = raw.map(Math.floor);
  const order = raw.map((r, i) => [r - Math.floor(r), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const short = total - counts.reduce((a, b) => a + b, 0);
  for (let k = 0; k < short; k++) counts[order[k][1]]++;
  return counts;
}

// ---- The design (see fixtures/README.md) ------------------------------------------------------------
const TARGET_CONTROL_NPS = 37; // expected overall NPS of the control site, in points
const AT_RISK = "At Risk";
const AT_RISK_EFFECT = -12; // treatment minus control in the At Risk stage, in points
// Stage sizes (control; the treatment uses the same shares) and each stage's NPS offset from the base.
const STAGES = [
  ["Prospect", 900, -5], ["New Member", 2600, 0], ["First Purchase", 2200, 3], ["Activated", 2400, 2],
  ["Engaged", 3200, 8], ["Loyal", 2600, 15], ["VIP", 700, 25], [AT_RISK, 1500, -15],
  ["Lapsed", 1100, -20], ["Reactivated", 900, -3], ["Dormant", 600, -18], ["Churned", 350, -35],
  ["Win-back", 450, -10], ["Advocate", 500, 40],
];
// Holiday season: both sites +8 points in Nov-Dec, -3 in Jan-Feb, relative to the spring-summer level.
const SEASON = [-3, -3, -1, 0, 0, 0, 0, 0, 0, 2, 8, 8];
// Monthly volumes: the control has a holiday bump; the new site ramps up (0.8x in Jan to 1.2x in Dec).
const CONTROL_VOLUME = [1.0, 0.9, 1.0, 0.95, 0.95, 0.9, 0.9, 0.95, 1.0, 1.05, 1.3, 1.4];
const TREATMENT_VOLUME = CONTROL_VOLUME.map((w, m) => w * (0.8 + (0.4 * m) / 11));
const stageShare = STAGES.map(([, n]) => n / STAGES.reduce((a, [, k]) => a + k, 0));
const atRiskShare = stageShare[STAGES.findIndex(([s]) => s === AT_RISK)];
// Every other stage gets this lift on the new site, so that within any month the stage-weighted effect
// is exactly zero: the At Risk loss is hidden in the overall number and only a segment analysis finds it.
const COMPENSATION = (-AT_RISK_EFFECT * atRiskShare) / (1 - atRiskShare);
const weightedMean = (values, weights) =>
  values.reduce((a, v, i) => a + v * weights[i], 0) / weights.reduce((a, b) => a + b, 0);
// The base is set so that the expected control NPS (a linear mean of the cell targets) is the target.
const BASE = TARGET_CONTROL_NPS - weightedMean(STAGES.map(([, , o]) => o), stageShare)
  - weightedMean(SEASON, CONTROL_VOLUME);

// Expected NPS (points) of a cell. With P - D = t, a cell's expected NPS is t itself.
function cellNps(treatment, month, stage, offset) {
  const effect = !treatment ? 0 : stage === AT_RISK ? AT_RISK_EFFECT : COMPENSATION;
  return BASE + offset + SEASON[month] + effect;
}
// A respondent's answer is drawn from a distribution over 0..10 set by the cell's NPS t: the passive
// share shrinks as |t| grows (0.3 at t = 0), P = (1 - s + t)/2, D = (1 - s - t)/2; within a category the
// scores lean the way real NPS data do (detractors mostly 5-6, a slight majority of 8s and 10s).
const DETRACTOR_WEIGHTS = [2, 1, 1, 2, 3, 6, 9];
function drawScore(rng, npsPoints) {
  const t = npsPoints / 100;
  const passive = 0.3 * (1 - Math.abs(t));
  const detractor = (1 - passive - t) / 2;
  const u = rng();
  if (u < detractor) return pickWeighted(rng, [0, 1, 2, 3, 4, 5, 6], DETRACTOR_WEIGHTS);
  if (u < detractor + passive) return rng() < 0.45 ? 7 : 8;
  return rng() < 0.45 ? 9 : 10;
}

// ---- Synthetic people and text ----------------------------------------------------------------------
const FIRST = ["Alex", "Maria", "José", "Zoë", "Liam", "Aisha", "Chen", "Olivia", "Noah", "Jürgen",
  "Fatima", "Sam", "Priya", "Mateo", "Chloé", "Kenji", "Emma", "Lucas", "Sofia", "Omar"];
const LAST = ["Smith", "Garcia", "Müller", "Nguyen", "O'Brien", "Kowalski", "Dubois", "Tanaka",
  "Johnson", "Rossi", "Patel", "Brown", "Silva", "Lee", "Novák", "Andersen"];
// Comments exercise the CSV dialect: commas, embedded quotes, embedded newlines, non-ASCII and emoji.
const COMMENTS = {
  promoter: ["Love it", "Easy cash back.", "Great deals, fast payouts", "Best cashback site I've used!",
    'Got my "Big Fat Check" on time 🎉', "Très pratique, merci !", "Super, danke für die schnelle Auszahlung 👍",
    "Simple.\nFast.\nReliable.", "Recommended it to my sister, she loves it too", "😀",
    "Cash back, coupons, and free shipping - what's not to like?", "Always works"],
  passive: ["Fine", "OK but the app is slow", "Good, but payouts take too long", "meh",
    "Decent. Not many stores in my area", "Works, mostly.\nSometimes purchases don't track.",
    "Naïve question: why is the minimum payout $5.01?", 'The "rewards" page is confusing', "It's ok 🙂"],
  detractor: ["Cash back never showed up", "Support took 3 weeks to answer, and then closed my ticket",
    "Purchase didn't track.\nTwice.\nNot happy.", "Zu kompliziert 😞", "Où est mon remboursement ?",
    'Terrible, the "help" center is useless', "Too many emails", "Lost $40 in pending cash back"],
};
const BRAND_COMMENTS = [["Ebates is my go-to", "Been with Ebates for years"],
  ["Took me a while to find you after the name change", 'Why "Rakuten"? I liked the old name']];
const TAGS = ["", "", "", "web", "mobile", "email", "mobile, cashback", "web, coupon"];
const ZONES = [ // [suffix, offset minutes, share, countries]
  ["Z", 0, 0.8, ["US", "US", "US", "CA", "GB", "AU"]],
  ["-07:00", -420, 0.15, ["US", "US", "CA"]],
  ["+01:00", 60, 0.05, ["DE", "FR", "ES", "NL"]],
];

const pad = (n) => String(n).padStart(2, "0");
// ISO 8601 with the offset the respondent answered in: local time = UTC + offset.
function isoWithOffset(utcMs, suffix, offsetMin) {
  const d = new Date(utcMs + offsetMin * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:`
    + `${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${suffix}`;
}
// An instant in a month, kept off the first and last UTC day: then every offset from -14h to +14h puts
// the response in the same calendar month, so per-month counts do not depend on the analysis time zone.
function instantIn(rng, month, year = 2018) {
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, int(rng, 2, last - 1), int(rng, 0, 23), int(rng, 0, 59), int(rng, 0, 59));
}
function person(rng, memberNo) {
  const zone = pickWeighted(rng, ZONES, ZONES.map((z) => z[2]));
  return { email: `member${memberNo}@example.com`, name: `${pick(rng, FIRST)} ${pick(rng, LAST)}`,
    zone, country: pick(rng, zone[3]) };
}
function comment(rng, score, treatment) {
  const u = rng();
  if (u < 0.3) return "";
  if (u < 0.33) return pick(rng, BRAND_COMMENTS[treatment ? 1 : 0]);
  return pick(rng, COMMENTS[score <= 6 ? "detractor" : score <= 8 ? "passive" : "promoter"]);
}
function response(rng, who, { score, month, stage, treatment, utcMs = instantIn(rng, month) }) {
  // Updated At: usually the same instant; sometimes later (a comment added afterwards), up to 36 hours.
  const updated = rng() < 0.7 ? utcMs : utcMs + int(rng, 60, 36 * 3600) * 1000;
  return { ...who, score: String(score), month, stage, treatment, utcMs, updatedMs: updated,
    comment: comment(rng, typeof score === "number" ? score : 8, treatment), tags: pick(rng, TAGS), bad: null };
}

// ---- One site ----------------------------------------------------------------------------------------
// The bad rows, appended to the good ones; the kind is what the CLI should drop them as.
const BAD_ROWS = [
  ["missing-score", ""], ["missing-score", ""], ["missing-score", ""],
  ["invalid-score", "N/A"], ["invalid-score", "ten"], ["invalid-score", "11"], ["invalid-score", "7.5"],
  ["outside-window", 9],
];
const SAME_SITE_REPEATS = 5; // respondents who answered twice on the same site

function generateSite({ treatment, total, volume, firstMember, firstId, rng }) {
  const months = apportion(total, volume).flatMap((n, m) => Array(n).fill(m));
  const stages = shuffle(rng, apportion(total, stageShare).flatMap((n, s) => Array(n).fill(s)));
  const rows = months.map((month, i) => {
    const [stage, , offset] = STAGES[stages[i]];
    const score = drawScore(rng, cellNps(treatment, month, stage, offset));
    return response(rng, person(rng, firstMember + i), { score, month, stage, treatment });
  });
  // A few people answered twice: a later row takes over an earlier respondent's identity (counts of good
  // rows are unchanged; only the set of distinct emails shrinks).
  for (let k = 0; k < SAME_SITE_REPEATS; k++) {
    const [first, again] = [int(rng, 0, 999), total - 1 - int(rng, 0, 999)];
    Object.assign(rows[again], { email: rows[first].email, name: rows[first].name, zone: rows[first].zone,
      country: rows[first].country });
    rows[again].repeat = rows[first].repeat = true;
  }
  BAD_ROWS.forEach(([kind, score], k) => {
    const month = int(rng, 0, 11);
    const row = response(rng, person(rng, firstMember + total + k), {
      score, month, stage: pick(rng, STAGES)[0], treatment,
      utcMs: kind === "outside-window" ? Date.UTC(2019, 0, 3, 10, 15, 42) : undefined,
    });
    rows.push({ ...row, bad: kind });
  });
  // Delighted lists responses in creation order, with increasing (gappy) IDs.
  rows.sort((a, b) => a.utcMs - b.utcMs);
  let id = firstId;
  for (const row of rows) row.id = (id += int(rng, 1, 7));
  return rows;
}

// ---- CSV ---------------------------------------------------------------------------------------------
const HEADER = ["Response ID", "Score", "Comment", "Created At", "Updated At", "Email", "Name",
  "Lifecycle Stage", "Country", "Tags"];
const field = (v) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v); // RFC 4180
function toCsv(rows) {
  const lines = [HEADER.map(field).join(",")];
  let line = 2; // physical line of the next record (comments may span lines)
  for (const r of rows) {
    r.line = line;
    const rec = [String(r.id), r.score, r.comment, isoWithOffset(r.utcMs, r.zone[0], r.zone[1]),
      isoWithOffset(r.updatedMs, r.zone[0], r.zone[1]), r.email, r.name, r.stage, r.country, r.tags];
    const text = rec.map(field).join(",");
    line += 1 + (text.match(/\n/g) ?? []).length;
    lines.push(text);
  }
  return lines.join("\n") + "\n";
}

// ---- Summary -----------------------------------------------------------------------------------------
function nps(rows) {
  const s = rows.map((r) => Number(r.score));
  const n = s.length;
  return { n, nps: n ? (100 * (s.filter((x) => x >= 9).length - s.filter((x) => x <= 6).length)) / n : NaN };
}
const fmt = ({ n, nps: v }) => `${v.toFixed(2)} (n=${n})`;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function summarise(file, rows) {
  const good = rows.filter((r) => !r.bad);
  const log = (s) => process.stderr.write(s + "\n");
  log(`${file}: ${rows.length} rows read, ${good.length} good, ${rows.length - good.length} bad`);
  for (const r of rows.filter((x) => x.bad)) {
    log(`  bad: line ${r.line}, Response ID ${r.id}, ${r.bad}, Score ${JSON.stringify(r.score)}, `
      + `Created At ${isoWithOffset(r.utcMs, r.zone[0], r.zone[1])}`);
  }
  log(`  distinct emails among good rows: ${new Set(good.map((r) => r.email)).size}`);
  log(`  NPS overall ${fmt(nps(good))}; At Risk ${fmt(nps(good.filter((r) => r.stage === AT_RISK)))}`);
  log("  by month: " + MONTHS.map((m, i) => `${m} ${fmt(nps(good.filter((r) => r.month === i)))}`).join(", "));
  log("  by stage: " + STAGES.map(([s]) => `${s} ${fmt(nps(good.filter((r) => r.stage === s)))}`).join(", "));
  return good;
}

const rng = mulberry32(SEED);
const control = generateSite({ treatment: false, total: 20000, volume: CONTROL_VOLUME,
  firstMember: 100001, firstId: 41_000_000, rng: mulberry32(SEED * 2 + 1) });
const treatment = generateSite({ treatment: true, total: 19600, volume: TREATMENT_VOLUME,
  firstMember: 500001, firstId: 73_000_000, rng: mulberry32(SEED * 2 + 2) });
// ~30 members of the old site also answered on the new one: same email and name on both files. Taken from
// rows that are neither bad nor same-site repeats, so each duplicate kind stays separate and countable.
const plain = (rows) => rows.filter((r) => !r.bad && !r.repeat);
const donors = shuffle(rng, plain(control)).slice(0, 30);
shuffle(rng, plain(treatment)).slice(0, 30).forEach((r, k) => {
  Object.assign(r, { email: donors[k].email, name: donors[k].name, zone: donors[k].zone,
    country: donors[k].country, crossSite: true });
});

writeFileSync(join(OUT_DIR, "ebates.csv"), toCsv(control));
writeFileSync(join(OUT_DIR, "rakuten-rewards.csv"), toCsv(treatment));
process.stderr.write(`design: base ${BASE.toFixed(3)}, compensation +${COMPENSATION.toFixed(3)} on the new `
  + `site outside ${AT_RISK}, ${AT_RISK} effect ${AT_RISK_EFFECT}\n`);
const a = summarise("fixtures/ebates.csv", control);
const b = summarise("fixtures/rakuten-rewards.csv", treatment);
const diff = (f) => (nps(f(b)).nps - nps(f(a)).nps).toFixed(2);
process.stderr.write(`difference (Rakuten Rewards - Ebates): overall ${diff((x) => x)}, `
  + `${AT_RISK} ${diff((x) => x.filter((r) => r.stage === AT_RISK))}\n`);
