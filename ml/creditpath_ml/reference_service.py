"""The reference scoring service for `npm run bench:scoring`: the design first proposed for the REST shim.

FastAPI + Uvicorn, the champion loaded natively (the LightGBM/XGBoost/CatBoost booster, not ONNX), one
posted feature vector in, its probability of default out. It has no authentication, audit, tiers, reasons
or recommendations: it is the baseline our server is measured against, not a product.

    CREDITPATH_MODEL_DIR=.data/model ml/.venv/bin/python -m uvicorn creditpath_ml.reference_service:app
"""

from __future__ import annotations

import json

import numpy as np
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

from creditpath_ml import native, paths

_model_dir = paths.model_dir()
_card = json.loads((_model_dir / "model-card.json").read_text())
_names: list[str] = [f["name"] for f in _card["input"]["features"]]
_library, _predict = native.load(_model_dir)

app = FastAPI(title="CreditPathAI reference scorer (benchmark baseline)")


class VectorRequest(BaseModel):
    features: dict[str, float | None]


@app.post("/predict")
async def predict(body: VectorRequest) -> dict[str, object]:
    missing = [n for n in _names if n not in body.features]
    if missing:
        raise HTTPException(status_code=400, detail=f"features missing: {', '.join(missing[:5])}")
    row = np.array(
        [[np.nan if body.features[n] is None else body.features[n] for n in _names]], dtype=np.float64
    )
    return {"probabilityOfDefault": float(_predict(row)[0]), "modelVersion": _card["version"]}


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok", "library": _library, "modelVersion": _card["version"]}
