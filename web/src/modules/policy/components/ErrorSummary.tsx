import type { Ref } from "react";
import type { PolicyDraft } from "../policyDraft";
import type { FieldErrors } from "../validatePolicyDraft";
import { fieldId } from "./PolicyField";

/** Where in the policy a field path is, in words ("Rule 3 (high-restructure)"). */
function placeOf(path: string, draft: PolicyDraft): string {
  const rule = /^rules\.(\d+)\./.exec(path);
  if (rule) {
    const index = Number(rule[1]);
    const name = draft.rules[index]?.name.trim();
    return `Rule ${index + 1}${name ? ` (${name})` : ""}`;
  }
  if (path === "rules") return "Rules";
  const holiday = /^contactRules\.holidays\.(\d+)$/.exec(path);
  if (holiday) return `Contact rules, holiday ${Number(holiday[1]) + 1}`;
  if (path.startsWith("contactRules")) return "Contact rules";
  if (path.startsWith("brokenPromise")) return "Broken promises";
  return "Policy";
}

const targetOf = (path: string) => (path === "rules" ? "policy-rules" : fieldId(path));

interface Props {
  errors: FieldErrors;
  draft: PolicyDraft;
  /** Whether the server refused the policy (else: the form's own checks). */
  fromServer: boolean;
  ref?: Ref<HTMLDivElement>;
}

/** Every problem at the top of the form, each a link to its field (the focus moves here on a failed save). */
export function ErrorSummary({ errors, draft, fromServer, ref }: Props) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby="policy-error-summary"
      className="mb-6 rounded-lg border border-red-300 bg-red-50 p-4 text-red-900 focus-visible:outline-2 focus-visible:outline-red-700"
    >
      <h2 id="policy-error-summary" className="text-base font-semibold">
        {fromServer ? "The server refused the policy" : "The policy cannot be saved yet"}:{" "}
        {entries.length === 1 ? "1 problem" : `${entries.length} problems`}
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
        {entries.map(([path, message]) => (
          <li key={path}>
            {path === "form" ? (
              message
            ) : (
              <a
                href={`#${targetOf(path)}`}
                className="underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-red-700"
                onClick={(event) => {
                  const target = document.getElementById(targetOf(path));
                  if (!target) return;
                  event.preventDefault();
                  target.scrollIntoView({ block: "center" });
                  target.focus();
                }}
              >
                {placeOf(path, draft)}: {message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
