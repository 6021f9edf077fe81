import type {
  FieldSpec,
  ImportSource,
  ParsedRecord,
} from "../../../server/src/modules/imports/import-source.js";

// Source columns in the data set's order: month 1 is September 2005, month 6 is April 2005 (SOURCE.md).
const MONTHS = [1, 2, 3, 4, 5, 6] as const;
const STATUS_COLUMN = (m: number) => (m === 1 ? "PAY_0" : `PAY_${m}`);
const EDUCATION: Record<number, string> = {
  1: "graduate school",
  2: "university",
  3: "high school",
  4: "other",
};
const MARRIAGE: Record<number, string> = { 1: "married", 2: "single", 3: "other" };

const fields: FieldSpec[] = [
  { field: "id", header: "ID", type: "int", required: true, min: 1 },
  { field: "limit", header: "LIMIT_BAL", type: "money", required: true, min: 0 },
  { field: "sex", header: "SEX", type: "int", required: true, min: 1, max: 2 },
  { field: "education", header: "EDUCATION", type: "int", required: true, min: 0, max: 6 },
  { field: "marriage", header: "MARRIAGE", type: "int", required: true, min: 0, max: 3 },
  { field: "age", header: "AGE", type: "int", required: true, min: 0, plausible: { min: 18, max: 100 } },
  ...MONTHS.map(
    (m): FieldSpec => ({
      field: `status${m}`,
      header: STATUS_COLUMN(m),
      type: "int",
      required: true,
      min: -2,
      max: 9,
    }),
  ),
  ...MONTHS.map(
    (m): FieldSpec => ({ field: `bill${m}`, header: `BILL_AMT${m}`, type: "money", required: true }),
  ),
  ...MONTHS.map(
    (m): FieldSpec => ({ field: `paid${m}`, header: `PAY_AMT${m}`, type: "money", required: true, min: 0 }),
  ),
  { field: "default", header: "default.payment.next.month", type: "int", required: true, min: 0, max: 1 },
];

/** Last day of the statement month: month 1 = September 2005 ... month 6 = April 2005. */
function statementDay(month: number): string {
  const monthIndex = 8 - (month - 1); // September is index 8
  return new Date(Date.UTC(2005, monthIndex + 1, 0)).toISOString().slice(0, 10);
}

/**
 * UCI "default of credit card clients" (Taiwan, 2005): each row is a borrower with one revolving account
 * and six monthly statements. The statement of month k carries its bill, the amount paid during that month
 * and the repayment status (k months late; -2, -1 and 0 are not late), which later sets days past due.
 */
export const uciCreditCardSource: ImportSource = {
  name: "uci-credit-card",
  description:
    "UCI default of credit card clients (UCI_Credit_Card.csv): revolving accounts, six statements each",
  fields,
  key: (r) => String(r.id),
  // A public data set: kept for training and benchmarks, not cases anybody works.
  defaultKind: "REFERENCE",
  defaultPortfolio: {
    name: "UCI credit card default (Taiwan 2005)",
    source: "uci-taiwan-credit-default",
    asOfDate: "2005-10-01",
    description: "Yeh & Lien (2009), UCI ML Repository, CC BY 4.0",
  },
  toEntities(r: ParsedRecord) {
    const key = String(r.id);
    const education = EDUCATION[r.education as number] ?? "unknown";
    return {
      borrower: [
        {
          externalKey: key,
          ageYears: r.age as number,
          sex: r.sex === 1 ? "male" : "female",
          education,
          maritalStatus: MARRIAGE[r.marriage as number] ?? "unknown",
          timeZone: "Asia/Taipei",
          country: "TW",
          // The source's own codes, kept so that nothing is lost in the mapping above.
          attributes: { sourceEducationCode: r.education, sourceMarriageCode: r.marriage },
        },
      ],
      loan: [
        {
          externalKey: key,
          borrowerKey: key,
          productType: "REVOLVING",
          creditLimit: r.limit as string,
          outstandingBalance: r.bill1 as string,
          currency: "TWD",
          status: "ACTIVE",
          defaultLabel: r.default === 1,
        },
      ],
      instalment: MONTHS.map((m) => {
        const bill = Number(r[`bill${m}`]);
        return {
          loanKey: key,
          kind: "STATEMENT",
          sequence: 7 - m,
          dueDate: statementDay(m),
          amountDue: bill > 0 ? (r[`bill${m}`] as string) : "0",
          amountPaid: r[`paid${m}`] as string,
          statementBalance: r[`bill${m}`] as string,
          delayStatus: r[`status${m}`] as number,
        };
      }),
    };
  },
};
