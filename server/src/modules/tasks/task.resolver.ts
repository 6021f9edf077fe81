import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import type { GraphQLContext } from "../../core/app/app-context.js";
import type { Page } from "../../core/graphql/cursor-page.js";
import { type TaskAssignedEvent, type TaskUpdatedEvent, Topic } from "../../core/pubsub/pubsub.js";
import { Loan } from "../loans/loan.types.js";
import { canSeeTask, wasTakenFrom } from "./task.access.js";
import { AssignTaskInput, CompleteTaskInput, ReassignTasksInput, StartTaskArgs } from "./task.inputs.js";
import type { TaskChange } from "./task.service.js";
import { Task, TaskConnection } from "./task.types.js";
import { TeamTasksArgs } from "./team-tasks.inputs.js";

/** Tells the audit middleware what the mutation changed, and answers with the task. */
function reported(ctx: GraphQLContext, change: TaskChange): Task {
  ctx.auditedChange = auditOf(change);
  return change.task;
}

const auditOf = (change: TaskChange) => ({
  entityType: "Task",
  entityId: change.task.id,
  before: change.before,
  after: change.after,
  replayed: change.replayed,
});

// Role and visibility rules live in the service, so that refusals pass the audit middleware.
@Resolver(() => Task)
export class TaskResolver {
  @Query(() => TaskConnection, {
    description:
      "Tasks to hand around: supervisors their team's, managers and admins every team's (or one's); agents are refused (they have myWorklist). Operational portfolios only, escalations left out (see escalations); unfinished ones unless filtered; most urgent first: priority, then due time",
  })
  teamTasks(@Args() args: TeamTasksArgs, @Ctx() ctx: GraphQLContext): Promise<Page<Task>> {
    return ctx.services.teamTasks.list(ctx.principal, args);
  }

  @Mutation(() => Task, { description: "Give a task to an agent; the agent is notified live" })
  async assignTask(@Arg("input") input: AssignTaskInput, @Ctx() ctx: GraphQLContext): Promise<Task> {
    return reported(ctx, await ctx.services.tasks.assign(ctx.principal, input));
  }

  @Mutation(() => [Task], {
    description:
      "Give several tasks to one agent at once (supervisors within their team, managers and admins any): all or " +
      "nothing; a refusal lists each task that cannot move in extensions.taskErrors",
  })
  async reassignTasks(@Arg("input") input: ReassignTasksInput, @Ctx() ctx: GraphQLContext): Promise<Task[]> {
    const changes = await ctx.services.tasks.reassignMany(ctx.principal, input);
    ctx.auditedChange = changes.map(auditOf);
    return changes.map((c) => c.task);
  }

  @Mutation(() => Task, {
    description: "Start work on an OPEN task (yours; your team's as a supervisor; any as a manager or admin)",
  })
  async startTask(@Args() args: StartTaskArgs, @Ctx() ctx: GraphQLContext): Promise<Task> {
    return reported(ctx, await ctx.services.tasks.start(ctx.principal, args));
  }

  @Mutation(() => Task, { description: "Close an IN_PROGRESS task with its outcome" })
  async completeTask(@Arg("input") input: CompleteTaskInput, @Ctx() ctx: GraphQLContext): Promise<Task> {
    return reported(ctx, await ctx.services.tasks.complete(ctx.principal, input));
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

  @Subscription(() => Task, {
    topics: Topic.TASK_UPDATED,
    // Only to those who may see the task (its assignee, its team's supervisor, managers and admins), and to
    // the agent it was just taken from, so that their worklist drops it.
    filter: ({ payload, context }: { payload: TaskUpdatedEvent; context: GraphQLContext }) =>
      canSeeTask(context.principal, payload) || wasTakenFrom(context.principal, payload),
    description:
      "Tasks the signed-in user may see that were started, completed or reassigned; and a task reassigned away " +
      "from the signed-in user, once, with assigneeId null (it is no longer theirs, and whose it is now is not " +
      "shown)",
  })
  async taskUpdated(@Root() event: TaskUpdatedEvent, @Ctx() ctx: GraphQLContext): Promise<Task> {
    return ctx.services.tasks.getTaskOfEvent(ctx.principal, event);
  }

  @FieldResolver(() => Loan)
  loan(@Root() task: Task, @Ctx() ctx: GraphQLContext): Promise<Loan> {
    return ctx.loaders.loanById.load(task.loanId);
  }
}
