import { useQuery } from "@apollo/client/react";
import { graphQLErrorCode } from "../../../core/apollo/errorCodes";
import { MODEL_HEALTH_QUERY, type ModelHealth } from "../graphql/modelHealth";

export type ModelHealthState =
  | { kind: "loading" }
  | { kind: "forbidden" }
  /** The server has no model loaded. */
  | { kind: "noModel" }
  | { kind: "error"; error: Error; retry: () => void }
  | { kind: "ready"; health: ModelHealth; refreshing: boolean; refresh: () => void };

/** The served model's health; `skip` for roles the server would refuse anyway. */
export function useModelHealth(skip: boolean): ModelHealthState {
  const { data, loading, error, refetch } = useQuery(MODEL_HEALTH_QUERY, {
    skip,
    // Drift moves with every rescoring: a page opened hours later must not show the cached figures alone.
    fetchPolicy: "cache-and-network",
    notifyOnNetworkStatusChange: true,
  });
  const retry = () => void refetch().catch(() => undefined);

  if (skip) return { kind: "forbidden" };
  if (error) {
    const code = graphQLErrorCode(error);
    if (code === "FORBIDDEN") return { kind: "forbidden" };
    if (code === "SERVICE_UNAVAILABLE") return { kind: "noModel" };
    return { kind: "error", error, retry };
  }
  if (data?.modelHealth === undefined) return { kind: "loading" };
  return { kind: "ready", health: data.modelHealth, refreshing: loading, refresh: retry };
}
