import { IsEnum, IsInt, IsOptional, IsUUID, Length, Max, Min } from "class-validator";
import { Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { DelinquencyBucket, LoanStatus, ProductType, RiskTier } from "../../generated/prisma/enums.js";
import { MAX_SEARCH, MIN_NAME_SEARCH, MIN_SEARCH } from "./loan-search.js";
import { LoanSortField, SortDirection } from "./loan-sort.js";
import "./loan.types.js"; // registers RiskTier with GraphQL

registerEnumType(LoanSortField, {
  name: "LoanSortField",
  valuesConfig: {
    DAYS_PAST_DUE: { description: "Days past due on the oldest unpaid amount" },
    BALANCE: { description: "Outstanding balance (loans without one come last)" },
    AMOUNT_OVERDUE: {
      description: "Amount due before the portfolio's as-of date and not paid by then (arrears)",
    },
    LATEST_SCORE: { description: "Probability of default of the latest score (unscored loans come last)" },
  },
});

registerEnumType(SortDirection, { name: "SortDirection" });

const oneOf = (name: string, values: object) => `${name} must be one of ${Object.values(values).join(", ")}`;

@InputType({ description: "Narrows the loan list; every condition given must hold" })
export class LoanFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID("all", { message: "portfolioId must be a portfolio id (UUID)" })
  portfolioId?: string | null;

  @Field(() => [DelinquencyBucket], { nullable: true, description: "Any of these buckets" })
  @IsOptional()
  @IsEnum(DelinquencyBucket, { each: true, message: oneOf("buckets", DelinquencyBucket) })
  buckets?: DelinquencyBucket[] | null;

  @Field(() => [RiskTier], { nullable: true, description: "Any of these tiers, of the latest score" })
  @IsOptional()
  @IsEnum(RiskTier, { each: true, message: oneOf("tiers", RiskTier) })
  tiers?: RiskTier[] | null;

  @Field(() => LoanStatus, { nullable: true })
  @IsOptional()
  @IsEnum(LoanStatus, { message: oneOf("status", LoanStatus) })
  status?: LoanStatus | null;

  @Field(() => ID, { nullable: true, description: "Loans whose open task is assigned to this user" })
  @IsOptional()
  @IsUUID("all", { message: "assigneeId must be a user id (UUID)" })
  assigneeId?: string | null;

  @Field(() => Int, { nullable: true, description: "At least this many days past due" })
  @IsOptional()
  @IsInt({ message: "minDaysPastDue must be a whole number of days" })
  @Min(0, { message: "minDaysPastDue must be 0 or more" })
  @Max(100_000, { message: "minDaysPastDue must be at most 100000" })
  minDaysPastDue?: number | null;

  @Field(() => ProductType, { nullable: true })
  @IsOptional()
  @IsEnum(ProductType, { message: oneOf("productType", ProductType) })
  productType?: ProductType | null;

  @Field(() => String, {
    nullable: true,
    description: `The loan's or the borrower's reference (its beginning, any case) or the borrower's name (any part, any case, from ${MIN_NAME_SEARCH} characters); ${MIN_SEARCH} to ${MAX_SEARCH} characters`,
  })
  @IsOptional()
  @Length(MIN_SEARCH, MAX_SEARCH, {
    message: `search must have ${MIN_SEARCH} to ${MAX_SEARCH} characters (a loan or borrower reference, or a name)`,
  })
  search?: string | null;
}

@InputType({ description: "The loan list's order; ties are broken by loan id, in the same direction" })
export class LoanSort {
  @Field(() => LoanSortField, { defaultValue: LoanSortField.DAYS_PAST_DUE })
  @IsEnum(LoanSortField, { message: oneOf("sort.field", LoanSortField) })
  field!: LoanSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
  @IsEnum(SortDirection, { message: oneOf("sort.direction", SortDirection) })
  direction!: SortDirection;
}

export { LoanSortField, SortDirection };
