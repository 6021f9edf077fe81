import { Max, Min } from "class-validator";
import { ArgsType, Field, Float, ID, Int, ObjectType } from "type-graphql";
import { DelinquencyBucket, RiskTier } from "../../generated/prisma/enums.js";
import { IsOptionalId } from "./dashboard.inputs.js";

@ArgsType()
export class PortfolioSummaryArgs {
  @Field(() => ID, { nullable: true, description: "One operational portfolio (default: all in your scope)" })
  @IsOptionalId("portfolioId", "a portfolio")
  portfolioId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "One team's loans (supervisors: always their own team; default for managers: every team)",
  })
  @IsOptionalId("teamId", "a team")
  teamId?: string | null;

  @Field(() => Int, { defaultValue: 6, description: "Calendar months of history, the as-of month included" })
  @Min(1, { message: "months must be between 1 and 24" })
  @Max(24, { message: "months must be between 1 and 24" })
  months!: number;

  @Field(() => Int, { defaultValue: 10, description: "How many of the riskiest borrowers to list" })
  @Min(1, { message: "top must be between 1 and 50" })
  @Max(50, { message: "top must be between 1 and 50" })
  top!: number;
}

@ObjectType({ description: "Open loans of one delinquency bucket and risk tier" })
export class BucketTierCell {
  @Field(() => DelinquencyBucket)
  bucket!: DelinquencyBucket;

  @Field(() => RiskTier, { nullable: true, description: "The latest score's tier (null: not scored yet)" })
  tier!: RiskTier | null;

  @Field(() => Int)
  loans!: number;

  @Field(() => Float, { description: "Outstanding balance of these loans" })
  balance!: number;
}

@ObjectType({
  description: "One calendar month: money due and received, and how loans moved between buckets",
})
export class MonthFigures {
  @Field({ description: "YYYY-MM" })
  month!: string;

  @Field(() => Float, { description: "Amounts that fell due in the month (up to the as-of date)" })
  due!: number;

  @Field(() => Float, { description: "Payments received in the month that still stand (not reversed)" })
  collected!: number;

  @Field(() => Float, { nullable: true, description: "collected / due (null when nothing fell due)" })
  collectionRate!: number | null;

  @Field(() => Int, { description: "Loans with a bucket at both the month's start and its end" })
  loansTracked!: number;

  @Field(() => Float, {
    nullable: true,
    description: "Of the loans delinquent at the month's start, the share current at its end",
  })
  cureRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "Of the loans not in the worst bucket at the month's start, the share in a worse one at its end",
  })
  rollForwardRate!: number | null;
}

@ObjectType({ description: "Loan-months that started in one bucket and ended in another" })
export class BucketTransition {
  @Field(() => DelinquencyBucket)
  fromBucket!: DelinquencyBucket;

  @Field(() => DelinquencyBucket)
  toBucket!: DelinquencyBucket;

  @Field(() => Int)
  loans!: number;

  @Field(() => Float, { description: "Share of the loan-months that started in fromBucket" })
  rate!: number;
}

@ObjectType({ description: "Month-on-month bucket transitions over the summary's months" })
export class RollRates {
  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field(() => Float, { nullable: true, description: "Share of delinquent loan-months that ended current" })
  cureRate!: number | null;

  @Field(() => [BucketTransition], { description: "Non-empty transitions, by from and to bucket" })
  transitions!: BucketTransition[];
}

@ObjectType({ description: "A borrower among the riskiest of the scope, with their riskiest open loan" })
export class RiskyBorrower {
  @Field(() => ID)
  borrowerId!: string;

  @Field(() => String, { nullable: true })
  borrowerName!: string | null;

  @Field(() => ID)
  loanId!: string;

  @Field()
  loanExternalKey!: string;

  @Field(() => Float, { description: "The loan's latest probability of default" })
  probability!: number;

  @Field(() => RiskTier)
  tier!: RiskTier;

  @Field(() => DelinquencyBucket)
  bucket!: DelinquencyBucket;

  @Field(() => Int)
  daysPastDue!: number;

  @Field(() => Float, { description: "What the loan has overdue on its portfolio's as-of date" })
  amountOverdue!: number;
}

@ObjectType({ description: "Promises to pay falling due in the summary's months, by state" })
export class PromiseFigures {
  @Field(() => Int)
  pending!: number;

  @Field(() => Int)
  kept!: number;

  @Field(() => Int)
  broken!: number;

  @Field(() => Int)
  cancelled!: number;

  @Field(() => Float, { nullable: true, description: "kept / (kept + broken); null before any is resolved" })
  keptRate!: number | null;
}

@ObjectType({ description: "Portfolio health over the caller's scope (operational portfolios only)" })
export class PortfolioSummary {
  @Field(() => String, { nullable: true, description: "The latest as-of date of the loans' portfolios" })
  asOfDate!: string | null;

  @Field(() => String, { nullable: true, description: "First day of the first month covered" })
  from!: string | null;

  @Field(() => Int, { description: "Open (not closed) loans" })
  openLoans!: number;

  @Field(() => Float, { description: "Their outstanding balance" })
  balance!: number;

  @Field(() => [BucketTierCell])
  byBucketAndTier!: BucketTierCell[];

  @Field(() => [MonthFigures], { description: "Oldest month first" })
  months!: MonthFigures[];

  @Field(() => RollRates, { nullable: true, description: "Null when the scope has no loans" })
  rollRates!: RollRates | null;

  @Field(() => [RiskyBorrower], { description: "Riskiest first, by their loans' latest scores" })
  topRiskyBorrowers!: RiskyBorrower[];

  @Field(() => PromiseFigures)
  promises!: PromiseFigures;
}
