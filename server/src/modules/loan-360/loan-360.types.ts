import { ObjectType } from "type-graphql";
import { Connection } from "../../core/graphql/connection.js";
import { Contact } from "../communications/contact.types.js";
import { BucketPeriod } from "../loans/loan.types.js";
import { Instalment, Payment } from "../payments/payment.types.js";
import { Recommendation } from "../recommendations/recommendation.types.js";
import { RiskScore } from "../scoring/risk-score.types.js";
import { Task } from "../tasks/task.types.js";

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

@ObjectType()
export class TaskConnection extends Connection(Task, "Task") {}
