import { graphql, type Session } from "./api-client.js";
import { closedLoop, type LatencyFigures, latencyFigures } from "./latency.js";
import { inboundCall, LOG_CONTACT, LOG_PROMISE, weekPromise } from "./operations.js";

export interface WriteFigures extends LatencyFigures {
  operation: string;
  perSecond: number;
  failures: number;
  firstFailure?: string;
}

/**
 * Agents record work on their own loans as fast as the server takes it: inbound calls (always recorded,
 * whatever the contact rules say) and promises to pay a week ahead (each supersedes the loan's last one).
 */
export async function writesPart(
  baseUrl: string,
  agents: Session[],
  loansOf: string[][],
  seconds: number,
): Promise<WriteFigures[]> {
  const measure = async (operation: string, call: (s: Session, loanId: string) => Promise<unknown>) => {
    const run = await closedLoop(agents.length, 2, seconds, async (i, n) => {
      const loans = loansOf[i] as string[];
      await call(agents[i] as Session, loans[n % loans.length] as string);
    });
    return {
      operation,
      perSecond: Math.round(run.latencies.length / run.seconds),
      failures: run.failures.length,
      ...(run.failures[0] ? { firstFailure: run.failures[0] } : {}),
      ...latencyFigures(run.latencies),
    };
  };
  const contact = await measure("logContact", (s, loanId) =>
    graphql(baseUrl, s, LOG_CONTACT, inboundCall(loanId)),
  );
  const promise = await measure("logPromiseToPay", (s, loanId) =>
    graphql(baseUrl, s, LOG_PROMISE, weekPromise(loanId)),
  );
  return [contact, promise];
}
