import type pg from "pg";
import {
  LoanHistoryRepository,
  type PortfolioRef,
} from "../../../server/src/modules/features/loan-history.repository.js";
import { defaultPortfolioName, planPortfolio } from "../synthetic/portfolio.js";
import { writeSyntheticPortfolio } from "../synthetic/writer.js";

/** The synthetic portfolio of `loans` loans and `seed`, generated (once) when missing; the benchmarks share it. */
export async function ensureBenchPortfolio(
  pool: pg.Pool,
  loans: number,
  seed: number,
  say: (line: string) => void,
): Promise<PortfolioRef> {
  const repo = new LoanHistoryRepository(pool);
  const plan = planPortfolio({ loans, seed });
  const name = defaultPortfolioName(plan);
  const existing = await repo.portfolio(name);
  if (existing) return existing;
  say(`generating ${name} (a one-off; 1,000,000 loans take about half an hour)...`);
  await writeSyntheticPortfolio({
    pool,
    plan,
    portfolioName: name,
    onBatch: (n) => n % 50_000 < 1000 && say(`  generated ${n} loans`),
  });
  const portfolio = await repo.portfolio(name);
  if (!portfolio) throw new Error(`portfolio ${name} missing after generation`);
  return portfolio;
}

/**
 * Makes the next rescoring of the portfolio a first one: what an earlier run wrote (scores, recommendations,
 * tasks made from them, queued and cancelled reminders) goes. Left behind, every run would add a portfolio's
 * worth of reminders to cancel and index.
 */
export async function clearRescoring(pool: pg.Pool, portfolioId: string): Promise<void> {
  await pool.query(
    `DELETE FROM "OutboundMessage" m USING "Loan" l WHERE l.id = m."loanId" AND l."portfolioId" = $1`,
    [portfolioId],
  );
  await pool.query(
    `DELETE FROM "Task" t USING "Loan" l WHERE l.id = t."loanId" AND l."portfolioId" = $1 AND t."recommendationId" IS NOT NULL`,
    [portfolioId],
  );
  await pool.query(
    `DELETE FROM "Recommendation" r USING "Loan" l WHERE l.id = r."loanId" AND l."portfolioId" = $1`,
    [portfolioId],
  );
  await pool.query(
    `DELETE FROM "RiskScore" r USING "Loan" l WHERE l.id = r."loanId" AND l."portfolioId" = $1`,
    [portfolioId],
  );
}
