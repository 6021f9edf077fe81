import type { CaseScore } from "../graphql/caseView";

// A reason of the probability of default raises or lowers the risk; one of a collection score (propensity to
// pay) raises or lowers the chance of paying: red is bad news for the lender either way.
const WORDS: Record<string, { arrow: string; tone: string; said: string }> = {
  RAISES_RISK: { arrow: "▲ ", tone: "text-red-700", said: "Raises risk: " },
  LOWERS_RISK: { arrow: "▼ ", tone: "text-emerald-700", said: "Lowers risk: " },
  RAISES_CHANCE: { arrow: "▲ ", tone: "text-emerald-700", said: "Raises the chance: " },
  LOWERS_CHANCE: { arrow: "▼ ", tone: "text-red-700", said: "Lowers the chance: " },
};

/** A score's reasons, largest effect first, with the direction in words as well as an arrow. */
export function ScoreReasons({ reasons }: { reasons: CaseScore["reasons"] }) {
  if (reasons.length === 0)
    return <p className="mt-1 text-sm text-slate-600">No single factor stands out.</p>;
  return (
    <ul className="mt-1 space-y-1 text-sm text-slate-900">
      {reasons.map((r) => {
        const words = WORDS[r.direction] ?? (WORDS.LOWERS_RISK as (typeof WORDS)[string]);
        return (
          <li key={r.feature}>
            <span aria-hidden="true" className={words.tone}>
              {words.arrow}
            </span>
            <span className="sr-only">{words.said}</span>
            {r.sentence}
          </li>
        );
      })}
    </ul>
  );
}
