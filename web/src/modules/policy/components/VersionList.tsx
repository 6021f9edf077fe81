import { useState } from "react";
import { formatDateTime } from "../../../core/format/dateTime";
import { Badge } from "../../../core/ui/Badge";
import { PRIMARY_BUTTON, SECONDARY_BUTTON } from "../../../core/ui/buttonStyles";
import type { PolicyVersion } from "../graphql/policyQueries";
import { diffPolicies } from "../policyDiff";
import { type PolicyDefinition, parsePolicyDefinition } from "../policyModel";
import { PolicyDiffList } from "./PolicyDiffList";

interface Props {
  versions: PolicyVersion[];
  active: PolicyDefinition;
  activeVersion: number;
  canActivate: boolean;
  onEdit: (version: PolicyVersion) => void;
  onActivate: (version: number) => void;
}

function state(v: PolicyVersion) {
  if (v.active) return <Badge tone="success">Active</Badge>;
  if (v.activatedAt) return <Badge tone="neutral">Previously active</Badge>;
  return <Badge tone="info">Draft</Badge>;
}

/** Every saved version, newest first: who saved and activated it, what it changes, and its actions. */
export function VersionList({ versions, active, activeVersion, canActivate, onEdit, onActivate }: Props) {
  const [comparing, setComparing] = useState<number | null>(null);
  return (
    <section
      aria-labelledby="policy-versions"
      className="rounded-lg border border-slate-200 bg-white shadow-sm"
    >
      <h2
        id="policy-versions"
        className="border-b border-slate-200 px-4 py-3 text-lg font-semibold text-slate-900"
      >
        Versions
      </h2>
      <ol aria-label="Policy versions, newest first" className="divide-y divide-slate-100">
        {versions.map((v) => {
          const definition = parsePolicyDefinition(v.definition);
          const open = comparing === v.version;
          return (
            <li key={v.version} aria-label={`Version ${v.version}`} className="px-4 py-3">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0">
                  <h3 className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
                    Version {v.version} {state(v)}
                  </h3>
                  {v.note && <p className="mt-1 text-sm break-words text-slate-800">{v.note}</p>}
                  <p className="mt-1 text-xs text-slate-600">
                    Saved by {v.createdBy?.displayName ?? "the system"} on{" "}
                    {formatDateTime(v.createdAt) ?? v.createdAt}
                    {v.activatedAt &&
                      ` · activated by ${v.activatedBy?.displayName ?? "the system"} on ${formatDateTime(v.activatedAt)}`}
                  </p>
                </div>
                <div className="flex flex-wrap gap-2">
                  {!v.active && definition && (
                    <button
                      type="button"
                      className={SECONDARY_BUTTON}
                      aria-expanded={open}
                      onClick={() => setComparing(open ? null : v.version)}
                    >
                      {open ? "Hide changes" : "Changes"}
                      <span className="sr-only"> of version {v.version}</span>
                    </button>
                  )}
                  {definition && (
                    <button type="button" className={SECONDARY_BUTTON} onClick={() => onEdit(v)}>
                      Edit from here<span className="sr-only"> (version {v.version})</span>
                    </button>
                  )}
                  {canActivate && !v.active && (
                    <button type="button" className={PRIMARY_BUTTON} onClick={() => onActivate(v.version)}>
                      Activate<span className="sr-only"> version {v.version}</span>
                    </button>
                  )}
                </div>
              </div>
              {open && definition && (
                <div className="mt-3 rounded-md bg-slate-50 p-3">
                  <p className="mb-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">
                    Against version {activeVersion} (active)
                  </p>
                  <PolicyDiffList
                    diff={diffPolicies(active, definition)}
                    emptyText="Same as the active version."
                  />
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
