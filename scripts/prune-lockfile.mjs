// Removes optional dependencies that package-lock.json names but holds no entry for.
//
// Why: @duckdb/node-bindings lists one optional package per platform. The registry these machines reach
// serves only the Linux ones, so `npm install` writes a lockfile that names the macOS and Windows bindings
// without entries, and `npm ci` then refuses it ("Missing: ... from lock file"). Those packages can never
// be installed here anyway. Run after any `npm install` that touches the lockfile: `npm run prune-lockfile`.
// test/lockfile.test.ts fails while the lockfile has such dangling names.
import { readFileSync, writeFileSync } from "node:fs";

const url = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(url, "utf8"));
const removed = [];
for (const entry of Object.values(lock.packages)) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) {
    if (lock.packages[`node_modules/${name}`] === undefined) {
      delete entry.optionalDependencies[name];
      removed.push(name);
    }
  }
}
writeFileSync(url, `${JSON.stringify(lock, null, 2)}\n`);
console.error(removed.length === 0 ? "package-lock.json: nothing to prune" : `package-lock.json: removed ${removed.join(", ")}`);
