import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../../core/graphql/connection.js";
import { EscalationOutcome, EscalationReason, TaskStatus } from "../../generated/prisma/enums.js";

registerEnumType(EscalationReason, {
  name: "EscalationReason",
  description: "Why a case went to the recovery managers' queue",
  valuesConfig: {
    RECOMMENDED: { description: "The recommendation policy routed it there (set by rescoring only)" },
    BROKEN_PROMISES: { description: "Promises to pay keep being broken" },
    REFUSED_TO_PAY: { description: "The borrower refuses to pay" },
    DISPUTE: { description: "The borrower disputes the debt" },
    HARDSHIP: { description: "Hardship beyond what an agent may agree" },
    UNCONTACTABLE: { description: "The borrower cannot be reached by any channel" },
    FRAUD_SUSPECTED: { description: "Signs of fraud or identity theft" },
    OTHER: { description: "Anything else: say what in the note" },
  },
});
registerEnumType(EscalationOutcome, {
  name: "EscalationOutcome",
  description: "How a recovery manager closed an escalation",
  valuesConfig: {
    RETURNED_TO_AGENT: { description: "Back to an agent, with a note and a next action (a new task)" },
    ARRANGEMENT_AGREED: { description: "The manager agreed an arrangement with the borrower" },
    PLACED_WITH_AGENCY: { description: "Placed with a collection agency: no more agent tasks for the loan" },
    PLACED_WITH_LEGAL: {
      description:
        "Placed with legal: the borrower is put under legal hold (no contact) and the loan gets no agent task",
    },
    WRITTEN_OFF: { description: "Written off: the loan is CHARGED_OFF and gets no agent task" },
  },
});

@ObjectType({ description: "A person named on an escalation" })
export class EscalationPerson {
  @Field(() => ID)
  id!: string;

  @Field()
  displayName!: string;
}

@ObjectType({
  description: "A case in the recovery managers' queue (a task with action ESCALATE_TO_RECOVERY_MANAGER)",
})
export class Escalation {
  @Field(() => ID, { description: "The escalation task's id" })
  id!: string;

  @Field(() => TaskStatus, { description: "OPEN: waiting for a manager; IN_PROGRESS: taken; DONE: resolved" })
  status!: TaskStatus;

  @Field(() => EscalationReason)
  reason!: EscalationReason;

  @Field(() => String, { nullable: true, description: "The escalating person's note" })
  note!: string | null;

  @Field(() => Int, { description: "1 is the most urgent" })
  priority!: number;

  @Field({ description: "ISO 8601 instant a manager should act by" })
  dueAt!: string;

  @Field({ description: "ISO 8601 instant it was escalated" })
  escalatedAt!: string;

  @Field(() => Int, { description: "Minutes it has waited (until resolved, once resolved)" })
  ageMinutes!: number;

  @Field(() => EscalationPerson, { nullable: true, description: "Who escalated; null when the system did" })
  escalatedBy!: EscalationPerson | null;

  @Field(() => EscalationPerson, { nullable: true, description: "The recovery manager who took it" })
  takenBy!: EscalationPerson | null;

  @Field(() => String, { nullable: true, description: "ISO 8601 instant" })
  takenAt!: string | null;

  @Field(() => EscalationOutcome, { nullable: true, description: "Set when resolved" })
  outcome!: EscalationOutcome | null;

  @Field(() => String, { nullable: true, description: "The recovery manager's note on resolving" })
  resolutionNote!: string | null;

  @Field(() => String, { nullable: true, description: "ISO 8601 instant" })
  resolvedAt!: string | null;

  @Field(() => EscalationPerson, { nullable: true })
  resolvedBy!: EscalationPerson | null;

  @Field(() => ID, { nullable: true, description: "The agent's new task when it was returned to an agent" })
  returnedTaskId!: string | null;

  loanId!: string;
  teamId!: string | null;
}

@ObjectType({ description: "A page of the escalation queue" })
export class EscalationConnection extends Connection(Escalation, "Escalation") {}
