"""Where the raw data is read from and where a trained model is written to.

Environment variables (the only place in creditpath_ml that reads the environment):
  CREDITPATH_DATA_DIR      folder holding the raw data sets (default: <repo root>/../shared/data)
  CREDITPATH_MODEL_DIR     folder the server loads the model from (default: <repo root>/.data/model)
  CREDITPATH_FEATURES_DIR  folder of the feature export (default: <repo root>/.data/features, where
                           `npm run features:export` writes)
  CREDITPATH_BYOD_DIR      parent of the bring-your-own-data outputs (default: <repo root>/.data/byod)
  CREDITPATH_COLLECTION_MODELS_DIR  parent of the collection scores' models, one folder per score
                           (default: <repo root>/.data/collection-models)
  MLFLOW_TRACKING_URI      MLflow tracking store (default: the local folder <repo root>/.data/mlruns)
A relative folder is taken relative to the repository root, so that the same setting works for the server
(started from the root) and for a shell inside ml/.

Run `python -m creditpath_ml.paths` to print what is resolved and why.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DATA_DIR_ENV = "CREDITPATH_DATA_DIR"
MODEL_DIR_ENV = "CREDITPATH_MODEL_DIR"
FEATURES_DIR_ENV = "CREDITPATH_FEATURES_DIR"
BYOD_DIR_ENV = "CREDITPATH_BYOD_DIR"
COLLECTION_MODELS_DIR_ENV = "CREDITPATH_COLLECTION_MODELS_DIR"
MLFLOW_URI_ENV = "MLFLOW_TRACKING_URI"

FEATURES_FILE_NAME = "features.csv"
FEATURES_SCHEMA_NAME = "features.schema.json"

UCI_DATASET_NAME = "uci-taiwan-credit-default"
UCI_FILE_NAME = "UCI_Credit_Card.csv"

# ml/creditpath_ml/paths.py -> parents[2] is the repository root.
REPO_ROOT = Path(__file__).resolve().parents[2]


def _from_env(name: str, default: Path) -> tuple[Path, str]:
    """The folder named by env `name` (relative to the repo root), or `default`; and where it came from."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default, "default"
    path = Path(raw).expanduser()
    if not path.is_absolute():
        path = REPO_ROOT / path
    return path.resolve(), f"env {name}={raw}"


def _data_dir_with_source() -> tuple[Path, str]:
    return _from_env(DATA_DIR_ENV, (REPO_ROOT.parent / "shared" / "data").resolve())


def _model_dir_with_source() -> tuple[Path, str]:
    return _from_env(MODEL_DIR_ENV, REPO_ROOT / ".data" / "model")


def _features_dir_with_source() -> tuple[Path, str]:
    return _from_env(FEATURES_DIR_ENV, REPO_ROOT / ".data" / "features")


def features_csv(override: str | Path | None = None) -> Path:
    """The feature export csv: an explicit file (a CLI flag, relative to the cwd) wins over the env folder."""
    if override is not None:
        return Path(override).expanduser().resolve()
    return _features_dir_with_source()[0] / FEATURES_FILE_NAME


def byod_dir(stem: str) -> Path:
    """Default output folder of a bring-your-own-data run: never the served model's folder."""
    return _from_env(BYOD_DIR_ENV, REPO_ROOT / ".data" / "byod")[0] / stem


def collection_model_dir(score: str, override: str | Path | None = None) -> Path:
    """Where a collection score's model is written and the server loads it: <parent>/<score>/."""
    if override is not None:
        return Path(override).expanduser().resolve()
    return _from_env(COLLECTION_MODELS_DIR_ENV, REPO_ROOT / ".data" / "collection-models")[0] / score


def mlflow_tracking_uri() -> tuple[str, str]:
    """(URI, where it came from): MLFLOW_TRACKING_URI for a team server, else a local folder store."""
    raw = os.environ.get(MLFLOW_URI_ENV, "").strip()
    if raw:
        return raw, f"env {MLFLOW_URI_ENV}"
    return (REPO_ROOT / ".data" / "mlruns").as_uri(), "default"


def data_dir(override: str | Path | None = None) -> Path:
    """The data folder: an explicit override (a CLI flag, relative to the cwd) wins over the env."""
    if override is not None:
        return Path(override).expanduser().resolve()
    return _data_dir_with_source()[0]


def model_dir(override: str | Path | None = None) -> Path:
    if override is not None:
        return Path(override).expanduser().resolve()
    return _model_dir_with_source()[0]


def uci_csv(data_root: Path) -> Path:
    return data_root / UCI_DATASET_NAME / UCI_FILE_NAME


def main() -> int:
    data, data_source = _data_dir_with_source()
    model, model_source = _model_dir_with_source()
    print(f"repo root  {REPO_ROOT}")
    print(f"data dir   {data}  ({data_source})")
    print(f"UCI csv    {uci_csv(data)}  ({'present' if uci_csv(data).is_file() else 'MISSING'})")
    print(f"model dir  {model}  ({model_source})")
    features, features_source = _features_dir_with_source()
    export = features / FEATURES_FILE_NAME
    print(f"features   {export}  ({features_source}; {'present' if export.is_file() else 'MISSING'})")
    uri, uri_source = mlflow_tracking_uri()
    print(f"mlflow     {uri}  ({uri_source})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
