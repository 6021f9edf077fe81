import type { Logger } from "../../core/logging/logger.js";
import { type AppPubSub, Topic } from "../../core/pubsub/pubsub.js";
import { dayOf } from "../features/money-and-days.js";
import { type PromiseRule, promiseStates } from "../features/promise-status.js";
import type { PromiseSweepRepository, SweepLoan } from "./promise-sweep.repository.js";

const CHUNK = 500;

export interface SweepSummary {
  kept: number;
  broken: number;
}

/** The pending promises of a loan that the promise rule now calls kept or broken, as of the portfolio's date. */
export function settledPromises(
  loan: SweepLoan,
  rule: PromiseRule,
): { id: string; status: "KEPT" | "BROKEN" }[] {
  const states = promiseStates(loan.promises, loan.payments, loan.asOfDate, rule);
  return loan.promises.flatMap((p, i) => {
    const state = states[i];
    // A promise made after the portfolio's as-of date is not judged by the data of that date.
    const made = p.createdAt ? dayOf(p.createdAt) : p.promisedDate;
    if (p.status !== "PENDING" || made > loan.asOfDate || (state !== "KEPT" && state !== "BROKEN")) return [];
    return [{ id: p.key, status: state }];
  });
}

/**
 * Settles pending promises and arrangement instalments of worked portfolios: the same rule as rescoring,
 * as of each portfolio's as-of date (what is known then). A promise found broken is announced on
 * `promiseBroken` by the process whose UPDATE moved it, so once however many processes sweep.
 */
export class PromiseSweep {
  constructor(
    private readonly repo: PromiseSweepRepository,
    private readonly pubsub: AppPubSub,
    private readonly rule: PromiseRule,
  ) {}

  async run(): Promise<SweepSummary> {
    const summary: SweepSummary = { kept: 0, broken: 0 };
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const loans = await this.repo.loansWithPendingPromises(after, CHUNK);
      if (loans.length === 0) return summary;
      after = (loans.at(-1) as SweepLoan).loanId;
      const moved = await this.repo.settle(loans.flatMap((l) => settledPromises(l, this.rule)));
      const broken = moved.filter((m) => m.status === "BROKEN");
      summary.kept += moved.length - broken.length;
      summary.broken += broken.length;
      if (broken.length === 0) continue;
      const owners = await this.repo.owners([...new Set(broken.map((b) => b.loanId))]);
      for (const b of broken) {
        const owner = owners.get(b.loanId) ?? { assigneeId: null, teamId: null };
        this.pubsub.publish(Topic.PROMISE_BROKEN, { promiseId: b.id, loanId: b.loanId, ...owner });
      }
    }
  }
}

/** Runs the sweep at a fixed interval inside the server; runs never overlap, a failed one is logged. */
export function schedulePromiseSweep(sweep: PromiseSweep, log: Logger, seconds: number): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const s = await sweep.run();
      if (s.kept + s.broken > 0) log.info(s, "promises settled");
    } catch (err) {
      log.error({ err }, "promise sweep failed");
    } finally {
      running = false;
    }
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
