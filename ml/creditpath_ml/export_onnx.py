"""Converts a fitted model to ONNX and proves the file scores like the native model.

The graph takes `features` (float32 [N, n_features], NaN = missing) and returns `probabilities`
(float32 [N, 2], column 1 = probability of default) and `label`; there is no ZipMap, because
onnxruntime-node returns tensors only. Everything between the raw feature vector and the probability is in
the graph: the server feeds the exported features as they are.

- Tree ensembles (random forest, LightGBM, XGBoost, CatBoost) are written from each library's own model
  dump by `trees.py`, with thresholds rewritten so every float32 comparison matches the library exactly.
  One builder for all four, instead of four converters that each round thresholds to nearest float32 and
  guess the NaN routing differently, and the same trees go into the card for the reason codes.
- The logistic regression pipeline (imputer, scaler, one-hot for categoricals, model) goes through skl2onnx.

`python -m creditpath_ml.export_onnx [--model-dir DIR]` re-checks an exported model.onnx against its
parity-fixture.json with onnxruntime: the same check the server's Node test makes.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import onnx
import onnxruntime
from onnx import helper

from creditpath_ml import trees

INPUT_NAME = "features"
PROBABILITIES_OUTPUT = "probabilities"
POSITIVE_CLASS_INDEX = 1
# What the server's onnxruntime-node 1.30 must be able to run; checked on every export.
MAX_OPSETS = {"": 21, "ai.onnx.ml": 3}
MAX_IR_VERSION = 10
PARITY_TOLERANCE = 1e-5


class ExportError(Exception):
    """The model cannot be exported faithfully, or the exported file does not score like the model."""


def check_runtime_compatibility(model: onnx.ModelProto) -> dict[str, int]:
    opsets = {entry.domain or "": entry.version for entry in model.opset_import}
    for domain, version in opsets.items():
        limit = MAX_OPSETS.get(domain)
        if limit is None or version > limit:
            raise ExportError(
                f"opset {domain or 'ai.onnx'} {version} is not supported by onnxruntime-node 1.30"
            )
    if model.ir_version > MAX_IR_VERSION:
        raise ExportError(f"IR version {model.ir_version} > {MAX_IR_VERSION}")
    return opsets


def _linear_to_onnx(pipeline, n_features: int) -> onnx.ModelProto:
    from skl2onnx import convert_sklearn
    from skl2onnx.common.data_types import FloatTensorType

    return convert_sklearn(
        pipeline,
        initial_types=[(INPUT_NAME, FloatTensorType([None, n_features]))],
        options={id(pipeline): {"zipmap": False}},
        target_opset={"": 15, "ai.onnx.ml": 1},
    )


def to_onnx(
    model, algorithm: str, feature_names: list[str], metadata: dict[str, str], probe_rows: np.ndarray
) -> onnx.ModelProto:
    """`probe_rows`: a few training rows, for libraries whose dump leaves the intercept implicit (XGBoost)."""
    if list(model.classes_) != [0, 1]:
        raise ExportError(f"expected a binary classifier with classes [0, 1], got {list(model.classes_)}")
    if model.n_features_in_ != len(feature_names):
        raise ExportError(f"model has {model.n_features_in_} features, {len(feature_names)} names given")
    try:
        if algorithm == "logistic_regression":
            converted = _linear_to_onnx(model, len(feature_names))
        else:
            ensemble = trees.ensemble_of(model, algorithm, probe_rows)
            converted = trees.to_onnx_graph(ensemble, INPUT_NAME, PROBABILITIES_OUTPUT)
    except trees.TreeExportError as err:
        raise ExportError(f"{algorithm}: {err}") from err
    _dynamic_batch(converted)
    output_names = [o.name for o in converted.graph.output]
    if PROBABILITIES_OUTPUT not in output_names:
        raise ExportError(f"converted graph has outputs {output_names}, expected {PROBABILITIES_OUTPUT!r}")
    helper.set_model_props(converted, {**metadata, "features": json.dumps(feature_names)})
    onnx.checker.check_model(converted, full_check=True)
    check_runtime_compatibility(converted)
    return converted


def _dynamic_batch(model: onnx.ModelProto) -> None:
    for value in (*model.graph.input, *model.graph.output):
        dims = value.type.tensor_type.shape.dim
        if dims:
            dims[0].Clear()
            dims[0].dim_param = "N"


def load_session(path: Path | bytes) -> onnxruntime.InferenceSession:
    source = path if isinstance(path, bytes) else str(path)
    return onnxruntime.InferenceSession(source, providers=["CPUExecutionProvider"])


def score(session: onnxruntime.InferenceSession, features: np.ndarray) -> np.ndarray:
    """Probability of default for each row."""
    batch = np.ascontiguousarray(features, dtype=np.float32)
    (probabilities,) = session.run([PROBABILITIES_OUTPUT], {INPUT_NAME: batch})
    return probabilities[:, POSITIVE_CLASS_INDEX].astype(np.float64)


def max_abs_difference(
    session: onnxruntime.InferenceSession, features: np.ndarray, expected: np.ndarray
) -> float:
    got = score(session, features)
    if got.shape != expected.shape or not np.isfinite(got).all():
        raise ExportError(
            f"ONNX returned {got.shape} scores for {expected.shape[0]} rows, or non-finite values"
        )
    return float(np.max(np.abs(got - expected)))


def verify(
    session: onnxruntime.InferenceSession, native: Callable[[np.ndarray], np.ndarray], features: np.ndarray
) -> float:
    """Scores the rows natively and through ONNX; raises ExportError beyond PARITY_TOLERANCE."""
    rows = np.ascontiguousarray(features, dtype=np.float32)
    difference = max_abs_difference(session, rows, native(rows))
    if difference > PARITY_TOLERANCE:
        raise ExportError(
            f"ONNX and the native model disagree by {difference:.3g} (tolerance {PARITY_TOLERANCE:g})"
        )
    return difference


def fixture_rows(fixture: dict) -> np.ndarray:
    """parity-fixture.json rows as float32, null -> NaN (what the Node test does too)."""
    return np.array(
        [[math.nan if value is None else value for value in row] for row in fixture["rows"]], dtype=np.float32
    )


def main(argv: list[str] | None = None) -> int:
    from creditpath_ml import paths

    parser = argparse.ArgumentParser(
        description="Check model.onnx against parity-fixture.json with onnxruntime."
    )
    parser.add_argument(
        "--model-dir", help=f"folder with the exported model (default: ${paths.MODEL_DIR_ENV})"
    )
    args = parser.parse_args(argv)
    model_dir = paths.model_dir(args.model_dir)
    onnx_path, fixture_path = model_dir / "model.onnx", model_dir / "parity-fixture.json"
    for required in (onnx_path, fixture_path):
        if not required.is_file():
            print(
                f"error: {required} not found; train a model first (python -m creditpath_ml.train)",
                file=sys.stderr,
            )
            return 1
    model = onnx.load(str(onnx_path))
    opsets = check_runtime_compatibility(model)
    fixture = json.loads(fixture_path.read_text())
    rows = fixture_rows(fixture)
    expected = np.array(fixture["probabilities"], dtype=np.float64)
    difference = max_abs_difference(load_session(onnx_path), rows, expected)
    missing_rows = int(np.isnan(rows).any(axis=1).sum())
    shown = ", ".join(f"{domain or 'ai.onnx'} {version}" for domain, version in opsets.items())
    print(f"model      {fixture['modelVersion']}  opsets {shown}  IR {model.ir_version}")
    print(
        f"parity     {rows.shape[0]} rows ({missing_rows} with missing values), max |diff| {difference:.2e}"
    )
    if difference > PARITY_TOLERANCE:
        print(f"error: difference above the tolerance {PARITY_TOLERANCE:g}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
