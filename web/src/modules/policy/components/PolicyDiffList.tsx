import { Badge, type BadgeTone } from "../../../core/ui/Badge";
import type { ChangeKind, PolicyChange, PolicyDiff } from "../policyDiff";

const TONES: Record<ChangeKind, BadgeTone> = {
  Added: "success",
  Removed: "danger",
  Moved: "info",
  Changed: "warning",
};

function ChangeList({ title, changes }: { title: string; changes: PolicyChange[] }) {
  if (changes.length === 0) return null;
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      <ul className="mt-1 space-y-2">
        {changes.map((change) => (
          <li key={`${change.kind}-${change.summary}`} className="text-sm text-slate-800">
            <Badge tone={TONES[change.kind]}>{change.kind}</Badge>{" "}
            <span className="break-words">{change.summary}</span>
            {change.details.length > 0 && (
              <ul className="mt-1 ml-5 list-disc space-y-0.5 text-slate-700">
                {change.details.map((d) => (
                  <li key={d} className="break-words">
                    {d}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A draft's changes against another version, by part of the policy, each marked in words. */
export function PolicyDiffList({ diff, emptyText }: { diff: PolicyDiff; emptyText: string }) {
  if (diff.empty) return <p className="text-sm text-slate-700">{emptyText}</p>;
  return (
    <div className="space-y-4">
      <ChangeList title="Rules" changes={diff.rules} />
      <ChangeList title="Contact rules" changes={diff.contactRules} />
      <ChangeList title="Broken promises" changes={diff.brokenPromise} />
    </div>
  );
}
