import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { createIdempotencyKeys } from "../../../core/apollo/idempotencyKey";
import type { ResolveEscalationInput } from "../../../gql/graphql";
import { RESOLVE_ESCALATION_MUTATION, TAKE_ESCALATION_MUTATION } from "../graphql/escalationMutations";
import type { EscalationItem } from "../graphql/escalationQueue";

export type ResolveFields = Omit<ResolveEscalationInput, "idempotencyKey" | "taskId">;

/** Take a waiting escalation; the card updates in place from the mutation's answer. */
export function useTakeEscalation() {
  const [keyFor] = useState(createIdempotencyKeys);
  const [mutate, { loading, error, reset }] = useMutation(TAKE_ESCALATION_MUTATION);
  const take = async (taskId: string): Promise<EscalationItem | null> => {
    const result = await mutate({ variables: { taskId, idempotencyKey: keyFor({ taskId }) } });
    return result.data?.takeEscalation ?? null;
  };
  return { take, loading, error, reset };
}

/** Resolve a taken escalation; every state of the queue is read again so the case leaves the list. */
export function useResolveEscalation() {
  const [keyFor] = useState(createIdempotencyKeys);
  const [mutate, { loading, error, reset }] = useMutation(RESOLVE_ESCALATION_MUTATION, {
    refetchQueries: ["EscalationQueue"],
    awaitRefetchQueries: true,
  });
  const resolve = async (taskId: string, fields: ResolveFields): Promise<EscalationItem | null> => {
    const input = { taskId, ...fields };
    const result = await mutate({ variables: { input: { ...input, idempotencyKey: keyFor(input) } } });
    return result.data?.resolveEscalation ?? null;
  };
  return { resolve, loading, error, reset };
}
