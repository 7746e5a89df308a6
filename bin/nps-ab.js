#!/usr/bin/env node
// Shim: runs the compiled CLI, bundled into one file (scripts/bundle.mjs), and nothing else (see src/cli/main.ts).
import { main } from "../dist/bundle/cli.js";

main(process.argv.slice(2));
