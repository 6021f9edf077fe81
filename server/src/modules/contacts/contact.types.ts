import { Field, ObjectType, registerEnumType } from "type-graphql";
import { Contact } from "../communications/contact.types.js";
import { Task } from "../tasks/task.types.js";

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

@ObjectType({ description: "A logged contact and, for a callback request, the task that follows it up" })
export class LogContactPayload {
  @Field(() => Contact)
  contact!: Contact;

  @Field(() => CallbackFollowUpKind, { nullable: true, description: "Set for a callback request" })
  followUp!: CallbackFollowUpKind | null;

  @Field(() => Task, {
    nullable: true,
    description:
      "The callback task (CREATED, UPDATED) or the open task it waits for (AFTER_OPEN_TASK), if you may see it",
  })
  followUpTask!: Task | null;
}
