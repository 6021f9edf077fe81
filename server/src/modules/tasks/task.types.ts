import { IsUUID } from "class-validator";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { ActionType, TaskStatus } from "../../generated/prisma/enums.js";

registerEnumType(ActionType, { name: "ActionType", description: "What the collector should do next" });
registerEnumType(TaskStatus, { name: "TaskStatus" });

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

  loanId!: string;
}

@InputType()
export class AssignTaskInput {
  @Field(() => ID)
  @IsUUID("all", { message: "taskId must be a task id (UUID)" })
  taskId!: string;

  @Field(() => ID)
  @IsUUID("all", { message: "assigneeId must be a user id (UUID)" })
  assigneeId!: string;
}
