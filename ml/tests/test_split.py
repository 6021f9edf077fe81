from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from creditpath_ml import split
from creditpath_ml.dataset import load_uci


def _parts(result: split.Split) -> list[np.ndarray]:
    return [result.train, result.validation, result.test]


def test_real_split_covers_every_row_once_and_is_stratified(uci_path: Path) -> None:
    data = load_uci(uci_path)
    result = split.split_by_borrower(data.ids, data.labels, seed=42)
    rows = np.concatenate(_parts(result))
    assert np.array_equal(np.sort(rows), np.arange(data.rows))
    ids = [set(data.ids[part].tolist()) for part in _parts(result)]
    assert not ids[0] & ids[1]
    assert not ids[0] & ids[2]
    assert not ids[1] & ids[2]
    overall = data.labels.mean()
    for part, fraction in zip(_parts(result), split.FRACTIONS, strict=True):
        assert part.size / data.rows == pytest.approx(fraction, abs=0.001)
        assert data.labels[part].mean() == pytest.approx(overall, abs=0.002)


def test_all_rows_of_a_borrower_stay_together() -> None:
    rng = np.random.default_rng(3)
    ids = rng.integers(0, 400, size=3000)  # about 7.5 rows per borrower
    labels = (rng.random(3000) < 0.2).astype(np.int8)
    result = split.split_by_borrower(ids, labels, seed=1)
    owner = {}
    for part_index, part in enumerate(_parts(result)):
        for borrower in ids[part]:
            assert owner.setdefault(int(borrower), part_index) == part_index


def test_stratifies_borrowers_by_any_default() -> None:
    ids = np.repeat(np.arange(1000), 2)
    labels = np.zeros(2000, dtype=np.int8)
    labels[1:600:2] = 1  # 300 borrowers defaulted on their second row only
    result = split.split_by_borrower(ids, labels, seed=5)
    for part, fraction in zip(_parts(result), split.FRACTIONS, strict=True):
        defaulters = {int(i) for i, y in zip(ids[part], labels[part], strict=True) if y}
        assert len(defaulters) == round(300 * fraction)


def test_same_seed_same_split_regardless_of_row_order() -> None:
    rng = np.random.default_rng(0)
    ids = np.arange(500) * 7
    labels = (rng.random(500) < 0.3).astype(np.int8)
    first = split.split_by_borrower(ids, labels, seed=9)
    order = rng.permutation(500)
    shuffled = split.split_by_borrower(ids[order], labels[order], seed=9)
    for a, b in zip(_parts(first), _parts(shuffled), strict=True):
        assert set(ids[a].tolist()) == set(ids[order][b].tolist())
    other = split.split_by_borrower(ids, labels, seed=10)
    assert not np.array_equal(first.test, other.test)


def test_rejects_bad_fractions() -> None:
    with pytest.raises(ValueError, match="fractions"):
        split.split_by_borrower(np.arange(4), np.zeros(4), seed=0, fractions=(0.5, 0.5, 0.0))
