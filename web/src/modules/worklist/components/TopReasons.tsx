import type { WorklistCase } from "../graphql/myWorklist";

const SHOWN = 3;

/** The score's strongest reasons (the API sends them largest effect first). */
export function TopReasons({ score }: { score: WorklistCase["latestScore"] }) {
  if (score === null) return <p className="text-sm text-slate-600">Not scored yet</p>;
  if (score.reasons.length === 0)
    return <p className="text-sm text-slate-600">No single factor stands out</p>;
  return (
    <ul className="space-y-0.5 text-sm text-slate-800">
      {score.reasons.slice(0, SHOWN).map((r) => (
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
