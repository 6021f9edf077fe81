import { describe, expect, it } from "vitest";
import { createLoanLoaders } from "./loan.loaders.js";
import type { LoanRepository } from "./loan.repository.js";

describe("createLoanLoaders", () => {
  it("fetches the borrowers of many loans in one batched query, in request order", async () => {
    const calls: string[][] = [];
    const repo = {
      findBorrowersByIds: async (ids: readonly string[]) => {
        calls.push([...ids]);
        return ids.map((id) => ({
          id,
          externalKey: `X-${id}`,
          fullName: null,
          email: null,
          phone: null,
          timeZone: "UTC",
          segment: null,
          employmentStatus: null,
          annualIncome: null,
          doNotContact: false,
          disputeFlag: false,
          bankruptcyFlag: false,
          deceasedFlag: false,
          legalHold: false,
          contactOptOuts: [],
        }));
      },
    } as unknown as LoanRepository;
    const loaders = createLoanLoaders(repo);
    const result = await Promise.all(["b", "a", "b", "c"].map((id) => loaders.borrowerById.load(id)));
    expect(calls).toEqual([["b", "a", "c"]]);
    expect(result.map((b) => b.externalKey)).toEqual(["X-b", "X-a", "X-b", "X-c"]);
  });

  it("fails the load of an id that does not exist", async () => {
    const repo = { findBorrowersByIds: async () => [] } as unknown as LoanRepository;
    await expect(createLoanLoaders(repo).borrowerById.load("missing")).rejects.toThrow(/No record missing/);
  });
});
