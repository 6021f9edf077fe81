import { ReasonItem } from "../../loans/components/ReasonItem";

const SHOWN = 3;

interface ShownReason {
  feature: string;
  direction: string;
  sentence: string;
}

/**
 * The strongest reasons of the score a case is worked on (the API sends them largest effect first): the
 * probability of default's, or for a loan in default its propensity to pay's.
 */
export function TopReasons({ reasons }: { reasons: readonly ShownReason[] | null }) {
  if (reasons === null) return <p className="text-sm text-slate-600">Not scored yet</p>;
  if (reasons.length === 0) return <p className="text-sm text-slate-600">No single factor stands out</p>;
  return (
    <ul className="space-y-0.5 text-sm text-slate-800">
      {reasons.slice(0, SHOWN).map((r) => (
        <ReasonItem key={r.feature} reason={r} />
      ))}
    </ul>
  );
}
