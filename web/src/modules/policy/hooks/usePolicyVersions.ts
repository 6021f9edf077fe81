import { useQuery } from "@apollo/client/react";
import { POLICY_VERSIONS_QUERY, type PolicyVersion } from "../graphql/policyQueries";

export interface UsePolicyVersionsResult {
  versions: PolicyVersion[] | undefined;
  active: PolicyVersion | undefined;
  loading: boolean;
  error: Error | undefined;
  refetch: () => void;
}

/** The saved versions, newest first, and the one in force. */
export function usePolicyVersions(): UsePolicyVersionsResult {
  const { data, loading, error, refetch } = useQuery(POLICY_VERSIONS_QUERY, {
    // A colleague may have saved or activated a version since this page was last open.
    fetchPolicy: "cache-and-network",
  });
  const versions = data?.recommendationPolicyVersions;
  return {
    versions,
    active: data?.recommendationPolicy,
    loading,
    error,
    refetch: () => void refetch().catch(() => undefined),
  };
}
