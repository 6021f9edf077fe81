import { ReasonItem } from "../../loans/components/ReasonItem";
import type { CaseScore } from "../graphql/caseView";

/** A score's reasons, largest effect first, with the direction in words as well as an arrow. */
export function ScoreReasons({ reasons }: { reasons: CaseScore["reasons"] }) {
  if (reasons.length === 0)
    return <p className="mt-1 text-sm text-slate-600">No single factor stands out.</p>;
  return (
    <ul className="mt-1 space-y-1 text-sm text-slate-900">
      {reasons.map((r) => (
        <ReasonItem key={r.feature} reason={r} />
      ))}
    </ul>
  );
}
