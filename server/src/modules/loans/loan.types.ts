import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { DelinquencyBucket, LoanStatus, PortfolioKind, ProductType } from "../../generated/prisma/enums.js";
import type { BorrowerContactProfile } from "../recommendations/contact-rules.js";

registerEnumType(ProductType, { name: "ProductType" });
registerEnumType(LoanStatus, { name: "LoanStatus" });
registerEnumType(PortfolioKind, {
  name: "PortfolioKind",
  description:
    "OPERATIONAL: cases people work. REFERENCE: data kept for training and benchmarks, never worked",
});
registerEnumType(DelinquencyBucket, {
  name: "DelinquencyBucket",
  description: "Days past due on the oldest unpaid amount: 0, 1-14, 15-29, 30-59, 60-89, 90+",
});

@ObjectType()
export class Portfolio {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: "Where the data came from: a public data set, synthetic, or a lender's upload" })
  source!: string;

  @Field(() => PortfolioKind, {
    description: "Whether its loans are worked (OPERATIONAL) or kept for training",
  })
  kind!: PortfolioKind;

  @Field({ description: "The day every figure of this portfolio is computed as of (YYYY-MM-DD)" })
  asOfDate!: string;
}

@ObjectType()
export class Borrower {
  @Field(() => ID)
  id!: string;

  @Field()
  externalKey!: string;

  @Field(() => String, { nullable: true })
  fullName!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field({ description: "IANA time zone of the borrower" })
  timeZone!: string;

  @Field(() => String, { nullable: true })
  segment!: string | null;

  @Field(() => String, { nullable: true })
  employmentStatus!: string | null;

  @Field(() => String, { nullable: true, description: "Decimal string" })
  annualIncome!: string | null;

  @Field(() => [String], {
    description:
      "Why contact is restricted: DO_NOT_CONTACT, DISPUTE, BANKRUPTCY, DECEASED, LEGAL_HOLD, OPT_OUT_<CHANNEL>",
  })
  contactRestrictions!: string[];

  /** The flags the contact rules check (not a GraphQL field: clients read contactRestrictions). */
  contactProfile!: BorrowerContactProfile;
}

@ObjectType()
export class Loan {
  @Field(() => ID)
  id!: string;

  @Field()
  externalKey!: string;

  @Field(() => ProductType)
  productType!: ProductType;

  @Field(() => LoanStatus)
  status!: LoanStatus;

  @Field(() => String, { nullable: true, description: "Decimal string" })
  principal!: string | null;

  @Field(() => String, { nullable: true, description: "Decimal string (revolving accounts)" })
  creditLimit!: string | null;

  @Field(() => String, { nullable: true, description: "Annual rate in percent, decimal string" })
  interestRate!: string | null;

  @Field(() => Int, { nullable: true })
  termMonths!: number | null;

  @Field(() => String, { nullable: true, description: "Decimal string" })
  outstandingBalance!: string | null;

  @Field()
  currency!: string;

  @Field(() => String, { nullable: true })
  grade!: string | null;

  @Field(() => String, { nullable: true })
  purpose!: string | null;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD" })
  openedOn!: string | null;

  @Field(() => Int)
  currentDpd!: number;

  @Field(() => DelinquencyBucket)
  bucket!: DelinquencyBucket;

  borrowerId!: string;
  portfolioId!: string;
}

@ObjectType()
export class LoanPage {
  @Field(() => [Loan])
  items!: Loan[];

  @Field(() => Int)
  total!: number;
}
