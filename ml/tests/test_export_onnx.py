from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import onnx
import pytest

from creditpath_ml import byod, export_onnx, models, trees
from creditpath_ml.export_onnx import ExportError

ALGORITHMS = list(models.available())


def _blank(x: np.ndarray, fraction: float, seed: int) -> np.ndarray:
    x = x.copy()
    x[np.random.default_rng(seed).random(x.shape) < fraction] = np.nan
    return x


def _fit(key: str, x: np.ndarray, y: np.ndarray, categorical: list[int] | None = None):
    algorithm = models.available()[key]
    budget = models.QUICK
    params = {**algorithm.defaults, "n_estimators": 60}
    if key == "random_forest":
        params = algorithm.defaults
    model, _ = algorithm.fit(params, x, y, 0, budget, categorical or [], None)
    return model


def _native(model):
    return lambda rows: models.positive_scores(model, rows)


@pytest.fixture(scope="module")
def uci(uci_path: Path) -> tuple[np.ndarray, np.ndarray, list[str]]:
    data = byod.load_uci(uci_path.parent.parent)
    return data.values.astype(np.float32), data.labels, list(data.feature_names)


@pytest.fixture(scope="module")
def fractional() -> tuple[np.ndarray, np.ndarray]:
    # Dense fractional values put many rows right next to split thresholds: the case where rounding
    # thresholds to the nearest float32 flips branches (LightGBM and scikit-learn compare in double).
    rng = np.random.default_rng(7)
    x = rng.normal(size=(3000, 6)).astype(np.float32) / np.float32(7.3)
    y = (x[:, 0] + 0.5 * x[:, 1] * x[:, 2] + rng.normal(0, 0.1, 3000) > 0).astype(int)
    return x, y


@pytest.mark.parametrize("key", ALGORITHMS)
@pytest.mark.parametrize("missing_in_training", [False, True])
def test_onnx_matches_native_on_rows_with_missing_values(
    key: str, missing_in_training: bool, fractional: tuple[np.ndarray, np.ndarray]
) -> None:
    x, y = fractional
    if missing_in_training:
        x = _blank(x, 0.2, seed=2)  # the libraries then learn a direction for NaN at every split
    model = _fit(key, x, y)
    names = [f"f{i}" for i in range(6)]
    session = export_onnx.load_session(
        export_onnx.to_onnx(model, key, names, {}, x[:200]).SerializeToString()
    )
    everything_missing = np.full((3, 6), np.nan, dtype=np.float32)
    for batch in (x, _blank(x, 0.3, seed=3), everything_missing):
        assert export_onnx.verify(session, _native(model), batch) < 1e-5


@pytest.mark.parametrize("key", ALGORITHMS)
def test_onnx_matches_native_on_uci_rows(key: str, uci: tuple[np.ndarray, np.ndarray, list[str]]) -> None:
    x, y, names = uci
    model = _fit(key, x[:6000], y[:6000])
    exported = export_onnx.to_onnx(model, key, names, {"modelVersion": "t"}, x[:200])
    session = export_onnx.load_session(exported.SerializeToString())
    assert export_onnx.verify(session, _native(model), _blank(x[6000:9000], 0.2, seed=1)) < 1e-5


def test_one_hot_categoricals_inside_the_linear_graph() -> None:
    rng = np.random.default_rng(1)
    x = np.column_stack([rng.normal(size=2000), rng.integers(0, 4, 2000)]).astype(np.float32)
    y = ((x[:, 1] == 2) | (rng.random(2000) < 0.2)).astype(int)
    x[rng.random(2000) < 0.1, 1] = np.nan
    model = _fit("logistic_regression", x, y, categorical=[1])
    session = export_onnx.load_session(
        export_onnx.to_onnx(model, "logistic_regression", ["a", "b"], {}, x[:10]).SerializeToString()
    )
    unseen = x[:50].copy()
    unseen[:, 1] = 7.0  # a code the model never saw scores like an unknown category
    for batch in (x, unseen):
        assert export_onnx.verify(session, _native(model), batch) < 1e-5


@pytest.mark.parametrize("key", ["logistic_regression", "lightgbm"])
def test_graph_contract(key: str, uci: tuple[np.ndarray, np.ndarray, list[str]]) -> None:
    x, y, names = uci
    model = _fit(key, x[:3000], y[:3000])
    exported = export_onnx.to_onnx(model, key, names, {"modelVersion": "v1"}, x[:100])
    assert "ZipMap" not in {node.op_type for node in exported.graph.node}
    (graph_input,) = exported.graph.input
    assert graph_input.name == "features"
    assert graph_input.type.tensor_type.elem_type == onnx.TensorProto.FLOAT
    assert [d.dim_param or d.dim_value for d in graph_input.type.tensor_type.shape.dim] == ["N", 23]
    outputs = {o.name: o for o in exported.graph.output}
    probabilities = outputs[export_onnx.PROBABILITIES_OUTPUT].type.tensor_type
    assert probabilities.elem_type == onnx.TensorProto.FLOAT
    assert [d.dim_param or d.dim_value for d in probabilities.shape.dim] == ["N", 2]
    opsets = export_onnx.check_runtime_compatibility(exported)
    assert opsets[""] <= 21
    assert opsets["ai.onnx.ml"] <= 3
    assert exported.ir_version <= 10
    props = {p.key: p.value for p in exported.metadata_props}
    assert props["modelVersion"] == "v1"
    assert json.loads(props["features"]) == names
    session = export_onnx.load_session(exported.SerializeToString())
    (result,) = session.run(["probabilities"], {"features": x[:5]})
    assert result.shape == (5, 2)
    np.testing.assert_allclose(result.sum(axis=1), 1.0, rtol=1e-6)


def test_threshold_rounding_keeps_every_float32_comparison() -> None:
    rng = np.random.default_rng(0)
    for value in [*rng.normal(0, 1e5, 2000), 1.0000000180025095e-35, -0.0, 2.5000000000000004, 1e300]:
        rounded = trees.float32_at_or_below(float(value))
        assert float(np.float32(rounded)) == rounded
        assert rounded <= value
        with np.errstate(over="ignore"):  # float32 max steps up to inf
            assert float(np.nextafter(np.float32(rounded), np.float32(np.inf))) > value
    for value in rng.normal(0, 100, 200).astype(np.float32):
        below = trees.float32_below(float(value))
        assert below < value
        assert np.nextafter(np.float32(below), np.float32(np.inf)) == value  # x < t  <=>  x <= below


def test_zero_as_missing_is_refused() -> None:
    import lightgbm as lgb

    rng = np.random.default_rng(1)
    x = rng.integers(0, 3, size=(500, 3)).astype(np.float32)
    y = (x[:, 0] > 0).astype(int)
    model = lgb.LGBMClassifier(n_estimators=5, zero_as_missing=True, verbose=-1).fit(x, y)
    with pytest.raises(ExportError, match="zero_as_missing"):
        export_onnx.to_onnx(model, "lightgbm", ["a", "b", "c"], {}, x[:10])


def test_verify_detects_a_different_model(fractional: tuple[np.ndarray, np.ndarray]) -> None:
    x, y = fractional
    model = _fit("lightgbm", x, y)
    other = _fit("lightgbm", x, 1 - y)
    session = export_onnx.load_session(
        export_onnx.to_onnx(other, "lightgbm", list("abcdef"), {}, x).SerializeToString()
    )
    with pytest.raises(ExportError, match="disagree"):
        export_onnx.verify(session, _native(model), x)


def test_refuses_wrong_feature_count(fractional: tuple[np.ndarray, np.ndarray]) -> None:
    x, y = fractional
    model = _fit("lightgbm", x, y)
    with pytest.raises(ExportError, match="6 features, 2 names"):
        export_onnx.to_onnx(model, "lightgbm", ["a", "b"], {}, x)
