import type pg from "pg";
import type { ModelKind } from "../../generated/prisma/enums.js";
import { copyCsv, csvText } from "../imports/bulk/copy-rows.js";
import type { ModelCard } from "./model-card.js";

/** One loan's score as rescoring stages it (COPY columns of stage_score, in order). */
export type ScoreRow = [
  loanId: string,
  modelVersionId: string,
  probability: number,
  tier: string,
  bucket: string,
  dpd: number,
  asOfDate: string,
  reasons: string,
  features: string,
];

/** A past-due loan's propensity to pay as rescoring stages it (COPY columns of stage_propensity, in order). */
export type PropensityRow = [
  loanId: string,
  modelVersionId: string,
  probability: number,
  overdueAmount: string,
  expectedRecovery: string,
  asOfDate: string,
  reasons: string,
  features: string,
];

/**
 * One loan's recommendation as rescoring stages it (COPY columns of stage_rec, in order). Its reasons are its
 * score's, taken from the score row (staged once, parsed once).
 */
export type RecommendationRow = [
  loanId: string,
  actionType: string,
  channel: string | null,
  priority: number,
  dueAt: string,
  rationale: string,
  policyVersion: string,
  contactAllowed: boolean | null,
  /** A PostgreSQL array literal of rule codes, e.g. `{CALL_LIMIT}`. */
  contactRules: string,
  contactReason: string | null,
  contactNextAllowedAt: string | null,
];

/**
 * A chunk's scores and recommendations rendered for COPY, ahead of its transaction (while the previous
 * chunk's is written), with the chunk's loans.
 */
export interface StagedChunk {
  loanIds: string[];
  scoresCsv: string;
  recommendationsCsv: string;
  /** Empty when no loan of the chunk has a propensity score. */
  propensityCsv: string;
}

const STAGE_TABLES = `
  CREATE TEMP TABLE stage_score (loan uuid, mv uuid, p float8, tier text, bucket text, dpd int, asof date, reasons jsonb, features jsonb) ON COMMIT DROP;
  CREATE TEMP TABLE stage_rec (loan uuid, action text, channel text, priority int, due timestamptz, rationale text, policy text,
    c_allowed boolean, c_rules text[], c_reason text, c_next timestamptz) ON COMMIT DROP;
  CREATE TEMP TABLE stage_propensity (loan uuid, mv uuid, p float8, overdue numeric(14,2), expected numeric(14,2), asof date,
    reasons jsonb, features jsonb) ON COMMIT DROP`;

const UPSERT_PROPENSITY = `
  INSERT INTO "PropensityScore" ("loanId", "modelVersionId", probability, "overdueAmount", "expectedRecovery", "asOfDate", reasons, features)
  SELECT loan, mv, p, overdue, expected, asof, reasons, features FROM stage_propensity
  ON CONFLICT ("loanId", "modelVersionId", "asOfDate") DO UPDATE SET probability = EXCLUDED.probability,
    "overdueAmount" = EXCLUDED."overdueAmount", "expectedRecovery" = EXCLUDED."expectedRecovery", reasons = EXCLUDED.reasons,
    features = EXCLUDED.features, "scoredAt" = now()
  WHERE ("PropensityScore".probability, "PropensityScore"."overdueAmount", "PropensityScore".reasons, "PropensityScore".features)
    IS DISTINCT FROM (EXCLUDED.probability, EXCLUDED."overdueAmount", EXCLUDED.reasons, EXCLUDED.features)`;

const UPSERT_SCORES = `
  INSERT INTO "RiskScore" ("loanId", "modelVersionId", probability, tier, bucket, dpd, "asOfDate", reasons, features)
  SELECT loan, mv, p, tier::"RiskTier", bucket::"DelinquencyBucket", dpd, asof, reasons, features FROM stage_score
  ON CONFLICT ("loanId", "modelVersionId", "asOfDate") DO UPDATE SET probability = EXCLUDED.probability, tier = EXCLUDED.tier,
    bucket = EXCLUDED.bucket, dpd = EXCLUDED.dpd, reasons = EXCLUDED.reasons, features = EXCLUDED.features, "scoredAt" = now()
  WHERE ("RiskScore".probability, "RiskScore".tier, "RiskScore".bucket, "RiskScore".dpd, "RiskScore".reasons, "RiskScore".features)
    IS DISTINCT FROM (EXCLUDED.probability, EXCLUDED.tier, EXCLUDED.bucket, EXCLUDED.dpd, EXCLUDED.reasons, EXCLUDED.features)`;

// A recommendation that says the same as the active one is kept (its due time too); otherwise the active one
// is superseded by the new one.
// The staging tables have no statistics (nothing analyses them), so the planner is told which loans they
// hold ($1, the chunk's): without it, it may join them to the whole Recommendation table (a scan of every
// active recommendation for each chunk, which makes a run's time grow with the square of its size).
const SUPERSEDE_CHANGED = `
  UPDATE "Recommendation" r SET status = 'SUPERSEDED', "updatedAt" = now() FROM stage_rec s
  WHERE r."loanId" = ANY($1::uuid[]) AND r."loanId" = s.loan AND r.status = 'ACTIVE'
    AND (r."actionType"::text, r.channel::text, r.priority, r.rationale) IS DISTINCT FROM (s.action, s.channel, s.priority, s.rationale)`;

const INSERT_NEW = `
  INSERT INTO "Recommendation" ("loanId", "riskScoreId", "policyVersion", "actionType", channel, priority, "dueAt", rationale, reasons,
    "contactAllowed", "contactRules", "contactReason", "contactNextAllowedAt", "updatedAt")
  SELECT s.loan, rs.id, s.policy, s.action::"ActionType", s.channel::"CommunicationChannel", s.priority, s.due, s.rationale,
    COALESCE(rs.reasons, '[]'::jsonb),
    s.c_allowed, s.c_rules, s.c_reason, s.c_next, now()
  FROM stage_rec s
  LEFT JOIN "RiskScore" rs ON rs."loanId" = ANY($3::uuid[]) AND rs."loanId" = s.loan AND rs."modelVersionId" = $1
    AND rs."asOfDate" = $2::date
  WHERE NOT EXISTS (SELECT 1 FROM "Recommendation" r
                    WHERE r."loanId" = ANY($3::uuid[]) AND r."loanId" = s.loan AND r.status = 'ACTIVE')
  RETURNING id, "loanId"`;

/**
 * The SQL of a rescoring's writes (scores and recommendations, a chunk at a time through staging tables in
 * the caller's transaction), named so that the run reads as steps. Tasks are in tasks/ (TaskAlignmentRepository).
 */
export class RescoreRepository {
  /** The loans staged last (the chunk's). */
  private loanIds: readonly string[] = [];
  private hasPropensity = false;

  /** Renders a chunk's rows for `stage` (no I/O: done while an earlier chunk's transaction runs). */
  static render(
    scores: readonly ScoreRow[],
    recommendations: readonly RecommendationRow[],
    propensities: readonly PropensityRow[] = [],
  ): StagedChunk {
    return {
      loanIds: recommendations.map((r) => r[0]),
      scoresCsv: csvText(scores),
      recommendationsCsv: csvText(recommendations),
      propensityCsv: propensities.length > 0 ? csvText(propensities) : "",
    };
  }

  constructor(private readonly client: pg.PoolClient) {}

  /** The model's version row, made the active one of its kind; returns its id. */
  static async activateModelVersion(
    db: pg.Pool | pg.PoolClient,
    card: ModelCard,
    kind: ModelKind = "PROBABILITY_OF_DEFAULT",
  ): Promise<string> {
    const mv = await db.query<{ id: string }>(
      `INSERT INTO "ModelVersion" (version, algorithm, card, active, kind) VALUES ($1, $2, $3, true, $4::"ModelKind")
       ON CONFLICT (version) DO UPDATE SET active = true RETURNING id`,
      [card.version, card.algorithm, card, kind],
    );
    const id = mv.rows[0]?.id as string;
    await db.query(
      `UPDATE "ModelVersion" SET active = false WHERE id <> $1 AND active AND kind = $2::"ModelKind"`,
      [id, kind],
    );
    return id;
  }

  /** Stages a chunk's scores and recommendations (one round trip for the tables, one COPY each). */
  async stage(chunk: StagedChunk) {
    this.loanIds = chunk.loanIds;
    await this.client.query(STAGE_TABLES);
    await copyCsv(this.client, "stage_score", SCORE_COLUMNS, chunk.scoresCsv);
    await copyCsv(this.client, "stage_rec", REC_COLUMNS, chunk.recommendationsCsv);
    this.hasPropensity = chunk.propensityCsv !== "";
    if (this.hasPropensity) {
      await copyCsv(this.client, "stage_propensity", PROPENSITY_COLUMNS, chunk.propensityCsv);
    }
  }

  /** Writes the staged propensity scores (one per loan, model and day); returns how many were new or changed. */
  async upsertStagedPropensity(): Promise<number> {
    if (!this.hasPropensity) return 0;
    return (await this.client.query(UPSERT_PROPENSITY)).rowCount ?? 0;
  }

  /** Writes the staged scores (one per loan, model and day); returns how many were new or changed. */
  async upsertStagedScores(): Promise<number> {
    return (await this.client.query(UPSERT_SCORES)).rowCount ?? 0;
  }

  /** Supersedes active recommendations that changed and inserts the new ones; returns those inserted. */
  async replaceStagedRecommendations(
    modelVersionId: string,
    asOfDate: string,
  ): Promise<{ id: string; loanId: string }[]> {
    await this.client.query(SUPERSEDE_CHANGED, [this.loanIds]);
    return (
      await this.client.query<{ id: string; loanId: string }>(INSERT_NEW, [
        modelVersionId,
        asOfDate,
        this.loanIds,
      ])
    ).rows;
  }
}

const SCORE_COLUMNS = ["loan", "mv", "p", "tier", "bucket", "dpd", "asof", "reasons", "features"];
const PROPENSITY_COLUMNS = ["loan", "mv", "p", "overdue", "expected", "asof", "reasons", "features"];
const REC_COLUMNS = [
  "loan",
  "action",
  "channel",
  "priority",
  "due",
  "rationale",
  "policy",
  "c_allowed",
  "c_rules",
  "c_reason",
  "c_next",
];
