import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { PromiseStatus } from "../../generated/prisma/enums.js";

registerEnumType(PromiseStatus, {
  name: "PromiseStatus",
  description: "PENDING until its date plus grace; then KEPT or BROKEN by the payments received",
});

@ObjectType({ description: "A borrower's promise to pay an amount by a date" })
export class PromiseToPay {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  loanId!: string;

  @Field({ description: "Decimal string in the loan's currency" })
  amount!: string;

  @Field({ description: "YYYY-MM-DD" })
  promisedDate!: string;

  @Field(() => PromiseStatus)
  status!: PromiseStatus;

  @Field(() => ID, { nullable: true, description: "The contact in which it was made" })
  communicationId!: string | null;

  @Field({ description: "ISO 8601 instant it was recorded" })
  createdAt!: string;
}
