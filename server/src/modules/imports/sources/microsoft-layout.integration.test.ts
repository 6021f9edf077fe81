import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../../core/config/repo-paths.js";
import { parseColumnMapping } from "../column-mapping.js";
import { borrowersSource } from "./borrowers.source.js";
import { loansSource } from "./loans.source.js";
import { counts, createImportKit, type ImportKit } from "./sources.test-kit.js";

const mapping = (name: string) => {
  const file = path.join(repoRoot, "seeds", "mappings", name);
  return parseColumnMapping(JSON.parse(readFileSync(file, "utf8")), file);
};

// Rows in the layout of Microsoft's "Loan Credit Risk" sample (r-server-loan-credit-risk, Data/): the same
// headers and value spellings, made up for this test.
const BORROWER_CSV = [
  "memberId,residentialState,yearsEmployment,homeOwnership,annualIncome,incomeVerified,dtiRatio,lengthCreditHistory,numTotalCreditLines,numOpenCreditLines,numOpenCreditLines1Year,revolvingBalance,revolvingUtilizationRate,numDerogatoryRec,numDelinquency2Years,numChargeoff1year,numInquiries6Mon",
  "16334480,IL,6-9 years,mortgage,50975,0,17.71,1,11,9,5,15868,83.01,0,9,5,10",
  "16334481,TN,< 1 year,own,51887,1,23.84,5,19,16,12,12709,65.63,0,0,0,1",
  "16334482,PA,10+ years,rent,NULL,1,22.53,2,22,19,12,16928,78.35,0,0,0,1",
];
const LOAN_CSV = [
  "loanId,memberId,date,purpose,isJointApplication,loanAmount,term,interestRate,monthlyPayment,grade,loanStatus",
  "10000000,16334480,3/9/2016,debtconsolidation,0,23765,60 months,9.38,498,D1,Current",
  "10000001,16334481,3/13/2016,creditcard,1,24302,36 months,6.84 %,479,C3,Charged Off",
  "10000002,16334482,2016-07-04,homeimprovement,0,18395,60 months,15.67,NULL,E1,Default",
  "10000003,16334482,7/5/2016,business,0,19621,48 months,7.48,474,A1,NULL",
];

describe("Microsoft Loan Credit Risk layout through the committed mappings", () => {
  let kit: ImportKit;
  beforeAll(async () => {
    kit = await createImportKit();
  });
  afterAll(async () => {
    await kit.close();
  });

  it("imports Borrower.csv with the borrowers source, keeping every bureau column in the attributes", async () => {
    const file = await kit.text("Borrower.csv", BORROWER_CSV);
    const s = await kit.run(borrowersSource, file, mapping("microsoft-borrower.json"));
    expect(counts(s)).toEqual({
      status: "SUCCEEDED",
      rowsTotal: 3,
      rowsImported: 3,
      rowsRejected: 0,
      inserted: 3,
      updated: 0,
    });
    const rows = await kit.rows<Record<string, unknown>>(
      `SELECT "externalKey", region, country, "employmentYears"::text, "homeOwnership", "annualIncome"::text, attributes
       FROM "Borrower" WHERE "portfolioId" = $1 ORDER BY "externalKey"`,
      [await kit.portfolioId()],
    );
    expect(rows[0]).toEqual({
      externalKey: "16334480",
      region: "IL",
      country: "US",
      employmentYears: "6.00",
      homeOwnership: "mortgage",
      annualIncome: "50975.00",
      attributes: {
        yearsEmployment: "6-9 years",
        incomeVerified: 0,
        dtiRatio: 17.71,
        lengthCreditHistory: 1,
        numTotalCreditLines: 11,
        numOpenCreditLines: 9,
        numOpenCreditLines1Year: 5,
        revolvingBalance: 15868,
        revolvingUtilizationRate: 83.01,
        numDerogatoryRec: 0,
        numDelinquency2Years: 9,
        numChargeoff1year: 5,
        numInquiries6Mon: 10,
      },
    });
    expect(rows.map((r) => [r.employmentYears, r.annualIncome])).toEqual([
      ["6.00", "50975.00"],
      ["0.00", "51887.00"],
      ["10.00", null],
    ]);
    const again = await kit.run(borrowersSource, file, mapping("microsoft-borrower.json"));
    expect(counts(again)).toMatchObject({ inserted: 0, updated: 0 });
  });

  it("imports Loan.csv with the loans source, joined to the borrowers by memberId", async () => {
    const file = await kit.text("Loan.csv", LOAN_CSV);
    const s = await kit.run(loansSource, file, mapping("microsoft-loan.json"));
    expect(counts(s)).toEqual({
      status: "SUCCEEDED",
      rowsTotal: 4,
      rowsImported: 4,
      rowsRejected: 0,
      inserted: 4,
      updated: 0,
    });
    const rows = await kit.rows<Record<string, unknown>>(
      `SELECT l."externalKey", b."externalKey" AS borrower, l."productType", l.principal::text, l."termMonths",
              l."interestRate"::text, l."instalmentAmount"::text, l.grade, l.purpose, l.status, l."defaultLabel",
              to_char(l."openedAt", 'YYYY-MM-DD') AS opened, l.currency, l.attributes
       FROM "Loan" l JOIN "Borrower" b ON b.id = l."borrowerId" WHERE l."portfolioId" = $1 ORDER BY l."externalKey"`,
      [await kit.portfolioId()],
    );
    expect(rows).toEqual([
      {
        externalKey: "10000000",
        borrower: "16334480",
        productType: "INSTALMENT",
        principal: "23765.00",
        termMonths: 60,
        interestRate: "9.3800",
        instalmentAmount: "498.00",
        grade: "D1",
        purpose: "debtconsolidation",
        status: "ACTIVE",
        defaultLabel: false,
        opened: "2016-03-09",
        currency: "USD",
        attributes: { isJointApplication: 0 },
      },
      {
        externalKey: "10000001",
        borrower: "16334481",
        productType: "INSTALMENT",
        principal: "24302.00",
        termMonths: 36,
        interestRate: "6.8400",
        instalmentAmount: "479.00",
        grade: "C3",
        purpose: "creditcard",
        status: "CHARGED_OFF",
        defaultLabel: true,
        opened: "2016-03-13",
        currency: "USD",
        attributes: { isJointApplication: 1 },
      },
      {
        externalKey: "10000002",
        borrower: "16334482",
        productType: "INSTALMENT",
        principal: "18395.00",
        termMonths: 60,
        interestRate: "15.6700",
        instalmentAmount: null,
        grade: "E1",
        purpose: "homeimprovement",
        status: "DEFAULTED",
        defaultLabel: true,
        opened: "2016-07-04",
        currency: "USD",
        attributes: { isJointApplication: 0 },
      },
      {
        externalKey: "10000003",
        borrower: "16334482",
        productType: "INSTALMENT",
        principal: "19621.00",
        termMonths: 48,
        interestRate: "7.4800",
        instalmentAmount: "474.00",
        grade: "A1",
        purpose: "business",
        status: "ACTIVE",
        defaultLabel: null,
        opened: "2016-07-05",
        currency: "USD",
        attributes: { isJointApplication: 0 },
      },
    ]);
    const again = await kit.run(loansSource, file, mapping("microsoft-loan.json"));
    expect(counts(again)).toMatchObject({ inserted: 0, updated: 0 });
  });

  it("reports a loan whose member was never imported, and a status the mapping does not know", async () => {
    const file = await kit.text("Loan-bad.csv", [
      LOAN_CSV[0] as string,
      "10000010,99999999,3/9/2016,other,0,1000,36 months,9,30,A1,Current",
      "10000011,16334480,3/9/2016,other,0,1000,36 months,9,30,A1,Sold",
    ]);
    const s = await kit.run(loansSource, file, mapping("microsoft-loan.json"));
    expect(counts(s)).toMatchObject({ status: "PARTIAL", rowsImported: 0, rowsRejected: 2 });
    expect(await kit.issues(s.runId)).toEqual([
      {
        line: 2,
        column: "memberId",
        severity: "ERROR",
        message: 'unknown borrower "99999999" in this portfolio: import it first',
      },
      {
        line: 3,
        column: "loanStatus",
        severity: "ERROR",
        message: '"Sold" is not one of ACTIVE, DELINQUENT, DEFAULTED, CHARGED_OFF, CLOSED',
      },
      {
        line: 3,
        column: "loanStatus",
        severity: "ERROR",
        message: '"Sold" is not yes/no (use Y/N, true/false or 1/0)',
      },
    ]);
  });

  it("fails a file whose mapping names a field the source does not have, naming it", async () => {
    const file = await kit.text("Loan-typo.csv", LOAN_CSV);
    const s = await kit.run(loansSource, file, {
      ...mapping("microsoft-loan.json"),
      defaults: { productKind: "X" },
    });
    expect(s.status).toBe("FAILED");
    expect(s.error).toContain('defaults names "productKind", which is not a field of the loans source');
  });
});
