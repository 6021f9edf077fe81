import type { Reason } from "../scoring/explain/reason-codes.js";
import { chanceReasons } from "../scoring/propensity-score.loaders.js";
import { Arrangement, ArrangementState } from "./arrangement.types.js";
import type { ArrangementRow, PromiseRow } from "./promise.repository.js";
import type { PromiseToPay } from "./promise.types.js";

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toPromise(row: PromiseRow): PromiseToPay {
  return {
    id: row.id,
    loanId: row.loanId,
    amount: row.amount.toFixed(2),
    promisedDate: row.promisedDate.toISOString().slice(0, 10),
    status: row.status,
    cancelReason: row.cancelReason,
    supersededById: row.supersededById,
    communicationId: row.communicationId,
    loggedById: row.loggedById,
    arrangementId: row.arrangementId,
    sequence: row.sequence,
    createdAt: row.createdAt.toISOString(),
    resolvedAt: iso(row.resolvedAt),
    keptProbability: row.keptProbability,
    keptReasons: row.keptReasons ? chanceReasons(row.keptReasons as unknown as Reason[]) : null,
  };
}

/** A promise as the audit trail records it: amounts, days, codes and ids. */
export function promiseAuditState(row: PromiseRow) {
  const p = toPromise(row);
  return {
    id: p.id,
    loanId: p.loanId,
    amount: p.amount,
    promisedDate: p.promisedDate,
    status: p.status,
    cancelReason: p.cancelReason,
    supersededById: p.supersededById,
    communicationId: p.communicationId,
    arrangementId: p.arrangementId,
  };
}

/** How an arrangement stands: replaced, broken by any instalment, completed by all, else on track. */
export function arrangementState(
  row: Pick<ArrangementRow, "supersededAt" | "instalments">,
): ArrangementState {
  if (row.supersededAt) return ArrangementState.SUPERSEDED;
  const states = row.instalments.map((i) => i.status);
  if (states.includes("BROKEN")) return ArrangementState.BROKEN;
  if (states.length > 0 && states.every((s) => s === "KEPT")) return ArrangementState.COMPLETED;
  return ArrangementState.ON_TRACK;
}

export function toArrangement(row: ArrangementRow): Arrangement {
  return {
    id: row.id,
    loanId: row.loanId,
    kind: row.kind,
    state: arrangementState(row),
    totalAmount: row.totalAmount.toFixed(2),
    balanceAtAgreement: row.balanceAtAgreement?.toFixed(2) ?? null,
    communicationId: row.communicationId,
    loggedById: row.loggedById,
    createdAt: row.createdAt.toISOString(),
    supersededAt: iso(row.supersededAt),
    instalments: row.instalments.map(toPromise),
  };
}
