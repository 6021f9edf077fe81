import { Field, Float, Int, ObjectType } from "type-graphql";
import { RiskTier } from "../../generated/prisma/enums.js";

@ObjectType({ description: "A tier's probability cut-offs, and how the tier did on the test split" })
export class ModelTierRow {
  @Field(() => RiskTier)
  tier!: RiskTier;

  @Field(() => Float)
  minPd!: number;

  @Field(() => Float)
  maxPd!: number;

  @Field(() => Float, { nullable: true, description: "Share of test loans in the tier" })
  testShare!: number | null;

  @Field(() => Float, { nullable: true, description: "Observed default rate of the tier's test loans" })
  testDefaultRate!: number | null;
}

@ObjectType({ description: "The served model's card, in brief (fields the card lacks are null)" })
export class ModelCardSummary {
  @Field()
  version!: string;

  @Field()
  algorithm!: string;

  @Field()
  createdAt!: string;

  @Field(() => String, { nullable: true, description: "The training data set" })
  dataName!: string | null;

  @Field(() => String, { nullable: true, description: "SHA-256 of the training data file: its fingerprint" })
  dataSha256!: string | null;

  @Field(() => Int, { nullable: true, description: "Rows of the training data" })
  dataRows!: number | null;

  @Field(() => String, { nullable: true, description: "SHA-256 of the feature export's schema" })
  schemaSha256!: string | null;

  @Field(() => Float, { nullable: true })
  testAuc!: number | null;

  @Field(() => Float, { nullable: true, description: "Kolmogorov-Smirnov statistic on the test split" })
  testKs!: number | null;

  @Field(() => Float, { nullable: true })
  testBrier!: number | null;

  @Field(() => Float, { nullable: true })
  testGini!: number | null;

  @Field(() => Float, { nullable: true })
  testF1!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "PSI of test against training scores, at training time",
  })
  psiTrainVsTest!: number | null;

  @Field(() => [ModelTierRow])
  tiers!: ModelTierRow[];
}

@ObjectType({ description: "One bin of a reference distribution against the live one" })
export class DriftBin {
  @Field(() => Float, { nullable: true, description: "Lower edge (null: open)" })
  lower!: number | null;

  @Field(() => Float, { nullable: true, description: "Upper edge (null: open)" })
  upper!: number | null;

  @Field(() => Float, { description: "Share of training rows" })
  trainShare!: number;

  @Field(() => Float, { description: "Share of live rows" })
  liveShare!: number;
}

@ObjectType({ description: "The live score distribution against the training one" })
export class ScoreDrift {
  @Field(() => Float, { nullable: true, description: "Population stability index (null: see reason)" })
  psi!: number | null;

  @Field(() => String, {
    nullable: true,
    description: "STABLE (< 0.1), WATCH (0.1-0.25) or SHIFTED (> 0.25)",
  })
  reading!: string | null;

  @Field(() => String, { nullable: true, description: "Why there is no PSI" })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: "Which bins of the card were used" })
  bins!: string | null;

  @Field(() => [DriftBin])
  distribution!: DriftBin[];
}

@ObjectType({ description: "One feature's live values against the training ones" })
export class FeatureDrift {
  @Field()
  feature!: string;

  @Field(() => Float, { nullable: true, description: "PSI over the present values (null: see reason)" })
  psi!: number | null;

  @Field(() => String, { nullable: true })
  reading!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => Float, { nullable: true, description: "Share of training rows missing the feature" })
  trainMissingShare!: number | null;

  @Field(() => Float, { nullable: true, description: "Share of live scores missing it" })
  liveMissingShare!: number | null;
}

@ObjectType({ description: "Predicted against observed default rate for a group of loans" })
export class CalibrationRow {
  @Field({ description: "The band (e.g. 0.1-0.2) or the tier" })
  group!: string;

  @Field(() => Int, { description: "Loans scored in the group" })
  loans!: number;

  @Field(() => Int, { description: "Of those, loans whose outcome is known" })
  withOutcome!: number;

  @Field(() => Float, { nullable: true, description: "Mean probability of the loans with a known outcome" })
  predictedRate!: number | null;

  @Field(() => Float, { nullable: true, description: "Share of them that defaulted" })
  observedRate!: number | null;
}

@ObjectType({
  description: "Is the served model still fit: its card, drift of scores and features, calibration",
})
export class ModelHealth {
  @Field(() => ModelCardSummary)
  card!: ModelCardSummary;

  @Field(() => Int, { description: "Operational loans whose latest score is by the served version" })
  liveLoans!: number;

  @Field(() => ScoreDrift)
  scoreDrift!: ScoreDrift;

  @Field(() => [FeatureDrift], { description: "Most drifted first; features without a PSI last" })
  featureDrift!: FeatureDrift[];

  @Field(() => String, { nullable: true, description: "Why there is no feature drift at all" })
  featureDriftReason!: string | null;

  @Field(() => [CalibrationRow], {
    description: "By tenth of probability (0.0-0.1 ... 0.9-1.0), non-empty only",
  })
  calibrationByBand!: CalibrationRow[];

  @Field(() => [CalibrationRow], { description: "By the scores' risk tier, lowest first" })
  calibrationByTier!: CalibrationRow[];

  @Field({ description: "What counts as a default when comparing predicted and observed rates" })
  outcomeDefinition!: string;
}
