import type { UserPrincipal } from "../../core/auth/principal.js";
import { AppError, ErrorCode, forbidden } from "../../core/errors/app-error.js";
import { RiskTier } from "../../generated/prisma/enums.js";
import type { ModelCard } from "./model-card.js";
import { type Binning, cardFacts, featureReferences, scoreReference } from "./model-health.card.js";
import type { HealthRow, ModelHealthRepository } from "./model-health.repository.js";
import type {
  CalibrationRow,
  DriftBin,
  FeatureDrift,
  ModelHealth,
  ScoreDrift,
} from "./model-health.types.js";
import { psi, psiReading } from "./psi.js";

// The trainer's label (ml/creditpath_ml/dataset.py reads the export's `label`), written from Loan.defaultLabel.
export const OUTCOME_DEFINITION =
  "A loan's default flag as the training label has it (Loan.defaultLabel: the source's flag or the synthetic " +
  "ground truth, exported as `label`); loans whose outcome is unknown are left out of observed rates";

const countsPerBin = (bins: number, rows: readonly HealthRow[]) => {
  const counts = new Array<number>(bins).fill(0);
  for (const r of rows)
    if (r.bin !== null && r.bin >= 0 && r.bin < bins) counts[r.bin] = (counts[r.bin] ?? 0) + r.n;
  return counts;
};

function distribution(binning: Binning, counts: readonly number[]): DriftBin[] {
  const total = counts.reduce((s, n) => s + n, 0);
  return binning.shares.map((trainShare, i) => ({
    lower: i === 0 ? null : (binning.innerEdges[i - 1] as number),
    upper: i === binning.innerEdges.length ? null : (binning.innerEdges[i] as number),
    trainShare,
    liveShare: total === 0 ? 0 : (counts[i] as number) / total,
  }));
}

function scoreDrift(card: ModelCard, rows: readonly HealthRow[], live: number): ScoreDrift {
  const ref = scoreReference(card);
  if (!ref.value) return { psi: null, reading: null, reason: ref.reason, bins: null, distribution: [] };
  const counts = countsPerBin(ref.value.shares.length, rows);
  const value = psi(ref.value.shares, counts);
  return {
    psi: value,
    reading: psiReading(value),
    reason: live === 0 ? "no operational loan is scored by the served model version yet" : null,
    bins: ref.value.source,
    distribution: distribution(ref.value, counts),
  };
}

function featureDrift(
  card: ModelCard,
  rows: readonly HealthRow[],
): { list: FeatureDrift[]; reason: string | null } {
  const refs = featureReferences(card);
  if (!refs.value) return { list: [], reason: refs.reason };
  const list = refs.value.map((f): FeatureDrift => {
    const mine = rows.filter((r) => r.key === f.name);
    const all = mine.reduce((s, r) => s + r.n, 0);
    const missing = mine.filter((r) => r.bin === -1).reduce((s, r) => s + r.n, 0);
    const base = {
      feature: f.name,
      trainMissingShare: f.trainMissingShare,
      liveMissingShare: all ? missing / all : null,
    };
    if (!f.binning) return { ...base, psi: null, reading: null, reason: f.reason };
    const value = psi(f.binning.shares, countsPerBin(f.binning.shares.length, mine));
    const reason = value === null ? (all ? "missing on every live score" : "no live scores") : null;
    return { ...base, psi: value, reading: psiReading(value), reason };
  });
  list.sort((a, b) => (b.psi ?? -1) - (a.psi ?? -1) || a.feature.localeCompare(b.feature));
  return { list, reason: null };
}

const calibration = (group: string, r: HealthRow): CalibrationRow => ({
  group,
  loans: r.n,
  withOutcome: r.known ?? 0,
  predictedRate: r.known ? (r.sum_p ?? 0) / r.known : null,
  observedRate: r.known ? (r.defaults ?? 0) / r.known : null,
});

/** The served model's health for supervisors, managers and admins, over every operational loan. */
export class ModelHealthService {
  constructor(
    private readonly repo: ModelHealthRepository,
    private readonly servedCard: () => ModelCard | undefined,
  ) {}

  async health(principal: UserPrincipal): Promise<ModelHealth> {
    if (principal.role === "AGENT") {
      throw forbidden("Model health is for supervisors, managers and admins");
    }
    const card = this.servedCard();
    if (!card) {
      throw new AppError(
        ErrorCode.SERVICE_UNAVAILABLE,
        "No model is served: train one with `npm run ml:train`",
      );
    }
    const scores = scoreReference(card).value;
    const features = (featureReferences(card).value ?? []).flatMap((f) =>
      f.binning ? [{ name: f.name, binning: f.binning }] : [],
    );
    const rows = await this.repo.aggregates(card.version, scores, features);
    const of = (kind: HealthRow["kind"]) => rows.filter((r) => r.kind === kind);
    const live = of("score").reduce((s, r) => s + r.n, 0);
    const drift = featureDrift(card, of("feature"));
    const tierOrder = Object.values(RiskTier) as string[];
    return {
      card: cardFacts(card) as ModelHealth["card"],
      liveLoans: live,
      scoreDrift: scoreDrift(card, of("score"), live),
      featureDrift: drift.list,
      featureDriftReason: drift.reason,
      calibrationByBand: of("band")
        .sort((a, b) => (a.bin ?? 0) - (b.bin ?? 0))
        .map((r) =>
          calibration(`${((r.bin ?? 0) / 10).toFixed(1)}-${(((r.bin ?? 0) + 1) / 10).toFixed(1)}`, r),
        ),
      calibrationByTier: of("tier")
        .sort((a, b) => tierOrder.indexOf(a.key ?? "") - tierOrder.indexOf(b.key ?? ""))
        .map((r) => calibration(r.key ?? "", r)),
      outcomeDefinition: OUTCOME_DEFINITION,
    };
  }
}
