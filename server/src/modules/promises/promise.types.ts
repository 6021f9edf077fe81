import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { PromiseStatus } from "../../generated/prisma/enums.js";

registerEnumType(PromiseStatus, {
  name: "PromiseStatus",
  description: "PENDING until its date; KEPT or BROKEN as the payments say; CANCELLED by an agent",
});

@ObjectType({ description: "A borrower's promise to pay an amount by a date" })
export class PromiseToPay {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  loanId!: string;

  @Field({ description: "Decimal string" })
  amount!: string;

  @Field({ description: "YYYY-MM-DD" })
  promisedDate!: string;

  @Field(() => PromiseStatus)
  status!: PromiseStatus;

  @Field({ description: "ISO 8601 instant: when it was logged" })
  createdAt!: string;

  @Field(() => String, {
    nullable: true,
    description: "ISO 8601 instant: when it was kept, broken or cancelled",
  })
  resolvedAt!: string | null;

  @Field(() => ID, { nullable: true, description: "The contact it was made in" })
  communicationId!: string | null;

  @Field(() => ID, { nullable: true, description: "The user who logged it" })
  loggedById!: string | null;
}
