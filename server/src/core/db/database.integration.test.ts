import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPrismaClient, type Db } from "./prisma-client.js";

describe("PostgreSQL through Prisma", () => {
  let db: Db;
  let portfolioId: string;

  beforeAll(async () => {
    db = createPrismaClient(inject("databaseUrl"));
    const p = await db.portfolio.create({
      data: { name: `db-test-${Date.now()}`, source: "test", asOfDate: new Date("2005-10-01T00:00:00Z") },
    });
    portfolioId = p.id;
  });
  afterAll(async () => {
    await db.portfolio.delete({ where: { id: portfolioId } });
    await db.$disconnect();
  });

  it("runs on a migrated PostgreSQL 17 with every migration applied", async () => {
    const rows = await db.$queryRawUnsafe<{ v: string }[]>("SELECT current_setting('server_version') AS v");
    expect(rows[0]?.v).toMatch(/^1[7-9]\./);
    const pending = await db.$queryRawUnsafe<{ n: bigint }[]>(
      "SELECT count(*) AS n FROM _prisma_migrations WHERE finished_at IS NULL",
    );
    expect(Number(pending[0]?.n)).toBe(0);
  });

  it("keeps money exact and instants in UTC", async () => {
    const borrower = await db.borrower.create({ data: { portfolioId, externalKey: "B1" } });
    const loan = await db.loan.create({
      data: {
        portfolioId,
        borrowerId: borrower.id,
        externalKey: "L1",
        productType: "REVOLVING",
        creditLimit: "123456789012.34",
      },
    });
    const payment = await db.payment.create({
      data: { loanId: loan.id, amount: "0.10", paidAt: new Date("2005-09-30T23:30:00-05:00") },
    });
    const back = await db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(back.amount.toFixed(2)).toBe("0.10");
    expect(back.amount.plus("0.20").toFixed(2)).toBe("0.30");
    expect(back.paidAt.toISOString()).toBe("2005-10-01T04:30:00.000Z");
    const stored = await db.loan.findUniqueOrThrow({ where: { id: loan.id } });
    expect(stored.creditLimit?.toFixed(2)).toBe("123456789012.34");
  });

  it("refuses a second loan with the same source key in a portfolio", async () => {
    const borrower = await db.borrower.create({ data: { portfolioId, externalKey: "B2" } });
    const data = {
      portfolioId,
      borrowerId: borrower.id,
      externalKey: "DUP",
      productType: "INSTALMENT" as const,
    };
    await db.loan.create({ data });
    await expect(db.loan.create({ data })).rejects.toThrow(/Unique constraint/);
  });
});
