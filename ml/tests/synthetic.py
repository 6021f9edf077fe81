"""Small UCI-shaped csv content for tests that must not depend on the real file."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from creditpath_ml import dataset

ML_ROOT = Path(__file__).resolve().parents[1]  # cwd for `python -m creditpath_ml.*` subprocesses
HEADER = ",".join(dataset.REQUIRED_COLUMNS)


def synthetic_rows(count: int, seed: int = 0) -> list[str]:
    """Plausible UCI-shaped rows (integers in realistic ranges); defaults follow late payments."""
    rng = np.random.default_rng(seed)
    lines = []
    for borrower in range(1, count + 1):
        pay = rng.integers(-2, 4, size=6)
        bills = rng.integers(-1000, 200_000, size=6)
        paid = rng.integers(0, 20_000, size=6)
        label = int(pay[0] >= 2 or rng.random() < 0.1)
        values = [
            borrower,
            int(rng.integers(1, 50)) * 10_000,
            int(rng.integers(1, 3)),
            int(rng.integers(0, 7)),
            int(rng.integers(0, 4)),
            int(rng.integers(21, 80)),
            *pay,
            *bills,
            *paid,
            label,
        ]
        lines.append(",".join(str(int(v)) for v in values))
    return lines
