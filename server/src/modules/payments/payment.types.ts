import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { PaymentType, ScheduleKind } from "../../generated/prisma/enums.js";

registerEnumType(PaymentType, {
  name: "PaymentType",
  description: "PAYMENT: money received. REVERSAL and BOUNCED_DEBIT undo the payment they point at",
});
registerEnumType(ScheduleKind, {
  name: "ScheduleKind",
  description: "INSTALMENT of an instalment loan, or a revolving account's monthly STATEMENT",
});

@ObjectType({ description: "One amount due on a loan's schedule" })
export class Instalment {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: "1 for the first amount due" })
  sequence!: number;

  @Field(() => ScheduleKind)
  kind!: ScheduleKind;

  @Field({ description: "YYYY-MM-DD" })
  dueDate!: string;

  @Field({ description: "Decimal string" })
  amountDue!: string;

  @Field({ description: "Decimal string: what the source reports as paid against it" })
  amountPaid!: string;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD" })
  paidDate!: string | null;

  @Field(() => String, { nullable: true, description: "Decimal string (statements; negative: a credit)" })
  statementBalance!: string | null;
}

@ObjectType({ description: "Money received on a loan, or the reversal of an earlier payment" })
export class Payment {
  @Field(() => ID)
  id!: string;

  @Field(() => PaymentType)
  type!: PaymentType;

  @Field({ description: "Decimal string" })
  amount!: string;

  @Field({ description: "ISO 8601 instant" })
  paidAt!: string;

  @Field(() => String, { nullable: true, description: "How it was paid, as the source says" })
  channel!: string | null;

  @Field(() => ID, { nullable: true, description: "The payment a reversal or bounced debit undoes" })
  reversesPaymentId!: string | null;
}
