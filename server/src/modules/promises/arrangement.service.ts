import type { UserPrincipal } from "../../core/auth/principal.js";
import type { Db } from "../../core/db/prisma-client.js";
import { badInput, notFound } from "../../core/errors/app-error.js";
import type { IdempotencyService } from "../../core/idempotency/idempotency.service.js";
import type { Arrangement } from "./arrangement.types.js";
import { promiseScope, workableLoan } from "./promise.access.js";
import type { RecordArrangementInput } from "./promise.inputs.js";
import { toArrangement } from "./promise.mapper.js";
import { type ArrangementRow, PromiseRepository } from "./promise.repository.js";
import type { PromiseTerms } from "./promise.service.js";
import { type Change, checkCommunication, once } from "./promise-change.js";
import { arrangementProblems, today, totalOf } from "./promise-terms.js";

const auditState = (a: ArrangementRow) => ({
  id: a.id,
  kind: a.kind,
  totalAmount: a.totalAmount.toFixed(2),
  instalments: a.instalments.map((i) => ({
    id: i.id,
    amount: i.amount.toFixed(2),
    dueDate: i.promisedDate.toISOString().slice(0, 10),
    status: i.status,
  })),
});

/**
 * Payment plans and settlements. Each instalment is stored as a promise to pay of the arrangement, so it is
 * kept or broken by the same rule (on the running total), settled by the same sweep and announced by the
 * same promiseBroken event; the recommendation policy sees the arrangement as a whole.
 */
export class ArrangementService {
  private readonly repo: PromiseRepository;

  constructor(
    db: Db,
    private readonly idempotency: IdempotencyService,
    private readonly terms: PromiseTerms,
  ) {
    this.repo = new PromiseRepository(db);
  }

  /**
   * Records an arrangement on a loan the user works. It replaces the loan's current arrangement (whose
   * pending instalments are cancelled as SUPERSEDED) and its pending promise.
   */
  record(
    principal: UserPrincipal,
    input: RecordArrangementInput,
    now = new Date(),
  ): Promise<Change<Arrangement>> {
    const { loanId, kind } = input;
    const instalments = input.instalments.map((i) => ({ amount: i.amount, dueDate: i.dueDate }));
    const communicationId = input.communicationId ?? null;
    const call = {
      operation: "recordArrangement",
      key: input.idempotencyKey,
      input: { loanId, kind, instalments, communicationId },
    };
    return once(this.idempotency, principal, call, async (repo) => {
      const loan = await workableLoan(repo, principal, loanId);
      const problems = arrangementProblems(
        kind,
        instalments,
        today(now),
        this.terms.arrangementHorizonDays,
        loan.outstandingBalance,
      );
      if (problems.length > 0) throw badInput(`Invalid input: ${problems.join("; ")}`, { problems });
      await checkCommunication(repo, communicationId, loan);
      const before = (await repo.arrangementsOf(loanId)).filter((a) => !a.supersededAt);
      const pending = await repo.pendingPromises(loanId);
      const { id } = await repo.createArrangement({
        loanId,
        borrowerId: loan.borrowerId,
        kind,
        totalAmount: totalOf(instalments),
        balanceAtAgreement: loan.outstandingBalance,
        communicationId,
        loggedById: principal.userId,
      });
      const made = [];
      for (const [n, i] of instalments.entries()) {
        const p = { loanId, borrowerId: loan.borrowerId, amount: i.amount, promisedDate: i.dueDate };
        made.push(
          await repo.create({ ...p, communicationId, loggedById: principal.userId }, { id, sequence: n + 1 }),
        );
      }
      const replaced = await repo.supersedeArrangements(loanId, id);
      await repo.cancelPending(
        { loanId, OR: [{ arrangementId: null }, { arrangementId: { in: replaced } }] },
        "SUPERSEDED",
        principal.userId,
        made[0]?.id ?? null,
      );
      const after = (await repo.findArrangement(id)) as ArrangementRow;
      return {
        result: toArrangement(after),
        entityId: id,
        before: { arrangements: before.map(auditState), pendingPromises: pending.map((p) => p.id) },
        after: {
          ...auditState(after),
          superseded: { arrangements: replaced, promises: pending.map((p) => p.id) },
        },
      };
    });
  }

  /** A loan's arrangements, newest first, if the user may see the loan; otherwise NOT_FOUND. */
  async forLoan(principal: UserPrincipal, loanId: string): Promise<Arrangement[]> {
    const visible = await this.repo.canSeeLoan(loanId, promiseScope(principal));
    if (!visible) throw notFound("Loan", loanId);
    return (await this.repo.arrangementsOf(loanId)).map(toArrangement);
  }
}
