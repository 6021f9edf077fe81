import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../../core/graphql/connection.js";
import {
  CommunicationChannel,
  DelinquencyBucket,
  LoanStatus,
  PortfolioKind,
  ProductType,
  RiskTier,
} from "../../generated/prisma/enums.js";
import "../contact-rules/channel.graphql-enum.js"; // registers CommunicationChannel with GraphQL
import type { BorrowerContactProfile } from "../contact-rules/contact-rules.js";

registerEnumType(ProductType, { name: "ProductType" });
registerEnumType(LoanStatus, { name: "LoanStatus" });
registerEnumType(PortfolioKind, {
  name: "PortfolioKind",
  description:
    "OPERATIONAL: cases people work. REFERENCE: data kept for training and benchmarks, never worked",
});
// A loan's risk band, by which loan lists and worklists filter; scores carry it.
registerEnumType(RiskTier, {
  name: "RiskTier",
  description:
    "Risk band from the model card's probability cut-offs; IN_DEFAULT for a loan already 90+ days past due (its default has happened: probability 1, worked on its propensity to pay)",
  valuesConfig: {
    IN_DEFAULT: {
      description:
        "90+ days past due: the event the probability of default predicts has happened. The PD model is not asked; the probability is 1 and the propensity to pay is the score to work on",
    },
  },
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

@ObjectType({ description: "Why and how a borrower may not be contacted (the contact rules read these)" })
export class ContactFlags {
  @Field()
  doNotContact!: boolean;

  @Field({ description: "The borrower disputes the debt" })
  dispute!: boolean;

  @Field()
  bankruptcy!: boolean;

  @Field()
  deceased!: boolean;

  @Field()
  legalHold!: boolean;

  @Field(() => [CommunicationChannel], { description: "Channels the borrower opted out of" })
  optedOutChannels!: CommunicationChannel[];
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
  addressLine!: string | null;

  @Field(() => String, { nullable: true })
  city!: string | null;

  @Field(() => String, { nullable: true })
  region!: string | null;

  @Field(() => String, { nullable: true })
  postalCode!: string | null;

  @Field(() => String, { nullable: true })
  country!: string | null;

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

  @Field(() => ContactFlags)
  contactFlags!: ContactFlags;

  /** The flags the contact rules check (not a GraphQL field: clients read contactFlags). */
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

@ObjectType({ description: "A period a loan spent in one delinquency bucket" })
export class BucketPeriod {
  @Field(() => DelinquencyBucket)
  bucket!: DelinquencyBucket;

  @Field({ description: "YYYY-MM-DD" })
  enteredOn!: string;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD (null: still in it)" })
  leftOn!: string | null;
}

/** A page of loans (Relay-style: edges, nodes, pageInfo, totalCount). */
@ObjectType()
export class LoanConnection extends Connection(Loan, "Loan") {}
