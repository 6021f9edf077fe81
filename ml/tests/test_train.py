from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np
import onnx
import pytest

from creditpath_ml import artifacts, export_onnx, native, paths, sources, train, trees, treeshap
from tests.synthetic import ML_ROOT, write_export


def _run(module: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", f"creditpath_ml.{module}", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ML_ROOT,
        env={**os.environ, "PYTHONPATH": str(ML_ROOT), **(env or {})},
    )


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    """What the server's Node test runs: `train --quick --out DIR`, here in a checkout without an export."""
    folder = tmp_path_factory.mktemp("quick")
    env = {
        paths.FEATURES_DIR_ENV: str(folder / "no-export"),
        paths.MLFLOW_URI_ENV: (folder / "mlruns").as_uri(),
    }
    out = folder / "model"
    return _run("train", "--quick", "--json", "--out", str(out), "--seed", "7", env=env), out


def test_quick_training_without_an_export_falls_back_to_the_uci_file(
    quick_run: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    result, out = quick_run
    assert result.returncode == 0, result.stderr
    assert "no feature export at" in result.stderr
    card = json.loads((out / "model-card.json").read_text())
    native_files = [card["nativeModel"]["file"]] if card["nativeModel"] else []
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*artifacts.ARTIFACT_FILES, *native_files, artifacts.REPORT_DIR]
    )
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no staging folder left behind
    assert "candidate 1/2  cv AUC" in result.stderr  # progress lines
    assert "test AUC" in result.stdout  # the comparison table
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["quick"] is True
    assert summary["source"] == "uci-raw"
    assert summary["outDir"] == str(out)
    assert summary["champion"] in summary["algorithms"]
    assert set(summary["algorithms"]) >= {"logistic_regression", "random_forest", "lightgbm", "xgboost"}
    for entry in summary["algorithms"].values():
        assert 0.65 < entry["auc"] < 0.9
        assert {"ks", "f1", "brier"} <= set(entry)
    assert summary["mlflowRunId"]
    assert (out.parent / "mlruns").is_dir()


def test_report_folder_has_json_and_the_plots(
    quick_run: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    _, out = quick_run
    report = out / artifacts.REPORT_DIR
    metrics = json.loads((report / "metrics.json").read_text())
    for key, entry in metrics["algorithms"].items():
        for plot in ("roc", "ks", "calibration"):
            png = report / f"{key}-{plot}.png"
            assert png.read_bytes()[:4] == b"\x89PNG"
        assert {"validation", "test", "psiTrainVsTest", "calibrationTest", "cvAuc", "threshold"} <= set(entry)
        assert sum(map(sum, entry["test"]["confusionMatrix"])) == 4500
    assert (report / "roc-all.png").is_file()
    assert "champion" in (report / "comparison.txt").read_text()


def test_model_card_has_every_field(quick_run: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, out = quick_run
    card = json.loads((out / "model-card.json").read_text())
    algorithm, stamp, data_hash = card["version"].split("-")
    assert algorithm == card["algorithm"]
    assert re.fullmatch(r"\d{8}T\d{6}Z", stamp)
    assert card["createdAt"].endswith("Z")
    assert data_hash == card["dataset"]["sha256"][:8]  # the training-data fingerprint
    assert card["dataset"]["rows"] == 30_000
    assert card["input"]["name"] == "features"
    assert all(f["name"] and f["description"] for f in card["input"]["features"])
    assert card["output"] == {"name": "probabilities", "positiveClassIndex": 1}
    names = [f["name"] for f in card["input"]["features"]]
    stats = {s["name"]: s for s in card["featureStatistics"]}
    assert list(stats) == names
    assert {"median", "quantiles", "missingShare", "psiBins"} <= set(stats["LIMIT_BAL"])
    distribution = card["scoreDistribution"]
    assert len(distribution["train"]["shares"]) == len(distribution["binEdges"]) - 1
    assert sum(distribution["train"]["shares"]) == pytest.approx(1.0)
    test = card["metrics"]["test"]
    assert {"auc", "gini", "ks", "f1", "precision", "recall", "brier", "threshold", "confusionMatrix"} <= set(
        test
    )
    assert test["gini"] == pytest.approx(2 * test["auc"] - 1)
    assert "psiTrainVsTest" in card["metrics"]
    tiers = card["tiers"]
    assert [c["tier"] for c in tiers["cutoffs"]] == ["Low", "Medium", "High", "Critical"]
    cuts = [c["minPd"] for c in tiers["cutoffs"]]
    assert cuts == sorted(cuts)
    assert tiers["monotonic"] is True
    assert {"numpy", "scikit-learn", "lightgbm", "onnx", "onnxruntime"} <= set(card["libraries"])
    explanation = card["explanation"]
    if explanation["method"] == "treeshap":
        tree = explanation["trees"][0]
        assert set(tree) == {"feature", "threshold", "missingGoesLeft", "left", "right", "value", "cover"}
        assert len({len(v) for v in tree.values()}) == 1
    else:
        assert {"intercept", "baseValue", "features"} <= set(explanation)
    assert card["split"]["seed"] == 7
    assert card["onnx"]["parityMaxAbsDiff"] < 1e-5
    assert card["quick"] is True


def test_parity_fixture_rescored_with_onnx(quick_run: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, out = quick_run
    text = (out / "parity-fixture.json").read_text()
    assert "NaN" not in text  # missing values are JSON null
    fixture = json.loads(text)
    card = json.loads((out / "model-card.json").read_text())
    assert fixture["modelVersion"] == card["version"]
    assert fixture["features"] == [f["name"] for f in card["input"]["features"]]
    assert len(fixture["rows"]) == len(fixture["probabilities"]) == 200
    assert sum(value is None for row in fixture["rows"] for value in row) >= 23
    rows = export_onnx.fixture_rows(fixture)
    session = export_onnx.load_session(out / "model.onnx")
    assert export_onnx.max_abs_difference(session, rows, np.array(fixture["probabilities"])) < 1e-5
    model = onnx.load(str(out / "model.onnx"))
    assert {p.key: p.value for p in model.metadata_props}["modelVersion"] == card["version"]


def test_reason_code_fixture_is_reproduced_from_the_card_alone(
    quick_run: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    _, out = quick_run
    card = json.loads((out / "model-card.json").read_text())
    fixture = json.loads((out / "reason-codes-fixture.json").read_text())
    assert fixture["modelVersion"] == card["version"]
    assert len(fixture["rows"]) == 50
    rows = export_onnx.fixture_rows(fixture)
    expected = np.array(fixture["contributions"])
    np.testing.assert_allclose(expected.sum(axis=1), fixture["rawScores"], atol=1e-6)
    section = card["explanation"]
    if section["method"] != "treeshap":
        pytest.skip("the champion is linear; its contributions are checked in test_treeshap")
    ensemble = trees.from_card(section, rows.shape[1])
    ours = treeshap.contributions(ensemble, rows)
    assert np.max(np.abs(ours - expected)) <= fixture["tolerance"]


@pytest.mark.parametrize("algorithm", ["lightgbm", "xgboost"])
def test_native_model_scores_like_the_onnx_export_and_serves_the_reference_service(
    algorithm: str, tmp_path: Path
) -> None:
    out = tmp_path / "model"
    env = {
        paths.FEATURES_DIR_ENV: str(tmp_path / "no-export"),
        paths.MLFLOW_URI_ENV: (tmp_path / "ml").as_uri(),
    }
    trained = _run("train", "--quick", "--no-mlflow", "--algorithms", algorithm, "--out", str(out), env=env)
    assert trained.returncode == 0, trained.stderr
    card = json.loads((out / "model-card.json").read_text())
    assert card["nativeModel"] == {"file": native.NATIVE_FILES[algorithm], "library": algorithm}
    library, predict = native.load(out)
    assert library == card["nativeModel"]["library"] == card["algorithm"]
    fixture = json.loads((out / "parity-fixture.json").read_text())
    rows = export_onnx.fixture_rows(fixture).astype(np.float64)
    # The ONNX graph compares float32 inputs; the fixture rows are float32 values already.
    assert np.max(np.abs(predict(rows) - np.array(fixture["probabilities"]))) < 1e-5

    port = 18000 + os.getpid() % 1000
    service = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "creditpath_ml.reference_service:app", "--port", str(port)],
        cwd=ML_ROOT,
        env={**os.environ, "PYTHONPATH": str(ML_ROOT), paths.MODEL_DIR_ENV: str(out)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        body = {"features": dict(zip(fixture["features"], fixture["rows"][0], strict=True))}
        answer = None
        for _ in range(100):
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/predict",
                    data=json.dumps(body).encode(),
                    headers={"Content-Type": "application/json"},
                )
                with urllib.request.urlopen(request, timeout=5) as response:
                    answer = json.loads(response.read())
                break
            except OSError:
                assert service.poll() is None, service.stderr.read().decode() if service.stderr else ""
                time.sleep(0.2)
        assert answer is not None, "the reference service did not answer"
        assert answer["modelVersion"] == card["version"]
        assert abs(answer["probabilityOfDefault"] - fixture["probabilities"][0]) < 1e-5
    finally:
        service.terminate()
        service.wait(timeout=10)


def test_evaluate_and_export_clis_check_the_published_model(
    quick_run: tuple[subprocess.CompletedProcess[str], Path],
) -> None:
    _, out = quick_run
    checked = _run("export_onnx", "--model-dir", str(out))
    assert checked.returncode == 0, checked.stderr
    assert "parity     200 rows" in checked.stdout
    evaluated = _run("evaluate", "--model-dir", str(out))
    assert evaluated.returncode == 0, evaluated.stderr
    difference = re.search(r"\(difference ([-+0-9.e]+)\)", evaluated.stdout)
    assert difference is not None
    assert abs(float(difference.group(1))) < 1e-4


def test_served_model_from_the_export_with_out_of_time_test_and_tracking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(paths.MLFLOW_URI_ENV, (tmp_path / "mlruns").as_uri())
    csv_path = write_export(tmp_path / "export", loans=700, snapshots=2)
    source = sources.resolve(
        data=None, target=None, id_column=None, date_column=None, positive=None, features=str(csv_path),
        data_dir=None, source="auto", out=str(tmp_path / "model"), quick=True,
    )  # fmt: skip
    assert source.kind == "feature-export"
    result = train.run(source, seed=1, quick=True, algorithms=["logistic_regression", "lightgbm"])
    card = json.loads((tmp_path / "model" / "model-card.json").read_text())
    assert card["dataset"]["source"] == "feature-export"
    assert set(card["metrics"]) >= {"validation", "test", "outOfTime", "testByPortfolio"}
    assert set(card["metrics"]["testByPortfolio"]) == {"Cards", "Loans"}
    assert card["split"]["outOfTime"].startswith("out-of-time test")
    assert "outOfTimeAuc" in result["algorithms"]["lightgbm"]
    never = next(s for s in card["featureStatistics"] if s["name"] == "contact_attempts_90d")
    assert never["missingShare"] == 1.0
    assert result["mlflowRunId"]
    runs = list((tmp_path / "mlruns").glob("*/*/meta.yaml"))
    assert len(runs) == 3  # the parent and one per algorithm


def test_full_run_without_an_export_says_how_to_make_one(tmp_path: Path) -> None:
    env = {paths.FEATURES_DIR_ENV: str(tmp_path / "none"), paths.MODEL_DIR_ENV: str(tmp_path / "model")}
    result = _run("train", "--no-mlflow", env=env)
    assert result.returncode == 1
    assert "feature export not found" in result.stderr
    assert "npm run features:export" in result.stderr
    assert not (tmp_path / "model").exists()


def test_wrong_shaped_byod_file_stops_with_the_reason_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "book.csv"
    bad.write_text("a;b;target\n1;2;0\n")
    out = tmp_path / "out"
    result = _run("train", "--data", str(bad), "--target", "target", "--out", str(out), "--no-mlflow")
    assert result.returncode == 1
    assert "seems to use another separator than ','" in result.stderr
    assert not out.exists()


def test_publish_replaces_the_folder_whole(tmp_path: Path) -> None:
    out = tmp_path / "model"
    artifacts.publish(out, {"model.onnx": b"old", "model-card.json": b"{}", "report/a.png": b"x"})
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
