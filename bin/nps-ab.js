#!/usr/bin/env node
// Shim: runs the compiled CLI and nothing else (see src/cli/main.ts).
import { main } from "../dist/cli/main.js";

main(process.argv.slice(2));
