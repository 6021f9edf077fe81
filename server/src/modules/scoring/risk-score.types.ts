import { Field, Float, Int, ObjectType } from "type-graphql";
import { DelinquencyBucket, RiskTier } from "../../generated/prisma/enums.js";

import "../loans/loan.types.js"; // registers RiskTier and DelinquencyBucket with GraphQL

@ObjectType({ description: "Why the model gave this score: one feature's exact contribution" })
export class ScoreReason {
  @Field({ description: "The feature (see GET /features)" })
  feature!: string;

  @Field({ description: "RAISES_RISK or LOWERS_RISK" })
  direction!: string;

  @Field(() => Float, { description: "Contribution to the model's log-odds (TreeSHAP, exact)" })
  effect!: number;

  @Field(() => Float, { nullable: true, description: "The feature's value (null: unknown)" })
  value!: number | null;

  @Field({ description: "The reason in words an agent can use" })
  sentence!: string;
}

@ObjectType({ description: "A loan's probability of default as of a date, with its reasons" })
export class RiskScore {
  @Field(() => Float, { description: "Probability of default, 0 to 1" })
  probability!: number;

  @Field(() => RiskTier)
  tier!: RiskTier;

  @Field(() => DelinquencyBucket)
  bucket!: DelinquencyBucket;

  @Field(() => Int, { description: "Days past due when scored" })
  daysPastDue!: number;

  @Field({ description: "The day the score is as of (YYYY-MM-DD)" })
  asOfDate!: string;

  @Field({ description: "The model version that scored it" })
  modelVersion!: string;

  @Field({ description: "ISO 8601 instant" })
  scoredAt!: string;

  @Field(() => [ScoreReason], { description: "Up to 4, largest effect first" })
  reasons!: ScoreReason[];
}
