from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from creditpath_ml import collection_tables, sources, train
from creditpath_ml.csv_table import DatasetError

FEATURES = ["current_dpd", "overdue_amount", "ptp_kept_rate"]


def write_table(folder: Path, loans: int = 900, seed: int = 3, snapshots: int = 4) -> tuple[Path, np.ndarray]:
    """A propensity table as `features:export --collections` writes it: each loan seen on several days, the
    outcome drawn from a known probability (the true_probability column). Returns the csv and the truths."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    csv_path = folder / "propensity-to-pay.csv"
    ids = ["loan_id", "loan_key", "portfolio", "as_of_date"]
    schema = {
        "idColumns": ids,
        "label": {"name": "label", "description": "1 = paid half of the overdue amount within 30 days"},
        "truth": {"name": "true_probability"},
        "features": [{"name": n, "description": n} for n in FEATURES],
    }
    (folder / "propensity-to-pay.schema.json").write_text(json.dumps(schema))
    truths = []
    with csv_path.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow([*ids, *FEATURES, "true_probability", "label"])
        for loan in range(loans):
            for k in range(snapshots):
                dpd = int(rng.integers(1, 120))
                overdue = float(rng.lognormal(5, 1))
                kept = "" if rng.random() < 0.3 else round(float(rng.random()), 3)
                logit = 2.5 - 0.04 * dpd + (2 * kept - 1 if kept != "" else 0)
                p = 1 / (1 + np.exp(-logit))
                truths.append(p)
                day = f"2026-0{5 + k}-01"
                out.writerow(
                    [f"id{loan}", f"L{loan}", "Synthetic", day, dpd, overdue, kept, p, int(rng.random() < p)]
                )
    return csv_path, np.array(truths)


def test_a_collection_score_is_trained_from_its_table_and_compared_with_the_truth(
    tmp_path: Path,
) -> None:
    csv_path, _ = write_table(tmp_path / "features")
    source = sources.resolve(
        data=None, target=None, id_column=None, date_column=None, positive=None,
        features=str(tmp_path / "features" / "features.csv"), data_dir=None, source="auto",
        out=str(tmp_path / "model"), quick=True, score="propensity-to-pay",
    )  # fmt: skip
    assert source.kind == "collection"
    assert source.path == csv_path
    train.run(source, seed=2, quick=True, algorithms=["logistic_regression", "lightgbm"], track=False)
    card = json.loads((tmp_path / "model" / "model-card.json").read_text())
    assert card["dataset"]["score"] == "propensity-to-pay"
    # The truth is beside the data, never an input.
    assert [f["name"] for f in card["input"]["features"]] == FEATURES
    truth = card["groundTruth"]
    assert "synthetic" in truth["note"]
    test = truth["test"]
    # The outcome is drawn from the truth: the truth ranks as well as any model can (up to noise)...
    assert test["truthAuc"] > 0.7
    assert test["modelAuc"] > test["truthAuc"] - 0.05
    # ...and a model of the right features follows the truth closely.
    assert test["correlation"] > 0.8
    assert abs(test["meanScore"] - test["meanTruth"]) < 0.05
    # The latest snapshot is the out-of-time test.
    assert card["split"]["outOfTime"].startswith("out-of-time test")
    assert truth["outOfTime"]["rows"] > 0


def test_a_table_that_does_not_match_its_schema_is_refused_with_the_reason(tmp_path: Path) -> None:
    csv_path, _ = write_table(tmp_path, loans=20)
    lines = csv_path.read_text().splitlines()
    csv_path.write_text("\n".join([lines[0].replace("overdue_amount,", ""), *lines[1:]]) + "\n")
    with pytest.raises(DatasetError, match=r"line 1: missing required column\(s\) overdue_amount"):
        collection_tables.load(csv_path, "propensity-to-pay")


def test_a_missing_table_says_how_to_write_it(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="features:export -- --collections"):
        collection_tables.load(tmp_path / "promise-kept.csv", "promise-kept")


def test_an_unknown_score_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="choose one of propensity-to-pay, promise-kept"):
        sources.resolve(
            data=None, target=None, id_column=None, date_column=None, positive=None, features=None,
            data_dir=None, source="auto", out=None, quick=True, score="cure-rate",
        )  # fmt: skip
