import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsOptional,
  IsUUID,
  ValidateNested,
} from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";
import { PageArgs } from "../../core/graphql/connection.js";
import { ActionType, DelinquencyBucket, RiskTier, TaskStatus } from "../../generated/prisma/enums.js";
import { UNFINISHED } from "./team-tasks.repository.js";

const oneOf = (field: string, values: readonly string[]) =>
  `each of ${field} must be one of ${values.join(", ")}`;

/** Lists of enum values: present means at least one (leave the field out for any). */
function EnumList(field: string, values: Record<string, string>): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    ArrayMinSize(1, { message: `${field} must name at least one value, or be left out` })(target, key);
    ArrayMaxSize(Object.values(values).length)(target, key);
    IsEnum(values, { each: true, message: oneOf(field, Object.values(values)) })(target, key);
  };
}

@InputType({ description: "Narrows the team's task list; every condition given must hold" })
export class TeamTaskFilter {
  @Field(() => ID, {
    nullable: true,
    description: "One team (supervisors: only their own, the default; managers and admins: any, default all)",
  })
  @IsOptional()
  @IsUUID("all", { message: "teamId must be a team id (UUID)" })
  teamId?: string | null;

  @Field(() => ID, { nullable: true, description: "Tasks assigned to this agent" })
  @IsOptional()
  @IsUUID("all", { message: "assigneeId must be a user id (UUID)" })
  assigneeId?: string | null;

  @Field(() => Boolean, { nullable: true, description: "true: only tasks assigned to nobody" })
  @IsOptional()
  @IsBoolean({ message: "unassigned must be true or false" })
  unassigned?: boolean | null;

  @Field(() => [TaskStatus], {
    nullable: true,
    description: `Any of these (default ${UNFINISHED.join(" and ")}: the work still to do)`,
  })
  @EnumList("statuses", TaskStatus)
  statuses?: TaskStatus[] | null;

  @Field(() => [ActionType], { nullable: true, description: "The task's action is one of these" })
  @EnumList("actions", ActionType)
  actions?: ActionType[] | null;

  @Field(() => [DelinquencyBucket], {
    nullable: true,
    description: "The loan's current bucket is one of these",
  })
  @EnumList("buckets", DelinquencyBucket)
  buckets?: DelinquencyBucket[] | null;

  @Field(() => [RiskTier], { nullable: true, description: "The loan's latest score's tier is one of these" })
  @EnumList("tiers", RiskTier)
  tiers?: RiskTier[] | null;

  @Field(() => Boolean, { nullable: true, description: "true: only unfinished tasks past their due time" })
  @IsOptional()
  @IsBoolean({ message: "overdue must be true or false" })
  overdue?: boolean | null;
}

@ArgsType()
export class TeamTasksArgs extends PageArgs {
  @Field(() => TeamTaskFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: TeamTaskFilter | null;
}
