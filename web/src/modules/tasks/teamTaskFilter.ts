import { listParam } from "../../core/paging/useUrlCursorPages";
import type { DelinquencyBucket, RiskTier, TaskStatus, TeamTaskFilter } from "../../gql/graphql";
import { BUCKET_LABELS, TIER_LABELS } from "../loans/loanLabels";
import { TASK_STATUSES } from "./taskLabels";

/** The agent filter's value for tasks assigned to nobody. */
export const UNASSIGNED = "none";

/** The URL's filter parameters as the API's filter (absent ones: the default, unfinished work of anyone). */
export function teamTaskFilterFrom(params: URLSearchParams): TeamTaskFilter {
  const agent = params.get("agent");
  const statuses = listParam<TaskStatus>(params, "status", TASK_STATUSES);
  const buckets = listParam(params, "bucket", Object.keys(BUCKET_LABELS) as DelinquencyBucket[]);
  const tiers = listParam(params, "tier", Object.keys(TIER_LABELS) as RiskTier[]);
  return {
    ...(agent === UNASSIGNED ? { unassigned: true } : agent ? { assigneeId: agent } : {}),
    ...(statuses.length ? { statuses } : {}),
    ...(buckets.length ? { buckets } : {}),
    ...(tiers.length ? { tiers } : {}),
    ...(params.get("overdue") === "1" ? { overdue: true } : {}),
    ...(params.get("team") ? { teamId: params.get("team") } : {}),
  };
}
