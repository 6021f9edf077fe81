import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { ArrangementKind } from "../../generated/prisma/enums.js";
import { PromiseToPay } from "./promise.types.js";

registerEnumType(ArrangementKind, {
  name: "ArrangementKind",
  valuesConfig: {
    PAYMENT_PLAN: { description: "Several instalments that together pay (part of) the balance" },
    SETTLEMENT: { description: "One payment, usually below the balance, accepted in full settlement" },
  },
});

/** How an arrangement stands, from its instalments' states. */
export enum ArrangementState {
  ON_TRACK = "ON_TRACK",
  COMPLETED = "COMPLETED",
  BROKEN = "BROKEN",
  SUPERSEDED = "SUPERSEDED",
}

registerEnumType(ArrangementState, {
  name: "ArrangementState",
  valuesConfig: {
    ON_TRACK: { description: "Instalments still to come, none broken" },
    COMPLETED: { description: "Every instalment kept" },
    BROKEN: { description: "At least one instalment broken" },
    SUPERSEDED: { description: "Replaced by a newer arrangement; its pending instalments were cancelled" },
  },
});

@ObjectType({ description: "A payment plan or settlement agreed with the borrower" })
export class Arrangement {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  loanId!: string;

  @Field(() => ArrangementKind)
  kind!: ArrangementKind;

  @Field(() => ArrangementState)
  state!: ArrangementState;

  @Field({ description: "The instalments' sum, decimal string" })
  totalAmount!: string;

  @Field(() => String, { nullable: true, description: "The outstanding balance when it was agreed" })
  balanceAtAgreement!: string | null;

  @Field(() => ID, { nullable: true })
  communicationId!: string | null;

  @Field(() => ID, { nullable: true })
  loggedById!: string | null;

  @Field({ description: "ISO 8601 instant" })
  createdAt!: string;

  @Field(() => String, { nullable: true, description: "ISO 8601 instant" })
  supersededAt!: string | null;

  @Field(() => [PromiseToPay], { description: "In date order; each is kept or broken like a promise" })
  instalments!: PromiseToPay[];
}
