#!/usr/bin/env node
/**
 * `npm run bench`: how long `nps-ab analyze` takes on a large Delighted-style export, next to DuckDB's grouped
 * count of the same file (the issue's baseline), DuckDB doing the same work as nps-ab (DEDUPE_SQL) and a bare
 * csv-parse pass (issue 5); and `nps-ab analyze -` with the file piped in (stdin is read in order, on one
 * thread). The export is generated from a fixed seed and
 * cached in `.bench-cache/` (outside git). Runs alternate between the tools, round after round, so a slow
 * moment of the machine hits all of them; the medians and the ratios are printed, with peak RSS (from
 * `/usr/bin/time -f %M`).
 *
 *   npm run bench                                   2,000,000 rows (~180 MB), 5 rounds, all five tools
 *   npm run bench -- --rows 22000000 --only nps-ab  ~2 GB, the memory check
 *   npm run bench -- --rounds 3 --only nps-ab,duckdb
 *   npm run bench -- --only duckdb,sql-duckdb,sql-postgres   the warehouse query (`nps-ab sql`), opt-in
 *
 * The warehouse tools run the query `nps-ab sql` prints: `sql-duckdb` in DuckDB over the whole file (so its
 * ratio to `duckdb` is the cost of ingest's row rules over a bare count), `sql-postgres` in PGlite
 * (PostgreSQL compiled to WebAssembly, far slower than a server) over the file's first SQL_POSTGRES_ROWS rows
 * loaded into a table. Both print the query's own time, which the round line shows beside the process's.
 */
import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, statSync } from "node:fs";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "./mulberry32.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const TOOLS = ["nps-ab", "duckdb", "duckdb-dedupe", "csv-parse", "nps-ab-stdin"];
const WAREHOUSE_TOOLS = ["sql-duckdb", "sql-postgres"];
const SQL_POSTGRES_ROWS = 100_000;
/**
 * The bench file's columns, as `nps-ab sql` options; days in UTC, as nps-ab's default --tz. With the response
 * ID, so the query drops the file's copies of a response as nps-ab does (it keeps the copy whose cells sort
 * first, nps-ab the first in the file: the file's 14 copies differ from their first, so 16 of its 38,285 counts
 * differ by one; kept in file order instead, every count is the same).
 */
const SQL_OPTIONS = ["--table", "responses", "--variant-column", "Site", "--score-column", "Score", "--date-column", "Created At", "--segment-column", "Lifecycle Stage", "--id-column", "Response ID"];

/**
 * DuckDB doing what nps-ab does beyond a grouped count: keep file order, drop rows without a site, keep the
 * first response of each (site, response ID) in file order, drop blank or invalid scores and dates, count the
 * rest by site, day, segment and score, and count respondents (trimmed, lower-cased emails) per site, repeat
 * respondents, repeat responses and respondents in both sites. On the 2M-row file its numbers are nps-ab's
 * exactly (1,998,166 used; 972,400 respondents, 594,736 repeat respondents, 1,025,766 repeat responses,
 * 393,850 in both sites), so the two do the same work. A like-for-like reference beside the issue's baseline.
 */
const DEDUPE_SQL = (file) => `WITH rows AS (
    SELECT trim(Site) AS site, "Response ID" AS id, Score AS score, "Created At" AS created, "Lifecycle Stage" AS segment,
      lower(trim(Email)) AS email, row_number() OVER () AS seq
    FROM read_csv('${file}', header = true, all_varchar = true)),
  firsts AS (SELECT * FROM rows WHERE site <> '' QUALIFY id IS NULL OR row_number() OVER (PARTITION BY site, trim(id) ORDER BY seq) = 1),
  used AS (SELECT site, TRY_CAST(trim(score) AS INTEGER) AS score, CAST(TRY_CAST(created AS TIMESTAMPTZ) AS DATE) AS day, segment, email FROM firsts
    WHERE TRY_CAST(trim(score) AS INTEGER) BETWEEN 0 AND 10 AND TRY_CAST(created AS TIMESTAMPTZ) IS NOT NULL),
  pairs AS (SELECT site, email, count(*) AS responses FROM used WHERE email IS NOT NULL AND email <> '' GROUP BY ALL)
SELECT (SELECT count(*) FROM (SELECT site, day, segment, score, count(*) FROM used GROUP BY ALL)) AS cells,
  (SELECT count(*) FROM used) AS used,
  (SELECT count(*) FROM pairs) AS respondents,
  (SELECT count(*) FROM pairs WHERE responses > 1) AS repeat_respondents,
  (SELECT sum(responses - 1) FROM pairs) AS repeat_responses,
  (SELECT count(*) FROM (SELECT email FROM pairs GROUP BY email HAVING count(*) > 1)) AS cross_variant`;

function parseArgs(argv) {
  const args = { rows: 2_000_000, rounds: 5, only: TOOLS, child: null, file: null };
  for (let index = 0; index < argv.length; index += 1) {
    const [name, value] = [argv[index], argv[index + 1]];
    if (name === "--rows") args.rows = Number(value);
    else if (name === "--rounds") args.rounds = Number(value);
    else if (name === "--only") args.only = value.split(",");
    else if (name === "--child") [args.child, args.file] = [value, argv[index + 2]];
    else continue;
    index += name === "--child" ? 2 : 1;
  }
  const unknown = args.only.filter((tool) => !TOOLS.includes(tool) && !WAREHOUSE_TOOLS.includes(tool));
  if (unknown.length > 0) throw new Error(`unknown tool ${unknown.join(", ")}: choose from ${[...TOOLS, ...WAREHOUSE_TOOLS].join(", ")}`);
  return args;
}


const COMMENTS = ["", "", "", "", "Great", "Too many emails", "Love the cashback", "ok", "Slow payouts", "Best site I've used!"];
const QUOTED = ['"Fast, easy"', '"Good app\nbut slow checkout"', '"They said ""soon"", still waiting"', '"Line one\r\nline two, with a comma"'];
const COUNTRIES = ["US", "CA", "GB", "AU", "DE"];
const STAGES = ["Lapsed", "Engaged", "At Risk", "Win-back", "New"];
const TAGS = ["", "", "web", "mobile", '"mobile, cashback"'];
const SITES = ["ebates", "rakuten"];
const pick = (next, list) => list[Math.floor(next() * list.length)];

/** One data row; a few are bad on purpose (blank and invalid scores, a bad date, a missing site). */
function row(next, index, start) {
  const site = pick(next, SITES);
  const promoterShare = site === "ebates" ? 0.5 : 0.52;
  const u = next();
  let score = String(u < promoterShare ? 9 + Math.floor(next() * 2) : u < 0.8 ? 7 + Math.floor(next() * 2) : Math.floor(next() * 7));
  const bad = next();
  if (bad < 0.0005) score = "";
  else if (bad < 0.0008) score = "N/A";
  const at = new Date(start + index * 15_000 + Math.floor(next() * 10_000)).toISOString().slice(0, 19) + "Z";
  const created = bad > 0.99995 ? "yesterday" : at;
  const comment = next() < 0.08 ? pick(next, QUOTED) : pick(next, COMMENTS);
  const member = 100_000 + Math.floor(next() * 600_000);
  const siteField = bad > 0.9999 && bad <= 0.99995 ? "" : site;
  return `${41_000_000 + index},${score},${comment},${created},m${member}@example.com,${pick(next, STAGES)},${pick(next, COUNTRIES)},${pick(next, TAGS)},${siteField}\n`;
}

async function generate(path, rows) {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  const next = mulberry32(20240601);
  const start = Date.UTC(2023, 0, 1);
  out.write("Response ID,Score,Comment,Created At,Email,Lifecycle Stage,Country,Tags,Site\n");
  let batch = "";
  for (let index = 0; index < rows; index += 1) {
    batch += row(next, index, start);
    if (index % 100_000 === 99_999) batch += row(next, index, start); // a response exported twice
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await new Promise((resolve) => out.once("drain", resolve));
      batch = "";
    }
  }
  out.write(batch);
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  renameSync(partial, path);
}

/** The counts query `nps-ab sql` prints for a dialect, as a user would take it. */
function countsQuery(dialect) {
  const result = spawnSync(process.execPath, [join(root, "bin/nps-ab.js"), "sql", "--dialect", dialect, ...SQL_OPTIONS], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`nps-ab sql failed (${result.status}): ${result.stderr}`);
  return result.stdout.trimEnd().replace(/;$/, "");
}

/** Child modes: one measured run of DuckDB, PGlite or csv-parse, printing its result on stdout. */
async function child(tool, file) {
  if (tool === "sql-duckdb") {
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    // Text columns, as an export loaded into a warehouse as it is.
    await connection.run(`CREATE VIEW responses AS SELECT * FROM read_csv('${file}', header = true, all_varchar = true)`);
    const started = performance.now();
    const reader = await connection.runAndReadAll(countsQuery("duckdb"));
    process.stdout.write(`${reader.getRows().length} counts rows; query ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
  } else if (tool === "sql-postgres") {
    const { PGlite } = await import("@electric-sql/pglite");
    const { parse } = await import("csv-parse");
    const postgres = await PGlite.create();
    const head = [];
    for await (const record of createReadStream(file).pipe(parse({ relax_column_count: true, to: SQL_POSTGRES_ROWS + 1 }))) head.push(record);
    const [header, ...rows] = head;
    const name = (column) => `"${column.replace(/"/g, '""')}"`;
    await postgres.exec(`CREATE TABLE responses (${header.map((column) => `${name(column)} text`).join(", ")})`);
    const quoted = (cell) => `"${cell.replace(/"/g, '""')}"`;
    const csv = rows.map((record) => record.map(quoted).join(",")).join("\n");
    await postgres.query("COPY responses FROM '/dev/blob' WITH (FORMAT csv)", [], { blob: new Blob([csv]) });
    const started = performance.now();
    const result = await postgres.query(countsQuery("postgres"));
    process.stdout.write(`${result.rows.length} counts rows from ${rows.length} rows; query ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
    await postgres.close();
  } else if (tool === "duckdb" || tool === "duckdb-dedupe") {
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const connection = await (await DuckDBInstance.create(":memory:")).connect();
    if (tool === "duckdb") {
      const reader = await connection.runAndReadAll(`SELECT Site, Score, count(*) AS n FROM read_csv('${file}', header = true) GROUP BY ALL`);
      process.stdout.write(`${reader.getRowObjects().length} groups\n`);
      return;
    }
    // Days in UTC, as nps-ab's default --tz.
    await connection.run("SET TimeZone = 'UTC'");
    const reader = await connection.runAndReadAll(DEDUPE_SQL(file));
    process.stdout.write(`${JSON.stringify(reader.getRowObjects(), (key, value) => (typeof value === "bigint" ? Number(value) : value))}\n`);
  } else {
    const { parse } = await import("csv-parse");
    let records = 0;
    for await (const _ of createReadStream(file).pipe(parse({ relax_column_count: true }))) records += 1;
    process.stdout.write(`${records} records\n`);
  }
}

/** The command under /usr/bin/time. */
function commandFor(tool, file) {
  const self = fileURLToPath(import.meta.url);
  const analyze = (input) => [process.execPath, join(root, "bin/nps-ab.js"), "analyze", input, "--variant-column", "Site", "--format", "json"];
  if (tool === "nps-ab") return analyze(file);
  // A pipe, as `zcat export.csv.gz | nps-ab analyze -` gives (time's peak RSS is the largest of the shell's children).
  if (tool === "nps-ab-stdin") return ["sh", "-c", 'cat "$0" | "$@"', file, ...analyze("-")];
  return [process.execPath, self, "--child", tool, file];
}

/** Wall seconds and peak RSS (MB) of one run. */
function measure(tool, file) {
  const started = process.hrtime.bigint();
  const result = spawnSync("/usr/bin/time", ["-f", "%M", ...commandFor(tool, file)], { encoding: "utf8", maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const lines = result.stderr.trim().split("\n");
  if (result.status !== 0 && !(tool.startsWith("nps-ab") && result.status === 3)) {
    throw new Error(`${tool} failed (${result.status}): ${lines.slice(-5).join("\n")}`);
  }
  const query = /query ([0-9.]+) s/.exec(result.stdout);
  return { seconds, rssMb: Number(lines.at(-1)) / 1024, querySeconds: query === null ? null : Number(query[1]) };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.child !== null) return child(args.child, args.file);
  const file = join(root, ".bench-cache", `delighted-sites-${args.rows}.csv`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${args.rows.toLocaleString("en-US")} rows into ${file} ...\n`);
    await generate(file, args.rows);
  }
  const megabytes = statSync(file).size / 1e6;
  process.stderr.write(`${file}: ${megabytes.toFixed(0)} MB; ${cpus().length} cores, node ${process.version}\n`);
  const runs = Object.fromEntries(args.only.map((tool) => [tool, []]));
  for (let round = 1; round <= args.rounds; round += 1) {
    for (const tool of args.only) {
      const run = measure(tool, file);
      runs[tool].push(run);
      const query = run.querySeconds === null ? "" : ` (the query ${run.querySeconds.toFixed(2)} s)`;
      process.stderr.write(`round ${round} ${tool}: ${run.seconds.toFixed(2)} s, ${run.rssMb.toFixed(0)} MB${query}\n`);
    }
  }
  const summary = Object.fromEntries(
    args.only.map((tool) => {
      const queries = runs[tool].map((run) => run.querySeconds).filter((seconds) => seconds !== null);
      return [tool, { seconds: median(runs[tool].map((run) => run.seconds)), rssMb: Math.max(...runs[tool].map((run) => run.rssMb)), querySeconds: queries.length > 0 ? median(queries) : null }];
    }),
  );
  console.log(`\n${args.rows.toLocaleString("en-US")} rows, ${megabytes.toFixed(0)} MB, median of ${args.rounds} rounds`);
  for (const [tool, { seconds, rssMb, querySeconds }] of Object.entries(summary)) {
    const query = querySeconds === null ? "" : `  the query ${querySeconds.toFixed(2)} s`;
    const throughput = tool === "sql-postgres" ? "-" : (megabytes / seconds).toFixed(0); // it reads only the head
    console.log(`${tool.padEnd(14)} ${seconds.toFixed(2).padStart(6)} s  ${throughput.padStart(5)} MB/s  peak RSS ${rssMb.toFixed(0)} MB${query}`);
  }
  for (const [ours, others] of [["nps-ab", ["duckdb", "duckdb-dedupe", "csv-parse"]], ["nps-ab-stdin", ["nps-ab", "duckdb"]], ["sql-duckdb", ["duckdb"]]]) {
    for (const other of others) {
      if (summary[ours] !== undefined && summary[other] !== undefined) console.log(`${ours} / ${other}: ${(summary[ours].seconds / summary[other].seconds).toFixed(2)}x`);
    }
  }
}

await main();
