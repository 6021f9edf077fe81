import { graphql } from "../../../gql";
import type { ModelHealthQuery } from "../../../gql/graphql";

export type ModelHealth = ModelHealthQuery["modelHealth"];
export type ModelCardSummary = ModelHealth["card"];
export type ModelTierRow = ModelCardSummary["tiers"][number];
export type CalibrationRow = ModelHealth["calibrationByBand"][number];
export type ScoreDrift = ModelHealth["scoreDrift"];
export type DriftBin = ScoreDrift["distribution"][number];
export type FeatureDrift = ModelHealth["featureDrift"][number];

export const MODEL_HEALTH_QUERY = graphql(`
  query ModelHealth {
    modelHealth {
      card {
        version
        algorithm
        createdAt
        dataName
        dataRows
        dataSha256
        schemaSha256
        testAuc
        testKs
        testBrier
        testGini
        testF1
        psiTrainVsTest
        tiers {
          tier
          minPd
          maxPd
          testShare
          testDefaultRate
        }
      }
      liveLoans
      scoreDrift {
        psi
        reading
        reason
        bins
        distribution {
          lower
          upper
          trainShare
          liveShare
        }
      }
      featureDrift {
        feature
        psi
        reading
        reason
        trainMissingShare
        liveMissingShare
      }
      featureDriftReason
      calibrationByBand {
        group
        loans
        withOutcome
        predictedRate
        observedRate
      }
      calibrationByTier {
        group
        loans
        withOutcome
        predictedRate
        observedRate
      }
      outcomeDefinition
    }
  }
`);
