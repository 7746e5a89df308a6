/**
 * Who answered in which variant, for the ledger (respondents.ts): one table slot per respondent, so noting a
 * response is one probe. Its 32-bit value holds, for variants 0..14, whether the respondent answered in the
 * variant (bit v) and answered there more than once (bit 16 + v); bit 15 says they answered in a variant
 * numbered 15 or more, which are kept per (respondent, variant) in two side tables. Counts stop at 2: the
 * ledger only asks "none, one, or more before this one?".
 */
import { combine, Hash64, HashTable64 } from "./hash64.js";

const FIRST_VARIANTS = 15;
const OVERFLOW = 1 << 15;

function bitCount(bits: number): number {
  let count = 0;
  for (let rest = bits; rest !== 0; rest &= rest - 1) count += 1;
  return count;
}

export class RespondentTable {
  private readonly byRespondent: HashTable64;
  /** (respondent, variant >= 15) -> responses, capped at 2. */
  private readonly overflowPairs = new HashTable64(true);
  /** respondent -> how many variants >= 15 they answered in. */
  private readonly overflowVariants = new HashTable64(true);
  private readonly pair = new Hash64();
  /** Distinct (variant, respondent) pairs. */
  pairs = 0;
  /** Respondents who answered in more than one variant. */
  crossVariant = 0;

  constructor(expected: number) {
    this.byRespondent = new HashTable64(true, expected);
  }

  /** Notes a response of `respondent` in `variant`; returns how many came before it there (0, 1, or 2 for more). */
  note(respondent: Hash64, variant: number): number {
    const value = this.byRespondent.get(respondent, 0);
    if (variant < FIRST_VARIANTS) {
      const seen = 1 << variant;
      const twice = 1 << (variant + 16);
      if ((value & twice) !== 0) return 2;
      if ((value & seen) !== 0) {
        this.byRespondent.set(respondent, value | twice);
        return 1;
      }
      this.newPair(respondent, value);
      this.byRespondent.set(respondent, value | seen);
      return 0;
    }
    this.pair.high = respondent.high;
    this.pair.low = respondent.low;
    combine(this.pair, Math.imul(variant, 0x9e3779b1), variant);
    const before = this.overflowPairs.get(this.pair, 0);
    if (before >= 2) return 2;
    this.overflowPairs.set(this.pair, before + 1);
    if (before === 1) return 1;
    this.newPair(respondent, value);
    this.overflowVariants.increment(respondent, 1);
    this.byRespondent.set(respondent, value | OVERFLOW);
    return 0;
  }

  private newPair(respondent: Hash64, value: number): void {
    this.pairs += 1;
    const overflow = (value & OVERFLOW) !== 0 ? this.overflowVariants.get(respondent, 0) : 0;
    if (bitCount(value & (OVERFLOW - 1)) + overflow === 1) this.crossVariant += 1;
  }
}
