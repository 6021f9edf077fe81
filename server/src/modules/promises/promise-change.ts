import type { UserPrincipal } from "../../core/auth/principal.js";
import { badInput } from "../../core/errors/app-error.js";
import type { IdempotencyService } from "../../core/idempotency/idempotency.service.js";
import { PromiseRepository } from "./promise.repository.js";

/** What a promise or arrangement mutation did: its answer, and the state before and after for the audit. */
export interface Change<T> {
  result: T;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** Answered from the idempotency key of an earlier call: nothing was applied this time. */
  replayed: boolean;
}

/** Runs a change at most once per idempotency key, in one transaction. */
export async function once<T>(
  idempotency: IdempotencyService,
  principal: UserPrincipal,
  call: { operation: string; key: string; input: Record<string, unknown> },
  work: (repo: PromiseRepository) => Promise<Omit<Change<T>, "replayed">>,
): Promise<Change<T>> {
  const { result, replayed } = await idempotency.run(
    { userId: principal.userId, key: call.key, operation: call.operation, input: call.input },
    (tx) => work(new PromiseRepository(tx)),
  );
  return { ...result, replayed };
}

/** A contact named as a promise's source must be one with the loan's borrower (about this loan or none). */
export async function checkCommunication(
  repo: PromiseRepository,
  communicationId: string | null,
  loan: { id: string; borrowerId: string },
): Promise<void> {
  if (!communicationId) return;
  const c = await repo.findCommunication(communicationId);
  if (!c || c.borrowerId !== loan.borrowerId || (c.loanId !== null && c.loanId !== loan.id)) {
    throw badInput(
      `communicationId: ${communicationId} is not a contact with this loan's borrower: give the contact the promise was made in, or leave it out`,
      { field: "communicationId" },
    );
  }
}
