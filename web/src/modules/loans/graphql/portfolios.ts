import { graphql } from "../../../gql";
import type { PortfoliosQuery } from "../../../gql/graphql";

export type PortfolioOption = PortfoliosQuery["portfolios"][number];

export const PORTFOLIOS_QUERY = graphql(`
  query Portfolios {
    portfolios {
      id
      name
      asOfDate
    }
  }
`);
