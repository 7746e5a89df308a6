import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

interface LockEntry {
  optionalDependencies?: Record<string, string>;
}

describe("package-lock.json", () => {
  // npm ci refuses a lockfile that names an optional dependency it holds no entry for (see scripts/prune-lockfile.mjs).
  it("has an entry for every optional dependency it names, so npm ci accepts it", () => {
    const lock = JSON.parse(readFileSync(new URL("../package-lock.json", import.meta.url), "utf8")) as { packages: Record<string, LockEntry> };
    const dangling = Object.values(lock.packages).flatMap((entry) =>
      Object.keys(entry.optionalDependencies ?? {}).filter((name) => lock.packages[`node_modules/${name}`] === undefined),
    );
    expect(dangling, "run `npm run prune-lockfile`").toEqual([]);
  });
});
