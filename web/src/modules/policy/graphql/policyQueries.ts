import { graphql } from "../../../gql";
import type { PolicyVersionsQuery } from "../../../gql/graphql";

export type PolicyVersion = PolicyVersionsQuery["recommendationPolicyVersions"][number];

export const POLICY_VERSION_FIELDS = graphql(`
  fragment PolicyVersionFields on RecommendationPolicy {
    version
    definition
    active
    note
    createdAt
    createdBy {
      id
      displayName
    }
    activatedAt
    activatedBy {
      id
      displayName
    }
  }
`);

/**
 * The active version (reading it installs the default policy on a new installation) and every saved one:
 * the editor starts from the active one and the list shows them all.
 */
export const POLICY_VERSIONS_QUERY = graphql(`
  query PolicyVersions {
    recommendationPolicy {
      ...PolicyVersionFields
    }
    recommendationPolicyVersions {
      ...PolicyVersionFields
    }
  }
`);
