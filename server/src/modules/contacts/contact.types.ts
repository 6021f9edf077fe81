import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import {
  CommunicationChannel,
  CommunicationDirection,
  CommunicationOutcome,
} from "../../generated/prisma/enums.js";
// Registers CommunicationChannel with the schema (one registration per enum).
import "../recommendations/recommendation.types.js";
import { Task } from "../tasks/task.types.js";

registerEnumType(CommunicationDirection, {
  name: "CommunicationDirection",
  description: "OUTBOUND: the lender contacted the borrower; INBOUND: the borrower contacted the lender",
});
registerEnumType(CommunicationOutcome, { name: "CommunicationOutcome", description: "How a contact ended" });

/** What a callback request did to the loan's tasks. */
export enum CallbackFollowUpKind {
  CREATED = "CREATED",
  UPDATED = "UPDATED",
  AFTER_OPEN_TASK = "AFTER_OPEN_TASK",
}
registerEnumType(CallbackFollowUpKind, {
  name: "CallbackFollowUpKind",
  valuesConfig: {
    CREATED: { description: "A new CALL task, due at the callback time" },
    UPDATED: { description: "The loan's unstarted task became the callback (action, priority, due time)" },
    AFTER_OPEN_TASK: {
      description:
        "The loan's open task is in progress (or awaits a manager): the callback task opens when it is completed",
    },
  },
});

@ObjectType({ description: "A contact with a borrower, as an agent logged it" })
export class LoggedContact {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  loanId!: string;

  @Field(() => ID)
  borrowerId!: string;

  @Field(() => ID, { nullable: true, description: "The user who logged it" })
  agentId!: string | null;

  @Field(() => CommunicationChannel)
  channel!: CommunicationChannel;

  @Field(() => CommunicationDirection)
  direction!: CommunicationDirection;

  @Field(() => CommunicationOutcome)
  outcome!: CommunicationOutcome;

  @Field({ description: "ISO 8601 instant" })
  startedAt!: string;

  @Field(() => Int, { nullable: true })
  durationSeconds!: number | null;

  @Field(() => String, { nullable: true })
  notes!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "ISO 8601 instant the borrower asked to be called back",
  })
  callbackAt!: string | null;
}

@ObjectType({ description: "A logged contact and, for a callback request, the task that follows it up" })
export class LogContactPayload {
  @Field(() => LoggedContact)
  contact!: LoggedContact;

  @Field(() => CallbackFollowUpKind, { nullable: true, description: "Set for a callback request" })
  followUp!: CallbackFollowUpKind | null;

  @Field(() => Task, {
    nullable: true,
    description:
      "The callback task (CREATED, UPDATED) or the open task it waits for (AFTER_OPEN_TASK), if you may see it",
  })
  followUpTask!: Task | null;
}
