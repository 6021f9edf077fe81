import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { borrowersSource } from "./borrowers.source.js";
import { loansSource } from "./loans.source.js";
import { counts, createImportKit, type ImportKit } from "./sources.test-kit.js";

// A loan book whose numeric, date, yes/no and code columns hold what exports really put there: missing
// markers, text, too many decimals, days that do not exist. Borrower columns (full_name) create the borrower.
const HEADER =
  "loan_id,borrower_id,full_name,product_type,principal,term_months,grade,opened_at,default_flag,age";
const ROWS = [
  "L1,B1,Ann,INSTALMENT,1000.5,36,B,2024-01-15,N,40", // line 2: good
  "L2,B2,Bob,INSTALMENT,NA,n/a,null,-,None,N/A", // line 3: markers everywhere optional: imported, all missing
  "L3,B3,Cid,INSTALMENT,abc,36,A,2024-01-15,N,30", // line 4: a word in a money column
  "L4,B4,Dee,NA,1000,36,A,2024-01-15,N,30", // line 5: a marker in a required column
  "L5,B5,Eve,,1000,36,A,2024-01-15,N,30", // line 6: a required column left empty
  "L6,B6,Fay,INSTALMENT,12.345,36.5,A,2024-02-30,maybe,30", // line 7: four values that do not parse
  "L7,B7,Gus,revolving,2500,,A,2023-06-01,yes,", // line 8: good
];

describe("every mapped column is read as its field's type", () => {
  let kit: ImportKit;
  beforeAll(async () => {
    kit = await createImportKit();
  });
  afterAll(async () => {
    await kit.close();
  });

  it("reads missing markers as missing, rejects what does not parse by row, column and value, and keeps every valid row", async () => {
    const file = await kit.text("typed-loans.csv", [HEADER, ...ROWS]);
    const first = await kit.run(loansSource, file);
    expect(counts(first)).toEqual({
      status: "PARTIAL",
      rowsTotal: 7,
      rowsImported: 3,
      rowsRejected: 4,
      inserted: 6,
      updated: 0,
    });
    const expected = (what: string) => `(expected ${what})`;
    expect(await kit.issues(first.runId)).toEqual([
      {
        line: 4,
        column: "principal",
        severity: "ERROR",
        message: '"abc" is not a number (use digits with a "." decimal point, no currency signs)',
      },
      {
        line: 5,
        column: "product_type",
        severity: "ERROR",
        message: `is required, but "NA" marks a missing value ${expected("one of INSTALMENT, REVOLVING")}`,
      },
      {
        line: 6,
        column: "product_type",
        severity: "ERROR",
        message: `is required but empty ${expected("one of INSTALMENT, REVOLVING")}`,
      },
      {
        line: 7,
        column: "default_flag",
        severity: "ERROR",
        message: '"maybe" is not yes/no (use Y/N, true/false or 1/0)',
      },
      {
        line: 7,
        column: "opened_at",
        severity: "ERROR",
        message: '"2024-02-30" is not a real calendar date',
      },
      {
        line: 7,
        column: "principal",
        severity: "ERROR",
        message: '"12.345" has more than two decimals: an amount is in whole cents, e.g. 150.25',
      },
      { line: 7, column: "term_months", severity: "ERROR", message: '"36.5" is not a whole number' },
    ]);

    const loans = await kit.rows<Record<string, unknown>>(
      `SELECT l."externalKey", l.principal::text, l."termMonths", l.grade, to_char(l."openedAt", 'YYYY-MM-DD') AS opened,
              l."defaultLabel", l."productType", b."ageYears"
       FROM "Loan" l JOIN "Borrower" b ON b.id = l."borrowerId" WHERE l."portfolioId" = $1 ORDER BY l."externalKey"`,
      [await kit.portfolioId()],
    );
    expect(loans).toEqual([
      {
        externalKey: "L1",
        principal: "1000.50",
        termMonths: 36,
        grade: "B",
        opened: "2024-01-15",
        defaultLabel: false,
        productType: "INSTALMENT",
        ageYears: 40,
      },
      {
        externalKey: "L2",
        principal: null,
        termMonths: null,
        grade: null,
        opened: null,
        defaultLabel: null,
        productType: "INSTALMENT",
        ageYears: null,
      },
      {
        externalKey: "L7",
        principal: "2500.00",
        termMonths: null,
        grade: "A",
        opened: "2023-06-01",
        defaultLabel: true,
        productType: "REVOLVING",
        ageYears: null,
      },
    ]);

    const again = await kit.run(loansSource, file);
    expect(counts(again)).toEqual({ ...counts(first), inserted: 0 });
    expect(again.unchanged).toBe(6);
    expect(await kit.issues(again.runId)).toEqual(await kit.issues(first.runId));
  });

  it("reads with the mapping's own markers instead of the defaults", async () => {
    const file = await kit.text("own-markers.csv", [
      "loan_id,borrower_id,full_name,product_type,principal,grade",
      "M1,MB1,Hal,INSTALMENT,?,NA", // "?" is the lender's marker; "NA" is then a grade like any other
      "M2,MB2,Ida,INSTALMENT,NA,A", // and a text in a money column
    ]);
    const s = await kit.run(loansSource, file, { nulls: ["?"] });
    expect(counts(s)).toMatchObject({ status: "PARTIAL", rowsImported: 1, rowsRejected: 1 });
    expect(await kit.issues(s.runId)).toEqual([
      {
        line: 3,
        column: "principal",
        severity: "ERROR",
        message: '"NA" is not a number (use digits with a "." decimal point, no currency signs)',
      },
    ]);
    expect(
      await kit.rows(
        `SELECT "externalKey", principal, grade FROM "Loan" WHERE "portfolioId" = $1 AND "externalKey" = 'M1'`,
        [await kit.portfolioId()],
      ),
    ).toEqual([{ externalKey: "M1", principal: null, grade: "NA" }]);
  });

  it("keeps no missing marker among the extra columns a mapping keeps as attributes", async () => {
    const file = await kit.text("attributes.csv", [
      "borrower_id,dti_ratio,bureau_score",
      "AB1,17.5,N/A",
      "AB2,-,712",
    ]);
    const s = await kit.run(borrowersSource, file, { attributes: ["dti_ratio", "bureau_score"] });
    expect(counts(s)).toMatchObject({ status: "SUCCEEDED", rowsImported: 2 });
    expect(
      await kit.rows(
        `SELECT "externalKey", attributes FROM "Borrower" WHERE "portfolioId" = $1 AND "externalKey" LIKE 'AB%' ORDER BY 1`,
        [await kit.portfolioId()],
      ),
    ).toEqual([
      { externalKey: "AB1", attributes: { dti_ratio: 17.5 } },
      { externalKey: "AB2", attributes: { bureau_score: 712 } },
    ]);
  });
});
