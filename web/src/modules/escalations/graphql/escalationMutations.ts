import { graphql } from "../../../gql";

export const TAKE_ESCALATION_MUTATION = graphql(`
  mutation TakeEscalation($taskId: ID!, $idempotencyKey: String!) {
    takeEscalation(taskId: $taskId, idempotencyKey: $idempotencyKey) {
      ...EscalationFields
    }
  }
`);

export const RESOLVE_ESCALATION_MUTATION = graphql(`
  mutation ResolveEscalation($input: ResolveEscalationInput!) {
    resolveEscalation(input: $input) {
      ...EscalationFields
    }
  }
`);
