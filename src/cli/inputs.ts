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

/**
 * For analyze, which compares two variants: files named alike (`exports/ebates/responses.csv` and
 * `exports/rakuten/responses.csv`) all become one variant, found wanting only once every file is read. Files
 * of one name are one variant on purpose elsewhere (`2018/ebates.csv 2019/ebates.csv`), so this is an error
 * only when every file, each named after its path, would be the same variant.
 */
export function requireTwoVariantNames(args: readonly string[], inputs: readonly InputSpec[], variantColumn: string | undefined): void {
  if (variantColumn !== undefined || inputs.length < 2 || args.some((arg) => NAMED.test(arg))) return;
  const [first] = inputs;
  if (inputs.some((input) => input.variant !== first?.variant)) return;
  throw new UsageError(`every file is the variant ${JSON.stringify(first?.variant)}, named after its file name`, `name the variants: e.g. old=${args[0] ?? ""} new=${args[1] ?? ""}`);
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
