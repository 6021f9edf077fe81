"""The collection scores' training tables, written by `npm run features:export -- --collections`.

Two scores sit beside the probability of default (features/collection-outcomes.ts defines their outcomes):
- `propensity-to-pay`: a loan past due on a snapshot day pays at least half of what is overdue that day within
  30 days. One row per loan and snapshot day (monthly, over the six months before the as-of date).
- `promise-kept`: a promise, as the loan stood on the day it was made, is kept. One row per promise kept or
  broken by the as-of date.

Each csv has its `<name>.schema.json`: id columns, the features in model order, the label, and the
`true_probability` column, the synthetic generator's own probability of the outcome (empty for imported
data). That column is never a feature: the card compares the model with it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from creditpath_ml.csv_table import DatasetError, parse_numbers, read_csv
from creditpath_ml.dataset import Dataset, FeatureSpec

SCORES = ("propensity-to-pay", "promise-kept")
LABEL = "label"
TRUTH = "true_probability"
HINT = (
    "Write the collection tables with `npm run features:export -- --collections` (from the repository root; "
    "they need a portfolio with payment records, such as the synthetic one)."
)


def schema_path(csv_path: Path) -> Path:
    return csv_path.with_name(csv_path.name.removesuffix(".csv") + ".schema.json")


def _schema(csv_path: Path) -> dict:
    path = schema_path(csv_path)
    if not path.is_file():
        raise DatasetError(f"{path}: schema not found beside {csv_path.name}. {HINT}")
    try:
        schema = json.loads(path.read_text())
        [f["name"] for f in schema["features"]]
        list(schema["idColumns"])
    except (json.JSONDecodeError, KeyError, TypeError) as err:
        raise DatasetError(f"{path}: not a collection-table schema ({err}). {HINT}") from None
    return schema


def load(csv_path: Path, score: str) -> Dataset:
    """Loads one table; rows of one loan share a group, so a loan's snapshots never straddle two splits."""
    csv_path = Path(csv_path)
    schema = _schema(csv_path)
    ids = list(schema["idColumns"])
    specs = tuple(FeatureSpec(f["name"], f.get("description") or f["name"]) for f in schema["features"])
    names = [f.name for f in specs]
    expected = [*ids, *names, TRUTH, LABEL]
    table = read_csv(csv_path, HINT, tuple(expected))
    if list(table.header) != expected:
        raise DatasetError(
            f"{csv_path}: line 1: the columns do not match {schema_path(csv_path).name} (a file from another "
            f"export?). Expected {','.join(expected)}. {HINT}"
        )
    label_cells = table.columns[LABEL]
    bad = next((i for i, c in enumerate(label_cells) if c not in ("0", "1")), None)
    if bad is not None:
        raise DatasetError(f"{table.where(bad, LABEL)}: {label_cells[bad]!r} is not 1 or 0. {HINT}")
    labels = np.array([c == "1" for c in label_cells], dtype=np.int8)
    if table.rows == 0 or labels.min() == labels.max():
        raise DatasetError(f"{csv_path}: needs rows of both outcomes (1 and 0) to train on. {HINT}")

    portfolio = np.array(table.columns["portfolio"], dtype=object)
    loan = np.array([f"{p}\x1f{k}" for p, k in zip(portfolio, table.columns["loan_key"], strict=True)])
    strata_names, strata = np.unique(portfolio.astype(str), return_inverse=True)
    dates = np.array(table.columns["as_of_date"], dtype="datetime64[D]")
    truth = parse_numbers(table, TRUTH)
    notes = [f"{score}: {schema['label']['description']}"]
    if np.isnan(truth).all():
        notes.append("no true probabilities (imported data): the card has no comparison with them")
    return Dataset(
        source="collection",
        name=score,
        path=csv_path,
        sha256=table.sha256,
        features=specs,
        values=np.column_stack([parse_numbers(table, n) for n in names]),
        text={},
        labels=labels,
        groups=np.unique(loan, return_inverse=True)[1].astype(np.int64),
        strata=strata.astype(np.int64),
        strata_names=tuple(str(s) for s in strata_names),
        dates=dates,
        target=LABEL,
        id_column="portfolio + loan_key",
        notes=tuple(notes),
        fingerprint={
            "file": str(csv_path),
            "sha256": table.sha256,
            "schemaSha256": hashlib.sha256(schema_path(csv_path).read_bytes()).hexdigest(),
            "rowsInFile": table.rows,
            "portfolios": schema.get("portfolios", []),
        },
        feature_version=int(schema.get("featureVersion", 1)),
        truth=truth,
    )


def truth_comparison(
    truth: np.ndarray, labels: np.ndarray, scores: dict[str, np.ndarray], rows: dict[str, np.ndarray]
) -> dict[str, object]:
    """The model against the generator's own probabilities, per split (test, out-of-time) that has them.

    `truthAuc` is the best AUC any model could expect on those rows (the outcome is a draw from the truth);
    `meanAbsError` and `correlation` say how close the score is to it; the means show calibration in the
    large.
    """
    from sklearn.metrics import roc_auc_score

    out: dict[str, object] = {}
    for name, idx in rows.items():
        t, y, p = truth[idx], labels[idx], scores[name]
        known = ~np.isnan(t)
        if known.sum() < 2 or np.unique(y[known]).size < 2:
            continue
        t, y, p = t[known], y[known], p[known]
        out[name] = {
            "rows": int(known.sum()),
            "truthAuc": float(roc_auc_score(y, t)),
            "modelAuc": float(roc_auc_score(y, p)),
            "meanAbsError": float(np.mean(np.abs(p - t))),
            "correlation": float(np.corrcoef(p, t)[0, 1]) if np.std(p) > 0 and np.std(t) > 0 else None,
            "meanScore": float(p.mean()),
            "meanTruth": float(t.mean()),
            "observedRate": float(y.mean()),
        }
    return out
