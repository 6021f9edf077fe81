"""The card's reason-code section is complete: TreeSHAP over it reproduces the libraries' own values."""

from __future__ import annotations

import numpy as np
import pytest

from creditpath_ml import explain, models, trees, treeshap


@pytest.fixture(scope="module")
def data() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(11)
    x = rng.normal(size=(2500, 5)).astype(np.float32)
    y = (x[:, 0] + x[:, 1] * x[:, 2] + rng.normal(0, 0.5, 2500) > 0.3).astype(int)
    x[rng.random(x.shape) < 0.15] = np.nan
    return x, y


def _fit(key: str, x: np.ndarray, y: np.ndarray):
    algorithm = models.available()[key]
    params = algorithm.defaults if key == "random_forest" else {**algorithm.defaults, "n_estimators": 40}
    return algorithm.fit(params, x, y, 0, models.QUICK, [], None)[0]


@pytest.mark.parametrize(("key", "tolerance"), [("lightgbm", 1e-9), ("xgboost", 1e-5)])
def test_treeshap_over_the_card_matches_the_library(
    key: str, tolerance: float, data: tuple[np.ndarray, np.ndarray]
) -> None:
    x, y = data
    model = _fit(key, x, y)
    ensemble = trees.ensemble_of(model, key, x[:100])
    rows = x[:25]
    library = explain.library_contributions(model, key, rows)
    ours = treeshap.contributions(ensemble, rows)
    assert np.max(np.abs(ours - library)) < tolerance
    np.testing.assert_allclose(ours.sum(axis=1), explain.raw_scores(model, key, rows), atol=1e-5)


@pytest.mark.parametrize("key", ["random_forest", "catboost"])
def test_treeshap_adds_up_for_models_without_native_contributions(
    key: str, data: tuple[np.ndarray, np.ndarray]
) -> None:
    if key not in models.available():
        pytest.skip("catboost is not installed")
    x, y = data
    model = _fit(key, x, y)
    ensemble = trees.ensemble_of(model, key, x[:100])
    rows = x[:15]
    ours = treeshap.contributions(ensemble, rows)
    np.testing.assert_allclose(ours.sum(axis=1), explain.raw_scores(model, key, rows), atol=1e-9)


def test_treeshap_by_brute_force_on_a_tiny_tree() -> None:
    # x0 <= 0 ? (x1 <= 0 ? 1 : 2) : 4, covers 10 / 6 / 2 / 4 / 4, for x = (-1, 1): leaf 2.
    tree = trees.Tree(
        feature=np.array([0, 1, -1, -1, -1]),
        threshold=np.array([0.0, 0.0, 0, 0, 0]),
        missing_left=np.array([True, True, False, False, False]),
        left=np.array([1, 2, -1, -1, -1]),
        right=np.array([4, 3, -1, -1, -1]),
        value=np.array([0, 0, 1.0, 2.0, 4.0]),
        cover=np.array([10.0, 6, 2, 4, 4]),
    )
    ensemble = trees.TreeEnsemble([tree], 0.0, "identity", 2, "rows")
    # E[f] = (2*1 + 4*2 + 4*4)/10 = 2.6; E[f|x0] = (2*1+4*2)/6 = 5/3; E[f|x1] = 0.6*2 + 0.4*4 = 2.8
    phi0 = 0.5 * ((5 / 3 - 2.6) + (2.0 - 2.8))
    phi1 = 0.5 * ((2.8 - 2.6) + (2.0 - 5 / 3))
    result = treeshap.contributions(ensemble, np.array([[-1.0, 1.0]]))
    np.testing.assert_allclose(result[0], [phi0, phi1, 2.6])


def test_linear_contributions_add_up_to_the_log_odds(data: tuple[np.ndarray, np.ndarray]) -> None:
    x, y = data
    model = _fit("logistic_regression", x, y)
    section = explain.linear_card(model, [f"f{i}" for i in range(5)], x)
    values = explain.linear_contributions(section, x[:40])
    np.testing.assert_allclose(
        values.sum(axis=1), model.decision_function(x[:40].astype(np.float64)), atol=1e-9
    )
    assert {"coefficient", "imputeValue", "mean", "scale"} <= set(section["features"][0])
    # The array form the server reads gives the same contributions: coefficient * (value - mean) / scale.
    rows = x[:40].astype(np.float64)
    filled = np.where(np.isnan(rows), section["imputation"], rows)
    z = (filled - np.array(section["mean"])) / np.array(section["scale"])
    np.testing.assert_allclose(z * np.array(section["coefficients"]), values[:, :-1], atol=1e-12)
    assert section["baseValue"] == section["intercept"]
    # The card's terms are the fitted pipeline's own, computed through scikit-learn's transforms.
    np.testing.assert_allclose(explain.pipeline_contributions(model, x[:40], x), values, atol=1e-9)
