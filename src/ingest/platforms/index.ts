/** The platforms, in the order they are tried: the most specific shapes first, generic CSV last. */
import { delighted } from "./delighted.js";
import { generic } from "./generic.js";
import { googleForms } from "./google-forms.js";
import { qualtrics } from "./qualtrics.js";
import { surveyMonkey } from "./surveymonkey.js";
import type { Head, Platform, PlatformName } from "./types.js";
import { typeform } from "./typeform.js";

export { PLATFORM_NAMES, type Layout, type PlatformName } from "./types.js";

const PLATFORMS: readonly Platform[] = [qualtrics, surveyMonkey, typeform, googleForms, delighted, generic];

/** The platform named by `--source`, or the first whose shape matches the head of the file. */
export function choosePlatform(head: Head, forced: PlatformName | undefined): Platform {
  if (forced !== undefined) return PLATFORMS.find((platform) => platform.name === forced) ?? generic;
  return PLATFORMS.find((platform) => platform.detect(head)) ?? generic;
}
