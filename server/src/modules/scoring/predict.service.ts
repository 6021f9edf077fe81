import type { AuditService } from "../../core/audit/audit.service.js";
import type { Principal } from "../../core/auth/principal.js";
import { pastContacts } from "../contact-rules/contact-rules.js";
import { overdueForScoring } from "../features/collection-outcomes.js";
import { daysPastDue } from "../features/days-past-due.js";
import type { FeatureService } from "../features/feature.service.js";
import type { FeatureVector } from "../features/feature-catalogue.js";
import { arrangementCondition, latestPromiseState, type PromiseRule } from "../features/promise-status.js";
import type { PolicyService } from "../recommendations/policy.service.js";
import type { CollectionScorer } from "./collection-scoring.js";
import { decideLoans } from "./loan-decision.js";
import type { PredictRequest, VectorRequest } from "./predict.schema.js";
import type { ScoringService } from "./scoring.service.js";

/**
 * `POST /predict` for external scorers: a feature vector or a loan history in, probability of default, tier,
 * bucket, the recommended action and its reasons out. Nothing about the loan is stored; the call is audited
 * without personal data.
 */
export class PredictService {
  constructor(
    private readonly scoring: ScoringService,
    private readonly features: FeatureService,
    private readonly policies: PolicyService,
    private readonly audit: AuditService,
    private readonly promiseRule: PromiseRule,
    private readonly propensity?: CollectionScorer,
  ) {}

  async predict(request: PredictRequest, actor: Principal, requestId: string, now = new Date()) {
    const history = "history" in request ? this.features.checkedHistory(request.history) : null;
    const vector: FeatureVector = history
      ? this.features.forHistory(history)
      : ((request as VectorRequest).features as FeatureVector);
    const { contact, reasons: withReasons } = request;
    const dpd = history ? daysPastDue(history, history.asOfDate) : (vector.current_dpd ?? 0);
    const policy = await this.policies.active();
    const [decision] = await decideLoans(
      { scoring: this.scoring, propensity: this.propensity },
      policy,
      [
        {
          vector,
          dpd,
          // Only a history says what is overdue: a posted vector gets no propensity to pay.
          overdue: history ? overdueForScoring(history, history.asOfDate) : 0,
          promise: history ? latestPromiseState(history, this.promiseRule) : "NONE",
          arrangement: history ? arrangementCondition(history, this.promiseRule) : "NONE",
          balance: contact.outstandingBalance === null ? null : Number(contact.outstandingBalance),
          borrower: contact,
          contacts: pastContacts(history?.contacts),
        },
      ],
      { withReasons },
      now,
    );
    if (!decision) throw new Error("the model returned no score");
    const { score, bucket, recommendation: action, propensity } = decision;
    // Nothing is stored by a prediction: its audit record is written with the next batch, not waited for.
    this.audit.recordLater({
      actor,
      action: "rest.predict",
      requestId,
      // What was decided, never who it was about.
      details: {
        mode: history ? "history" : "features",
        modelVersion: score.modelVersion,
        tier: score.tier,
        bucket,
        action: action.actionType,
        policyVersion: policy.version,
      },
    });
    return {
      probabilityOfDefault: score.probability,
      tier: score.tier,
      bucket,
      daysPastDue: dpd,
      recommendedAction: {
        actionType: action.actionType,
        channel: action.channel,
        priority: action.priority,
        dueAt: action.dueAt.toISOString(),
        rationale: action.rationale,
        routedToManager: action.routedToManager,
        policyVersion: action.policyVersion,
      },
      reasons: score.reasons,
      modelVersion: score.modelVersion,
      propensityToPay: propensity
        ? {
            probability: propensity.score.probability,
            overdueAmount: propensity.overdue,
            expectedRecovery: propensity.expectedRecovery,
            reasons: propensity.score.reasons,
            modelVersion: propensity.score.modelVersion,
          }
        : null,
      // The vector computed from a posted history; a posted vector is not sent back.
      ...(history ? { features: vector } : {}),
    };
  }
}
