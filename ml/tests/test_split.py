from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from creditpath_ml import byod, dataset, split
from tests.synthetic import write_export


def _owner_check(groups: np.ndarray, parts: list[np.ndarray]) -> None:
    owner: dict[int, int] = {}
    for index, part in enumerate(parts):
        for borrower in groups[part]:
            assert owner.setdefault(int(borrower), index) == index, f"borrower {borrower} in two splits"


def test_real_uci_split_covers_every_row_once_has_no_shared_borrower_and_is_stratified(
    uci_path: Path,
) -> None:
    data = byod.load_uci(uci_path.parent.parent)
    parts = split.make_split(data.groups, data.labels, 42, data.strata, data.dates)
    rows = np.concatenate([parts.train, parts.validation, parts.test])
    assert np.array_equal(np.sort(rows), np.arange(data.rows))
    assert parts.out_of_time.size == 0
    _owner_check(data.groups, [parts.train, parts.validation, parts.test])
    overall = data.labels.mean()
    for part, fraction in zip((parts.train, parts.validation, parts.test), split.FRACTIONS, strict=True):
        assert part.size / data.rows == pytest.approx(fraction, abs=0.001)
        assert data.labels[part].mean() == pytest.approx(overall, abs=0.002)


def test_all_rows_of_a_borrower_stay_together() -> None:
    rng = np.random.default_rng(3)
    groups = rng.integers(0, 400, size=3000)  # about 7.5 rows per borrower
    labels = (rng.random(3000) < 0.2).astype(np.int8)
    train, validation, test = split.split_by_borrower(groups, labels, seed=1)
    _owner_check(groups, [train, validation, test])


def test_stratifies_borrowers_by_any_default_and_by_portfolio() -> None:
    groups = np.repeat(np.arange(1000), 2)
    labels = np.zeros(2000, dtype=np.int8)
    labels[1:600:2] = 1  # 300 borrowers defaulted on their second row only
    strata = (groups >= 700).astype(np.int64)  # a small second portfolio
    parts = split.split_by_borrower(groups, labels, seed=5, strata=strata)
    for part, fraction in zip(parts, split.FRACTIONS, strict=True):
        defaulters = {int(g) for g, y in zip(groups[part], labels[part], strict=True) if y}
        assert len(defaulters) == pytest.approx(300 * fraction, abs=1)
        assert np.mean(strata[part]) == pytest.approx(0.3, abs=0.01)


def test_same_seed_same_split_regardless_of_row_order() -> None:
    rng = np.random.default_rng(0)
    groups = np.arange(500) * 7
    labels = (rng.random(500) < 0.3).astype(np.int8)
    first = split.split_by_borrower(groups, labels, seed=9)
    order = rng.permutation(500)
    shuffled = split.split_by_borrower(groups[order], labels[order], seed=9)
    for a, b in zip(first, shuffled, strict=True):
        assert set(groups[a].tolist()) == set(groups[order][b].tolist())
    assert not np.array_equal(first[2], split.split_by_borrower(groups, labels, seed=10)[2])


def test_out_of_time_takes_the_latest_snapshot_of_test_borrowers_only(tmp_path: Path) -> None:
    data = dataset.load_feature_export(write_export(tmp_path, loans=400, snapshots=3))
    parts = split.make_split(data.groups, data.labels, 1, data.strata, data.dates)
    latest = data.dates == np.datetime64("2024-03-28")
    assert parts.out_of_time.size > 0
    assert latest[parts.out_of_time].all()
    for early in (parts.train, parts.validation, parts.test):
        assert not latest[early].any()  # nothing from the later period trains or tunes the model
    _owner_check(data.groups, [np.r_[parts.train], parts.validation, np.r_[parts.test, parts.out_of_time]])
    assert "out-of-time test: test borrowers' rows dated from 2024-03-28" in parts.note
    # The single-date portfolio keeps all its rows in the in-time splits.
    loans = data.strata == data.strata_names.index("Loans")
    assert not loans[parts.out_of_time].any()


def test_no_out_of_time_test_with_single_dates_says_why(tmp_path: Path) -> None:
    data = dataset.load_feature_export(write_export(tmp_path, loans=100))
    parts = split.make_split(data.groups, data.labels, 1, data.strata, data.dates)
    assert parts.out_of_time.size == 0
    assert parts.note.startswith("no out-of-time test: every portfolio has a single as-of date")


def test_folds_keep_borrowers_together_and_cover_every_row() -> None:
    rng = np.random.default_rng(4)
    groups = rng.integers(0, 300, size=2000)
    labels = (rng.random(2000) < 0.25).astype(np.int8)
    folds = split.kfold_by_borrower(groups, labels, 3, seed=2)
    held = np.concatenate([h for _, h in folds])
    assert np.array_equal(np.sort(held), np.arange(2000))
    for fit, held_out in folds:
        assert not set(groups[fit].tolist()) & set(groups[held_out].tolist())


def test_rejects_bad_fractions() -> None:
    with pytest.raises(ValueError, match="fractions"):
        split.split_by_borrower(np.arange(4), np.zeros(4), seed=0, fractions=(0.5, 0.5, 0.0))
