"""Trains every algorithm, evaluates, exports the champion to ONNX with its card, and tracks the run.

  python -m creditpath_ml.train                       the served model, from the feature export
  python -m creditpath_ml.train --data FILE --target COLUMN [--id COLUMN] [--date COLUMN] [--positive VALUE]
                                 [--exclude A,B] [--allow-leaky A,B]   a lender's own file
  common: [--out DIR] [--quick] [--seed N] [--algorithms a,b] [--candidates N] [--budget SECONDS]
          [--no-mlflow] [--json]
          [--engine dask --scheduler ADDRESS]   LightGBM on a Dask cluster (see engines.py)

Which data and which output folder: see `sources.py`. Progress goes to stderr; the comparison table to
stdout, and with --json the last stdout line is one JSON object (per algorithm test AUC, KS, F1, Brier, and
the champion).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, TextIO

import numpy as np

from creditpath_ml import (
    artifacts,
    card,
    collection_tables,
    engines,
    evaluate,
    explain,
    export_onnx,
    leakage,
    models,
    native,
    report,
    sources,
    split,
    tracking,
)
from creditpath_ml.csv_table import DatasetError
from creditpath_ml.dataset import Dataset, encode

DEFAULT_SEED = 42
PARITY_ROWS = 200
QUICK_TRAIN_ROWS = 4000
TIE = 0.001  # validation AUCs closer than this are a tie, won by the simpler algorithm
SIMPLICITY = "logistic regression < random forest < LightGBM < XGBoost < CatBoost"


@dataclass
class Trained:
    algorithm: models.Algorithm
    search: models.SearchResult
    model: Any
    scores: dict[str, np.ndarray]
    threshold: float
    metrics: dict[str, evaluate.Metrics]
    by_portfolio: dict[str, dict[str, float]]
    psi: float
    calibration: dict[str, list[float]]
    onnx_bytes: bytes
    parity: float
    seconds: float

    def row(self, champion: bool) -> dict[str, object]:
        oot = self.metrics.get("outOfTime")
        return {
            "key": self.algorithm.key,
            "cvAuc": self.search.cv_auc,
            "validationAuc": self.metrics["validation"].auc,
            "test": self.metrics["test"].to_json(),
            "psi": self.psi,
            "outOfTimeAuc": oot.auc if oot else None,
            "seconds": self.seconds,
            "champion": champion,
        }


def _say(progress: TextIO, message: str) -> None:
    print(message, file=progress, flush=True)


def _with_missing_values(rows: np.ndarray, seed: int) -> np.ndarray:
    """Blanks some cells so that the fixtures also prove that missing values route alike."""
    rows = rows.copy()
    rng = np.random.default_rng(seed)
    if rows.shape[0] > 1:
        rows[1, :] = np.nan  # a borrower with no data at all
    for row in range(3, rows.shape[0], 8):
        count = min(int(rng.integers(1, 5)), rows.shape[1])
        columns = rng.choice(rows.shape[1], size=count, replace=False)
        rows[row, columns] = np.nan
    return rows


def _metrics(
    data: Dataset, parts: dict[str, np.ndarray], scores: dict[str, np.ndarray], threshold: float
) -> tuple[dict[str, evaluate.Metrics], dict[str, dict[str, float]]]:
    metrics = {}
    for name in ("validation", "test", "outOfTime"):
        rows = parts.get(name)
        if rows is not None and rows.size and np.unique(data.labels[rows]).size == 2:
            metrics[name] = evaluate.evaluate(data.labels[rows], scores[name], threshold)
    by_portfolio = {}
    if len(data.strata_names) > 1:
        test = parts["test"]
        for code, portfolio in enumerate(data.strata_names):
            member = data.strata[test] == code
            labels = data.labels[test][member]
            if member.any() and np.unique(labels).size == 2:
                found = evaluate.evaluate(labels, scores["test"][member], threshold)
                by_portfolio[portfolio] = {
                    "rows": int(member.sum()),
                    "auc": found.auc,
                    "ks": found.ks,
                    "brier": found.brier,
                }
    return metrics, by_portfolio


def _train_one(
    algorithm: models.Algorithm,
    data: Dataset,
    x: np.ndarray,
    parts: dict[str, np.ndarray],
    fit_rows: np.ndarray,
    categorical: list[int],
    budget: models.Budget,
    seed: int,
    progress: TextIO,
    engine: engines.Engine,
) -> Trained:
    started = time.perf_counter()
    y = data.labels
    found = engine.search(
        algorithm, x[fit_rows], y[fit_rows], data.groups[fit_rows], categorical, budget, seed, progress
    )
    model = engine.fit(algorithm, found, x[fit_rows], y[fit_rows], categorical, budget, seed)
    scores = {name: models.positive_scores(model, x[rows]) for name, rows in parts.items() if rows.size}
    scores["train"] = models.positive_scores(model, x[fit_rows])
    threshold = evaluate.best_f1_threshold(y[parts["validation"]], scores["validation"])
    metrics, by_portfolio = _metrics(data, parts, scores, threshold)

    names = [f.name for f in data.features]
    onnx_model = export_onnx.to_onnx(
        model, algorithm.key, names, {"algorithm": algorithm.key}, x[fit_rows[:500]]
    )
    onnx_bytes = onnx_model.SerializeToString()
    session = export_onnx.load_session(onnx_bytes)

    def native(rows: np.ndarray) -> np.ndarray:
        return models.positive_scores(model, rows)

    checked = [x[parts["test"]], _with_missing_values(x[parts["test"][:PARITY_ROWS]], seed)]
    parity = max(export_onnx.verify(session, native, rows) for rows in checked)
    seconds = time.perf_counter() - started
    test = metrics["test"]
    _say(
        progress,
        f"  {algorithm.key:<20} test AUC {test.auc:.4f}  KS {test.ks:.4f}  Brier {test.brier:.4f}  "
        f"ONNX parity {parity:.1e}  {seconds:.1f}s",
    )
    return Trained(
        algorithm=algorithm,
        search=found,
        model=model,
        scores=scores,
        threshold=threshold,
        metrics=metrics,
        by_portfolio=by_portfolio,
        psi=evaluate.psi(scores["train"], scores["test"]),
        calibration=evaluate.calibration_curve(y[parts["test"]], scores["test"]),
        onnx_bytes=onnx_bytes,
        parity=parity,
        seconds=seconds,
    )


def choose_champion(trained: list[Trained], budget: models.Budget) -> tuple[Trained, dict[str, object]]:
    """The champion, and how it was chosen (the card's `comparison.selection`).

    Large data: the best validation AUC, ties within TIE won by the simpler algorithm. Small data (repeated
    CV): the validation split is too small to rank algorithms (on 1,000 rows it holds about 150), so each
    algorithm's repeated-CV mean AUC ranks them, on the same folds, and the one-standard-error rule picks the
    simplest algorithm within one standard error of the best mean."""
    if budget.repeats == 1:
        best = max(t.metrics["validation"].auc for t in trained)
        tied = [t for t in trained if best - t.metrics["validation"].auc <= TIE]
        champion = min(tied, key=lambda t: t.algorithm.simplicity)
        return champion, {
            "method": "validation",
            "rule": f"champion = best validation AUC; within {TIE} the simpler algorithm wins ({SIMPLICITY})",
            "bestValidationAuc": best,
        }
    leader = max(trained, key=lambda t: t.search.cv_auc)
    standard_error = leader.search.cv_standard_error
    within = [t for t in trained if t.search.cv_auc >= leader.search.cv_auc - standard_error]
    champion = min(within, key=lambda t: t.algorithm.simplicity)
    return champion, {
        "method": "repeated-cv-one-standard-error",
        "rule": f"fewer than {models.SMALL_DATA_ROWS} training rows: each algorithm's best candidate scored "
        f"by mean AUC over {budget.repeats} x {budget.folds} borrower-grouped stratified folds of the "
        "training split (the same folds for every algorithm); champion = the simplest algorithm whose mean "
        f"is within one standard error of the best mean ({SIMPLICITY})",
        "folds": budget.folds,
        "repeats": budget.repeats,
        "bestAlgorithm": leader.algorithm.key,
        "bestCvAuc": leader.search.cv_auc,
        "standardError": standard_error,
        "withinOneStandardError": [t.algorithm.key for t in within],
    }


def _json_bytes(payload: object) -> bytes:
    # allow_nan=False: a NaN must be written as null by us, never as the non-JSON token NaN
    return (json.dumps(payload, indent=2, allow_nan=False) + "\n").encode()


def _parity_fixture(version: str, names: list[str], rows: np.ndarray, probabilities: np.ndarray) -> bytes:
    """parity-fixture.json with one row per line: readable, and small enough to diff."""

    def dump(value: object) -> str:
        return json.dumps(value, allow_nan=False)

    row_lines = ",\n".join(f"    {dump([None if np.isnan(v) else float(v) for v in row])}" for row in rows)
    text = (
        "{\n"
        f'  "modelVersion": {dump(version)},\n'
        f'  "features": {dump(names)},\n'
        f'  "rows": [\n{row_lines}\n  ],\n'
        f'  "probabilities": {dump([float(p) for p in probabilities])}\n'
        "}\n"
    )
    return text.encode()


def _ground_truth_entry(data: Dataset, champion: Trained, parts: dict[str, np.ndarray]) -> dict[str, object]:
    """The card's comparison with the generator's true probabilities, when the data carries them."""
    if data.truth is None or np.isnan(data.truth).all():
        return {}
    rows = {name: parts[name] for name in ("test", "outOfTime") if name in parts}
    return {
        "groundTruth": {
            "note": "the only histories with contacts and promises are synthetic: these figures compare the "
            "model with the generator's own probability of the outcome (seeds/README.md), not with a "
            "lender's data",
            **collection_tables.truth_comparison(data.truth, data.labels, champion.scores, rows),
        }
    }


def run(
    source: sources.Source,
    seed: int = DEFAULT_SEED,
    quick: bool = False,
    algorithms: list[str] | None = None,
    budget_seconds: float | None = None,
    track: bool = True,
    candidates: int | None = None,
    progress: TextIO = sys.stderr,
    engine: engines.Engine | None = None,
) -> dict[str, object]:
    started = time.perf_counter()
    engine = engine or engines.LocalEngine()
    if source.notice:
        _say(progress, f"note: {source.notice}")
    data = sources.load(source)
    _say(progress, data.summary())

    chosen = models.available()
    if engine.algorithms is not None:
        outside = [a for a in algorithms or [] if a not in engine.algorithms]
        if outside:
            raise engines.EngineError(
                f"the {engine.name} engine trains {', '.join(sorted(engine.algorithms))} only, "
                f"not {', '.join(outside)}: leave out --algorithms or use --engine local"
            )
        chosen = {k: v for k, v in chosen.items() if k in engine.algorithms}
    if algorithms:
        unknown = [a for a in algorithms if a not in chosen]
        if unknown:
            raise DatasetError(f"unknown algorithm(s) {', '.join(unknown)}; choose from {', '.join(chosen)}")
        chosen = {k: v for k, v in chosen.items() if k in algorithms}
    budget = models.QUICK if quick else models.FULL
    if budget_seconds is not None:
        budget = replace(budget, seconds=budget_seconds)
    if candidates is not None:
        budget = replace(budget, candidates=candidates)

    parts_info = split.make_split(data.groups, data.labels, seed, data.strata, data.dates)
    parts = parts_info.parts()
    fit_rows = parts["train"]
    if quick and fit_rows.size > QUICK_TRAIN_ROWS:
        fit_rows = np.sort(np.random.default_rng(seed).choice(fit_rows, QUICK_TRAIN_ROWS, replace=False))
    budget = budget.for_rows(fit_rows.size)
    encoded = encode(data, fit_rows)
    x, features = encoded.x, encoded.features
    leakage_check = None
    if source.kind == "byod":
        leakage_check = leakage.check(x[fit_rows], data.labels[fit_rows], features, source.allow_leaky)
        for name, auc in leakage_check["allowed"].items():
            _say(progress, f"warning: column {name} alone scores AUC {auc:.3f}; kept (--allow-leaky)")
    categorical = [i for i, f in enumerate(features) if f.kind == "categorical"]
    positive_rate = float(data.labels[fit_rows].mean())
    sizes = ", ".join(f"{name} {rows.size}" for name, rows in parts.items())
    _say(progress, f"split by borrower, stratified by outcome and portfolio: {sizes}")
    _say(progress, f"  {parts_info.note}")
    _say(
        progress,
        f"training {', '.join(chosen)} ({engine.name} engine) on {fit_rows.size} rows "
        f"({positive_rate:.1%} defaults; "
        f"{'quick' if quick else 'full'} search: {budget.candidates} candidates x "
        f"{f'{budget.repeats} x ' if budget.repeats > 1 else ''}{budget.folds} folds, "
        f"time cap {budget.seconds:.0f}s each)",
    )

    trained = [
        _train_one(algorithm, data, x, parts, fit_rows, categorical, budget, seed, progress, engine)
        for algorithm in chosen.values()
    ]
    champion, selection = choose_champion(trained, budget)
    key = champion.algorithm.key
    native_model = native.native_file(champion.model, key)
    created = datetime.now(UTC).replace(microsecond=0)
    version = f"{key}-{created.strftime('%Y%m%dT%H%M%SZ')}-{data.sha256[:8]}"
    names = [f.name for f in features]
    chosen_by = (
        f"validation AUC {champion.metrics['validation'].auc:.4f}"
        if selection["method"] == "validation"
        else f"repeated-CV AUC {champion.search.cv_auc:.4f}, one-standard-error rule"
    )
    _say(progress, f"champion: {key} ({chosen_by}); writing {version}")

    import onnx

    onnx_model = onnx.load_from_string(champion.onnx_bytes)
    props = {"modelVersion": version, "algorithm": key, "features": json.dumps(names)}
    if data.feature_version is not None:
        props["featureVersion"] = str(data.feature_version)
    onnx.helper.set_model_props(onnx_model, props)
    onnx_bytes = onnx_model.SerializeToString()
    parity_rows = _with_missing_values(x[parts["test"][:PARITY_ROWS]], seed)
    parity_probabilities = models.positive_scores(champion.model, parity_rows)

    x_train = x[fit_rows]
    explanation = explain.explanation(champion.model, key, names, x_train)
    reason_rows = parity_rows[: explain.FIXTURE_ROWS]
    reason_fixture, reason_check = explain.fixture(
        champion.model,
        key,
        explanation,
        reason_rows,
        explain.raw_scores(champion.model, key, reason_rows),
        x_train,
    )
    reason_fixture = {"modelVersion": version, "features": names, **reason_fixture}
    if reason_check is not None:
        explanation["referenceCheck"] = {"rows": explain.CHECK_ROWS, "maxAbsDiffVsLibrary": reason_check}

    comparison = [t.row(t is champion) for t in trained]
    title = f"{data.name}: test split ({parts['test'].size} rows)"
    table = report.comparison_table(
        comparison, title, repeated_cv=selection["method"] == "repeated-cv-one-standard-error"
    )
    model_card = {
        "version": version,
        "createdAt": created.isoformat().replace("+00:00", "Z"),
        "algorithm": key,
        "title": champion.algorithm.title,
        "dataset": sources.card_entry(source, data),
        "input": {
            "name": export_onnx.INPUT_NAME,
            "dtype": "float32",
            "missingValue": "NaN",
            **({"featureVersion": data.feature_version} if data.feature_version is not None else {}),
            "features": [f.to_json() for f in features],
        },
        "output": {
            "name": export_onnx.PROBABILITIES_OUTPUT,
            "positiveClassIndex": export_onnx.POSITIVE_CLASS_INDEX,
        },
        "metrics": {
            **{name: m.to_json() for name, m in champion.metrics.items()},
            "testByPortfolio": champion.by_portfolio,
            "psiTrainVsTest": champion.psi,
            "calibrationTest": champion.calibration,
        },
        "tiers": card.tiers(
            champion.scores["validation"], champion.scores["test"], data.labels[parts["test"]]
        ),
        "featureStatistics": card.feature_statistics(x_train, features),
        "scoreDistribution": card.score_distribution(
            {name: champion.scores[name] for name in ("train", "validation", "test")}
        ),
        "explanation": explanation,
        "split": {
            "seed": seed,
            "by": f"borrower ({data.id_column or 'identical rows grouped'})",
            "stratifiedBy": "outcome and portfolio",
            "fractions": dict(zip(("train", "validation", "test"), split.FRACTIONS, strict=True)),
            "rows": {name: int(rows.size) for name, rows in parts.items()},
            "trainRowsUsed": int(fit_rows.size),
            "outOfTime": parts_info.note,
            "thresholdChosenOn": "validation (max F1)",
        },
        "training": {
            "params": champion.search.params,
            "trees": champion.search.trees,
            **engine.card(champion.algorithm, budget),
            "cvAuc": champion.search.cv_auc,
            "search": {
                "folds": budget.folds,
                "repeats": budget.repeats,
                "candidates": budget.candidates,
                "candidatesTried": len(champion.search.tried),
                "capSeconds": budget.seconds,
                "cutByTimeCap": champion.search.cut_by_time,
                "threads": budget.threads,
                "leafMinimumsAtMost": vars(champion.search.limits) if champion.search.limits else None,
                "scoredBy": "mean AUC over borrower-grouped stratified folds of the training split",
            },
            "imbalance": {
                "positiveRate": positive_rate,
                "strategy": "no reweighting: stratified splits, AUC for selection and early stopping, "
                "operating threshold tuned on validation (keeps the score a calibrated PD)",
            },
            "threshold": champion.threshold,
            "seconds": round(champion.seconds, 2),
        },
        "comparison": {
            "rule": selection["rule"],
            "selection": selection,
            "algorithms": {
                t.algorithm.key: {
                    "cvAuc": t.search.cv_auc,
                    "cvStandardError": t.search.cv_standard_error,
                    "searchCutByTimeCap": t.search.cut_by_time,
                    "validationAuc": t.metrics["validation"].auc,
                    "test": t.metrics["test"].to_json(),
                    "outOfTime": t.metrics["outOfTime"].to_json() if "outOfTime" in t.metrics else None,
                    "psiTrainVsTest": t.psi,
                    "onnxParityMaxAbsDiff": t.parity,
                }
                for t in trained
            },
        },
        "onnx": {
            "opsets": {
                d or "ai.onnx": v for d, v in export_onnx.check_runtime_compatibility(onnx_model).items()
            },
            "irVersion": onnx_model.ir_version,
            "parityMaxAbsDiff": champion.parity,
            "parityChecked": "every test row, and 200 test rows with missing values injected",
        },
        **_ground_truth_entry(data, champion, parts),
        "leakageCheck": leakage_check,
        "libraries": card.library_versions(),
        "quick": quick,
        # The same model in its library's own format (not read by the server; see native.py).
        "nativeModel": {"file": native_model[0], "library": key} if native_model else None,
    }

    files: dict[str, bytes] = {
        **(dict([native_model]) if native_model else {}),
        artifacts.MODEL_FILE: onnx_bytes,
        artifacts.CARD_FILE: _json_bytes(model_card),
        artifacts.FIXTURE_FILE: _parity_fixture(version, names, parity_rows, parity_probabilities),
        artifacts.REASON_FIXTURE_FILE: _json_bytes(reason_fixture),
    }
    report_dir = artifacts.REPORT_DIR
    labels_test = data.labels[parts["test"]]
    per_algorithm_files: dict[str, list[str]] = {}
    for t in trained:
        k = t.algorithm.key
        test = t.metrics["test"]
        plots = {
            f"{report_dir}/{k}-roc.png": report.roc_png(labels_test, t.scores["test"], f"{k}: ROC (test)"),
            f"{report_dir}/{k}-ks.png": report.ks_png(labels_test, t.scores["test"], f"{k}: KS (test)"),
            f"{report_dir}/{k}-calibration.png": report.calibration_png(
                t.calibration, test.brier, f"{k}: calibration (test)"
            ),
        }
        files.update(plots)
        per_algorithm_files[k] = list(plots)
    files[f"{report_dir}/roc-all.png"] = report.roc_all_png(
        {t.algorithm.key: (labels_test, t.scores["test"]) for t in trained}, title
    )
    metrics_json = {
        "version": version,
        "dataset": model_card["dataset"],
        "split": model_card["split"],
        "champion": key,
        "algorithms": {
            t.algorithm.key: {
                "title": t.algorithm.title,
                "params": t.search.params,
                "trees": t.search.trees,
                "cvAuc": t.search.cv_auc,
                "searchTried": t.search.tried,
                "threshold": t.threshold,
                **{name: m.to_json() for name, m in t.metrics.items()},
                "testByPortfolio": t.by_portfolio,
                "psiTrainVsTest": t.psi,
                "calibrationTest": t.calibration,
                "onnxParityMaxAbsDiff": t.parity,
                "seconds": round(t.seconds, 2),
                "plots": per_algorithm_files[t.algorithm.key],
            }
            for t in trained
        },
    }
    files[f"{report_dir}/metrics.json"] = _json_bytes(metrics_json)
    files[f"{report_dir}/comparison.txt"] = (table + "\n").encode()
    out_dir = artifacts.publish(source.out_dir, files)

    run_id = None
    if track:
        run_id = tracking.log(
            experiment=(
                f"creditpath-{source.score}"
                if source.score
                else "creditpath-served"
                if source.served
                else f"creditpath-byod-{data.name}"
            ),
            run_name=version,
            params={
                "source": source.kind,
                "file": str(source.path),
                "sha256": data.sha256,
                "seed": seed,
                "quick": quick,
                "champion": key,
            },
            metrics={
                f"champion_test_{m}": float(v)
                for m, v in champion.metrics["test"].to_json().items()
                if isinstance(v, float)
            },
            files=[
                out_dir / artifacts.CARD_FILE,
                out_dir / report_dir / "metrics.json",
                out_dir / report_dir / "roc-all.png",
            ],
            algorithms=[
                tracking.AlgorithmRun(
                    key=t.algorithm.key,
                    params={**t.search.params, "trees": t.search.trees, "threshold": t.threshold},
                    metrics={
                        "cv_auc": t.search.cv_auc,
                        **{
                            f"{part}_{m}": float(v)
                            for part, found in t.metrics.items()
                            for m, v in found.to_json().items()
                            if isinstance(v, float)
                        },
                        "psi_train_test": t.psi,
                        "onnx_parity_max_abs_diff": t.parity,
                    },
                    artifacts=[out_dir / f for f in per_algorithm_files[t.algorithm.key]],
                    onnx_bytes=t.onnx_bytes,
                    tags={"champion": str(t is champion).lower(), "dataset": data.name},
                )
                for t in trained
            ],
            progress=progress,
        )

    return {
        "version": version,
        "champion": key,
        "source": source.kind,
        "dataset": data.name,
        "quick": quick,
        "seconds": round(time.perf_counter() - started, 2),
        "outDir": str(out_dir),
        "files": {
            name: str(out_dir / name)
            for name in (*artifacts.ARTIFACT_FILES, *([native_model[0]] if native_model else []))
        },
        "report": str(out_dir / report_dir),
        "mlflowRunId": run_id,
        "metrics": champion.metrics["test"].to_json(),
        "algorithms": {
            t.algorithm.key: {
                "validationAuc": t.metrics["validation"].auc,
                "auc": t.metrics["test"].auc,
                "ks": t.metrics["test"].ks,
                "f1": t.metrics["test"].f1,
                "brier": t.metrics["test"].brier,
                **({"outOfTimeAuc": t.metrics["outOfTime"].auc} if "outOfTime" in t.metrics else {}),
            }
            for t in trained
        },
        "table": table,
    }


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Train, evaluate and export the default-risk model (the served one, or on your own file)."
    )
    parser.add_argument(
        "--data", help="a lender's own csv (bring your own data) instead of the feature export"
    )
    parser.add_argument("--target", help="with --data: the outcome column (0/1, or two labels)")
    parser.add_argument(
        "--id", help="with --data: the borrower id column (rows of one borrower stay together)"
    )
    parser.add_argument("--date", help="with --data: a date column (YYYY-MM-DD) for an out-of-time test")
    parser.add_argument("--positive", help="with --data: the target value that means 'defaulted'")
    parser.add_argument("--exclude", help="with --data: comma-separated columns to leave out (e.g. leakage)")
    parser.add_argument(
        "--allow-leaky",
        action="append",
        default=[],
        metavar="COL",
        help="with --data: keep a column the leakage guard stops on (repeatable, or a comma-separated list)",
    )
    parser.add_argument("--features", help="the feature export csv (default: .data/features/features.csv)")
    parser.add_argument(
        "--score",
        choices=("propensity-to-pay", "promise-kept"),
        help="train a collection score from its table beside the feature export "
        "(`npm run features:export -- --collections`) into $CREDITPATH_COLLECTION_MODELS_DIR/<score>",
    )
    parser.add_argument(
        "--source",
        choices=("auto", "export", "uci"),
        default="auto",
        help="served-model data: the feature export, or the UCI raw file (default: auto, see README)",
    )
    parser.add_argument(
        "--data-dir", help="raw data folder holding the UCI file (default: $CREDITPATH_DATA_DIR)"
    )
    parser.add_argument(
        "--out", help="output folder (default: $CREDITPATH_MODEL_DIR, or .data/byod/<stem> with --data)"
    )
    parser.add_argument("--quick", action="store_true", help="small search on a sample: seconds (for tests)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="split, search and model seed")
    parser.add_argument("--algorithms", help="comma-separated subset of " + ",".join(models.available()))
    parser.add_argument(
        "--candidates",
        type=_positive_int,
        help=f"hyperparameter candidates per algorithm (default {models.DEFAULT_CANDIDATES}; quick: "
        f"{models.QUICK.candidates}): the budget, the same on any machine",
    )
    parser.add_argument(
        "--budget",
        type=float,
        help=f"time cap in seconds per algorithm's search (default {models.DEFAULT_CAP_SECONDS:.0f}); "
        "the card says when it cut the search",
    )
    parser.add_argument("--no-mlflow", action="store_true", help="do not log the run to MLflow")
    parser.add_argument("--json", action="store_true", help="end stdout with one JSON line of results")
    parser.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="where models are fitted: this process (every algorithm), or LightGBM on a Dask cluster",
    )
    parser.add_argument("--scheduler", help="with --engine dask: the scheduler's address (tcp://host:8786)")
    args = parser.parse_args(argv)
    if (args.engine == "dask") != bool(args.scheduler):
        parser.error("--engine dask needs --scheduler ADDRESS, and --scheduler goes with --engine dask")
    engine = engines.DaskEngine(args.scheduler) if args.engine == "dask" else engines.LocalEngine()

    try:
        source = sources.resolve(
            data=args.data,
            target=args.target,
            id_column=args.id,
            date_column=args.date,
            positive=args.positive,
            features=args.features,
            data_dir=args.data_dir,
            source=args.source,
            out=args.out,
            quick=args.quick,
            exclude=tuple(c.strip() for c in args.exclude.split(",")) if args.exclude else (),
            score=args.score,
            allow_leaky=tuple(c.strip() for value in args.allow_leaky for c in value.split(",") if c.strip()),
        )
        result = run(
            source,
            seed=args.seed,
            quick=args.quick,
            algorithms=[a.strip() for a in args.algorithms.split(",")] if args.algorithms else None,
            budget_seconds=args.budget,
            track=not args.no_mlflow,
            engine=engine,
            candidates=args.candidates,
        )
    except (
        DatasetError,
        export_onnx.ExportError,
        explain.ExplainError,
        artifacts.ArtifactError,
        engines.EngineError,
    ) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(result.pop("table"))
    print(f"champion {result['champion']}: {result['version']}")
    print(f"done in {result['seconds']:.1f}s, wrote {result['outDir']} (report in {result['report']})")
    if args.json:
        print(json.dumps(result, allow_nan=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
