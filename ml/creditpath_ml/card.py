"""The model card's data sections: reference statistics for drift, score distribution and risk tiers.

Tier rule: the PD cut-offs are the 50th, 80th and 95th percentiles of the champion's scores on the
validation split (held out from fitting, so the scores are distributed as they will be on new loans):
Low = below the median, Medium = 50th-80th, High = 80th-95th, Critical = the top 5%. Fixed population
shares give a collections team a predictable workload per tier; the observed default rate per tier on
the test split is recorded next to the cut-offs to show that the tiers do order risk.
"""

from __future__ import annotations

import itertools
import platform
from importlib import metadata

import numpy as np

from creditpath_ml import evaluate
from creditpath_ml.dataset import FeatureSpec

QUANTILES = (0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99)
TIER_PERCENTILES = (50, 80, 95)
TIERS = ("Low", "Medium", "High", "Critical")
SCORE_BINS = 20
LIBRARIES = (
    "numpy", "pandas", "scikit-learn", "lightgbm", "xgboost-cpu", "catboost", "onnx", "onnxruntime",
    "skl2onnx", "mlflow-skinny", "matplotlib",
)  # fmt: skip


def _quantiles(values: np.ndarray) -> dict[str, float]:
    return {
        f"p{round(q * 100):02d}": float(v)
        for q, v in zip(QUANTILES, np.quantile(values, QUANTILES), strict=True)
    }


def feature_statistics(x_train: np.ndarray, features: tuple[FeatureSpec, ...]) -> list[dict[str, object]]:
    """Per feature, on the training split: missing share, range, quantiles, and decile bins for PSI."""
    stats = []
    for column, spec in enumerate(features):
        values = x_train[:, column].astype(np.float64)
        present = values[~np.isnan(values)]
        entry: dict[str, object] = {"name": spec.name, "missingShare": float(1 - present.size / values.size)}
        if present.size == 0:
            entry["note"] = "missing on every training row"
        elif spec.kind == "categorical":
            codes, counts = np.unique(present.astype(np.int64), return_counts=True)
            entry["categoryShares"] = {
                spec.categories[c]: float(n / values.size) for c, n in zip(codes, counts, strict=True)
            }
        else:
            edges = evaluate.psi_edges(present)
            entry.update(
                {
                    "min": float(present.min()),
                    "max": float(present.max()),
                    "mean": float(present.mean()),
                    "median": float(np.median(present)),
                    "quantiles": _quantiles(present),
                    "psiBins": {
                        "innerEdges": [float(e) for e in edges],
                        "shares": [float(s) for s in evaluate.bin_shares(present, edges)],
                        "rule": "bin i holds innerEdges[i-1] < x <= innerEdges[i]; shares of present values",
                    },
                }
            )
        stats.append(entry)
    return stats


def score_distribution(scores: dict[str, np.ndarray]) -> dict[str, object]:
    """Shares of scores in SCORE_BINS equal-width PD bins, with quantiles, per split.

    The drift reference (the training split) also carries `psiBins`: its deciles and the share in each, the
    bins `evaluate.psi` uses. Scores crowd into a few equal-width bins (most loans are far below 0.05), where
    a shift of the live scores would not show; PSI over these bins is the same measure as the card's
    `psiTrainVsTest`, so the server's live PSI reads on the same scale.
    """
    edges = np.linspace(0.0, 1.0, SCORE_BINS + 1)
    result: dict[str, object] = {
        "binEdges": [float(e) for e in edges],
        "rule": "bin i holds binEdges[i] <= score < binEdges[i+1] (the last bin includes 1)",
        "driftReference": "train",
    }
    for part, values in scores.items():
        counts, _ = np.histogram(np.clip(values, 0.0, 1.0), bins=edges)
        result[part] = {
            "rows": int(values.size),
            "mean": float(values.mean()),
            "shares": [float(c / values.size) for c in counts],
            "quantiles": _quantiles(values),
        }
    reference = scores.get(result["driftReference"])
    if reference is not None and reference.size > 0:
        edges = evaluate.psi_edges(reference)
        result[result["driftReference"]]["psiBins"] = {
            "innerEdges": [float(e) for e in edges],
            "shares": [float(s) for s in evaluate.bin_shares(reference, edges)],
            "rule": (
                "bin i holds innerEdges[i-1] < score <= innerEdges[i] "
                "(deciles of the training scores, ties merged)"
            ),
        }
    return result


def tiers(
    validation_scores: np.ndarray, test_scores: np.ndarray, test_labels: np.ndarray
) -> dict[str, object]:
    cuts = [float(np.percentile(validation_scores, p)) for p in TIER_PERCENTILES]
    bounds = [0.0, *cuts, 1.0]
    tier_of_test = np.searchsorted(np.array(cuts), test_scores, side="right")
    outcome = []
    for index, name in enumerate(TIERS):
        member = tier_of_test == index
        outcome.append(
            {
                "tier": name,
                "rows": int(member.sum()),
                "share": float(member.mean()),
                "defaultRate": float(test_labels[member].mean()) if member.any() else None,
            }
        )
    rates = [o["defaultRate"] for o in outcome if o["defaultRate"] is not None]
    return {
        "rule": (
            "PD cut-offs at the 50th, 80th and 95th percentiles of the validation scores: "
            "Low < p50 <= Medium "
            "< p80 <= High < p95 <= Critical"
        ),
        "cutoffs": [
            {"tier": name, "minPd": bounds[i], "maxPd": bounds[i + 1]} for i, name in enumerate(TIERS)
        ],
        "assign": "tier = the last one whose minPd <= PD",
        "test": outcome,
        "monotonic": bool(all(a <= b for a, b in itertools.pairwise(rates))),
    }


def library_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions
