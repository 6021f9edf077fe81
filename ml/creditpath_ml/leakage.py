"""The leakage guard: a feature that alone separates defaulters from payers on the training split.

A column whose AUC alone is >= LEAKY_AUC (or <= 1 - LEAKY_AUC, the same separation reversed) is almost
always the outcome written another way (a status, a recovery amount, a write-off date), recorded after the
default the model is meant to predict. Trained on it, every model scores a test AUC near 1.000 and is useless
on new loans, so the run stops before anything is fitted or published, naming the column and both ways on:
`--exclude COL` to leave it out, or `--allow-leaky COL` when it is truly known before a loan is scored.

Missing values count as the lowest value, so a column that is filled in only for defaulters is caught too.
A categorical column is scored by its code, which is ordered by the training default rate: its best order.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from creditpath_ml import evaluate
from creditpath_ml.csv_table import DatasetError
from creditpath_ml.dataset import FeatureSpec

LEAKY_AUC = 0.99


class LeakageError(DatasetError):
    """A feature predicts the outcome too well to be known before it."""


def single_feature_aucs(x: np.ndarray, y: np.ndarray) -> list[float | None]:
    """AUC of each column alone (None for a column with no present value)."""
    aucs: list[float | None] = []
    for column in np.asarray(x, dtype=np.float64).T:
        present = ~np.isnan(column)
        if not present.any():
            aucs.append(None)
            continue
        lowest = float(column[present].min())
        aucs.append(evaluate.auc_roc(y, np.where(present, column, lowest - 1.0)))
    return aucs


def check(
    x: np.ndarray, y: np.ndarray, features: Sequence[FeatureSpec], allowed: Sequence[str] = ()
) -> dict[str, object]:
    """Raises LeakageError for a leaky column not in `allowed`; returns the card's `leakageCheck` entry."""
    leaky = {
        f.name: auc
        for f, auc in zip(features, single_feature_aucs(x, y), strict=True)
        if auc is not None and (auc >= LEAKY_AUC or auc <= 1 - LEAKY_AUC)
    }
    stopping = [name for name in leaky if name not in allowed]
    if stopping:
        found = ", ".join(f"{name} (AUC {leaky[name]:.3f})" for name in stopping)
        names = ",".join(stopping)
        raise LeakageError(
            f"column(s) {found} alone separate defaults from non-defaults on the training split (AUC alone "
            f">= {LEAKY_AUC} or <= {1 - LEAKY_AUC:.2f}): such a column usually records the outcome itself "
            f"(a status or amount written after the default). Leave it out with --exclude {names}, or, if "
            f"it is truly known before a loan is scored, keep it with --allow-leaky {names}. Nothing was "
            "trained or published."
        )
    return {
        "rule": f"a feature whose AUC alone on the training split is >= {LEAKY_AUC} or <= "
        f"{1 - LEAKY_AUC:.2f} stops the run unless named with --allow-leaky",
        "allowed": dict(leaky),
    }
