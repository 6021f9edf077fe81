"""Metrics for a probability-of-default model, implemented here (and checked against scikit-learn in tests).

`python -m creditpath_ml.evaluate [--model-dir DIR] [--data-dir DIR]` re-scores the held-out test split with
the exported model.onnx (through onnxruntime, as the server does) and compares with its model card.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np


@dataclass(frozen=True)
class Metrics:
    auc: float
    gini: float
    ks: float
    f1: float
    precision: float
    recall: float
    brier: float
    threshold: float
    # [[true negatives, false positives], [false negatives, true positives]], scikit-learn's layout
    confusion_matrix: list[list[int]]

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["confusionMatrix"] = data.pop("confusion_matrix")
        return data


def _validate(labels: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(labels).astype(np.int64).ravel()
    p = np.asarray(scores, dtype=np.float64).ravel()
    if y.shape != p.shape:
        raise ValueError(f"labels ({y.size}) and scores ({p.size}) differ in length")
    if not np.isin(y, (0, 1)).all():
        raise ValueError("labels must be 0 or 1")
    if not np.isfinite(p).all():
        raise ValueError("scores must be finite")
    return y, p


def roc_points(labels: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """FPR, TPR and thresholds for "score >= threshold", one point per distinct score, starting at (0, 0).

    Tied scores form one point: a model cannot rank between them, so no threshold may split them.
    """
    y, p = _validate(labels, scores)
    positives = int(y.sum())
    negatives = y.size - positives
    if positives == 0 or negatives == 0:
        raise ValueError("ROC needs both classes among the labels")
    order = np.argsort(-p, kind="mergesort")
    p_sorted, y_sorted = p[order], y[order]
    # the last index of each run of equal scores is where a threshold can sit
    cut = np.r_[np.flatnonzero(np.diff(p_sorted)), y_sorted.size - 1]
    true_pos = np.cumsum(y_sorted)[cut]
    false_pos = (cut + 1) - true_pos
    tpr = np.r_[0.0, true_pos / positives]
    fpr = np.r_[0.0, false_pos / negatives]
    thresholds = np.r_[np.inf, p_sorted[cut]]
    return fpr, tpr, thresholds


def auc_roc(labels: np.ndarray, scores: np.ndarray) -> float:
    fpr, tpr, _ = roc_points(labels, scores)
    # trapezoids give ties half credit, the same as the Mann-Whitney U statistic
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2.0))


def ks_statistic(labels: np.ndarray, scores: np.ndarray) -> float:
    """Kolmogorov-Smirnov: the largest gap between the score distributions of defaulters and payers."""
    fpr, tpr, _ = roc_points(labels, scores)
    return float(np.max(np.abs(tpr - fpr)))


def brier_score(labels: np.ndarray, scores: np.ndarray) -> float:
    y, p = _validate(labels, scores)
    return float(np.mean((p - y) ** 2))


def confusion_matrix(labels: np.ndarray, scores: np.ndarray, threshold: float) -> list[list[int]]:
    y, p = _validate(labels, scores)
    predicted = p >= threshold
    tp = int(np.sum(predicted & (y == 1)))
    fp = int(np.sum(predicted & (y == 0)))
    fn = int(np.sum(~predicted & (y == 1)))
    tn = int(np.sum(~predicted & (y == 0)))
    return [[tn, fp], [fn, tp]]


def precision_recall_f1(
    labels: np.ndarray, scores: np.ndarray, threshold: float
) -> tuple[float, float, float]:
    (_, fp), (fn, tp) = confusion_matrix(labels, scores, threshold)
    # 0 for an empty denominator, as scikit-learn's zero_division=0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return precision, recall, f1


def best_f1_threshold(labels: np.ndarray, scores: np.ndarray) -> float:
    """The score threshold with the highest F1 ("flag as likely default" when score >= threshold).

    Chosen on the validation split, never on test, so the test F1 is an honest estimate.
    """
    y, _ = _validate(labels, scores)
    fpr, tpr, thresholds = roc_points(labels, scores)
    positives = int(y.sum())
    negatives = y.size - positives
    tp = tpr[1:] * positives
    fp = fpr[1:] * negatives
    fn = positives - tp
    f1 = 2 * tp / (2 * tp + fp + fn)
    return float(thresholds[1:][int(np.argmax(f1))])


def evaluate(labels: np.ndarray, scores: np.ndarray, threshold: float) -> Metrics:
    auc = auc_roc(labels, scores)
    precision, recall, f1 = precision_recall_f1(labels, scores, threshold)
    return Metrics(
        auc=auc,
        gini=2.0 * auc - 1.0,
        ks=ks_statistic(labels, scores),
        f1=f1,
        precision=precision,
        recall=recall,
        brier=brier_score(labels, scores),
        threshold=float(threshold),
        confusion_matrix=confusion_matrix(labels, scores, threshold),
    )


def format_table(metrics: Metrics, title: str) -> str:
    (tn, fp), (fn, tp) = metrics.confusion_matrix
    rows = [
        ("AUC-ROC", f"{metrics.auc:.4f}"),
        ("Gini", f"{metrics.gini:.4f}"),
        ("KS", f"{metrics.ks:.4f}"),
        ("Brier", f"{metrics.brier:.4f}"),
        ("threshold", f"{metrics.threshold:.4f}"),
        ("precision", f"{metrics.precision:.4f}"),
        ("recall", f"{metrics.recall:.4f}"),
        ("F1", f"{metrics.f1:.4f}"),
    ]
    width = max(len(name) for name, _ in rows)
    lines = [title, "-" * max(len(title), 28)]
    lines += [f"{name:<{width}}  {value:>10}" for name, value in rows]
    lines += [
        "confusion (rows = actual, columns = predicted)",
        f"{'':<14}{'no default':>12}{'default':>10}",
        f"{'no default':<14}{tn:>12}{fp:>10}",
        f"{'default':<14}{fn:>12}{tp:>10}",
    ]
    return "\n".join(lines)


def psi(expected: np.ndarray, actual: np.ndarray, bins: int = 10) -> float:
    """Population stability index of `actual` against `expected` (e.g. test scores against training scores).

    Bins are the deciles of `expected` (ties merged); an empty bin counts as a share of 1e-4 so that the
    logarithm stays finite. Below 0.1 is usually read as stable, above 0.25 as a shift.
    """
    expected = np.asarray(expected, dtype=np.float64)
    actual = np.asarray(actual, dtype=np.float64)
    edges = psi_edges(expected, bins)
    e = np.maximum(bin_shares(expected, edges), 1e-4)
    a = np.maximum(bin_shares(actual, edges), 1e-4)
    return float(np.sum((a - e) * np.log(a / e)))


def psi_edges(reference: np.ndarray, bins: int = 10) -> np.ndarray:
    """Inner bin edges: the reference's quantiles, without duplicates."""
    return np.unique(np.quantile(reference, np.linspace(0, 1, bins + 1)[1:-1]))


def bin_shares(values: np.ndarray, inner_edges: np.ndarray) -> np.ndarray:
    """Share of values per bin; bin i holds edges[i-1] < v <= edges[i] (the first and last are open)."""
    index = np.searchsorted(inner_edges, values, side="left")
    return np.bincount(index, minlength=inner_edges.size + 1) / max(values.size, 1)


def calibration_curve(labels: np.ndarray, scores: np.ndarray, bins: int = 10) -> dict[str, list[float]]:
    """Mean score and observed default rate per score decile (equal-count bins, scikit-learn's "quantile")."""
    y, p = _validate(labels, scores)
    edges = np.quantile(p, np.linspace(0, 1, bins + 1))
    index = np.searchsorted(edges[1:-1], p)
    predicted, observed, counts = [], [], []
    for b in range(bins):  # tied quantiles leave some bins empty; those are skipped
        member = index == b
        if member.any():
            predicted.append(float(p[member].mean()))
            observed.append(float(y[member].mean()))
            counts.append(int(member.sum()))
    return {"meanPredicted": predicted, "observedRate": observed, "rows": counts}


def main(argv: list[str] | None = None) -> int:
    # Imported here so that the metric functions above stay importable without the model stack.
    from creditpath_ml import paths, sources
    from creditpath_ml.csv_table import DatasetError
    from creditpath_ml.export_onnx import load_session, score

    parser = argparse.ArgumentParser(description="Re-score the test split with an exported model.onnx.")
    parser.add_argument("--model-dir", help=f"folder with model.onnx (default: ${paths.MODEL_DIR_ENV})")
    args = parser.parse_args(argv)

    model_dir = paths.model_dir(args.model_dir)
    card_path = Path(model_dir) / "model-card.json"
    if not card_path.is_file():
        print(f"error: {card_path} not found; train a model first (npm run ml:train)", file=sys.stderr)
        return 1
    card = json.loads(card_path.read_text())
    try:
        data, x, test = sources.reload_test_split(card)
    except DatasetError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if data.sha256 != card["dataset"]["sha256"]:
        print("warning: the data file differs from the one the model was trained on", file=sys.stderr)
    probabilities = score(load_session(Path(model_dir) / "model.onnx"), x[test])
    metrics = evaluate(data.labels[test], probabilities, card["metrics"]["test"]["threshold"])
    print(format_table(metrics, f"{card['version']} on the test split ({test.size} rows), scored with ONNX"))
    recorded = card["metrics"]["test"]["auc"]
    print(f"AUC recorded in the model card: {recorded:.4f} (difference {metrics.auc - recorded:+.2e})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
