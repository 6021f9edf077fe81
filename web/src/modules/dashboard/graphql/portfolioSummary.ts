import { graphql } from "../../../gql";
import type { PortfolioSummaryQuery } from "../../../gql/graphql";

export type PortfolioSummaryData = PortfolioSummaryQuery["portfolioSummary"];
export type BucketTierCell = PortfolioSummaryData["byBucketAndTier"][number];
export type MonthFigures = PortfolioSummaryData["months"][number];
export type RiskyBorrower = PortfolioSummaryData["topRiskyBorrowers"][number];
export type RollRates = NonNullable<PortfolioSummaryData["rollRates"]>;

export const PORTFOLIO_SUMMARY_QUERY = graphql(`
  query PortfolioSummary($portfolioId: ID, $teamId: ID, $months: Int!, $top: Int!) {
    portfolioSummary(portfolioId: $portfolioId, teamId: $teamId, months: $months, top: $top) {
      asOfDate
      from
      openLoans
      balance
      byBucketAndTier {
        bucket
        tier
        loans
        balance
      }
      months {
        month
        due
        collected
        collectionRate
        cureRate
        rollForwardRate
        loansTracked
      }
      rollRates {
        from
        to
        cureRate
        transitions {
          fromBucket
          toBucket
          loans
          rate
        }
      }
      topRiskyBorrowers {
        borrowerId
        borrowerName
        loanId
        loanExternalKey
        probability
        tier
        bucket
        daysPastDue
        amountOverdue
      }
      promises {
        pending
        kept
        broken
        cancelled
        keptRate
      }
    }
  }
`);
