import { useEffect, useMemo, useRef, useState } from "react";
import { graphQLErrorCode } from "../../../core/apollo/errorCodes";
import { PRIMARY_BUTTON, SECONDARY_BUTTON } from "../../../core/ui/buttonStyles";
import type { PolicyVersion } from "../graphql/policyQueries";
import { type DraftAction, usePolicyDraft } from "../hooks/usePolicyDraft";
import { useActivatePolicy, useSavePolicyDraft } from "../hooks/usePolicyMutations";
import { diffPolicies } from "../policyDiff";
import { type PolicyDraft, toDraft } from "../policyDraft";
import { type PolicyDefinition, parsePolicyDefinition } from "../policyModel";
import { serverFieldErrors } from "../serverProblems";
import { type FieldErrors, validatePolicyDraft } from "../validatePolicyDraft";
import { BrokenPromiseEditor } from "./BrokenPromiseEditor";
import { ContactRulesEditor } from "./ContactRulesEditor";
import { ErrorSummary } from "./ErrorSummary";
import { ActivateDialog, ReviewDialog } from "./PolicyDialogs";
import { PolicyDiffList } from "./PolicyDiffList";
import { RulesEditor } from "./RulesEditor";
import { VersionList } from "./VersionList";

interface Props {
  active: PolicyVersion;
  activeDefinition: PolicyDefinition;
  versions: PolicyVersion[];
  canActivate: boolean;
}

/** Every field path the form shows, so the server's problems land on the field they are about. */
function fieldPaths(draft: PolicyDraft): Set<string> {
  const paths = new Set([
    "rules",
    "contactRules.maxCallAttemptsPer7Days",
    "contactRules.noCallDaysAfterConversation",
  ]);
  for (const p of ["windowStartMinutes", "windowEndMinutes"]) paths.add(`contactRules.${p}`);
  for (const p of ["priorityBoost", "dueFactor"]) paths.add(`brokenPromise.${p}`);
  draft.contactRules.holidays.forEach((_, j) => {
    paths.add(`contactRules.holidays.${j}`);
  });
  draft.rules.forEach((_, i) => {
    for (const f of [
      "name",
      "when.minBalance",
      "when.maxBalance",
      "when.minPropensity",
      "when.maxPropensity",
      "action",
      "channels",
      "priority",
      "dueInHours",
    ])
      paths.add(`rules.${i}.${f}`);
  });
  return paths;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The policy form, its changes against the active version, saving, activating and the version list. */
export function PolicyWorkspace({ active, activeDefinition, versions, canActivate }: Props) {
  const [draft, rawDispatch] = usePolicyDraft(() => toDraft(activeDefinition));
  const [basedOn, setBasedOn] = useState(active.version);
  const [showErrors, setShowErrors] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [reviewing, setReviewing] = useState(false);
  const [reviewKey, setReviewKey] = useState(0);
  const [activating, setActivating] = useState<number | null>(null);
  const [notice, setNotice] = useState<{ text: string; activate?: number } | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  // Bumped to move the focus to the error summary once React has drawn it (and any dialog has closed).
  const [summaryFocus, setSummaryFocus] = useState(0);
  useEffect(() => {
    if (summaryFocus > 0) summaryRef.current?.focus();
  }, [summaryFocus]);
  const saver = useSavePolicyDraft();
  const activator = useActivatePolicy();

  const dispatch = (action: DraftAction) => {
    rawDispatch(action);
    // What the server refused was the policy before this edit.
    if (Object.keys(serverErrors).length > 0) setServerErrors({});
  };

  const validation = useMemo(() => validatePolicyDraft(draft), [draft]);
  const fromServer = Object.keys(serverErrors).length > 0;
  const errors: FieldErrors = fromServer ? serverErrors : showErrors ? validation.errors : {};
  const diff = validation.definition ? diffPolicies(activeDefinition, validation.definition) : null;
  const activatingDefinition = useMemo(() => {
    const version = versions.find((v) => v.version === activating);
    return version ? parsePolicyDefinition(version.definition) : null;
  }, [versions, activating]);

  const showProblems = (problems: FieldErrors) => {
    const rulesWithProblems = draft.rules.filter((_, i) =>
      Object.keys(problems).some((p) => p.startsWith(`rules.${i}.`)),
    );
    setExpanded((open) => new Set([...open, ...rulesWithProblems.map((r) => r.key)]));
    setSummaryFocus((n) => n + 1);
  };

  const review = () => {
    setShowErrors(true);
    setNotice(null);
    if (!validation.definition) {
      showProblems(validation.errors);
      return;
    }
    if (diff?.empty) {
      setNotice({
        text: `Nothing to save: the form is the same as version ${active.version}, the active policy.`,
      });
      return;
    }
    setDialogError(null);
    setReviewing(true);
  };

  const save = async (note: string, activateNow: boolean) => {
    if (!validation.definition) return;
    setDialogError(null);
    let saved: PolicyVersion | null;
    try {
      saved = await saver.save(validation.definition, note.trim() || null);
    } catch (error) {
      if (graphQLErrorCode(error) === "BAD_USER_INPUT") {
        const problems = serverFieldErrors(error, fieldPaths(draft));
        setServerErrors(problems);
        setReviewing(false);
        showProblems(problems);
      } else {
        setDialogError(`Could not save the draft: ${messageOf(error)} Try again.`);
      }
      return;
    }
    if (!saved) return;
    setReviewing(false);
    setReviewKey((k) => k + 1);
    setBasedOn(saved.version);
    setShowErrors(false);
    if (activateNow) {
      await activate(saved.version, `Saved as version ${saved.version}`);
    } else {
      setNotice({
        text: `Saved as draft version ${saved.version}.${canActivate ? "" : " A recovery manager or an admin activates it."}`,
        activate: canActivate ? saved.version : undefined,
      });
    }
  };

  const activate = async (version: number, prefix?: string) => {
    setDialogError(null);
    try {
      const activated = await activator.activate(version);
      setActivating(null);
      const definition = activated ? parsePolicyDefinition(activated.definition) : null;
      // The form follows the policy now in force, so its changes read against it from here on.
      if (definition) {
        rawDispatch({ type: "reset", draft: toDraft(definition) });
        setBasedOn(version);
      }
      setServerErrors({});
      setNotice({
        text: `${prefix ? `${prefix} and activated` : `Version ${version} activated`}: it is the policy in force, and each loan follows it from its next rescoring.`,
      });
    } catch (error) {
      const text = `Could not activate version ${version}: ${messageOf(error)}`;
      if (activating !== null) setDialogError(text);
      else setNotice({ text });
    }
  };

  const loadVersion = (version: PolicyVersion) => {
    const definition = parsePolicyDefinition(version.definition);
    if (!definition) return;
    rawDispatch({ type: "reset", draft: toDraft(definition) });
    setBasedOn(version.version);
    setServerErrors({});
    setShowErrors(false);
    setExpanded(new Set());
    setNotice({
      text: `The form now holds version ${version.version}: change it and save it as a new draft.`,
    });
    window.scrollTo({ top: 0 });
  };

  return (
    <>
      <div role="status" aria-live="polite" className={notice ? "mb-6" : undefined}>
        {notice && (
          <div className="flex flex-wrap items-center justify-between gap-3 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-emerald-200">
            <p>{notice.text}</p>
            {notice.activate !== undefined && (
              <button
                type="button"
                className={PRIMARY_BUTTON}
                onClick={() => setActivating(notice.activate ?? null)}
              >
                Activate version {notice.activate}
              </button>
            )}
          </div>
        )}
      </div>
      <ErrorSummary ref={summaryRef} errors={errors} draft={draft} fromServer={fromServer} />

      <form
        noValidate
        aria-label="Policy editor"
        onSubmit={(event) => {
          event.preventDefault();
          review();
        }}
        className="space-y-6"
      >
        <p className="text-sm text-slate-600">
          The form holds version {basedOn}
          {basedOn === active.version ? " (active)" : ""} with your changes.
        </p>
        <RulesEditor
          rules={draft.rules}
          errors={errors}
          expanded={expanded}
          onExpandedChange={setExpanded}
          dispatch={dispatch}
        />
        <ContactRulesEditor contactRules={draft.contactRules} errors={errors} dispatch={dispatch} />
        <BrokenPromiseEditor brokenPromise={draft.brokenPromise} errors={errors} dispatch={dispatch} />

        <section
          aria-labelledby="policy-changes"
          className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
        >
          <h2 id="policy-changes" className="text-lg font-semibold text-slate-900">
            Changes against version {active.version} (active)
          </h2>
          <div className="mt-3">
            {diff ? (
              <PolicyDiffList diff={diff} emptyText="No changes yet." />
            ) : (
              <p className="text-sm text-slate-700">
                Some fields are not valid yet: the changes show once every field is.
              </p>
            )}
          </div>
          <div className="mt-4 flex flex-wrap gap-3 border-t border-slate-200 pt-4">
            <button type="submit" className={PRIMARY_BUTTON}>
              Review and save draft
            </button>
            <button
              type="button"
              className={SECONDARY_BUTTON}
              onClick={() => {
                rawDispatch({ type: "reset", draft: toDraft(activeDefinition) });
                setBasedOn(active.version);
                setServerErrors({});
                setShowErrors(false);
                setNotice({
                  text: `Changes discarded: the form holds version ${active.version}, the active policy.`,
                });
              }}
            >
              Discard changes
            </button>
          </div>
        </section>
      </form>

      <div className="mt-8">
        <VersionList
          versions={versions}
          active={activeDefinition}
          activeVersion={active.version}
          canActivate={canActivate}
          onEdit={loadVersion}
          onActivate={(version) => {
            setDialogError(null);
            setActivating(version);
          }}
        />
      </div>

      <ReviewDialog
        key={reviewKey}
        open={reviewing}
        activeVersion={active.version}
        diff={diff}
        canActivate={canActivate}
        busy={saver.loading || activator.loading}
        error={dialogError}
        onSave={(note, activateNow) => void save(note, activateNow)}
        onClose={() => setReviewing(false)}
      />
      <ActivateDialog
        version={activating}
        activeVersion={active.version}
        diff={activatingDefinition ? diffPolicies(activeDefinition, activatingDefinition) : null}
        busy={activator.loading}
        error={dialogError}
        onConfirm={(version) => void activate(version)}
        onClose={() => setActivating(null)}
      />
    </>
  );
}
