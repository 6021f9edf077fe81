"""Small-data stability: the trainer's champion against plain baselines on small samples of a file.

  python -m creditpath_ml.stability [--data FILE] [--target COLUMN] [--rows 1000] [--seeds 1,2,3,4,5]
                                    [--candidates N] [--budget SECONDS] [--algorithms a,b] [--json]

For each seed: a stratified sample of `--rows` rows of the file (default: the Kaggle credit_risk_dataset.csv
under CREDITPATH_DATA_DIR, target loan_status) is written to a temporary folder and trained as a lender's
own file would be (`train.run`, the full search unless told otherwise); on the same split, the same training
rows and the same test rows, two plain baselines are fitted: a default logistic regression (median
imputation, scaling, one-hot categories, C = 1) and a default XGBoost (the library's defaults). It prints one
line per seed and the means; the goal is the champion's mean test AUC >= the best baseline's mean - 0.005.
With --json the last stdout line is one JSON object. Run it with `nice`: it trains every algorithm per seed.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import tempfile
from pathlib import Path
from typing import TextIO

import numpy as np

from creditpath_ml import evaluate, models, paths, sources, split, train
from creditpath_ml.csv_table import DatasetError
from creditpath_ml.dataset import encode

DEFAULT_FILE = "kaggle-credit-risk-dataset/credit_risk_dataset.csv"
DEFAULT_TARGET = "loan_status"
GOAL_MARGIN = 0.005


def stratified_sample(source: Path, target: str, rows: int, seed: int, out: Path) -> Path:
    """Writes `rows` rows of `source` to `out`, each target value keeping its share; file order kept."""
    with source.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        records = list(reader)
    if target not in header:
        raise DatasetError(f"{source}: no column {target} (header: {', '.join(header[:8])} ...)")
    values = np.array([r[header.index(target)] for r in records])
    if rows > len(records):
        raise DatasetError(f"{source}: --rows {rows} is more than the file's {len(records)} rows")
    rng = np.random.default_rng(seed)
    chosen = []
    for value in np.unique(values):
        members = np.flatnonzero(values == value)
        chosen.append(rng.choice(members, round(rows * members.size / len(records)), replace=False))
    keep = np.sort(np.concatenate(chosen))
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(records[i] for i in keep)
    return out


def baselines(source: sources.Source, seed: int) -> dict[str, float]:
    """Test AUC of a default logistic regression and a default XGBoost on the trainer's split of `source`."""
    import xgboost as xgb

    data = sources.load(source)
    parts = split.make_split(data.groups, data.labels, seed, data.strata, data.dates).parts()
    encoded = encode(data, parts["train"])
    x, y = encoded.x, data.labels
    fit, test = parts["train"], parts["test"]
    categorical = [i for i, f in enumerate(encoded.features) if f.kind == "categorical"]
    logistic, _ = models.LOGISTIC.fit({"C": 1.0}, x[fit], y[fit], seed, models.FULL, categorical, None)
    threads = models.FULL.for_rows(fit.size).threads  # the trainer's, for the same data
    boosted = xgb.XGBClassifier(n_jobs=threads, random_state=seed).fit(x[fit], y[fit])
    return {
        "logistic_regression": evaluate.auc_roc(y[test], models.positive_scores(logistic, x[test])),
        "xgboost": evaluate.auc_roc(y[test], models.positive_scores(boosted, x[test])),
    }


def measure(
    data: Path,
    target: str,
    rows: int,
    seeds: list[int],
    candidates: int | None,
    budget: float | None,
    algorithms: list[str] | None,
    progress: TextIO,
) -> dict[str, object]:
    runs = []
    with tempfile.TemporaryDirectory(prefix="creditpath-stability-") as folder:
        for seed in seeds:
            sample = stratified_sample(data, target, rows, seed, Path(folder) / f"sample-{seed}.csv")
            source = sources.Source("byod", sample, Path(folder) / f"model-{seed}", target)
            log = io.StringIO()
            result = train.run(
                source,
                seed=seed,
                algorithms=algorithms,
                budget_seconds=budget,
                candidates=candidates,
                track=False,
                progress=log,
            )
            card = json.loads(Path(result["files"]["model-card.json"]).read_text())
            found = {
                "seed": seed,
                "champion": result["champion"],
                "championTestAuc": result["metrics"]["auc"],
                "baselines": baselines(source, seed),
                "algorithms": {
                    key: {"cvAuc": card["comparison"]["algorithms"][key]["cvAuc"], "testAuc": entry["auc"]}
                    for key, entry in result["algorithms"].items()
                },
                "selection": card["comparison"]["selection"],
                "seconds": result["seconds"],
            }
            runs.append(found)
            print(_line(found), file=progress, flush=True)
    mean = float(np.mean([r["championTestAuc"] for r in runs]))
    baseline_means = {
        key: float(np.mean([r["baselines"][key] for r in runs])) for key in runs[0]["baselines"]
    }
    best = max(baseline_means.values())
    return {
        "data": str(data),
        "target": target,
        "rows": rows,
        "seeds": seeds,
        "runs": runs,
        "championMeanTestAuc": mean,
        "baselineMeanTestAuc": baseline_means,
        "goal": f"champion mean >= best baseline mean - {GOAL_MARGIN}",
        "goalMet": mean >= best - GOAL_MARGIN,
    }


def _line(run: dict) -> str:
    b = run["baselines"]
    return (
        f"{run['seed']:>4}  {run['champion']:<20} {run['championTestAuc']:.4f}   "
        f"{b['logistic_regression']:.4f}   {b['xgboost']:.4f}   {run['seconds']:6.0f}s"
    )


def table(found: dict) -> str:
    header = "seed  champion             test AUC  LR AUC   XGB AUC  time"
    lines = [header, *(_line(r) for r in found["runs"])]
    means = found["baselineMeanTestAuc"]
    lines.append(
        f"mean  {'':<20} {found['championMeanTestAuc']:.4f}   {means['logistic_regression']:.4f}   "
        f"{means['xgboost']:.4f}"
    )
    lines.append(f"goal ({found['goal']}): {'met' if found['goalMet'] else 'NOT met'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Champion vs plain baselines on small stratified samples.")
    parser.add_argument("--data", help=f"csv file (default: $CREDITPATH_DATA_DIR/{DEFAULT_FILE})")
    parser.add_argument("--target", default=DEFAULT_TARGET, help="the 0/1 outcome column")
    parser.add_argument("--rows", type=int, default=1000, help="rows per sample")
    parser.add_argument("--seeds", default="1,2,3,4,5", help="comma-separated seeds (sample and training)")
    parser.add_argument("--candidates", type=int, help="candidates per algorithm (default: the trainer's)")
    parser.add_argument("--budget", type=float, help="time cap per algorithm's search, seconds")
    parser.add_argument("--algorithms", help="comma-separated subset (default: every available one)")
    parser.add_argument("--json", action="store_true", help="end stdout with one JSON line")
    args = parser.parse_args(argv)
    data = Path(args.data) if args.data else paths.data_dir() / DEFAULT_FILE
    try:
        found = measure(
            data,
            args.target,
            args.rows,
            [int(s) for s in args.seeds.split(",")],
            args.candidates,
            args.budget,
            [a.strip() for a in args.algorithms.split(",")] if args.algorithms else None,
            sys.stderr,
        )
    except DatasetError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(table(found))
    if args.json:
        print(json.dumps(found, allow_nan=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
