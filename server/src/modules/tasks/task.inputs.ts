import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsEnum,
  IsOptional,
  IsUUID,
  MaxLength,
} from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { IDEMPOTENCY_KEY_DESCRIPTION, IsIdempotencyKey } from "../../core/idempotency/idempotency-key.js";
import { TaskOutcome } from "../../generated/prisma/enums.js";

export const MAX_NOTE_LENGTH = 2000;

const IsTaskId = () => IsUUID("all", { message: "taskId must be a task id (UUID)" });

@InputType()
export class AssignTaskInput {
  @Field(() => ID)
  @IsTaskId()
  taskId!: string;

  @Field(() => ID)
  @IsUUID("all", { message: "assigneeId must be a user id (UUID)" })
  assigneeId!: string;

  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  @IsIdempotencyKey()
  idempotencyKey!: string;
}

@ArgsType()
export class StartTaskArgs {
  @Field(() => ID)
  @IsTaskId()
  taskId!: string;

  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  @IsIdempotencyKey()
  idempotencyKey!: string;
}

@InputType()
export class CompleteTaskInput {
  @Field(() => ID)
  @IsTaskId()
  taskId!: string;

  @Field(() => TaskOutcome)
  @IsEnum(TaskOutcome, {
    message: `outcome must be one of ${Object.values(TaskOutcome).join(", ")}`,
  })
  outcome!: TaskOutcome;

  @Field(() => String, {
    nullable: true,
    description: `What happened, in words (at most ${MAX_NOTE_LENGTH} characters)`,
  })
  @IsOptional()
  @MaxLength(MAX_NOTE_LENGTH, { message: `note must be at most ${MAX_NOTE_LENGTH} characters` })
  note?: string | null;

  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  @IsIdempotencyKey()
  idempotencyKey!: string;
}

/** Most tasks one reassignTasks call moves: a supervisor's rebalancing of an absent agent's worklist. */
export const MAX_REASSIGN = 200;

@InputType()
export class ReassignTasksInput {
  @Field(() => [ID], { description: `The tasks to move (1 to ${MAX_REASSIGN}, each once)` })
  @ArrayNotEmpty({ message: "taskIds must name at least one task" })
  @ArrayMaxSize(MAX_REASSIGN, {
    message: `taskIds may name at most ${MAX_REASSIGN} tasks: send several calls`,
  })
  @ArrayUnique({ message: "taskIds must not repeat a task" })
  @IsUUID("all", { each: true, message: "taskIds must all be task ids (UUID)" })
  taskIds!: string[];

  @Field(() => ID)
  @IsUUID("all", { message: "assigneeId must be a user id (UUID)" })
  assigneeId!: string;

  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  @IsIdempotencyKey()
  idempotencyKey!: string;
}
