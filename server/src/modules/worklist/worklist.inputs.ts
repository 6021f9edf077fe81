import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from "class-validator";
import { ArgsType, Field, InputType, Int } from "type-graphql";
import { ActionType, DelinquencyBucket, RiskTier, TaskStatus } from "../../generated/prisma/enums.js";

export const MAX_WORKLIST_PAGE = 100;
export const DEFAULT_WORKLIST_PAGE = 50;

/** The states a worklist holds: work not yet finished. */
export const WORKLIST_STATUSES = [TaskStatus.OPEN, TaskStatus.IN_PROGRESS] as const;

const ISO = { strict: true, strictSeparator: true } as const;
const oneOf = (field: string, values: readonly string[]) =>
  `each of ${field} must be one of ${values.join(", ")}`;

@InputType({ description: "Narrows the worklist; every condition given must hold (none: all my open work)" })
export class WorklistFilter {
  @Field(() => [DelinquencyBucket], {
    nullable: true,
    description: "The loan's current bucket is one of these",
  })
  @IsOptional()
  @ArrayMinSize(1, { message: "buckets must name at least one bucket, or be left out" })
  @ArrayMaxSize(Object.values(DelinquencyBucket).length)
  @IsEnum(DelinquencyBucket, { each: true, message: oneOf("buckets", Object.values(DelinquencyBucket)) })
  buckets?: DelinquencyBucket[] | null;

  @Field(() => [RiskTier], { nullable: true, description: "The loan's latest score's tier is one of these" })
  @IsOptional()
  @ArrayMinSize(1, { message: "tiers must name at least one tier, or be left out" })
  @ArrayMaxSize(Object.values(RiskTier).length)
  @IsEnum(RiskTier, { each: true, message: oneOf("tiers", Object.values(RiskTier)) })
  tiers?: RiskTier[] | null;

  @Field(() => [ActionType], { nullable: true, description: "The task's action is one of these" })
  @IsOptional()
  @ArrayMinSize(1, { message: "actions must name at least one action, or be left out" })
  @ArrayMaxSize(Object.values(ActionType).length)
  @IsEnum(ActionType, { each: true, message: oneOf("actions", Object.values(ActionType)) })
  actions?: ActionType[] | null;

  @Field(() => [TaskStatus], {
    nullable: true,
    description: "OPEN, IN_PROGRESS or both (the default): finished and cancelled tasks are not work",
  })
  @IsOptional()
  @ArrayMinSize(1, { message: "statuses must name at least one status, or be left out" })
  @ArrayMaxSize(WORKLIST_STATUSES.length)
  @IsIn(WORKLIST_STATUSES, {
    each: true,
    message: "each of statuses must be OPEN or IN_PROGRESS: the worklist holds unfinished tasks only",
  })
  statuses?: TaskStatus[] | null;

  @Field(() => String, { nullable: true, description: "Due at or after this ISO 8601 instant" })
  @IsOptional()
  @IsISO8601(ISO, { message: "dueFrom must be an ISO 8601 instant, e.g. 2026-12-01T00:00:00Z" })
  dueFrom?: string | null;

  @Field(() => String, { nullable: true, description: "Due before this ISO 8601 instant (exclusive)" })
  @IsOptional()
  @IsISO8601(ISO, { message: "dueBefore must be an ISO 8601 instant, e.g. 2026-12-02T00:00:00Z" })
  dueBefore?: string | null;
}

@ArgsType()
export class WorklistArgs {
  @Field(() => Int, {
    defaultValue: DEFAULT_WORKLIST_PAGE,
    description: `How many tasks to return (1 to ${MAX_WORKLIST_PAGE})`,
  })
  @IsInt()
  @Min(1, { message: `first must be between 1 and ${MAX_WORKLIST_PAGE}` })
  @Max(MAX_WORKLIST_PAGE, { message: `first must be between 1 and ${MAX_WORKLIST_PAGE}` })
  first!: number;

  @Field(() => String, {
    nullable: true,
    description: "Continue after this cursor (an edge's cursor or the previous page's pageInfo.endCursor)",
  })
  @IsOptional()
  @MaxLength(200, { message: "after must be a cursor from myWorklist (at most 200 characters)" })
  after?: string | null;

  @Field(() => WorklistFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: WorklistFilter | null;
}
