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

/**
 * The lists of loans' 360 views, for one request: each list of every loan on a page is one statement (and
 * its counts one more, when selected), whatever the number of loans.
 */
export function createLoan360Loaders(db: Db) {
  return {
    loanInstalments: relatedPageLoader(db, instalmentsList),
    loanPayments: relatedPageLoader(db, paymentsList),
    loanContacts: relatedPageLoader(db, contactsList("loanId")),
    loanPromises: relatedPageLoader(db, promisesList("loanId")),
    loanScores: relatedPageLoader(db, scoreHistoryList),
    loanBuckets: relatedPageLoader(db, bucketHistoryList),
    loanRecommendations: relatedPageLoader(db, recommendationsList),
    loanTasks: relatedPageLoader(db, tasksList),
  };
}
