import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../../core/graphql/connection.js";
import { PromiseCancelReason, PromiseStatus } from "../../generated/prisma/enums.js";
import { ScoreReason } from "../scoring/risk-score.types.js";

registerEnumType(PromiseStatus, {
  name: "PromiseStatus",
  description:
    "PENDING until its date plus the grace days; KEPT when enough was paid in that window, BROKEN when not " +
    "(derived from payments, never typed in); CANCELLED by a user or by a newer promise or arrangement",
});
registerEnumType(PromiseCancelReason, {
  name: "PromiseCancelReason",
  valuesConfig: {
    WITHDRAWN: { description: "Cancelled by a user (cancelPromise)" },
    SUPERSEDED: { description: "A newer promise or arrangement on the same loan replaced it" },
  },
});

@ObjectType({
  description: "A borrower's promise to pay an amount by a date, or one instalment of a payment arrangement",
})
export class PromiseToPay {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  loanId!: string;

  @Field({ description: "Decimal string, in the loan's currency" })
  amount!: string;

  @Field({ description: "The day the borrower promised to pay by (YYYY-MM-DD)" })
  promisedDate!: string;

  @Field(() => PromiseStatus)
  status!: PromiseStatus;

  @Field(() => PromiseCancelReason, { nullable: true, description: "Set when CANCELLED" })
  cancelReason!: PromiseCancelReason | null;

  @Field(() => ID, { nullable: true, description: "The promise that replaced this one" })
  supersededById!: string | null;

  @Field(() => ID, { nullable: true, description: "The contact the promise was made in" })
  communicationId!: string | null;

  @Field(() => ID, { nullable: true })
  loggedById!: string | null;

  @Field(() => ID, { nullable: true, description: "Set on the instalments of a payment arrangement" })
  arrangementId!: string | null;

  @Field(() => Int, { nullable: true, description: "The instalment's position in its arrangement (1-based)" })
  sequence!: number | null;

  @Field({ description: "ISO 8601 instant" })
  createdAt!: string;

  @Field(() => String, { nullable: true, description: "When it was kept, broken or cancelled (ISO 8601)" })
  resolvedAt!: string | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "The promise-kept score when it was logged: the probability it is kept, 0 to 1 (null without a promise-kept model, for imported promises and for arrangement instalments)",
  })
  keptProbability!: number | null;

  @Field(() => [ScoreReason], {
    nullable: true,
    description: "Why: up to 4 reasons, direction RAISES_CHANCE or LOWERS_CHANCE (of keeping it)",
  })
  keptReasons!: ScoreReason[] | null;
}

@ObjectType({ description: "A page of promises to pay" })
export class PromiseToPayConnection extends Connection(PromiseToPay, "PromiseToPay") {}
