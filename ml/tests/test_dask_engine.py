"""`train --engine dask --scheduler ADDRESS`: LightGBM trained on a Dask cluster of two worker processes, on a
slice of the real UCI file, into the same export, checks and card as the local trainer."""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from creditpath_ml import export_onnx, native, paths, train, trees, treeshap

SLICE_ROWS = 6000


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def uci_slice(uci_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding the first rows of the real UCI file (header kept)."""
    folder = tmp_path_factory.mktemp("uci-slice")
    target = paths.uci_csv(folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    with uci_path.open() as source:
        target.write_text("".join(line for _, line in zip(range(SLICE_ROWS + 1), source, strict=False)))
    return folder


def _train(*args: str) -> tuple[int, str]:
    """`python -m creditpath_ml.train ARGS` in this process: exit code and stdout."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = train.main(list(args))
    return code, out.getvalue()


@pytest.fixture(scope="module")
def dask_run(scheduler: str, uci_slice: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    out = tmp_path_factory.mktemp("dask") / "model"
    common = ("--source", "uci", "--data-dir", str(uci_slice), "--quick", "--no-mlflow", "--seed", "7")
    code, stdout = _train("--engine", "dask", "--scheduler", scheduler, *common, "--json", "--out", str(out))
    assert code == 0, stdout
    return json.loads(stdout.strip().splitlines()[-1]), out


def test_trains_lightgbm_on_the_cluster_into_the_usual_export(dask_run: tuple[dict, Path]) -> None:
    summary, out = dask_run
    assert summary["champion"] == "lightgbm"
    assert list(summary["algorithms"]) == ["lightgbm"]
    assert 0.65 < summary["metrics"]["auc"] < 0.9  # it learnt the real outcome, no more
    card = json.loads((out / "model-card.json").read_text())
    assert card["algorithm"] == "lightgbm"
    assert card["dataset"]["rows"] == SLICE_ROWS
    training = card["training"]
    assert training["engine"] == "dask"
    assert training["dask"] == {"workers": 2, "partitions": 2, "rows": card["split"]["trainRowsUsed"]}
    assert "no early stopping" in training["treesChosenBy"]
    # The Dask fit trained exactly the tree count the search chose.
    booster = (out / native.NATIVE_FILES["lightgbm"]).read_text()
    assert sum(line.startswith("Tree=") for line in booster.splitlines()) == training["trees"]


def test_the_export_passes_the_local_trainers_parity_and_reason_code_checks(
    dask_run: tuple[dict, Path],
) -> None:
    _, out = dask_run
    card = json.loads((out / "model-card.json").read_text())
    assert card["onnx"]["parityMaxAbsDiff"] < 1e-5
    fixture = json.loads((out / "parity-fixture.json").read_text())
    session = export_onnx.load_session(out / "model.onnx")
    rows = export_onnx.fixture_rows(fixture)
    assert export_onnx.max_abs_difference(session, rows, np.array(fixture["probabilities"])) < 1e-5
    # Reason codes: checked against LightGBM's own contributions while training, and reproduced from the card.
    section = card["explanation"]
    assert section["method"] == "treeshap"
    assert section["referenceCheck"]["maxAbsDiffVsLibrary"] <= 1e-6
    reasons = json.loads((out / "reason-codes-fixture.json").read_text())
    ours = treeshap.contributions(trees.from_card(section, rows.shape[1]), export_onnx.fixture_rows(reasons))
    assert np.max(np.abs(ours - np.array(reasons["contributions"]))) <= reasons["tolerance"]


def test_refuses_what_the_dask_engine_cannot_do(uci_slice: Path, tmp_path: Path) -> None:
    common = (
        "--source",
        "uci",
        "--data-dir",
        str(uci_slice),
        "--quick",
        "--no-mlflow",
        "--out",
        str(tmp_path),
    )
    with pytest.raises(SystemExit), contextlib.redirect_stderr(io.StringIO()) as err:
        _train("--engine", "dask", *common)
    assert "--engine dask needs --scheduler ADDRESS" in err.getvalue()
    with contextlib.redirect_stderr(io.StringIO()) as err:
        code, _ = _train(
            "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1", "--algorithms", "xgboost", *common
        )
    assert code == 1
    assert "the dask engine trains lightgbm only, not xgboost" in err.getvalue()
