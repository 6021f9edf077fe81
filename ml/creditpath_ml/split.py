"""Train / validation / test split by borrower, stratified on whether the borrower ever defaulted.

Splitting borrowers rather than rows keeps every row of one borrower in one split, so a model is never
tested on a person it has seen in training (the UCI file has one row per borrower; our own export will not).

`python -m creditpath_ml.split [--data-dir DIR] [--seed N]` prints the split sizes and default rates.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

import numpy as np

FRACTIONS = (0.70, 0.15, 0.15)  # train, validation, test


@dataclass(frozen=True)
class Split:
    """Row indices (sorted) of each part."""

    train: np.ndarray
    validation: np.ndarray
    test: np.ndarray


def split_by_borrower(
    ids: np.ndarray, labels: np.ndarray, seed: int, fractions: tuple[float, float, float] = FRACTIONS
) -> Split:
    if len(fractions) != 3 or min(fractions) <= 0 or not np.isclose(sum(fractions), 1.0):
        raise ValueError(f"fractions must be three positive numbers summing to 1, got {fractions}")
    ids = np.asarray(ids)
    labels = np.asarray(labels)
    borrowers, row_to_borrower = np.unique(ids, return_inverse=True)
    # A borrower counts as a defaulter if any of their rows defaulted.
    borrower_label = np.zeros(borrowers.size, dtype=np.int8)
    np.maximum.at(borrower_label, row_to_borrower, labels.astype(np.int8))

    rng = np.random.default_rng(seed)
    part_of_borrower = np.empty(borrowers.size, dtype=np.int8)
    for label in (0, 1):
        # np.unique sorted the borrowers, so the result depends on the seed only, not on the row order
        members = rng.permutation(np.flatnonzero(borrower_label == label))
        n_train = round(members.size * fractions[0])
        n_validation = round(members.size * fractions[1])
        part_of_borrower[members[:n_train]] = 0
        part_of_borrower[members[n_train : n_train + n_validation]] = 1
        part_of_borrower[members[n_train + n_validation :]] = 2
    part_of_row = part_of_borrower[row_to_borrower]
    return Split(*(np.flatnonzero(part_of_row == part) for part in range(3)))


def main(argv: list[str] | None = None) -> int:
    from creditpath_ml import dataset, paths

    parser = argparse.ArgumentParser(description="Show the borrower-level split of the UCI data.")
    parser.add_argument("--data-dir", help=f"data folder (default: ${paths.DATA_DIR_ENV} or ../shared/data)")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    try:
        data = dataset.load_uci(paths.uci_csv(paths.data_dir(args.data_dir)))
    except dataset.DatasetError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    parts = split_by_borrower(data.ids, data.labels, args.seed)
    for name, rows in (("train", parts.train), ("validation", parts.validation), ("test", parts.test)):
        print(f"{name:<11} {rows.size:>6} rows  default rate {data.labels[rows].mean():.2%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
