/**
 * Positional arguments -> inputs. `ebates.csv` is the variant "ebates" (file name without extensions);
 * `old=exports/a.csv` names it explicitly; with `--variant-column` every file may hold both variants.
 */
import { basename } from "node:path";
import { UsageError } from "../errors.js";
import type { InputSpec } from "../ingest/ingest.js";

const NAMED = /^([^=/\\]+)=(.+)$/;
const EXTENSIONS = /(\.(csv|tsv|txt|gz))+$/i;

export function variantNameFromPath(path: string): string {
  return basename(path).replace(EXTENSIONS, "");
}

export function parseInputArguments(args: readonly string[], variantColumn: string | undefined): InputSpec[] {
  if (args.length === 0) throw new UsageError("no input files given", "e.g. nps-ab analyze ebates.csv rakuten-rewards.csv");
  return args.map((arg) => {
    const named = NAMED.exec(arg);
    if (variantColumn !== undefined) {
      if (named !== null) throw new UsageError(`${arg}: name=path cannot be combined with --variant-column, which names the variants`);
      return { path: arg };
    }
    if (named !== null) return { path: named[2] ?? "", variant: (named[1] ?? "").trim() };
    if (arg === "-") throw new UsageError("stdin needs a variant name", "e.g. ebates=- rakuten-rewards.csv");
    return { path: arg, variant: variantNameFromPath(arg) };
  });
}
