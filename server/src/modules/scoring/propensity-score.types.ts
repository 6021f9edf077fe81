import { Field, Float, ObjectType } from "type-graphql";
import { ScoreReason } from "./risk-score.types.js";

@ObjectType({
  description:
    "A past-due loan's propensity to pay: the chance it pays half of the amount overdue within 30 days, and the expected recovery (overdue x probability) that orders the worklist within a priority",
})
export class PropensityToPay {
  @Field(() => Float, {
    description: "Probability of paying half of the amount overdue within 30 days, 0 to 1",
  })
  probability!: number;

  @Field({ description: "Decimal string: the amount overdue when scored" })
  overdueAmount!: string;

  @Field({ description: "Decimal string: amount overdue x probability" })
  expectedRecovery!: string;

  @Field({ description: "The day the score is as of (YYYY-MM-DD)" })
  asOfDate!: string;

  @Field({ description: "The propensity model version that scored it" })
  modelVersion!: string;

  @Field({ description: "ISO 8601 instant" })
  scoredAt!: string;

  @Field(() => [ScoreReason], {
    description:
      "Up to 4, largest effect first; direction RAISES_CHANCE or LOWERS_CHANCE (of paying), effect on the log-odds of paying",
  })
  reasons!: ScoreReason[];
}
