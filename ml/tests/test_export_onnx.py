from __future__ import annotations

import json
from pathlib import Path

import lightgbm as lgb
import numpy as np
import onnx
import pytest

from creditpath_ml import export_onnx
from creditpath_ml.dataset import FEATURE_NAMES, load_uci
from creditpath_ml.export_onnx import ExportError


def _fit(x: np.ndarray, y: np.ndarray, **params: object) -> lgb.LGBMClassifier:
    model = lgb.LGBMClassifier(
        n_estimators=80, learning_rate=0.1, num_leaves=15, min_child_samples=5, verbose=-1, **params
    )
    return model.fit(x, y)


def _blank(x: np.ndarray, fraction: float, seed: int) -> np.ndarray:
    x = x.copy()
    x[np.random.default_rng(seed).random(x.shape) < fraction] = np.nan
    return x


def _native(model: lgb.LGBMClassifier, x: np.ndarray) -> np.ndarray:
    return model.predict_proba(x)[:, 1]


@pytest.fixture(scope="module")
def uci_model(uci_path: Path) -> tuple[lgb.LGBMClassifier, np.ndarray]:
    data = load_uci(uci_path)
    model = _fit(data.features[:8000], data.labels[:8000])
    return model, data.features[8000:12000]


def test_onnx_matches_native_on_uci_rows_including_missing_values(
    uci_model: tuple[lgb.LGBMClassifier, np.ndarray],
) -> None:
    model, rows = uci_model
    session = export_onnx.load_session(
        export_onnx.to_onnx(model, list(FEATURE_NAMES), {"modelVersion": "t"}).SerializeToString()
    )
    with_missing = _blank(rows, 0.3, seed=1)
    with_missing[0] = np.nan  # every feature missing
    for batch in (rows, with_missing):
        assert np.isnan(batch).any() == (batch is with_missing)
        difference = export_onnx.max_abs_difference(session, batch, _native(model, batch))
        assert difference < 1e-5
        assert export_onnx.verify(session, model, batch) == difference


@pytest.mark.parametrize("missing_in_training", [False, True])
def test_exact_on_fractional_features(missing_in_training: bool) -> None:
    # Dense fractional values put many rows right next to split thresholds: the case where rounding
    # thresholds to the nearest float32 flips branches (LightGBM compares in double precision).
    rng = np.random.default_rng(7)
    x = rng.normal(size=(4000, 6)).astype(np.float32) / np.float32(7.3)
    y = (x[:, 0] + 0.5 * x[:, 1] * x[:, 2] + rng.normal(0, 0.1, 4000) > 0).astype(int)
    if missing_in_training:
        x = _blank(x, 0.2, seed=2)  # LightGBM then learns a direction for NaN at every split
    model = _fit(x, y)
    session = export_onnx.load_session(
        export_onnx.to_onnx(model, [f"f{i}" for i in range(6)], {}).SerializeToString()
    )
    for batch in (x, _blank(x, 0.3, seed=3)):
        assert export_onnx.max_abs_difference(session, batch, _native(model, batch)) < 1e-5


def test_graph_contract(uci_model: tuple[lgb.LGBMClassifier, np.ndarray]) -> None:
    model, rows = uci_model
    exported = export_onnx.to_onnx(model, list(FEATURE_NAMES), {"modelVersion": "v1"})
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
    assert json.loads(props["features"]) == list(FEATURE_NAMES)

    session = export_onnx.load_session(exported.SerializeToString())
    (result,) = session.run(["probabilities"], {"features": rows[:5]})
    assert result.shape == (5, 2)
    np.testing.assert_allclose(result.sum(axis=1), 1.0, rtol=1e-6)


def test_threshold_rounding_keeps_every_float32_comparison() -> None:
    rng = np.random.default_rng(0)
    for value in [*rng.normal(0, 1e5, 2000), 1.0000000180025095e-35, -0.0, 2.5000000000000004, 1e300]:
        rounded = export_onnx._float32_at_or_below(float(value))
        assert float(np.float32(rounded)) == rounded
        assert rounded <= value
        with np.errstate(over="ignore"):  # float32 max steps up to inf
            assert float(np.nextafter(np.float32(rounded), np.float32(np.inf))) > value


def test_zero_as_missing_is_refused() -> None:
    rng = np.random.default_rng(1)
    x = rng.integers(0, 3, size=(500, 3)).astype(np.float32)
    y = (x[:, 0] > 0).astype(int)
    model = _fit(x, y, zero_as_missing=True)
    with pytest.raises(ExportError, match="zero_as_missing"):
        export_onnx.to_onnx(model, ["a", "b", "c"], {})


def test_verify_detects_a_different_model(uci_model: tuple[lgb.LGBMClassifier, np.ndarray]) -> None:
    model, rows = uci_model
    other = _fit(rows[:2000], (rows[:2000, 5] > 0).astype(int))
    session = export_onnx.load_session(
        export_onnx.to_onnx(other, list(FEATURE_NAMES), {}).SerializeToString()
    )
    with pytest.raises(ExportError, match="disagree"):
        export_onnx.verify(session, model, rows)


def test_refuses_wrong_feature_count(uci_model: tuple[lgb.LGBMClassifier, np.ndarray]) -> None:
    model, _ = uci_model
    with pytest.raises(ExportError, match="23 features, 2 names"):
        export_onnx.to_onnx(model, ["a", "b"], {})
