from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import onnx
import pytest

from creditpath_ml import artifacts, export_onnx, paths
from creditpath_ml.dataset import FEATURE_NAMES
from tests.synthetic import ML_ROOT


def _run(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", f"creditpath_ml.{module}", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ML_ROOT,
        env={**os.environ, "PYTHONPATH": str(ML_ROOT)},
    )


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path_factory.mktemp("quick") / "model"
    return _run("train", "--quick", "--json", "--out", str(out), "--seed", "7"), out


def test_quick_training_writes_the_three_files(
    quick_run: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    result, out = quick_run
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(artifacts.ARTIFACT_FILES)
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no staging folder left behind
    assert "validation AUC" in result.stderr  # progress lines
    assert "AUC-ROC" in result.stdout  # the metric table

    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["quick"] is True
    assert summary["outDir"] == str(out)
    assert summary["files"]["model.onnx"] == str(out / "model.onnx")
    assert 0.7 < summary["metrics"]["auc"] < 0.9


def test_model_card_is_complete(quick_run: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, out = quick_run
    card = json.loads((out / "model-card.json").read_text())
    version = card["version"]
    algorithm, stamp, data_hash = version.split("-")
    assert algorithm == card["algorithm"] == "lightgbm"
    assert re.fullmatch(r"\d{8}T\d{6}Z", stamp)
    assert card["createdAt"].endswith("Z")
    assert data_hash == card["dataset"]["sha256"][:8]
    assert card["dataset"]["name"] == paths.UCI_DATASET_NAME
    assert card["dataset"]["rows"] == 30_000
    assert card["input"]["name"] == "features"
    assert [f["name"] for f in card["input"]["features"]] == list(FEATURE_NAMES)
    assert all(f["description"] for f in card["input"]["features"])
    assert card["output"] == {"name": "probabilities", "positiveClassIndex": 1}
    test = card["metrics"]["test"]
    assert set(test) >= {
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
    assert test["gini"] == pytest.approx(2 * test["auc"] - 1)
    assert sum(map(sum, test["confusionMatrix"])) == card["split"]["rows"]["test"] == 4500
    assert {"lightgbm", "onnx", "onnxmltools", "onnxruntime", "numpy"} <= set(card["libraries"])
    assert card["quick"] is True
    assert card["split"]["seed"] == 7
    assert card["onnx"]["parityMaxAbsDiff"] < 1e-5


def test_parity_fixture_rescored_with_onnx(quick_run: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, out = quick_run
    text = (out / "parity-fixture.json").read_text()
    assert "NaN" not in text  # missing values are JSON null
    fixture = json.loads(text)
    card = json.loads((out / "model-card.json").read_text())
    assert fixture["modelVersion"] == card["version"]
    assert fixture["features"] == list(FEATURE_NAMES)
    assert len(fixture["rows"]) == len(fixture["probabilities"]) == 200
    assert sum(value is None for row in fixture["rows"] for value in row) >= 23
    rows = export_onnx.fixture_rows(fixture)
    session = export_onnx.load_session(out / "model.onnx")
    expected = np.array(fixture["probabilities"])
    assert export_onnx.max_abs_difference(session, rows, expected) < 1e-5
    model = onnx.load(str(out / "model.onnx"))
    assert {p.key: p.value for p in model.metadata_props}["modelVersion"] == card["version"]


def test_evaluate_and_export_clis_check_the_published_model(
    quick_run: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    _, out = quick_run
    checked = _run("export_onnx", "--model-dir", str(out))
    assert checked.returncode == 0, checked.stderr
    assert "parity     200 rows" in checked.stdout
    evaluated = _run("evaluate", "--model-dir", str(out))
    assert evaluated.returncode == 0, evaluated.stderr
    assert "(difference +0.00e+00)" in evaluated.stdout or "difference -0.00e+00" in evaluated.stdout


def test_training_stops_with_the_data_error_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "model"
    result = _run("train", "--quick", "--out", str(out), "--data-dir", str(tmp_path / "no-data"))
    assert result.returncode == 1
    assert "not found" in result.stderr
    assert str(tmp_path / "no-data") in result.stderr
    assert not out.exists()


def test_publish_replaces_the_folder_whole(tmp_path: Path) -> None:
    out = tmp_path / "model"
    artifacts.publish(out, {"model.onnx": b"old", "model-card.json": b"{}"})
    artifacts.publish(out, {"model.onnx": b"new", "parity-fixture.json": b"[]"})
    assert sorted(p.name for p in out.iterdir()) == ["model.onnx", "parity-fixture.json"]
    assert (out / "model.onnx").read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["model"]


def test_publish_keeps_the_old_model_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "model"
    artifacts.publish(out, {"model.onnx": b"old"})
    real_rename = Path.rename

    def failing_rename(self: Path, target: Path) -> Path:
        if self.name.startswith(".model.staging-"):
            raise OSError("disk full")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", failing_rename)
    with pytest.raises(OSError, match="disk full"):
        artifacts.publish(out, {"model.onnx": b"new"})
    assert (out / "model.onnx").read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["model"]


def test_publish_refuses_to_delete_foreign_files(tmp_path: Path) -> None:
    out = tmp_path / "model"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(
        artifacts.ArtifactError, match=r"holds files that training does not write \(notes.txt\)"
    ):
        artifacts.publish(out, {"model.onnx": b"x"})
    assert (out / "notes.txt").read_text() == "mine"
