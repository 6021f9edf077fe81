from pathlib import Path

import pytest

from creditpath_ml import paths


def test_defaults_sit_next_to_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (paths.DATA_DIR_ENV, paths.MODEL_DIR_ENV, paths.FEATURES_DIR_ENV, paths.BYOD_DIR_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv(paths.MLFLOW_URI_ENV, raising=False)
    assert Path(__file__).resolve().parents[2] == paths.REPO_ROOT
    assert paths.data_dir() == (paths.REPO_ROOT.parent / "shared" / "data").resolve()
    assert paths.model_dir() == paths.REPO_ROOT / ".data" / "model"
    assert paths.features_csv() == paths.REPO_ROOT / ".data" / "features" / "features.csv"
    assert paths.byod_dir("book") == paths.REPO_ROOT / ".data" / "byod" / "book"
    assert paths.mlflow_tracking_uri() == ((paths.REPO_ROOT / ".data" / "mlruns").as_uri(), "default")
    monkeypatch.setenv(paths.MLFLOW_URI_ENV, "http://mlflow.example:5000")
    assert paths.mlflow_tracking_uri()[0] == "http://mlflow.example:5000"


def test_relative_env_values_are_relative_to_the_repository_root(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)  # the current directory must not matter
    monkeypatch.setenv(paths.DATA_DIR_ENV, "some/data")
    monkeypatch.setenv(paths.MODEL_DIR_ENV, "out/model")
    assert paths.data_dir() == paths.REPO_ROOT / "some" / "data"
    assert paths.model_dir() == paths.REPO_ROOT / "out" / "model"


def test_absolute_env_values_and_cli_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(tmp_path / "d"))
    assert paths.data_dir() == tmp_path / "d"
    assert paths.data_dir(tmp_path / "flag") == tmp_path / "flag"
    monkeypatch.setenv(paths.MODEL_DIR_ENV, "  ")  # blank counts as unset
    assert paths.model_dir() == paths.REPO_ROOT / ".data" / "model"
    assert paths.uci_csv(tmp_path).name == "UCI_Credit_Card.csv"


def test_cli_reports_where_each_folder_comes_from(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.delenv(paths.DATA_DIR_ENV, raising=False)
    monkeypatch.setenv(paths.MODEL_DIR_ENV, str(tmp_path))
    assert paths.main() == 0
    out = capsys.readouterr().out
    assert "(default)" in out
    assert f"model dir  {tmp_path}  (env {paths.MODEL_DIR_ENV}={tmp_path})" in out
