"""Train / validation / test by borrower, stratified by outcome (and portfolio); an out-of-time test where
the data has dates; and the borrower-grouped folds of the cross-validated search.

Splitting borrowers rather than rows keeps every row of one borrower in one split, so a model is never
tested on a person it has seen in training. The feature export has one row per loan and as-of date; each
loan belongs to one borrower, identified by portfolio + loan_key.

Out-of-time: within each portfolio whose rows carry at least two dates, the rows dated after the 85th
percentile of its dates (or, for a few snapshot dates, the rows of the latest one) form the later period.
Training and validation use only earlier rows; the test borrowers' later rows are the out-of-time test,
their earlier rows the in-time test. So no borrower is in two splits and no later row trains the model.

`python -m creditpath_ml.split [--features FILE] [--seed N]` prints the split sizes and default rates.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

import numpy as np

FRACTIONS = (0.70, 0.15, 0.15)  # train, validation, test
LATER_PERIOD_QUANTILE = 0.85


@dataclass(frozen=True)
class Split:
    """Row indices (sorted) of each part; out_of_time is empty where the data has no later period."""

    train: np.ndarray
    validation: np.ndarray
    test: np.ndarray
    out_of_time: np.ndarray
    note: str  # how the out-of-time test was formed, or why there is none

    def parts(self) -> dict[str, np.ndarray]:
        parts = {"train": self.train, "validation": self.validation, "test": self.test}
        if self.out_of_time.size:
            parts["outOfTime"] = self.out_of_time
        return parts


def _borrower_labels(groups: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    borrowers, row_to_borrower = np.unique(groups, return_inverse=True)
    # A borrower counts as a defaulter if any of their rows defaulted.
    label = np.zeros(borrowers.size, dtype=np.int64)
    np.maximum.at(label, row_to_borrower, np.asarray(labels).astype(np.int64))
    return borrowers, row_to_borrower, label


def split_by_borrower(
    groups: np.ndarray,
    labels: np.ndarray,
    seed: int,
    fractions: tuple[float, float, float] = FRACTIONS,
    strata: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row indices of train, validation and test; borrowers are dealt out per stratum and outcome."""
    if len(fractions) != 3 or min(fractions) <= 0 or not np.isclose(sum(fractions), 1.0):
        raise ValueError(f"fractions must be three positive numbers summing to 1, got {fractions}")
    groups = np.asarray(groups)
    borrowers, row_to_borrower, borrower_label = _borrower_labels(groups, labels)
    borrower_stratum = np.zeros(borrowers.size, dtype=np.int64)
    if strata is not None:
        borrower_stratum[row_to_borrower] = np.asarray(strata)  # one portfolio per borrower
    rng = np.random.default_rng(seed)
    part_of_borrower = np.empty(borrowers.size, dtype=np.int8)
    for stratum in np.unique(borrower_stratum):
        for label in (0, 1):
            # np.unique sorted the borrowers, so the result depends on the seed only, not on the row order
            members = rng.permutation(
                np.flatnonzero((borrower_label == label) & (borrower_stratum == stratum))
            )
            n_train = round(members.size * fractions[0])
            n_validation = round(members.size * fractions[1])
            part_of_borrower[members[:n_train]] = 0
            part_of_borrower[members[n_train : n_train + n_validation]] = 1
            part_of_borrower[members[n_train + n_validation :]] = 2
    part_of_row = part_of_borrower[row_to_borrower]
    train, validation, test = (np.flatnonzero(part_of_row == part) for part in range(3))
    return train, validation, test


def later_period(dates: np.ndarray | None, strata: np.ndarray) -> tuple[np.ndarray, str]:
    """Mask of rows in the later period of their portfolio, and a sentence saying how it was chosen."""
    later = np.zeros(strata.size, dtype=bool)
    if dates is None:
        return later, "no out-of-time test: the data has no date column"
    cut_offs = []
    for stratum in np.unique(strata):
        member = strata == stratum
        stratum_dates = dates[member]
        distinct = np.unique(stratum_dates)
        if distinct.size < 2:
            continue
        cut = np.quantile(stratum_dates.astype("int64"), LATER_PERIOD_QUANTILE, method="lower")
        chosen = member & (dates.astype("int64") > cut)
        if not chosen.any():
            chosen = member & (dates == distinct[-1])
        later |= chosen
        cut_offs.append(str(dates[chosen].min()))
    if not cut_offs:
        single = ", ".join(str(d) for d in np.unique(dates)[:5])
        return later, (
            f"no out-of-time test: every portfolio has a single as-of date ({single}); a test on another "
            "portfolio would measure features the model never saw, not time"
        )
    return later, f"out-of-time test: test borrowers' rows dated from {', '.join(cut_offs)} on"


def make_split(
    groups: np.ndarray,
    labels: np.ndarray,
    seed: int,
    strata: np.ndarray | None = None,
    dates: np.ndarray | None = None,
) -> Split:
    strata = np.zeros(len(labels), dtype=np.int64) if strata is None else np.asarray(strata)
    train, validation, test = split_by_borrower(groups, labels, seed, strata=strata)
    later, note = later_period(dates, strata)
    return Split(
        train=train[~later[train]],
        validation=validation[~later[validation]],
        test=test[~later[test]],
        out_of_time=test[later[test]],
        note=note,
    )


def kfold_by_borrower(
    groups: np.ndarray, labels: np.ndarray, folds: int, seed: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """(fit rows, held-out rows) per fold, as positions into the given arrays; stratified by outcome."""
    _, row_to_borrower, borrower_label = _borrower_labels(groups, labels)
    rng = np.random.default_rng(seed)
    fold_of_borrower = np.empty(borrower_label.size, dtype=np.int64)
    for label in (0, 1):
        members = rng.permutation(np.flatnonzero(borrower_label == label))
        fold_of_borrower[members] = np.arange(members.size) % folds
    fold_of_row = fold_of_borrower[row_to_borrower]
    return [(np.flatnonzero(fold_of_row != k), np.flatnonzero(fold_of_row == k)) for k in range(folds)]


def repeated_kfold_by_borrower(
    groups: np.ndarray, labels: np.ndarray, folds: int, repeats: int, seed: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """`repeats` rounds of `kfold_by_borrower`, each with another shuffle; the first is the seed's own."""
    return [pair for r in range(repeats) for pair in kfold_by_borrower(groups, labels, folds, seed + r)]


def main(argv: list[str] | None = None) -> int:
    from creditpath_ml import dataset, paths

    parser = argparse.ArgumentParser(description="Show the borrower-level split of the feature export.")
    parser.add_argument("--features", help="feature export csv (default: the export under .data/features)")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    try:
        data = dataset.load_feature_export(paths.features_csv(args.features))
    except dataset.DatasetError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    result = make_split(data.groups, data.labels, args.seed, data.strata, data.dates)
    for name, rows in result.parts().items():
        print(f"{name:<11} {rows.size:>6} rows  default rate {data.labels[rows].mean():.2%}")
    print(result.note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
