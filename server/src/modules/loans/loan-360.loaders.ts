import DataLoader from "dataloader";
import type { Db } from "../../core/db/prisma-client.js";
import { relatedPageLoader } from "../../core/db/related-pages.js";
import {
  bucketHistoryList,
  contactsList,
  instalmentsList,
  paymentsList,
  promisesList,
  recommendationsList,
  scoreHistoryList,
  tasksList,
} from "./loan-360.lists.js";
import type { LoanListRepository } from "./loan-list.repository.js";

/**
 * The lists of loans' 360 views, for one request: each list of every loan on a page is one statement (and
 * its counts one more, when selected), whatever the number of loans.
 */
export function createLoan360Loaders(db: Db, lists: LoanListRepository) {
  return {
    loanInstalments: relatedPageLoader(db, instalmentsList),
    loanPayments: relatedPageLoader(db, paymentsList),
    loanContacts: relatedPageLoader(db, contactsList("loanId")),
    loanPromises: relatedPageLoader(db, promisesList("loanId")),
    loanScores: relatedPageLoader(db, scoreHistoryList),
    loanBuckets: relatedPageLoader(db, bucketHistoryList),
    loanRecommendations: relatedPageLoader(db, recommendationsList),
    loanTasks: relatedPageLoader(db, tasksList),
    amountOverdueByLoanId: new DataLoader<string, string>(async (ids) => {
      const amounts = await lists.amountsOverdue(ids);
      return ids.map((id) => amounts.get(id) ?? new Error(`No loan ${id}`));
    }),
  };
}
