from __future__ import annotations

import numpy as np
import pytest
from sklearn import metrics as sk

from creditpath_ml import evaluate


def test_ks_by_hand() -> None:
    labels = np.array([0, 0, 1, 0, 1, 1])
    scores = np.array([0.1, 0.3, 0.35, 0.4, 0.7, 0.8])
    # threshold  TPR  FPR  |TPR-FPR|
    #   0.80     1/3   0     1/3
    #   0.70     2/3   0     2/3   <- max
    #   0.40     2/3  1/3    1/3
    #   0.35      1   1/3    2/3   <- max
    #   0.30      1   2/3    1/3
    #   0.10      1    1      0
    assert evaluate.ks_statistic(labels, scores) == pytest.approx(2 / 3)


def test_ks_does_not_split_tied_scores() -> None:
    labels = np.array([1, 0, 1, 0])
    scores = np.array([0.5, 0.5, 0.9, 0.1])
    # 0.9: TPR 1/2, FPR 0 -> 1/2; 0.5 (one payer and one defaulter): TPR 1, FPR 1/2 -> 1/2; 0.1: 0.
    # Walking rows one by one would wrongly reach TPR 1, FPR 0 (KS 1) inside the tie.
    assert evaluate.ks_statistic(labels, scores) == pytest.approx(0.5)


def test_perfect_and_inverted_rankers() -> None:
    labels = np.array([0, 0, 1, 1])
    assert evaluate.ks_statistic(labels, np.array([0.1, 0.2, 0.8, 0.9])) == 1.0
    assert evaluate.auc_roc(labels, np.array([0.1, 0.2, 0.8, 0.9])) == 1.0
    assert evaluate.ks_statistic(labels, np.array([0.9, 0.8, 0.2, 0.1])) == 1.0  # |TPR-FPR|
    assert evaluate.auc_roc(labels, np.array([0.9, 0.8, 0.2, 0.1])) == 0.0


@pytest.fixture(params=[0, 1, 2])
def scored(request: pytest.FixtureRequest) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(request.param)
    labels = (rng.random(2000) < 0.22).astype(np.int8)
    # rounded to 2 decimals so that many scores tie, like coarse model outputs
    scores = np.clip(np.round(0.3 * labels + rng.normal(0.3, 0.2, 2000), 2), 0, 1)
    return labels, scores


def test_auc_gini_and_ks_match_scikit_learn(scored: tuple[np.ndarray, np.ndarray]) -> None:
    labels, scores = scored
    auc = evaluate.auc_roc(labels, scores)
    assert auc == pytest.approx(sk.roc_auc_score(labels, scores), abs=1e-12)
    fpr, tpr, _ = sk.roc_curve(labels, scores, drop_intermediate=False)
    assert evaluate.ks_statistic(labels, scores) == pytest.approx(np.max(tpr - fpr), abs=1e-12)
    assert evaluate.evaluate(labels, scores, 0.5).gini == pytest.approx(2 * auc - 1)


def test_threshold_metrics_and_brier_match_scikit_learn(scored: tuple[np.ndarray, np.ndarray]) -> None:
    labels, scores = scored
    for threshold in (0.0, 0.3, 0.45, 0.5, 1.01):
        predicted = (scores >= threshold).astype(int)
        result = evaluate.evaluate(labels, scores, threshold)
        assert result.precision == pytest.approx(sk.precision_score(labels, predicted, zero_division=0))
        assert result.recall == pytest.approx(sk.recall_score(labels, predicted, zero_division=0))
        assert result.f1 == pytest.approx(sk.f1_score(labels, predicted, zero_division=0))
        assert result.confusion_matrix == sk.confusion_matrix(labels, predicted, labels=[0, 1]).tolist()
    assert evaluate.brier_score(labels, scores) == pytest.approx(sk.brier_score_loss(labels, scores))


def test_best_f1_threshold_is_the_best_among_all_score_values(scored: tuple[np.ndarray, np.ndarray]) -> None:
    labels, scores = scored
    best = evaluate.best_f1_threshold(labels, scores)
    brute = max(np.unique(scores), key=lambda t: sk.f1_score(labels, scores >= t))
    assert sk.f1_score(labels, scores >= best) == pytest.approx(sk.f1_score(labels, scores >= brute))


def test_metrics_need_both_classes_and_clean_input() -> None:
    with pytest.raises(ValueError, match="both classes"):
        evaluate.auc_roc(np.ones(5), np.linspace(0, 1, 5))
    with pytest.raises(ValueError, match="0 or 1"):
        evaluate.brier_score(np.array([0, 2]), np.array([0.1, 0.2]))
    with pytest.raises(ValueError, match="finite"):
        evaluate.brier_score(np.array([0, 1]), np.array([0.1, np.nan]))


def test_table_and_json_shape() -> None:
    result = evaluate.evaluate(np.array([0, 1, 1, 0]), np.array([0.2, 0.9, 0.4, 0.6]), 0.5)
    table = evaluate.format_table(result, "title")
    assert "AUC-ROC" in table
    assert "KS" in table
    data = result.to_json()
    assert data["confusionMatrix"] == [[1, 1], [1, 1]]
    assert set(data) == {
        "auc",
        "gini",
        "ks",
        "f1",
        "precision",
        "recall",
        "brier",
        "threshold",
        "confusionMatrix",
    }


def test_psi_by_hand() -> None:
    expected = np.arange(1, 11, dtype=float)  # deciles: one value per bin
    actual = np.array([1, 1, 1, 1, 1, 6, 7, 8, 9, 10], dtype=float)
    # bins of expected: (-inf,1.9], (1.9,2.8], ..., each 10%; actual: 50% in the first, 0% in bins 2-5
    e = 0.1
    first = (0.5 - e) * np.log(0.5 / e)
    empty = 4 * (1e-4 - e) * np.log(1e-4 / e)
    assert evaluate.psi(expected, actual) == pytest.approx(first + empty)
    assert evaluate.psi(expected, expected) == 0.0


def test_calibration_curve_matches_scikit_learn(scored: tuple[np.ndarray, np.ndarray]) -> None:
    from sklearn.calibration import calibration_curve

    labels, scores = scored
    observed, predicted = calibration_curve(labels, scores, n_bins=10, strategy="quantile")
    curve = evaluate.calibration_curve(labels, scores)
    np.testing.assert_allclose(curve["observedRate"], observed)
    np.testing.assert_allclose(curve["meanPredicted"], predicted)
    assert sum(curve["rows"]) == labels.size
