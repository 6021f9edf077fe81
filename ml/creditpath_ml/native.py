"""The champion in its own library's format, beside the ONNX file.

The server never reads it: it is there so that the model can be loaded natively, as the benchmark's
reference service does (`creditpath_ml.reference_service`), and so that a data scientist can inspect the
exact booster that was exported. Linear models and random forests have no native file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

# One file name per library, so the name alone says how to load it.
NATIVE_FILES = {
    "lightgbm": "model.lightgbm.txt",
    "xgboost": "model.xgboost.json",
    "catboost": "model.catboost.cbm",
}


class NativeModelError(Exception):
    pass


def native_file(model: Any, key: str) -> tuple[str, bytes] | None:
    """(file name, bytes) of the fitted model in its library's own format, or None when it has none."""
    if key == "lightgbm":
        return NATIVE_FILES[key], model.booster_.model_to_string().encode()
    if key == "xgboost":
        return NATIVE_FILES[key], bytes(model.get_booster().save_raw("json"))
    if key == "catboost":
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / NATIVE_FILES[key]
            model.save_model(str(target), format="cbm")
            return NATIVE_FILES[key], target.read_bytes()
    return None


def load(model_dir: Path) -> tuple[str, Callable[[np.ndarray], np.ndarray]]:
    """The library and a function from a float matrix (NaN = missing) to probabilities of default."""
    found = [(key, model_dir / name) for key, name in NATIVE_FILES.items() if (model_dir / name).is_file()]
    if not found:
        raise NativeModelError(
            f"{model_dir} holds no native model ({', '.join(NATIVE_FILES.values())}); it is written for "
            "LightGBM, XGBoost and CatBoost champions by `npm run ml:train`"
        )
    key, path = found[0]
    if key == "lightgbm":
        import lightgbm as lgb

        booster = lgb.Booster(model_file=str(path))
        # One thread: the service scores one row per request, where a thread pool only adds overhead.
        return key, lambda x: booster.predict(x, num_threads=1)
    if key == "xgboost":
        import xgboost as xgb

        booster = xgb.Booster(model_file=str(path))
        booster.set_param({"nthread": 1})
        return key, lambda x: booster.inplace_predict(x)
    import catboost

    model = catboost.CatBoostClassifier()
    model.load_model(str(path), format="cbm")
    return key, lambda x: model.predict_proba(x, thread_count=1)[:, 1]
