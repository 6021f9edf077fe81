import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import type { GraphQLContext } from "../../app/graphql-context.js";
import { type TaskAssignedEvent, Topic } from "../../core/pubsub/pubsub.js";
import { Loan } from "../loans/loan.types.js";
import { AssignTaskInput, Task } from "./task.types.js";

@Resolver(() => Task)
export class TaskResolver {
  @Query(() => [Task], { description: "The signed-in user's open tasks, most urgent first" })
  myTasks(
    @Ctx() ctx: GraphQLContext,
    @Arg("take", () => Int, { defaultValue: 50 }) take: number,
  ): Promise<Task[]> {
    return ctx.services.tasks.myWorklist(ctx.principal, take);
  }

  // The role rule lives in the service (agents are refused there), so the refusal passes the audit middleware.
  @Mutation(() => Task, { description: "Give a task to an agent; the agent is notified live" })
  assignTask(@Arg("input") input: AssignTaskInput, @Ctx() ctx: GraphQLContext): Promise<Task> {
    return ctx.services.tasks.assign(ctx.principal, input.taskId, input.assigneeId);
  }

  @Subscription(() => Task, {
    topics: Topic.TASK_ASSIGNED,
    // Each agent hears only about work given to them.
    filter: ({ payload, context }: { payload: TaskAssignedEvent; context: GraphQLContext }) =>
      payload.assigneeId === context.principal.userId,
    description: "Tasks newly assigned to the signed-in user",
  })
  async taskAssigned(@Root() event: TaskAssignedEvent, @Ctx() ctx: GraphQLContext): Promise<Task> {
    return ctx.services.tasks.getOwnTask(ctx.principal, event.taskId);
  }

  @FieldResolver(() => Loan)
  loan(@Root() task: Task, @Ctx() ctx: GraphQLContext): Promise<Loan> {
    return ctx.loaders.loanById.load(task.loanId);
  }
}
