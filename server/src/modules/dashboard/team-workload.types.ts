import { Max, Min } from "class-validator";
import { ArgsType, Field, Float, ID, Int, ObjectType } from "type-graphql";
import { IsOptionalId } from "./dashboard.inputs.js";

@ArgsType()
export class TeamWorkloadArgs {
  @Field(() => ID, {
    nullable: true,
    description: "Supervisors: their own team (the default). Managers and admins: one team, or every agent",
  })
  @IsOptionalId("teamId", "a team")
  teamId?: string | null;

  @Field(() => Int, {
    defaultValue: 30,
    description: "Promises logged in this many business days, today included",
  })
  @Min(1, { message: "promiseDays must be between 1 and 365" })
  @Max(365, { message: "promiseDays must be between 1 and 365" })
  promiseDays!: number;
}

@ObjectType({ description: "One active agent's work" })
export class AgentWorkload {
  @Field(() => ID)
  agentId!: string;

  @Field()
  displayName!: string;

  @Field(() => ID, { nullable: true })
  teamId!: string | null;

  @Field(() => String, { nullable: true })
  teamName!: string | null;

  @Field(() => Int, { description: "Open tasks the assignment job may give the agent at once" })
  capacity!: number;

  @Field(() => Int, { description: "Tasks not started yet" })
  open!: number;

  @Field(() => Int)
  inProgress!: number;

  @Field(() => Int, { description: "Open or in-progress tasks past their due time" })
  overdue!: number;

  @Field(() => Float, {
    description: "(open + inProgress) / capacity (null with no capacity)",
    nullable: true,
  })
  load!: number | null;

  @Field(() => Int, { description: "Tasks finished since midnight in the business time zone" })
  doneToday!: number;

  @Field(() => Int, { description: "Promises to pay the agent logged in the window" })
  promisesLogged!: number;

  @Field(() => Int, { description: "Of those, kept" })
  promisesKept!: number;

  @Field(() => Int, { description: "Of those, broken" })
  promisesBroken!: number;

  @Field(() => Float, { nullable: true, description: "kept / (kept + broken); null before any is resolved" })
  promiseKeptRate!: number | null;
}

@ObjectType({ description: "Per agent: tasks, capacity, work done today and promises" })
export class TeamWorkload {
  @Field(() => ID, { nullable: true, description: "The team (null: every agent, for a manager or admin)" })
  teamId!: string | null;

  @Field({ description: "The business time zone (BUSINESS_TIME_ZONE) that 'today' is counted in" })
  businessTimeZone!: string;

  @Field({ description: "Midnight today in the business time zone, as an instant" })
  todayStartsAt!: string;

  @Field({ description: "Start of the promise window (midnight, promiseDays - 1 days ago)" })
  promisesSince!: string;

  @Field(() => [AgentWorkload], { description: "By team, then name" })
  agents!: AgentWorkload[];
}
