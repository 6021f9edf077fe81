import type { CaseScore } from "../graphql/caseView";

/** A score's reasons, largest effect first, with the direction in words as well as an arrow. */
export function ScoreReasons({ reasons }: { reasons: CaseScore["reasons"] }) {
  if (reasons.length === 0)
    return <p className="mt-1 text-sm text-slate-600">No single factor stands out.</p>;
  return (
    <ul className="mt-1 space-y-1 text-sm text-slate-900">
      {reasons.map((r) => (
        <li key={r.feature}>
          <span
            aria-hidden="true"
            className={r.direction === "RAISES_RISK" ? "text-red-700" : "text-emerald-700"}
          >
            {r.direction === "RAISES_RISK" ? "▲ " : "▼ "}
          </span>
          <span className="sr-only">{r.direction === "RAISES_RISK" ? "Raises risk: " : "Lowers risk: "}</span>
          {r.sentence}
        </li>
      ))}
    </ul>
  );
}
