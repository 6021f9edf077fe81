import type { AppServices } from "../../core/app/app-context.js";
import type { Logger } from "../../core/logging/logger.js";
import { isWorked } from "../portfolio/portfolio-kind.js";
import { rescoreDeps, rescorePortfolio } from "./rescore-portfolio.js";

/**
 * Rescoring inside the server at a fixed interval, so that new assignments reach agents live (the CLI run
 * publishes nowhere). Runs never overlap; a failed run is logged and the next one tries again.
 */
export function scheduleRescoring(services: AppServices, log: Logger, intervalMinutes: number): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const deps = await rescoreDeps(services);
      if (!deps) {
        log.warn("scheduled rescoring skipped: no model loaded");
        return;
      }
      // Reference portfolios (training data) change only by import, and nobody works them: `npm run rescore`.
      for (const p of (await deps.histories.portfolios()).filter((x) => isWorked(x.kind))) {
        const s = await rescorePortfolio(deps, p);
        log.info({ portfolio: p.name, ...s }, "scheduled rescoring finished");
      }
    } catch (err) {
      log.error({ err }, "scheduled rescoring failed");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), intervalMinutes * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
