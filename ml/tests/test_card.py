from __future__ import annotations

import numpy as np
import pytest

from creditpath_ml import card, evaluate


def test_training_scores_carry_the_decile_bins_that_psi_uses() -> None:
    train = np.array([0.01, 0.01, 0.01, 0.02, 0.03, 0.05, 0.2, 0.4, 0.7, 0.9])
    test = np.array([0.01, 0.02, 0.5, 0.6])
    dist = card.score_distribution({"train": train, "test": test})
    bins = dist["train"]["psiBins"]
    # Deciles of ten sorted scores x0..x9, linear between neighbours: decile k sits at position 0.9k, so
    # 0.1 and 0.2 fall among the tied 0.01s (one edge), 0.3 -> x2 + 0.7 (x3 - x2) = 0.017, and so on.
    assert bins["innerEdges"] == pytest.approx([0.01, 0.017, 0.026, 0.04, 0.11, 0.26, 0.46, 0.72])
    # 0.01 x3 in bin 0 | bin 1 (0.01, 0.017] empty | 0.02 | 0.03 | 0.05 | 0.2 | 0.4 | 0.7 | 0.9 past
    # the last edge.
    assert bins["shares"] == pytest.approx([0.3, 0.0, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1])
    assert sum(bins["shares"]) == pytest.approx(1.0)
    # Only the drift reference carries them.
    assert "psiBins" not in dist["test"]


def test_psi_over_the_card_bins_matches_the_trainers_psi() -> None:
    rng = np.random.default_rng(7)
    train = rng.beta(1, 20, size=2000)
    live = rng.beta(1, 10, size=500)
    bins = card.score_distribution({"train": train})["train"]["psiBins"]
    edges = np.array(bins["innerEdges"])
    e = np.maximum(np.array(bins["shares"]), 1e-4)
    a = np.maximum(evaluate.bin_shares(live, edges), 1e-4)
    assert float(np.sum((a - e) * np.log(a / e))) == pytest.approx(evaluate.psi(train, live))
