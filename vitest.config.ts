import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/fast-check-seed.ts", "test/file-tmpdir.ts"],
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core CI machine, where the
    // files then ran one after another (97 s). Most of the suite's time is spent waiting for the CLI processes
    // it starts, so one worker per core (at least two) halves that: 57 s on the same machine.
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
