import { graphql } from "../../../gql";

export const SAVE_POLICY_DRAFT_MUTATION = graphql(`
  mutation SavePolicyDraft($definition: JSON!, $note: String) {
    saveRecommendationPolicyDraft(definition: $definition, note: $note) {
      ...PolicyVersionFields
    }
  }
`);

export const ACTIVATE_POLICY_MUTATION = graphql(`
  mutation ActivatePolicy($version: Int!) {
    activateRecommendationPolicy(version: $version) {
      ...PolicyVersionFields
    }
  }
`);
