"""The report folder's plots (ROC, KS, calibration per model, and all ROC curves together) and the
printed comparison table. Plots are returned as PNG bytes so they are published with the model in one step.
"""

from __future__ import annotations

import io

import numpy as np

from creditpath_ml import evaluate


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")  # files only; never a window
    import matplotlib.pyplot as plt

    return plt


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    _pyplot().close(fig)
    return buffer.getvalue()


def roc_png(labels: np.ndarray, scores: np.ndarray, title: str) -> bytes:
    plt = _pyplot()
    fpr, tpr, _ = evaluate.roc_points(labels, scores)
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot(fpr, tpr, label=f"AUC {evaluate.auc_roc(labels, scores):.4f}")
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=1)
    ax.set(xlabel="false positive rate", ylabel="true positive rate", title=title)
    ax.legend(loc="lower right")
    return _png(fig)


def ks_png(labels: np.ndarray, scores: np.ndarray, title: str) -> bytes:
    plt = _pyplot()
    fpr, tpr, thresholds = evaluate.roc_points(labels, scores)
    gap = np.abs(tpr - fpr)
    at = int(np.argmax(gap))
    cut = np.r_[1.0, thresholds[1:]]
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.step(cut, tpr, where="post", label="defaulters (cumulative share)")
    ax.step(cut, fpr, where="post", label="payers (cumulative share)")
    ax.vlines(
        cut[at], fpr[at], tpr[at], color="black", linestyle=":", label=f"KS {gap[at]:.4f} at {cut[at]:.3f}"
    )
    ax.set(
        xlabel="score threshold (flag when score >= threshold)", ylabel="share above threshold", title=title
    )
    ax.invert_xaxis()
    ax.legend(loc="lower right")
    return _png(fig)


def calibration_png(curve: dict[str, list[float]], brier: float, title: str) -> bytes:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(5, 5))
    top = max([*curve["meanPredicted"], *curve["observedRate"], 0.05]) * 1.05
    ax.plot([0, top], [0, top], linestyle="--", color="grey", linewidth=1, label="perfect calibration")
    ax.plot(curve["meanPredicted"], curve["observedRate"], marker="o", label=f"model (Brier {brier:.4f})")
    ax.set(xlabel="mean predicted PD (score decile)", ylabel="observed default rate", title=title)
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.legend(loc="upper left")
    return _png(fig)


def roc_all_png(curves: dict[str, tuple[np.ndarray, np.ndarray]], title: str) -> bytes:
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6, 6))
    for name, (labels, scores) in curves.items():
        fpr, tpr, _ = evaluate.roc_points(labels, scores)
        ax.plot(fpr, tpr, label=f"{name} ({evaluate.auc_roc(labels, scores):.4f})")
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=1)
    ax.set(xlabel="false positive rate", ylabel="true positive rate", title=title)
    ax.legend(loc="lower right")
    return _png(fig)


COLUMNS = (
    ("algorithm", 20), ("cv AUC", 7), ("val AUC", 7), ("test AUC", 8), ("Gini", 6), ("KS", 6), ("F1", 6),
    ("prec", 6), ("recall", 6), ("Brier", 6), ("PSI", 6), ("OOT AUC", 7), ("secs", 6),
)  # fmt: skip


def comparison_table(rows: list[dict[str, object]], title: str, repeated_cv: bool = False) -> str:
    """rows: {key, cvAuc, validationAuc, test (metrics dict), psi, outOfTimeAuc, seconds, champion}."""
    header = "  ".join(
        f"{name:>{width}}" if i else f"{name:<{width}}" for i, (name, width) in enumerate(COLUMNS)
    )
    lines = [title, header, "-" * len(header)]

    def number(value: object, width: int) -> str:
        return f"{value:>{width}.4f}" if isinstance(value, float) else f"{'-':>{width}}"

    for row in rows:
        test = row["test"]
        name = f"{row['key']}{' *' if row['champion'] else ''}"
        cells = [
            f"{name:<20}",
            number(row["cvAuc"], 7),
            number(row["validationAuc"], 7),
            number(test["auc"], 8),
            number(test["gini"], 6),
            number(test["ks"], 6),
            number(test["f1"], 6),
            number(test["precision"], 6),
            number(test["recall"], 6),
            number(test["brier"], 6),
            number(row["psi"], 6),
            number(row.get("outOfTimeAuc"), 7),
            f"{row['seconds']:>6.1f}",
        ]
        lines.append("  ".join(cells))
    lines.append(
        "* champion: the simplest algorithm within one standard error of the best repeated-CV AUC (cv AUC);"
        if repeated_cv
        else "* champion: best validation AUC (within 0.001 the simpler model wins);"
    )
    lines.append(
        "  F1/precision/recall at each model's validation max-F1 threshold; PSI = train vs test scores;"
    )
    lines.append("  OOT = out-of-time test")
    return "\n".join(lines)
