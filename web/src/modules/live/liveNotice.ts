import { formatDate } from "../../core/format/dates";
import { formatMoney } from "../../core/format/money";
import { actionLabel, humanizeCode } from "../loans/loanLabels";
import type { LiveBrokenPromise, LiveEscalation, LiveRescoring, LiveTask } from "./graphql/liveSubscriptions";

export interface LiveNotice {
  id: string;
  tone: "info" | "warning";
  title: string;
  detail?: string;
  link?: { to: string; label: string };
}

const casePath = (loanId: string) => `/loans/${encodeURIComponent(loanId)}`;

// Several assignments at once (a supervisor moving an absent colleague's work) make one notice, not twenty.
const LISTED = 3;

export function tasksAssignedNotice(tasks: LiveTask[]): LiveNotice | null {
  const [first] = tasks;
  if (first === undefined) return null;
  if (tasks.length === 1) {
    return {
      id: `assigned:${first.id}`,
      tone: "info",
      title: `New task assigned: ${first.loan.externalKey}, ${actionLabel(first.actionType)}`,
      link: { to: casePath(first.loan.id), label: `Open case ${first.loan.externalKey}` },
    };
  }
  const refs = tasks.slice(0, LISTED).map((t) => t.loan.externalKey);
  const more = tasks.length - refs.length;
  return {
    id: `assigned:${tasks.map((t) => t.id).join(",")}`,
    tone: "info",
    title: `${tasks.length} new tasks assigned`,
    detail: `${refs.join(", ")}${more > 0 ? ` and ${more} more` : ""}: on your worklist now.`,
  };
}

export function taskMovedNotice(
  task: { id: string; loan: { externalKey: string } },
  cancelled: boolean,
): LiveNotice {
  return {
    id: `moved:${task.id}`,
    tone: "info",
    title: cancelled
      ? `Task cancelled: ${task.loan.externalKey}`
      : `Task reassigned: ${task.loan.externalKey}`,
    detail: "It is no longer on your worklist.",
  };
}

export function promiseBrokenNotice(promise: LiveBrokenPromise): LiveNotice {
  const amount = formatMoney(promise.amount, promise.loan.currency) ?? promise.amount;
  const day = formatDate(promise.promisedDate) ?? promise.promisedDate;
  return {
    id: `broken:${promise.id}`,
    tone: "warning",
    title: `Promise broken: ${promise.loan.externalKey}`,
    detail: `${amount} was promised by ${day} and not paid.`,
    link: { to: casePath(promise.loan.id), label: `Open case ${promise.loan.externalKey}` },
  };
}

export function rescoringNotice(run: LiveRescoring, role: string): LiveNotice | null {
  if (!run.succeeded) {
    return {
      id: `rescoring:${run.runId}`,
      tone: "warning",
      title: "A rescoring stopped on an error",
      detail: "What it finished is in place; the rest keeps its earlier scores.",
    };
  }
  if (run.tasksAssigned === 0 && run.recommendationsCreated === 0) return null;
  const whose = role === "AGENT" ? "your worklist" : "your scope";
  return {
    id: `rescoring:${run.runId}`,
    tone: "info",
    title: "Rescoring finished",
    detail: `${run.tasksAssigned} new ${run.tasksAssigned === 1 ? "task" : "tasks"} and ${run.recommendationsCreated} new ${run.recommendationsCreated === 1 ? "recommendation" : "recommendations"} in ${whose}.`,
  };
}

export function escalationNotice(escalation: LiveEscalation): LiveNotice {
  return {
    id: `escalation:${escalation.id}`,
    tone: "warning",
    title: `Escalated: ${escalation.loan.externalKey}`,
    detail: `Reason: ${humanizeCode(escalation.reason).toLowerCase()}.`,
    link: { to: casePath(escalation.loan.id), label: `Open case ${escalation.loan.externalKey}` },
  };
}
