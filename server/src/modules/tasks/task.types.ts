import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../../core/graphql/connection.js";
import { ActionType, TaskCancelReason, TaskOutcome, TaskStatus } from "../../generated/prisma/enums.js";

registerEnumType(ActionType, { name: "ActionType", description: "What the collector should do next" });
registerEnumType(TaskStatus, {
  name: "TaskStatus",
  description:
    "OPEN -> IN_PROGRESS (startTask) -> DONE (completeTask); OPEN tasks the system no longer needs are CANCELLED",
});
registerEnumType(TaskOutcome, {
  name: "TaskOutcome",
  description: "What the agent found when closing a case task",
  valuesConfig: {
    PROMISE_TO_PAY: { description: "The borrower promised to pay by a date" },
    PAYMENT_RECEIVED: { description: "The amount due was paid" },
    PARTIAL_PAYMENT: { description: "Part of the amount due was paid" },
    PAYMENT_PLAN_AGREED: { description: "A payment plan was agreed" },
    SETTLEMENT_AGREED: { description: "A settlement was agreed" },
    RESTRUCTURE_AGREED: { description: "The loan is to be restructured" },
    CALLBACK_REQUESTED: { description: "The borrower asked to be called back" },
    NO_CONTACT: { description: "The borrower could not be reached" },
    WRONG_PARTY: { description: "The number or address does not reach the borrower" },
    REFUSED_TO_PAY: { description: "The borrower refused to pay" },
    DISPUTE_RAISED: { description: "The borrower disputes the debt" },
    HARDSHIP_REPORTED: { description: "The borrower reported hardship (job loss, illness, bereavement)" },
    ESCALATED: { description: "Handed to a recovery manager" },
  },
});
registerEnumType(TaskCancelReason, {
  name: "TaskCancelReason",
  valuesConfig: {
    AUTOMATED_ACTION: {
      description: "The loan's recommended action is a reminder the system sends: no person needs to act",
    },
    DUPLICATE: { description: "Another open task on the same loan was more urgent" },
    ESCALATED: {
      description: "The loan was escalated to a recovery manager: the escalation replaced this task",
    },
    NOTHING_OWED: { description: "The loan is closed or owes nothing: there is nothing to collect" },
  },
});

@ObjectType({ description: "A unit of collection work on one loan" })
export class Task {
  @Field(() => ID)
  id!: string;

  @Field(() => ActionType)
  actionType!: ActionType;

  @Field(() => TaskStatus)
  status!: TaskStatus;

  @Field(() => Int, { description: "1 is the most urgent" })
  priority!: number;

  @Field({ description: "ISO 8601 instant" })
  dueAt!: string;

  @Field(() => ID, { nullable: true })
  assigneeId!: string | null;

  @Field(() => TaskOutcome, { nullable: true, description: "Set when DONE" })
  outcome!: TaskOutcome | null;

  @Field(() => String, { nullable: true, description: "The agent's note on completion" })
  note!: string | null;

  @Field(() => TaskCancelReason, { nullable: true, description: "Set when CANCELLED" })
  cancelReason!: TaskCancelReason | null;

  @Field(() => String, { nullable: true, description: "ISO 8601 instant" })
  startedAt!: string | null;

  @Field(() => String, { nullable: true, description: "ISO 8601 instant" })
  completedAt!: string | null;

  @Field(() => String, { nullable: true, description: "ISO 8601 instant" })
  cancelledAt!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The escalation this task came back from, when a recovery manager returned the case",
  })
  previousTaskId!: string | null;

  @Field(() => String, { nullable: true, description: "The recovery manager's note that came with the case" })
  handoverNote!: string | null;

  loanId!: string;
}

@ObjectType()
export class TaskConnection extends Connection(Task, "Task") {}
