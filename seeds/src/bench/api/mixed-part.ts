import type { GraphQLSchema } from "graphql";
import { graphql, type Session } from "./api-client.js";
import { closedLoop, type LatencyFigures, latencyFigures } from "./latency.js";
import { inboundCall, LOG_CONTACT, LOG_PROMISE, weekPromise, worklistQuery } from "./operations.js";

const OPERATIONS = ["worklist", "logContact", "logPromiseToPay", "predict"] as const;
type Operation = (typeof OPERATIONS)[number];

export interface OperationFigures extends LatencyFigures {
  operation: Operation;
  perSecond: number;
  failures: number;
  firstFailure?: string;
}

export interface MixedFigures {
  instances: number;
  clients: number;
  seconds: number;
  requestsPerSecond: number;
  failures: number;
  operations: OperationFigures[];
}

export interface MixedWorld {
  /** The API instances' base URLs: client i talks to instance i mod n (a load balancer's round robin). */
  urls: string[];
  schema: GraphQLSchema;
  agents: Session[];
  /** Each agent's loans (open tasks of theirs, with something owed). */
  loansOf: string[][];
  apiKey: string;
  /** `/predict` bodies (feature vectors of the portfolio's loans). */
  predictBodies: string[];
}

async function predict(url: string, apiKey: string, body: string) {
  const res = await fetch(`${url}/predict`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": apiKey },
    body,
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`/predict answered ${res.status}`);
}

/**
 * A collections floor and an external scorer at once, as fast as the servers answer: each agent (one
 * client) cycles through a worklist page, an inbound call logged, a promise to pay logged and a `/predict`
 * call, against instance i mod n. Latencies and failures per operation, after a warm-up.
 */
export async function mixedPart(w: MixedWorld, seconds: number): Promise<MixedFigures> {
  const query = worklistQuery(w.schema, 50);
  const samples = new Map<Operation, { latencies: number[]; failures: string[] }>(
    OPERATIONS.map((o) => [o, { latencies: [], failures: [] }]),
  );
  const warmupSeconds = 2;
  const measuredFrom = performance.now() + warmupSeconds * 1000;
  const call = async (i: number, n: number) => {
    const url = w.urls[i % w.urls.length] as string;
    const agent = w.agents[i] as Session;
    const loans = w.loansOf[i] as string[];
    const loanId = loans[n % loans.length] as string;
    const operation = OPERATIONS[n % OPERATIONS.length] as Operation;
    const started = performance.now();
    let failure: string | null = null;
    try {
      if (operation === "worklist") await graphql(url, agent, query, { after: null });
      else if (operation === "logContact") await graphql(url, agent, LOG_CONTACT, inboundCall(loanId));
      else if (operation === "logPromiseToPay") await graphql(url, agent, LOG_PROMISE, weekPromise(loanId));
      else await predict(url, w.apiKey, w.predictBodies[n % w.predictBodies.length] as string);
    } catch (err) {
      failure = (err as Error).message;
    }
    if (started < measuredFrom) return;
    const s = samples.get(operation) as { latencies: number[]; failures: string[] };
    if (failure === null) s.latencies.push(performance.now() - started);
    else s.failures.push(failure);
  };
  // closedLoop keeps the clients busy and times the run; the figures per operation are kept here.
  await closedLoop(w.agents.length, warmupSeconds, seconds, call);
  const operations = OPERATIONS.map((operation): OperationFigures => {
    const s = samples.get(operation) as { latencies: number[]; failures: string[] };
    return {
      operation,
      perSecond: Math.round(s.latencies.length / seconds),
      failures: s.failures.length,
      ...(s.failures[0] ? { firstFailure: s.failures[0] } : {}),
      ...latencyFigures(s.latencies),
    };
  });
  const done = operations.reduce((n, o) => n + o.count, 0);
  return {
    instances: w.urls.length,
    clients: w.agents.length,
    seconds,
    requestsPerSecond: Math.round(done / seconds),
    failures: operations.reduce((n, o) => n + o.failures, 0),
    operations,
  };
}
