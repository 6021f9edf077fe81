import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { IDEMPOTENCY_KEY_DESCRIPTION, IsIdempotencyKey } from "../../core/idempotency/idempotency-key.js";
import { calendarDay, moneyText, Satisfies } from "../../core/validation/domain-values.js";
import { ArrangementKind, PromiseStatus } from "../../generated/prisma/enums.js";

export const MAX_PROMISE_PAGE = 200;
export const MAX_INSTALMENTS = 60;

/** A positive amount as a decimal string with at most two decimals ("150", "150.5", "150.50"). */
const IsAmount = () => Satisfies(moneyText("positive"), "isAmount");

/** A calendar day YYYY-MM-DD that exists (no 31 April). */
const IsDay = () => Satisfies(calendarDay(), "isDay");

const IsLoanId = () => IsUUID("all", { message: "loanId must be a loan id (UUID)" });
const IsCommunicationId = () =>
  IsUUID("all", { message: "communicationId must be the id (UUID) of the contact the promise came from" });

@InputType()
export class LogPromiseInput {
  @Field(() => ID)
  @IsLoanId()
  loanId!: string;

  @Field({ description: 'Decimal string above zero, at most two decimals, not above the balance ("150.00")' })
  @IsAmount()
  amount!: string;

  @Field({ description: "YYYY-MM-DD: today or later, within the configured horizon (PROMISE_HORIZON_DAYS)" })
  @IsDay()
  promisedDate!: string;

  @Field(() => ID, { nullable: true, description: "The contact the promise was made in" })
  @IsOptional()
  @IsCommunicationId()
  communicationId?: string | null;

  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  @IsIdempotencyKey()
  idempotencyKey!: string;
}

@ArgsType()
export class CancelPromiseArgs {
  @Field(() => ID)
  @IsUUID("all", { message: "promiseId must be a promise id (UUID)" })
  promiseId!: string;

  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  @IsIdempotencyKey()
  idempotencyKey!: string;
}

@InputType({ description: "Which promises to list; every condition given must hold" })
export class PromiseFilter {
  @Field(() => [PromiseStatus], { nullable: true })
  @IsOptional()
  @IsIn(Object.values(PromiseStatus), {
    each: true,
    message: `status must be among ${Object.values(PromiseStatus).join(", ")}`,
  })
  status?: PromiseStatus[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsLoanId()
  loanId?: string | null;

  @Field({ nullable: true, description: "Promised on or after this day (YYYY-MM-DD)" })
  @IsOptional()
  @IsDay()
  dueFrom?: string;

  @Field({ nullable: true, description: "Promised on or before this day (YYYY-MM-DD)" })
  @IsOptional()
  @IsDay()
  dueTo?: string;

  @Field(() => ID, { nullable: true, description: "Loans worked by this team (within your own scope)" })
  @IsOptional()
  @IsUUID("all", { message: "teamId must be a team id (UUID)" })
  teamId?: string | null;

  @Field(() => ID, { nullable: true, description: "Loans worked by this agent (within your own scope)" })
  @IsOptional()
  @IsUUID("all", { message: "assigneeId must be a user id (UUID)" })
  assigneeId?: string | null;
}

@ArgsType()
export class PromisesArgs {
  @Field(() => PromiseFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  filter?: PromiseFilter | null;

  @Field(() => Int, { defaultValue: 50, description: `Page size, 1 to ${MAX_PROMISE_PAGE}` })
  @IsInt()
  @Min(1, { message: `first must be between 1 and ${MAX_PROMISE_PAGE}` })
  @Max(MAX_PROMISE_PAGE, { message: `first must be between 1 and ${MAX_PROMISE_PAGE}` })
  first!: number;

  @Field(() => String, { nullable: true, description: "The endCursor of the previous page" })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/, { message: "after must be an endCursor returned by promises" })
  after?: string | null;
}

@InputType()
export class InstalmentInput {
  @Field({ description: 'Decimal string above zero, at most two decimals ("150.00")' })
  @IsAmount()
  amount!: string;

  @Field({ description: "YYYY-MM-DD" })
  @IsDay()
  dueDate!: string;
}

@InputType({ description: "A payment plan (several instalments) or a settlement (one payment)" })
export class RecordArrangementInput {
  @Field(() => ID)
  @IsLoanId()
  loanId!: string;

  @Field(() => ArrangementKind)
  @IsEnum(ArrangementKind, { message: `kind must be one of ${Object.values(ArrangementKind).join(", ")}` })
  kind!: ArrangementKind;

  @Field(() => [InstalmentInput], {
    description:
      "In date order, each later than the one before, from today to the configured horizon " +
      "(ARRANGEMENT_HORIZON_DAYS); a settlement has exactly one",
  })
  @ArrayMinSize(1, { message: "instalments must list at least one amount and date" })
  @ArrayMaxSize(MAX_INSTALMENTS, { message: `instalments may list at most ${MAX_INSTALMENTS} payments` })
  @ValidateNested({ each: true })
  instalments!: InstalmentInput[];

  @Field(() => ID, { nullable: true, description: "The contact the arrangement was agreed in" })
  @IsOptional()
  @IsCommunicationId()
  communicationId?: string | null;

  @Field({ description: IDEMPOTENCY_KEY_DESCRIPTION })
  @IsIdempotencyKey()
  idempotencyKey!: string;
}
