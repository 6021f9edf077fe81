import type pg from "pg";
import type { Binning } from "./model-health.card.js";

export interface FeatureBins {
  name: string;
  binning: Binning;
}

export interface HealthRow {
  kind: "score" | "feature" | "band" | "tier";
  key: string | null;
  bin: number | null;
  n: number;
  /** Sum of probabilities of the rows whose outcome is known (band and tier rows). */
  sum_p: number | null;
  known: number | null;
  defaults: number | null;
}

// Bin of x under a Binning: UPPER_INCLUSIVE counts the edges below x (n minus the edges at or above it, which
// width_bucket counts on the negated, re-sorted edges); LOWER_INCLUSIVE counts the edges at or below x.
const bin = (x: string, upper: string, edges: string, neg: string) =>
  `CASE WHEN cardinality(${edges}) = 0 THEN 0
        WHEN ${upper} THEN cardinality(${edges}) - width_bucket(-(${x}), ${neg})
        ELSE width_bucket(${x}, ${edges}) END`;

const binParams = (b: Binning) => ({
  upper: b.rule === "UPPER_INCLUSIVE",
  edges: b.innerEdges,
  neg: b.innerEdges.map((e) => -e).reverse(),
});

/** The live scores of the served model, aggregated in one statement. */
export class ModelHealthRepository {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Over each operational loan's latest score by model `version` (reference portfolios are the training data,
   * worked by nobody; a loan in default is outside the model's scope, as in training, and left out): scores per bin of `scores`, present feature values per bin of each feature (-1 for
   * missing), and per tenth of probability and per tier, the rows, and of those with a known outcome the
   * summed probability and the defaults. The outcome is `Loan.defaultLabel`: the label the trainer learns
   * from (the feature export's `label` column, features/feature-export.ts; empty = unknown, left out).
   */
  async aggregates(
    version: string,
    scores: Binning | null,
    features: readonly FeatureBins[],
  ): Promise<HealthRow[]> {
    const s = scores ? binParams(scores) : { upper: true, edges: [], neg: [] };
    const ref = features.map((f) => ({ name: f.name, ...binParams(f.binning) }));
    const result = await this.pool.query<HealthRow>(
      `WITH live AS MATERIALIZED (
         SELECT * FROM (
           SELECT DISTINCT ON (r."loanId") r.probability AS p, r.tier::text AS tier, r.features, l."defaultLabel" AS y
           FROM "RiskScore" r
           JOIN "ModelVersion" mv ON mv.id = r."modelVersionId" AND mv.version = $1
           JOIN "Loan" l ON l.id = r."loanId"
           JOIN "Portfolio" po ON po.id = l."portfolioId" AND po.kind = 'OPERATIONAL'
           ORDER BY r."loanId", r."scoredAt" DESC) latest
         WHERE tier <> 'IN_DEFAULT'),
       ref AS (SELECT * FROM jsonb_to_recordset($5::jsonb) AS f(name text, upper boolean, edges float8[], neg float8[]))
       SELECT 'score' AS kind, NULL::text AS key, ${bin("p", "$2::boolean", "$3::float8[]", "$4::float8[]")} AS bin,
              count(*)::int AS n, NULL::float8 AS sum_p, NULL::int AS known, NULL::int AS defaults
       FROM live GROUP BY 3
       UNION ALL
       SELECT 'feature', f.name, CASE WHEN v.x IS NULL THEN -1 ELSE ${bin("v.x", "f.upper", "f.edges", "f.neg")} END,
              count(*)::int, NULL, NULL, NULL
       FROM live CROSS JOIN ref f CROSS JOIN LATERAL (SELECT (live.features ->> f.name)::float8 AS x) v
       GROUP BY 2, 3
       UNION ALL
       SELECT 'band', NULL, LEAST(floor(p * 10)::int, 9), count(*)::int, sum(p) FILTER (WHERE y IS NOT NULL),
              count(y)::int, (count(*) FILTER (WHERE y))::int
       FROM live GROUP BY 3
       UNION ALL
       SELECT 'tier', tier, NULL, count(*)::int, sum(p) FILTER (WHERE y IS NOT NULL),
              count(y)::int, (count(*) FILTER (WHERE y))::int
       FROM live GROUP BY 2`,
      [version, s.upper, s.edges, s.neg, JSON.stringify(ref)],
    );
    return result.rows;
  }
}
