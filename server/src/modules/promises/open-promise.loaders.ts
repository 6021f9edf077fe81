import DataLoader from "dataloader";
import type { Db } from "../../core/db/prisma-client.js";
import { toPromise } from "./promise.mapper.js";
import { promiseFields } from "./promise.repository.js";
import type { PromiseToPay } from "./promise.types.js";

/**
 * Each loan's open promise: its latest one still PENDING (states are derived from payments and stored by the
 * delinquency refresh), or null; for the loans of one request in one query.
 */
export function createOpenPromiseLoaders(db: Db) {
  return {
    openPromiseByLoanId: new DataLoader<string, PromiseToPay | null>(async (loanIds) => {
      const rows = await db.promiseToPay.findMany({
        where: { loanId: { in: [...loanIds] }, status: "PENDING" },
        orderBy: [{ loanId: "asc" }, { createdAt: "desc" }],
        distinct: ["loanId"],
        select: promiseFields,
      });
      const byLoan = new Map(rows.map((r): [string, PromiseToPay] => [r.loanId, toPromise(r)]));
      return loanIds.map((id) => byLoan.get(id) ?? null);
    }),
  };
}
