import type { GraphQLSchema } from "graphql";
import { graphql, type Session } from "./api-client.js";
import { closedLoop, type LatencyFigures, latencyFigures } from "./latency.js";
import { worklistQuery } from "./operations.js";

interface WorklistPage {
  myWorklist: { totalCount: number; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
}

/**
 * Each agent reads their worklist as a person paging through it: the first pages in turn (every item field),
 * then back to the top. All agents at once, for `seconds` after a warm-up, each pausing about `thinkMs`
 * between two pages (0: none, the server's saturation).
 */
export async function worklistPart(
  baseUrl: string,
  schema: GraphQLSchema,
  agents: Session[],
  opts: { pageSize: number; seconds: number; pagesDeep: number; thinkMs: number },
): Promise<
  LatencyFigures & {
    agents: number;
    pageSize: number;
    thinkMs: number;
    requestsPerSecond: number;
    failures: number;
    firstFailure?: string;
    totalCountPerAgent: number;
  }
> {
  const query = worklistQuery(schema, opts.pageSize);
  const cursors: (string | null)[] = agents.map(() => null);
  const depth: number[] = agents.map(() => 0);
  let totalCount = 0;
  const run = await closedLoop(
    agents.length,
    3,
    opts.seconds,
    async (i) => {
      const session = agents[i] as Session;
      const page = await graphql<WorklistPage>(baseUrl, session, query, { after: cursors[i] });
      totalCount = page.myWorklist.totalCount;
      const next = page.myWorklist.pageInfo;
      depth[i] = (depth[i] ?? 0) + 1;
      if (next.hasNextPage && (depth[i] ?? 0) < opts.pagesDeep) cursors[i] = next.endCursor;
      else {
        cursors[i] = null;
        depth[i] = 0;
      }
    },
    opts.thinkMs,
  );
  return {
    agents: agents.length,
    pageSize: opts.pageSize,
    thinkMs: opts.thinkMs,
    totalCountPerAgent: totalCount,
    requestsPerSecond: Math.round(run.latencies.length / run.seconds),
    failures: run.failures.length,
    ...(run.failures[0] ? { firstFailure: run.failures[0] } : {}),
    ...latencyFigures(run.latencies),
  };
}
