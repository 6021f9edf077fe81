import { graphql } from "../../../gql";

export const CONTACT_CHECK_QUERY = graphql(`
  query ContactCheck($loanId: ID!, $channel: CommunicationChannel!) {
    contactCheck(loanId: $loanId, channel: $channel) {
      ...ContactRuleFields
    }
  }
`);
