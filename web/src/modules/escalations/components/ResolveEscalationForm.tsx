import { type FormEvent, useId, useState } from "react";
import { browserTimeZone } from "../../../core/format/instants";
import { formatInstant } from "../../../core/format/zonedTime";
import {
  FIELD_ERROR,
  HINT,
  INPUT,
  LABEL,
  PRIMARY_BUTTON,
  SECONDARY_BUTTON,
} from "../../../core/ui/buttonStyles";
import type { ActionType, EscalationOutcome } from "../../../gql/graphql";
import { actionLabel } from "../../loans/loanLabels";
import { OUTCOME_EFFECTS, OUTCOME_LABELS, OUTCOMES } from "../escalationLabels";
import type { EscalationItem } from "../graphql/escalationQueue";
import { useResolveEscalation } from "../hooks/useEscalationActions";
import { useReturnAgents } from "../hooks/useReturnAgents";

/** Work a person does, other than another escalation: what a manager may hand back (the server's list). */
const AGENT_ACTIONS: ActionType[] = [
  "CALL",
  "PAYMENT_PLAN",
  "FIELD_VISIT",
  "RESTRUCTURE",
  "SETTLEMENT_OFFER",
];
const MAX_NOTE = 2000;

interface Props {
  escalation: EscalationItem;
  onResolved: (resolved: EscalationItem) => void;
  onCancel: () => void;
}

export function ResolveEscalationForm({ escalation, onResolved, onCancel }: Props) {
  const id = useId();
  const [outcome, setOutcome] = useState<EscalationOutcome | null>(null);
  const [note, setNote] = useState("");
  const returning = outcome === "RETURNED_TO_AGENT";
  const { agents, loading: agentsLoading, error: agentsError } = useReturnAgents(false);
  const [agentId, setAgentId] = useState<string | null>(null);
  const [nextAction, setNextAction] = useState<ActionType | null>(null);
  const [nextDue, setNextDue] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const { resolve, loading, error } = useResolveEscalation();

  // The person who escalated is the natural one to get the case back, when they are an agent.
  const chosenAgent = agentId ?? agents.find((a) => a.id === escalation.escalatedBy?.id)?.id ?? "";
  const recommended = escalation.loan.recommendation?.actionType;
  // The server's own default: the loan's recommended action when an agent can do it, else a call.
  const isRecommended = recommended !== undefined && AGENT_ACTIONS.includes(recommended);
  const chosenAction = nextAction ?? (isRecommended ? recommended : "CALL");
  const dueInstant = nextDue ? new Date(nextDue) : null;
  const borrowerZone = escalation.loan.borrower.timeZone;

  const problems = {
    outcome: outcome === null ? "Choose how the case was resolved." : null,
    agent: returning && !chosenAgent ? "Choose the agent who gets the case back." : null,
    note:
      returning && note.trim() === ""
        ? "Say what the agent should do: the note travels with their task."
        : note.length > MAX_NOTE
          ? `Keep the note to ${MAX_NOTE} characters (it has ${note.length}).`
          : null,
    due: dueInstant && Number.isNaN(dueInstant.getTime()) ? "Enter a valid date and time." : null,
  };
  const shown = (problem: string | null) => (submitted ? problem : null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (outcome === null || Object.values(problems).some((p) => p !== null)) return;
    const resolved = await resolve(escalation.id, {
      outcome,
      note: note.trim() || null,
      ...(returning
        ? {
            returnToAgentId: chosenAgent,
            nextAction: chosenAction,
            nextDueAt: dueInstant ? dueInstant.toISOString() : null,
          }
        : {}),
    }).catch(() => null);
    if (resolved) onResolved(resolved);
  };

  return (
    <form
      noValidate
      onSubmit={submit}
      aria-labelledby={`${id}-title`}
      className="space-y-4 border-t border-slate-200 bg-slate-50 px-4 py-4"
    >
      <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
        Resolve the escalation of {escalation.loan.externalKey}
      </h3>
      <fieldset aria-describedby={shown(problems.outcome) ? `${id}-outcome-error` : undefined}>
        <legend className={LABEL}>Outcome</legend>
        <div className="mt-2 grid gap-2 md:grid-cols-2">
          {OUTCOMES.map((value) => (
            <label
              key={value}
              className="flex cursor-pointer gap-3 rounded-md bg-white p-3 ring-1 ring-slate-300 ring-inset has-checked:ring-2 has-checked:ring-indigo-600"
            >
              <input
                type="radio"
                name={`${id}-outcome`}
                value={value}
                checked={outcome === value}
                onChange={() => setOutcome(value)}
                className="mt-0.5 size-4 accent-indigo-600"
              />
              <span>
                <span className="block text-sm font-medium text-slate-900">{OUTCOME_LABELS[value]}</span>
                <span className="block text-xs text-slate-600">{OUTCOME_EFFECTS[value]}</span>
              </span>
            </label>
          ))}
        </div>
        {shown(problems.outcome) && (
          <p id={`${id}-outcome-error`} className={FIELD_ERROR}>
            {problems.outcome}
          </p>
        )}
      </fieldset>

      {returning && (
        <div className="grid gap-4 md:grid-cols-3">
          <div>
            <label htmlFor={`${id}-agent`} className={LABEL}>
              Agent
            </label>
            <select
              id={`${id}-agent`}
              className={`${INPUT} mt-1`}
              value={chosenAgent}
              onChange={(e) => setAgentId(e.target.value)}
              disabled={agentsLoading}
              aria-invalid={shown(problems.agent) ? true : undefined}
              aria-describedby={`${id}-agent-hint`}
            >
              <option value="">{agentsLoading ? "Loading agents…" : "Choose an agent"}</option>
              {agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.displayName} ({a.team?.name})
                </option>
              ))}
            </select>
            <p id={`${id}-agent-hint`} className={shown(problems.agent) || agentsError ? FIELD_ERROR : HINT}>
              {agentsError
                ? `Could not load the agents: ${agentsError.message}`
                : (shown(problems.agent) ?? "Active agents of a team.")}
            </p>
          </div>
          <div>
            <label htmlFor={`${id}-action`} className={LABEL}>
              Next action
            </label>
            <select
              id={`${id}-action`}
              className={`${INPUT} mt-1`}
              value={chosenAction}
              onChange={(e) => setNextAction(e.target.value as ActionType)}
            >
              {AGENT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {actionLabel(a)}
                  {isRecommended && a === recommended ? " (recommended)" : ""}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-due`} className={LABEL}>
              Due (your time, {browserTimeZone()})
            </label>
            <input
              id={`${id}-due`}
              type="datetime-local"
              className={`${INPUT} mt-1`}
              value={nextDue}
              onChange={(e) => setNextDue(e.target.value)}
              aria-invalid={shown(problems.due) ? true : undefined}
              aria-describedby={`${id}-due-hint`}
            />
            <p id={`${id}-due-hint`} className={shown(problems.due) ? FIELD_ERROR : HINT}>
              {shown(problems.due) ??
                (dueInstant && !Number.isNaN(dueInstant.getTime())
                  ? `For the borrower: ${formatInstant(dueInstant.toISOString(), borrowerZone) ?? borrowerZone}`
                  : "Empty: due now.")}
            </p>
          </div>
        </div>
      )}

      <div>
        <label htmlFor={`${id}-note`} className={LABEL}>
          Note{returning ? " for the agent" : " (optional)"}
        </label>
        <textarea
          id={`${id}-note`}
          rows={3}
          className={`${INPUT} mt-1`}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={shown(problems.note) ? true : undefined}
          aria-describedby={`${id}-note-hint`}
        />
        <p id={`${id}-note-hint`} className={shown(problems.note) ? FIELD_ERROR : HINT}>
          {shown(problems.note) ?? `${note.length} of ${MAX_NOTE} characters.`}
        </p>
      </div>

      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 ring-1 ring-red-200">
          Could not resolve the escalation: {error.message}
        </p>
      )}
      <div className="flex flex-wrap gap-3">
        <button type="submit" className={PRIMARY_BUTTON} disabled={loading}>
          {loading ? "Resolving…" : "Resolve escalation"}
        </button>
        <button type="button" className={SECONDARY_BUTTON} onClick={onCancel} disabled={loading}>
          Cancel
        </button>
      </div>
    </form>
  );
}
