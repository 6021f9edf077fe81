import {
  IsEnum,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsUUID,
  Max,
  MaxLength,
  Min,
  NotEquals,
} from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { IDEMPOTENCY_KEY_DESCRIPTION, IsIdempotencyKey } from "../../core/idempotency/idempotency-key.js";
import { ActionType, EscalationOutcome, EscalationReason, TaskStatus } from "../../generated/prisma/enums.js";
import { MAX_NOTE_LENGTH } from "../tasks/task.inputs.js";
import { HUMAN_ACTIONS } from "../tasks/task-actions.js";

export const MAX_QUEUE_PAGE = 100;

/** What a manager may give an agent as the next step: work a person does, other than another escalation. */
export const AGENT_ACTIONS: readonly ActionType[] = HUMAN_ACTIONS.filter(
  (a) => a !== ActionType.ESCALATE_TO_RECOVERY_MANAGER,
);

const noteDescription = (what: string) => `${what} (at most ${MAX_NOTE_LENGTH} characters)`;
const IsNote = () =>
  MaxLength(MAX_NOTE_LENGTH, { message: `note must be at most ${MAX_NOTE_LENGTH} characters` });

@InputType()
export class EscalateCaseInput {
  @Field(() => ID)
  @IsUUID("all", { message: "loanId must be a loan id (UUID)" })
  loanId!: string;

  @Field(() => EscalationReason)
  @IsEnum(EscalationReason, {
    message: `reason must be one of ${Object.values(EscalationReason).join(", ")}`,
  })
  @NotEquals(EscalationReason.RECOMMENDED, {
    message: "reason RECOMMENDED is set by rescoring only: choose the reason you escalate for (or OTHER)",
  })
  reason!: EscalationReason;

  @Field(() => String, {
    nullable: true,
    description: noteDescription("What the recovery manager should know"),
  })
  @IsOptional()
  @IsNote()
  note?: string | null;

  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  @IsIdempotencyKey()
  idempotencyKey!: string;
}

@ArgsType()
export class TakeEscalationArgs {
  @Field(() => ID)
  @IsUUID("all", { message: "taskId must be an escalation's task id (UUID)" })
  taskId!: string;

  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  @IsIdempotencyKey()
  idempotencyKey!: string;
}

@InputType()
export class ResolveEscalationInput {
  @Field(() => ID)
  @IsUUID("all", { message: "taskId must be an escalation's task id (UUID)" })
  taskId!: string;

  @Field(() => EscalationOutcome)
  @IsEnum(EscalationOutcome, {
    message: `outcome must be one of ${Object.values(EscalationOutcome).join(", ")}`,
  })
  outcome!: EscalationOutcome;

  @Field(() => String, {
    nullable: true,
    description: noteDescription(
      "What was decided; required when returning the case: it travels to the agent",
    ),
  })
  @IsOptional()
  @IsNote()
  note?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "Outcome RETURNED_TO_AGENT only: the agent who gets the case",
  })
  @IsOptional()
  @IsUUID("all", { message: "returnToAgentId must be a user id (UUID)" })
  returnToAgentId?: string | null;

  @Field(() => ActionType, {
    nullable: true,
    description:
      "Outcome RETURNED_TO_AGENT only: the agent's next action (default: the loan's recommended one, else CALL)",
  })
  @IsOptional()
  @IsIn(AGENT_ACTIONS, { message: `nextAction must be one of ${AGENT_ACTIONS.join(", ")}` })
  nextAction?: ActionType | null;

  @Field(() => String, {
    nullable: true,
    description: "Outcome RETURNED_TO_AGENT only: ISO 8601 instant the agent's task is due (default: now)",
  })
  @IsOptional()
  @IsISO8601(
    { strict: true },
    { message: "nextDueAt must be an ISO 8601 instant, e.g. 2026-12-02T09:00:00Z" },
  )
  nextDueAt?: string | null;

  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  @IsIdempotencyKey()
  idempotencyKey!: string;
}

@ArgsType()
export class EscalationsArgs {
  @Field(() => Int, { defaultValue: 25, description: `Page size, 1 to ${MAX_QUEUE_PAGE}` })
  @IsInt()
  @Min(1, { message: `first must be between 1 and ${MAX_QUEUE_PAGE}` })
  @Max(MAX_QUEUE_PAGE, { message: `first must be between 1 and ${MAX_QUEUE_PAGE}` })
  first!: number;

  @Field(() => String, { nullable: true, description: "endCursor of the previous page" })
  @IsOptional()
  @MaxLength(200, { message: "after must be an endCursor from an earlier page" })
  after?: string | null;

  @Field(() => TaskStatus, {
    defaultValue: TaskStatus.OPEN,
    description: "OPEN: waiting for a manager (default); IN_PROGRESS: taken; DONE: resolved",
  })
  @IsEnum(TaskStatus, { message: `status must be one of ${Object.values(TaskStatus).join(", ")}` })
  status!: TaskStatus;
}
