import { useMutation } from "@apollo/client/react";
import { ACTIVATE_POLICY_MUTATION, SAVE_POLICY_DRAFT_MUTATION } from "../graphql/policyMutations";
import type { PolicyVersion } from "../graphql/policyQueries";
import type { PolicyDefinition } from "../policyModel";

/** Saving and activating re-read the version list: activating one deactivates another. */
const refetch = { refetchQueries: ["PolicyVersions"], awaitRefetchQueries: true };

export function useSavePolicyDraft() {
  const [mutate, { loading, error, reset }] = useMutation(SAVE_POLICY_DRAFT_MUTATION, refetch);
  const save = async (definition: PolicyDefinition, note: string | null): Promise<PolicyVersion | null> => {
    const result = await mutate({ variables: { definition, note } });
    return result.data?.saveRecommendationPolicyDraft ?? null;
  };
  return { save, loading, error, reset };
}

export function useActivatePolicy() {
  const [mutate, { loading, error, reset }] = useMutation(ACTIVATE_POLICY_MUTATION, refetch);
  const activate = async (version: number): Promise<PolicyVersion | null> => {
    const result = await mutate({ variables: { version } });
    return result.data?.activateRecommendationPolicy ?? null;
  };
  return { activate, loading, error, reset };
}
