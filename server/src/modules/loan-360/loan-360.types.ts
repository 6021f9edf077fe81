import { ObjectType } from "type-graphql";
import { Connection } from "../../core/graphql/connection.js";
import { Contact } from "../communications/contact.types.js";
import { BucketPeriod } from "../loans/loan.types.js";
import { Instalment, Payment } from "../payments/payment.types.js";
import { Recommendation } from "../recommendations/recommendation.types.js";
import { RiskScore } from "../scoring/risk-score.types.js";

// The pages of the loan list and of the 360 views (Relay-style: edges, nodes, pageInfo, totalCount).

@ObjectType()
export class InstalmentConnection extends Connection(Instalment, "Instalment") {}

@ObjectType()
export class PaymentConnection extends Connection(Payment, "Payment") {}

@ObjectType()
export class ContactConnection extends Connection(Contact, "Contact") {}

@ObjectType()
export class RiskScoreConnection extends Connection(RiskScore, "RiskScore") {}

@ObjectType()
export class BucketPeriodConnection extends Connection(BucketPeriod, "BucketPeriod") {}

@ObjectType()
export class RecommendationConnection extends Connection(Recommendation, "Recommendation") {}

// Defined with the task types (the team's task list pages them too).
export { TaskConnection } from "../tasks/task.types.js";
