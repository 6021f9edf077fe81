import { describe, expect, it } from "vitest";
import { bucketHistory, bucketHistoryKey } from "./bucket-history.js";
import { changesNothing, delinquencyRows } from "./delinquency-refresh.js";
import type { StoredDelinquency, StoredLoanHistory } from "./loan-history.repository.js";

// February never paid; as of March 10 (37 days past due); a promise for March 5 that saw no payment.
const history: StoredLoanHistory["history"] = {
  asOfDate: "2025-03-10",
  loan: { productType: "INSTALMENT" },
  borrower: {},
  schedule: [1, 2, 3].map((m) => ({ sequence: m, dueDate: `2025-0${m}-01`, amountDue: "100" })),
  payments: [{ key: "p1", type: "PAYMENT", amount: "100", paidAt: "2025-01-01T09:00:00Z" }],
  promises: [
    { key: "promise-1", amount: "100", promisedDate: "2025-03-05", createdAt: "2025-03-01T10:00:00Z" },
  ],
};

const loan = (stored?: StoredDelinquency, storedDpd = 0): StoredLoanHistory => ({
  loanId: "loan-1",
  externalKey: "L1",
  borrowerId: "borrower-1",
  label: null,
  balance: 200,
  storedDpd,
  contact: {
    timeZone: "UTC",
    doNotContact: false,
    contactOptOuts: [],
    disputeFlag: false,
    bankruptcyFlag: false,
    deceasedFlag: false,
    legalHold: false,
    preferredHours: null,
  },
  history,
  ...(stored ? { stored } : {}),
});

describe("delinquencyRows", () => {
  it("lists every loan's figures, history and promises when nothing stored is known", () => {
    const rows = delinquencyRows([loan()], history.asOfDate);
    expect(rows.dpd).toEqual([37]);
    expect(rows.current).toEqual([["loan-1", 37, "DPD_30_59"]]);
    expect(rows.historyLoans).toEqual(["loan-1"]);
    expect(rows.intervals).toHaveLength(bucketHistory(history).length);
    expect(rows.promises).toEqual([["promise-1", "BROKEN"]]);
    expect(changesNothing(rows)).toBe(false);
  });

  it("lists nothing for a loan stored as it is computed, and only what differs otherwise", () => {
    const same: StoredDelinquency = {
      bucket: "DPD_30_59",
      bucketHistory: bucketHistoryKey(bucketHistory(history)),
      promiseStatus: { "promise-1": "BROKEN" },
    };
    const unchanged = delinquencyRows([loan(same, 37)], history.asOfDate);
    expect(unchanged.dpd).toEqual([37]);
    expect(changesNothing(unchanged)).toBe(true);

    const older = delinquencyRows(
      [
        loan(
          { ...same, bucketHistory: "CURRENT 2025-01-01 -", promiseStatus: { "promise-1": "PENDING" } },
          30,
        ),
      ],
      history.asOfDate,
    );
    expect(older.current).toEqual([["loan-1", 37, "DPD_30_59"]]);
    expect(older.historyLoans).toEqual(["loan-1"]);
    expect(older.intervals.map(([, bucket]) => bucket)).toEqual(bucketHistory(history).map((i) => i.bucket));
    expect(older.promises).toEqual([["promise-1", "BROKEN"]]);
  });
});
