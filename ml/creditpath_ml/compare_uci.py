"""The served model against the UCI raw columns, on the same loans and the same split.

The served model learns from the feature export (both portfolios); the question is whether the export keeps
the signal of the raw file. This trains every algorithm on the UCI raw columns (the trainer's own search and
fit), with each UCI borrower in the part (train / validation / test) the served model's split put them in,
and only the loans the served model is for (below 90 days past due), and scores the same UCI test loans.
The raw champion is chosen as the trainer chooses (validation AUC, ties to the simpler model).

`python -m creditpath_ml.compare_uci [--model-dir DIR] [--data-dir DIR] [--quick]` prints one line per
algorithm and the served model's line, and exits 1 when the served model is more than 0.003 AUC behind.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from creditpath_ml import byod, engines, evaluate, models, paths, sources, split
from creditpath_ml.csv_table import DatasetError, parse_numbers, read_csv
from creditpath_ml.dataset import EXPORT_HINT, EXPORT_LABEL, PD_SCOPE_DPD, PD_SCOPE_FEATURE, encode

UCI_PORTFOLIO_PREFIX = "UCI"
TOLERANCE = 0.003


def _served_parts(card: dict) -> dict[int, int]:
    """UCI id -> part (0 train, 1 validation, 2 test) of the served model's split, for in-scope rows."""
    data, _, _ = sources.reload_test_split(card)
    parts = split.make_split(data.groups, data.labels, card["split"]["seed"], data.strata, data.dates)
    table = read_csv(Path(card["dataset"]["file"]), EXPORT_HINT)
    dpd = parse_numbers(table, PD_SCOPE_FEATURE)
    # The rows load_feature_export kept, in file order: known label and below 90 dpd (or unknown).
    kept = np.array([c != "" for c in table.columns[EXPORT_LABEL]]) & ~(dpd >= PD_SCOPE_DPD)
    keys = np.array(table.columns["loan_key"])[kept]
    portfolio = np.array(table.columns["portfolio"])[kept]
    assert keys.size == data.rows, "the export changed since the model was trained"
    part = np.full(data.rows, -1)
    for code, rows in enumerate((parts.train, parts.validation, parts.test)):
        part[rows] = code
    uci = np.char.startswith(portfolio.astype(str), UCI_PORTFOLIO_PREFIX)
    return {int(k): int(p) for k, p in zip(keys[uci], part[uci], strict=True)}


def compare(
    model_dir: Path,
    data_dir: Path,
    quick: bool,
    budget_seconds: float | None = None,
    candidates: int | None = None,
    progress=sys.stderr,
) -> dict[str, object]:
    card = json.loads((model_dir / "model-card.json").read_text())
    part_of = _served_parts(card)
    raw = byod.load_uci(data_dir)
    ids = parse_numbers(read_csv(paths.uci_csv(data_dir), byod.HINT), byod.UCI_ID).astype(int)
    assert ids.size == raw.rows
    part = np.array([part_of.get(int(i), -1) for i in ids])
    train, validation, test = (np.flatnonzero(part == p) for p in range(3))
    encoded = encode(raw, train)
    x, y = encoded.x, raw.labels
    categorical = [i for i, f in enumerate(encoded.features) if f.kind == "categorical"]
    budget = models.QUICK if quick else models.FULL
    if budget_seconds is not None:
        budget = replace(budget, seconds=budget_seconds)
    if candidates is not None:
        budget = replace(budget, candidates=candidates)
    engine = engines.LocalEngine()
    seed = card["split"]["seed"]
    rows = []
    for algorithm in models.available().values():
        found = engine.search(
            algorithm, x[train], y[train], raw.groups[train], categorical, budget, seed, progress
        )
        model = engine.fit(algorithm, found, x[train], y[train], categorical, budget, seed)
        validation_auc = evaluate.auc_roc(y[validation], models.positive_scores(model, x[validation]))
        scores = models.positive_scores(model, x[test])
        m = evaluate.evaluate(y[test], scores, 0.5)
        rows.append(
            {
                "algorithm": algorithm.key,
                "simplicity": algorithm.simplicity,
                "validationAuc": validation_auc,
                "testAuc": m.auc,
                "ks": m.ks,
                "brier": m.brier,
            }
        )
    best = max(r["validationAuc"] for r in rows)
    raw_champion = min((r for r in rows if best - r["validationAuc"] <= 0.001), key=lambda r: r["simplicity"])
    served = next(
        v for k, v in card["metrics"]["testByPortfolio"].items() if k.startswith(UCI_PORTFOLIO_PREFIX)
    )
    return {
        "uciLoans": {"train": int(train.size), "validation": int(validation.size), "test": int(test.size)},
        "raw": rows,
        "rawChampion": raw_champion["algorithm"],
        "rawChampionTestAuc": raw_champion["testAuc"],
        "served": {"version": card["version"], "algorithm": card["algorithm"], **served},
        "gap": served["auc"] - raw_champion["testAuc"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The served model vs the UCI raw columns on the same loans.")
    parser.add_argument("--model-dir", help="the served model's folder (default: CREDITPATH_MODEL_DIR)")
    parser.add_argument(
        "--data-dir", help="raw data folder holding the UCI file (default: CREDITPATH_DATA_DIR)"
    )
    parser.add_argument("--quick", action="store_true", help="the quick search (a smoke run)")
    parser.add_argument("--budget", type=float, help="seconds of search per algorithm (as train's --budget)")
    parser.add_argument(
        "--candidates", type=int, help="search candidates per algorithm (match what the served run tried)"
    )
    args = parser.parse_args(argv)
    try:
        result = compare(
            paths.model_dir(args.model_dir),
            paths.data_dir(args.data_dir),
            args.quick,
            args.budget,
            args.candidates,
        )
    except DatasetError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"UCI loans below {PD_SCOPE_DPD} dpd, served split: {result['uciLoans']}")
    for r in result["raw"]:
        metrics = f"test AUC {r['testAuc']:.4f}  KS {r['ks']:.4f}  Brier {r['brier']:.4f}"
        print(f"  raw {r['algorithm']:<20} {metrics}")
    s = result["served"]
    print(f"  served {s['algorithm']:<17} test AUC {s['auc']:.4f}  KS {s['ks']:.4f}  Brier {s['brier']:.4f}")
    raw = f"raw champion {result['rawChampion']} {result['rawChampionTestAuc']:.4f}"
    print(f"{raw}; served - raw = {result['gap']:+.4f}")
    return 0 if result["gap"] >= -TOLERANCE else 1


if __name__ == "__main__":
    sys.exit(main())
