"""MLflow tracking: one parent run per training run, one nested run per algorithm.

The store is MLFLOW_TRACKING_URI (a team's server) or, by default, the local folder `.data/mlruns`
(gitignored). MLflow 3 refuses a plain folder store unless MLFLOW_ALLOW_FILE_STORE=true: the folder store
needs nothing beyond mlflow-skinny, while its suggested sqlite store would add SQLAlchemy and Alembic, so
that opt-out is set here for folder URIs only. `mlflow ui --backend-store-uri <folder>` (full mlflow)
reads it. A tracking failure is reported as a warning: the trained model is already published by then.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from creditpath_ml import paths


@dataclass
class AlgorithmRun:
    key: str
    params: dict[str, object]
    metrics: dict[str, float]
    artifacts: list[Path]  # files in the published report folder
    onnx_bytes: bytes
    tags: dict[str, str] = field(default_factory=dict)


def _flat(params: dict[str, object], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in params.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = str(value)[:500]
    return flat


def log(
    experiment: str,
    run_name: str,
    params: dict[str, object],
    metrics: dict[str, float],
    files: list[Path],
    algorithms: list[AlgorithmRun],
    progress: TextIO = sys.stderr,
) -> str | None:
    """Logs everything; returns the parent run id, or None (with a warning) when the store fails."""
    uri, where = paths.mlflow_tracking_uri()
    if uri.startswith("file:") or "://" not in uri:
        os.environ.setdefault("MLFLOW_ALLOW_FILE_STORE", "true")
    try:
        import mlflow
        import mlflow.onnx
        import onnx

        mlflow.set_tracking_uri(uri)
        mlflow.set_experiment(experiment)
        with mlflow.start_run(run_name=run_name) as parent:
            mlflow.log_params(_flat(params))
            mlflow.log_metrics(metrics)
            for path in files:
                mlflow.log_artifact(str(path))
            for run in algorithms:
                with mlflow.start_run(run_name=run.key, nested=True):
                    mlflow.set_tags(run.tags)
                    mlflow.log_params(_flat(run.params))
                    mlflow.log_metrics(run.metrics)
                    for path in run.artifacts:
                        mlflow.log_artifact(str(path), "report")
                    # Requirements given: MLflow would otherwise infer them by importing packages (slow).
                    mlflow.onnx.log_model(
                        onnx.load_from_string(run.onnx_bytes), name="model", pip_requirements=["onnxruntime"]
                    )
        print(f"mlflow: logged run {parent.info.run_id} to {uri} ({where})", file=progress, flush=True)
        return parent.info.run_id
    except Exception as err:
        print(
            f"warning: MLflow tracking to {uri} failed ({type(err).__name__}: {err}); "
            "the model and report are "
            f"published anyway. Check {paths.MLFLOW_URI_ENV}, or pass --no-mlflow.",
            file=progress,
            flush=True,
        )
        return None
