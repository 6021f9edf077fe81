"""What the reason codes need: the card's `explanation` section and a fixture of contributions.

Tree ensembles: the full trees (see `trees.to_card`) for exact TreeSHAP in TypeScript. The fixture holds the
training library's own contributions where it has them (LightGBM `pred_contrib`, XGBoost `pred_contribs`)
and otherwise those of `treeshap.py`, which reads only the card (random forest: scikit-learn has none;
CatBoost: its ShapValues use another value function on oblivious trees, not the trees' covers alone).

Logistic regression: coefficients, intercept, imputation values and scaler mean/scale. A numeric feature
contributes coefficient * (value or imputeValue - mean) / scale; a categorical one contributes
coefficient[category] - sum over categories of coefficient * training share. Each contribution is in
log-odds, relative to the average training borrower, and baseValue + contributions = the model's log-odds.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from creditpath_ml import trees, treeshap

FIXTURE_ROWS = 50
# Reference check of the card's trees against the library's own contributions, on a few fixture rows.
CHECK_ROWS = 10
LIBRARY_TOLERANCE = {"lightgbm": 1e-6, "xgboost": 1e-5}  # XGBoost computes its contributions in float32


class ExplainError(Exception):
    pass


def _linear_parts(pipeline) -> tuple[Any, Any, Any, list[int], Any]:
    """(imputer, scaler, model, numeric columns, one-hot step or None) of a fitted linear pipeline."""
    model = pipeline.named_steps["model"]
    if "prepare" not in pipeline.named_steps:
        imputer, scaler = pipeline.named_steps["impute"], pipeline.named_steps["scale"]
        return imputer, scaler, model, list(range(model.coef_.shape[1])), None
    prepare = pipeline.named_steps["prepare"]
    numeric_pipe, numeric = prepare.named_transformers_["numeric"], prepare.transformers_[0][2]
    one_hot = (prepare.named_transformers_["categorical"], prepare.transformers_[1][2])
    return (
        numeric_pipe.named_steps["impute"],
        numeric_pipe.named_steps["scale"],
        model,
        list(numeric),
        one_hot,
    )


def linear_card(pipeline, feature_names: list[str], x_train: np.ndarray) -> dict[str, object]:
    imputer, scaler, model, numeric, one_hot = _linear_parts(pipeline)
    coefficients = model.coef_[0]
    entries: list[dict[str, object]] = []
    for position, column in enumerate(numeric):
        entries.append(
            {
                "index": column,
                "name": feature_names[column],
                "kind": "numeric",
                "coefficient": float(coefficients[position]),
                "imputeValue": float(imputer.statistics_[position]),
                "mean": float(scaler.mean_[position]),
                "scale": float(scaler.scale_[position]),
            }
        )
    base = float(model.intercept_[0])
    if one_hot is not None:
        step, columns = one_hot
        encoder = step.named_steps["encode"]
        offset = len(numeric)
        for column, seen in zip(columns, encoder.categories_, strict=True):
            codes = np.where(np.isnan(x_train[:, column]), -1.0, x_train[:, column])
            weights = coefficients[offset : offset + len(seen)]
            offset += len(seen)
            shares = [float(np.mean(codes == code)) for code in seen]
            base += float(np.dot(weights, shares))
            entries.append(
                {
                    "index": column,
                    "name": feature_names[column],
                    "kind": "categorical",
                    "coefficients": {
                        ("missing" if code == -1 else str(int(code))): float(w)
                        for code, w in zip(seen, weights, strict=True)
                    },
                    "trainingShares": {
                        ("missing" if code == -1 else str(int(code))): share
                        for code, share in zip(seen, shares, strict=True)
                    },
                }
            )
    entries.sort(key=lambda e: e["index"])
    # The same terms as arrays in input order (what server/src/modules/scoring/explain reads). A categorical
    # column has coefficient 0 there; its one-hot terms are only in `features` (BYOD models, never served).
    arrays: dict[str, list[float]] = {"coefficients": [], "imputation": [], "mean": [], "scale": []}
    by_index = {e["index"]: e for e in entries}
    for column in range(len(feature_names)):
        entry = by_index.get(column, {})
        numeric = entry.get("kind") == "numeric"
        arrays["coefficients"].append(entry["coefficient"] if numeric else 0.0)
        arrays["imputation"].append(entry["imputeValue"] if numeric else 0.0)
        arrays["mean"].append(entry["mean"] if numeric else 0.0)
        arrays["scale"].append(entry["scale"] if numeric else 1.0)
    return {
        **arrays,
        "method": "linear",
        "link": "logistic",
        "outputSpace": "log-odds",
        "intercept": float(model.intercept_[0]),
        "baseValue": base,
        "rule": (
            "numeric: coefficient * ((x is NaN ? imputeValue : x) - mean) / scale; categorical (x = category "
            "code, NaN = 'missing'): coefficients[code] (0 for a code not listed) - sum(coefficients * "
            "trainingShares); log-odds = baseValue + sum of contributions"
        ),
        "features": entries,
    }


def linear_contributions(card: dict, rows: np.ndarray) -> np.ndarray:
    """[rows, features + 1] from the card section alone (the TypeScript side computes the same)."""
    n_features = rows.shape[1]
    out = np.zeros((rows.shape[0], n_features + 1))
    for entry in card["features"]:
        column = rows[:, entry["index"]].astype(np.float64)
        if entry["kind"] == "numeric":
            value = np.where(np.isnan(column), entry["imputeValue"], column)
            out[:, entry["index"]] = entry["coefficient"] * (value - entry["mean"]) / entry["scale"]
        else:
            expected = sum(entry["coefficients"][k] * s for k, s in entry["trainingShares"].items())
            keys = ["missing" if np.isnan(v) else str(int(v)) for v in column]
            out[:, entry["index"]] = [entry["coefficients"].get(k, 0.0) - expected for k in keys]
    out[:, -1] = card["baseValue"]
    return out


def pipeline_contributions(pipeline, rows: np.ndarray, x_train: np.ndarray) -> np.ndarray:
    """[rows, features + 1] from the fitted scikit-learn pipeline itself, not the card: each column the
    pipeline feeds the model (imputed and scaled, or one-hot) contributes coefficient * (its value - its
    training mean), summed per input feature; the expected value is the intercept plus coefficient * training
    mean (what SHAP's linear explainer gives for independent features). They add up to decision_function."""
    _, _, model, numeric, one_hot = _linear_parts(pipeline)
    prepare = pipeline[:-1]
    transformed = np.asarray(prepare.transform(rows.astype(np.float64)), dtype=np.float64)
    means = np.asarray(prepare.transform(x_train.astype(np.float64)), dtype=np.float64).mean(axis=0)
    terms = model.coef_[0] * (transformed - means)
    # Which input feature each model column comes from: the numeric ones in order, then each categorical
    # feature's one-hot columns.
    owner = list(numeric)
    if one_hot is not None:
        step, columns = one_hot
        for column, seen in zip(columns, step.named_steps["encode"].categories_, strict=True):
            owner += [column] * len(seen)
    out = np.zeros((rows.shape[0], rows.shape[1] + 1))
    for position, column in enumerate(owner):
        out[:, column] += terms[:, position]
    out[:, -1] = float(model.intercept_[0]) + float(np.dot(model.coef_[0], means))
    return out


def library_contributions(model, algorithm: str, rows: np.ndarray) -> np.ndarray | None:
    rows = np.ascontiguousarray(rows, dtype=np.float32)
    if algorithm == "lightgbm":
        return np.asarray(model.predict(rows, pred_contrib=True), dtype=np.float64)
    if algorithm == "xgboost":
        import xgboost

        matrix = xgboost.DMatrix(rows, missing=np.nan)
        return np.asarray(model.get_booster().predict(matrix, pred_contribs=True), dtype=np.float64)
    return None


def explanation(model, algorithm: str, feature_names: list[str], x_train: np.ndarray) -> dict[str, object]:
    if algorithm == "logistic_regression":
        return linear_card(model, feature_names, x_train)
    return trees.to_card(trees.ensemble_of(model, algorithm, x_train[:200]))


def fixture(
    model,
    algorithm: str,
    card_section: dict,
    rows: np.ndarray,
    raw_scores: np.ndarray,
    x_train: np.ndarray,
) -> tuple[dict[str, object], float | None]:
    """The contributions fixture, from the library where it has them, and the largest gap between the card's
    explanation (trees through treeshap.py, or the linear card's terms) and the library on CHECK_ROWS rows
    (raises ExplainError above tolerance)."""
    checked: float | None = None
    if algorithm == "logistic_regression":
        values = pipeline_contributions(model, rows, x_train)
        source = "the fitted scikit-learn pipeline: coefficient * (transformed value - training mean)"
        tolerance = 1e-9
        card_values = linear_contributions(card_section, rows[:CHECK_ROWS])
        checked = float(np.max(np.abs(card_values - values[:CHECK_ROWS])))
        if checked > tolerance:
            raise ExplainError(
                f"{algorithm}: the card's linear terms differ from the fitted pipeline's by {checked:.3g} "
                f"(tolerance {tolerance:g}); the card would give wrong reason codes"
            )
    else:
        ensemble = trees.ensemble_of(model, algorithm, rows)
        values = library_contributions(model, algorithm, rows)
        if values is None:
            values = treeshap.contributions(ensemble, rows)
            source = (
                f"creditpath_ml.treeshap over the card's trees ({algorithm} has no exact native TreeSHAP)"
            )
            tolerance = 1e-9
        else:
            source = {"lightgbm": "LightGBM predict(pred_contrib=True)", "xgboost": "XGBoost pred_contribs"}[
                algorithm
            ]
            tolerance = LIBRARY_TOLERANCE[algorithm]
            reference = treeshap.contributions(ensemble, rows[:CHECK_ROWS])
            checked = float(np.max(np.abs(reference - values[:CHECK_ROWS])))
            if checked > tolerance:
                raise ExplainError(
                    f"{algorithm}: TreeSHAP over the card's trees differs from the library by {checked:.3g} "
                    f"(tolerance {tolerance:g}); the card's tree structure would give wrong reason codes"
                )
    sums = values.sum(axis=1)
    if np.max(np.abs(sums - raw_scores)) > 1e-4:
        raise ExplainError(f"{algorithm}: contributions do not add up to the model's raw scores")
    return {
        "algorithm": algorithm,
        "method": card_section["method"],
        "source": source,
        "outputSpace": card_section["outputSpace"],
        "tolerance": tolerance,
        "layout": "contributions[row] = one value per feature in input order, then the expected value "
        "(baseValue included); they sum to rawScores[row]",
        "rows": [[None if np.isnan(v) else float(v) for v in row] for row in rows],
        "contributions": [[float(v) for v in row] for row in values],
        "rawScores": [float(v) for v in raw_scores],
    }, checked


def raw_scores(model, algorithm: str, rows: np.ndarray) -> np.ndarray:
    """The native model's output before the link: log-odds, or the probability for a random forest."""
    rows = np.ascontiguousarray(rows, dtype=np.float32)
    if algorithm == "lightgbm":
        return np.asarray(model.predict(rows, raw_score=True), dtype=np.float64)
    if algorithm == "xgboost":
        return np.asarray(model.predict(rows, output_margin=True), dtype=np.float64)
    if algorithm == "catboost":
        return np.asarray(model.predict(rows, prediction_type="RawFormulaVal"), dtype=np.float64)
    if algorithm == "random_forest":
        return np.asarray(model.predict_proba(rows)[:, 1], dtype=np.float64)
    return np.asarray(model.decision_function(rows), dtype=np.float64)
