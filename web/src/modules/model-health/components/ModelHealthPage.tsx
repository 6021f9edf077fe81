import { Link } from "react-router";
import { formatInteger } from "../../../core/format/numbers";
import { EmptyState } from "../../../core/ui/EmptyState";
import { ErrorState } from "../../../core/ui/ErrorState";
import { LoadingState } from "../../../core/ui/LoadingState";
import { useSession } from "../../auth/hooks/useSession";
import { homePathFor } from "../../layout/navigation";
import type { ModelHealth } from "../graphql/modelHealth";
import { type ModelHealthState, useModelHealth } from "../hooks/useModelHealth";
import { CalibrationSection } from "./CalibrationSection";
import { FeatureDriftSection } from "./FeatureDriftSection";
import { ModelCardSection, TestMetricsSection } from "./ModelCardSection";
import { PsiReadingBadge } from "./PsiReadingBadge";
import { ScoreDriftSection } from "./ScoreDriftSection";
import { TierTableSection } from "./TierTableSection";

const LINK = "font-medium text-indigo-700 underline focus-visible:outline-2 focus-visible:outline-indigo-600";

/** Is the served model still fit to decide who gets called: for supervisors, managers and admins. */
export function ModelHealthPage() {
  const { session } = useSession();
  const role = session?.user.role ?? "AGENT";
  // Agents would only be refused by the server: no request, the same answer.
  const state = useModelHealth(role === "AGENT");

  return (
    <>
      <title>Model health · CreditPathAI</title>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Model health</h1>
          <p className="mt-1 text-sm text-slate-600">
            The served risk model: what it was trained on, how it tested, and whether live loans still look
            like its training data.
          </p>
        </div>
        {state.kind === "ready" && (
          <button
            type="button"
            onClick={state.refresh}
            disabled={state.refreshing}
            className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60"
          >
            {state.refreshing ? "Refreshing…" : "Refresh"}
          </button>
        )}
      </div>
      <ModelHealthContent state={state} home={homePathFor(role)} />
    </>
  );
}

function ModelHealthContent({ state, home }: { state: ModelHealthState; home: string }) {
  switch (state.kind) {
    case "loading":
      return <LoadingState label="Loading model health…" />;
    case "forbidden":
      return (
        <EmptyState title="No access to model health">
          Model health is for supervisors, recovery managers and administrators.{" "}
          <Link to={home} className={LINK}>
            Back to your work
          </Link>
        </EmptyState>
      );
    case "noModel":
      return (
        <EmptyState title="No model is served">
          <p>The API has no risk model loaded, so loans are not scored and there is nothing to check here.</p>
          <p className="mt-2">
            An administrator trains one (<code>npm run ml:train</code>), restarts the API and runs a rescoring
            (<code>npm run rescore</code>); then refresh this page.
          </p>
        </EmptyState>
      );
    case "error":
      return (
        <ErrorState
          title="Could not load model health"
          message={`${state.error.message.replace(/\.$/, "")}. Try again; if it keeps failing, the API's log says why.`}
          onRetry={state.retry}
        />
      );
    case "ready":
      return <ModelHealthView health={state.health} />;
  }
}

function ModelHealthView({ health }: { health: ModelHealth }) {
  const { card, scoreDrift } = health;
  return (
    <div className="space-y-10">
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700">
        <span>
          Serving <span className="font-mono font-medium break-all text-slate-900">{card.version}</span>
        </span>
        <span aria-hidden="true">·</span>
        <span>{formatInteger(health.liveLoans)} operational loans scored by it</span>
        <span aria-hidden="true">·</span>
        <span className="flex items-center gap-2">
          Score drift <PsiReadingBadge reading={scoreDrift.reading} />
        </span>
      </p>

      {health.liveLoans === 0 && (
        <div role="note" className="rounded-lg border border-amber-300 bg-amber-50 px-5 py-4 text-amber-900">
          <h2 className="text-sm font-semibold">Nothing scored by this model yet</h2>
          <p className="mt-1 text-sm">
            Drift and calibration need operational loans scored by version {card.version}. They appear after
            the next rescoring: the scheduled one, or <code>npm run rescore</code> run by an administrator.
            Then refresh this page.
          </p>
        </div>
      )}

      <div className="grid items-start gap-6 lg:grid-cols-2">
        <ModelCardSection card={card} />
        <div className="space-y-6">
          <TestMetricsSection card={card} />
          <TierTableSection tiers={card.tiers} live={health.calibrationByTier} />
        </div>
      </div>

      <ScoreDriftSection drift={scoreDrift} liveLoans={health.liveLoans} />
      <FeatureDriftSection features={health.featureDrift} reason={health.featureDriftReason} />
      <CalibrationSection
        bands={health.calibrationByBand}
        tiers={health.calibrationByTier}
        outcomeDefinition={health.outcomeDefinition}
      />
    </div>
  );
}
