import type { UserPrincipal } from "../../core/auth/principal.js";
import type { Db } from "../../core/db/prisma-client.js";
import { badInput, conflict, notFound } from "../../core/errors/app-error.js";
import { type Page, pageOfRows } from "../../core/graphql/cursor-page.js";
import type { IdempotencyService } from "../../core/idempotency/idempotency.service.js";
import { logger } from "../../core/logging/logger.js";
import type { Prisma } from "../../generated/prisma/client.js";
import type { PromiseKeptScoring } from "../scoring/promise-kept-scoring.js";
import { chanceReasons } from "../scoring/propensity-score.loaders.js";
import { promiseScope, workableLoan } from "./promise.access.js";
import type { CancelPromiseArgs, LogPromiseInput, PromisesArgs } from "./promise.inputs.js";
import { promiseAuditState, toPromise } from "./promise.mapper.js";
import { PromiseRepository } from "./promise.repository.js";
import type { PromiseToPay } from "./promise.types.js";
import { type Change, checkCommunication, once } from "./promise-change.js";
import { balanceProblem, dayProblem, today } from "./promise-terms.js";

export interface PromiseTerms {
  /** How many days ahead a promise may be dated. */
  promiseHorizonDays: number;
  /** How many days ahead an arrangement's last instalment may be dated. */
  arrangementHorizonDays: number;
}

const cursorOf = (p: PromiseToPay) => Buffer.from(`${p.promisedDate}|${p.id}`).toString("base64url");

function parseCursor(after: string): { date: string; id: string } {
  const [date, id] = Buffer.from(after, "base64url").toString().split("|");
  if (!date || !id || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw badInput("after: not a cursor of this list: pass the endCursor of the previous page", {
      field: "after",
    });
  }
  return { date, id };
}

/** Promises to pay: logged by agents, cancelled, listed; kept and broken are derived (see PromiseSweep). */
export class PromiseService {
  private readonly repo: PromiseRepository;

  constructor(
    db: Db,
    private readonly idempotency: IdempotencyService,
    private readonly terms: PromiseTerms,
    /** Scores each promise as it is logged, when a promise-kept model serves. */
    private readonly kept?: PromiseKeptScoring,
  ) {
    this.repo = new PromiseRepository(db);
  }

  /**
   * The change with its promise's kept score, computed once the promise is committed (a replay reads the
   * stored one). A scoring failure never undoes the promise: it stays logged, unscored, and the log says why.
   */
  private async withKeptScore(change: Change<PromiseToPay>): Promise<Change<PromiseToPay>> {
    const kept = await this.kept?.score(change.result.id).catch((err: Error) => {
      logger.warn({ promiseId: change.result.id, err: err.message }, "a promise could not be scored");
      return null;
    });
    if (!kept) return change;
    return {
      ...change,
      result: {
        ...change.result,
        keptProbability: kept.probability,
        keptReasons: chanceReasons(kept.reasons),
      },
    };
  }

  /**
   * Records a promise on a loan the user works; it replaces the loan's pending promise (which leaves PENDING
   * as CANCELLED, SUPERSEDED, pointing at the new one). Arrangement instalments are left to their arrangement.
   */
  async log(
    principal: UserPrincipal,
    input: LogPromiseInput,
    now = new Date(),
  ): Promise<Change<PromiseToPay>> {
    const { loanId, amount, promisedDate } = input;
    const communicationId = input.communicationId ?? null;
    const call = {
      operation: "logPromiseToPay",
      key: input.idempotencyKey,
      input: { loanId, amount, promisedDate, communicationId },
    };
    const change = await once(this.idempotency, principal, call, async (repo) => {
      const loan = await workableLoan(repo, principal, loanId);
      const problems = [
        dayProblem("promisedDate", promisedDate, today(now), this.terms.promiseHorizonDays),
        balanceProblem("amount", amount, loan.outstandingBalance),
      ].filter((p): p is string => p !== null);
      if (problems.length > 0) throw badInput(`Invalid input: ${problems.join("; ")}`, { problems });
      await checkCommunication(repo, communicationId, loan);
      const replaced = await repo.pendingPromises(loanId);
      const created = await repo.create({
        loanId,
        borrowerId: loan.borrowerId,
        amount,
        promisedDate,
        communicationId,
        loggedById: principal.userId,
      });
      const ids = replaced.map((p) => p.id);
      await repo.cancelPending({ id: { in: ids } }, "SUPERSEDED", principal.userId, created.id);
      return {
        result: toPromise(created),
        entityId: created.id,
        before: { pendingPromises: replaced.map(promiseAuditState) },
        after: { ...promiseAuditState(created), superseded: ids },
      };
    });
    return this.withKeptScore(change);
  }

  /** Cancels a pending promise of the user's own scope (the borrower withdrew it, or it was logged in error). */
  cancel(principal: UserPrincipal, args: CancelPromiseArgs): Promise<Change<PromiseToPay>> {
    const { promiseId } = args;
    const call = { operation: "cancelPromise", key: args.idempotencyKey, input: { promiseId } };
    return once(this.idempotency, principal, call, async (repo) => {
      const before = await repo.findVisible(promiseId, promiseScope(principal));
      if (!before) throw notFound("Promise", promiseId);
      if (before.arrangementId) {
        throw conflict(
          `Promise ${promiseId} is instalment ${before.sequence} of arrangement ${before.arrangementId}: record a new arrangement (recordArrangement) to change it`,
          { arrangementId: before.arrangementId },
        );
      }
      if (
        before.status !== "PENDING" ||
        !(await repo.cancelPending({ id: promiseId }, "WITHDRAWN", principal.userId))
      ) {
        const now = (await repo.findById(promiseId)) ?? before;
        throw conflict(
          `Promise ${promiseId} is ${now.status.toLowerCase()}: only a pending promise can be cancelled`,
          { status: now.status },
        );
      }
      const after = (await repo.findById(promiseId)) ?? before;
      return {
        result: toPromise(after),
        entityId: promiseId,
        before: promiseAuditState(before),
        after: promiseAuditState(after),
      };
    });
  }

  /** A promise the user may see; any other is reported as not found. */
  async getVisible(principal: UserPrincipal, promiseId: string): Promise<PromiseToPay> {
    const row = await this.repo.findVisible(promiseId, promiseScope(principal));
    if (!row) throw notFound("Promise", promiseId);
    return toPromise(row);
  }

  /** Promises of the user's scope (never a reference portfolio's), soonest promised date first. */
  async list(principal: UserPrincipal, args: PromisesArgs): Promise<Page<PromiseToPay>> {
    const f = args.filter ?? {};
    const loan: Prisma.LoanWhereInput[] = [promiseScope(principal)];
    if (f.teamId) {
      loan.push({ tasks: { some: { OR: [{ teamId: f.teamId }, { assignee: { teamId: f.teamId } }] } } });
    }
    if (f.assigneeId) loan.push({ tasks: { some: { assigneeId: f.assigneeId } } });
    const day = (d: string) => new Date(`${d}T00:00:00Z`);
    const where: Prisma.PromiseToPayWhereInput = {
      loan: { AND: loan },
      ...(f.loanId ? { loanId: f.loanId } : {}),
      ...(f.status?.length ? { status: { in: f.status } } : {}),
      promisedDate: {
        ...(f.dueFrom ? { gte: day(f.dueFrom) } : {}),
        ...(f.dueTo ? { lte: day(f.dueTo) } : {}),
      },
    };
    const rows = await this.repo.page(where, args.first + 1, args.after ? parseCursor(args.after) : null);
    return pageOfRows(
      rows.map(toPromise),
      args.first,
      cursorOf,
      (p) => p,
      () => this.repo.count(where),
      Boolean(args.after),
    );
  }
}
