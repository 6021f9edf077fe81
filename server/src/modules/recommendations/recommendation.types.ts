import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { ActionType, CommunicationChannel, RecommendationStatus } from "../../generated/prisma/enums.js";
import "../contact-rules/channel.graphql-enum.js";
import { ContactRuleResult } from "./contact-rule-result.types.js";

registerEnumType(RecommendationStatus, {
  name: "RecommendationStatus",
  description: "ACTIVE: the loan's current one. SUPERSEDED by a later one; ACCEPTED or DISMISSED by a person",
});

@ObjectType({ description: "The next action the policy recommends for a loan, within the contact rules" })
export class Recommendation {
  @Field(() => ID)
  id!: string;

  @Field(() => RecommendationStatus)
  status!: RecommendationStatus;

  @Field(() => ID, { description: "The loan it is for" })
  loanId!: string;

  @Field(() => ActionType)
  actionType!: ActionType;

  @Field(() => CommunicationChannel, { nullable: true, description: "None for a manager's review" })
  channel!: CommunicationChannel | null;

  @Field(() => Int, { description: "1 is the most urgent" })
  priority!: number;

  @Field({ description: "ISO 8601 instant: the policy's deadline, or when contact is first allowed" })
  dueAt!: string;

  @Field({ description: "Why, in words: tier, bucket, promise, the score's reasons and any contact rule" })
  rationale!: string;

  @Field(() => String, { nullable: true, description: "The policy version that made it" })
  policyVersion!: string | null;

  @Field({ description: "ISO 8601 instant" })
  updatedAt!: string;

  @Field({ description: "ISO 8601 instant" })
  createdAt!: string;
  @Field(() => ContactRuleResult, {
    nullable: true,
    description:
      "The contact rules' verdict when it was made: whether its channel may be used at once, else the rule, the reason and from when (null when the action needs no contact, or for recommendations made before this was kept)",
  })
  contactRule!: ContactRuleResult | null;
}
