"""The candidate algorithms, their search spaces, and the budgeted cross-validated search.

Search: random candidates (the first is a sensible default), each scored by the mean AUC over
borrower-grouped, outcome-stratified folds of the training split. The budget is a number of candidates, and
every library runs on a fixed number of threads, so the same seed gives the same model on any machine; time
is only a cap (checked between folds), and the result says when it cut the search. Below SMALL_DATA_ROWS
training rows the folds are repeated with other shuffles (e.g. 5 x 5), because one 3-fold estimate on a few
hundred rows moves more than the differences between candidates. The leaf minimums a candidate can ask for
are bounded by the rows of a fold's training part (`Limits`): a minimum no split can meet gives a constant
model that scores exactly 0.5. Boosters stop early on each fold's held-out part, and the final model
is refitted on the whole training split with the mean of those tree counts, so the validation split is
never used for fitting: it only chooses the operating threshold and the champion.

Class imbalance (about 22% defaults in every data set here) is handled without reweighting: splits and
folds are stratified, model choice and early stopping use AUC (which ignores the base rate), and the
flagging threshold is tuned on validation. Reweighting (LightGBM scale_pos_weight = negatives/positives,
measured on the UCI file and the feature export) left AUC unchanged (0.790 -> 0.791; 0.847 -> 0.847) and F1
at the tuned threshold slightly lower, but inflated every probability (mean PD 0.22 -> 0.42 and 0.39 for a
22% default rate; Brier 0.132 -> 0.177, 0.117 -> 0.151). The server shows these scores as probabilities of
default, so they stay calibrated.
"""

from __future__ import annotations

import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, TextIO

import numpy as np

from creditpath_ml import evaluate, split

# Threads per fit: fixed, never the machine's core count, so a model does not depend on the machine. One
# thread on small data: there, a second thread only adds waiting (on a busy machine, LightGBM's OpenMP
# threads made a 0.03 s fit of 560 rows take 9 s).
THREADS = 2
SMALL_DATA_THREADS = 1
SMALL_DATA_ROWS = 10_000  # below this many training rows: repeated CV, and the champion chosen on it
# A leaf minimum may ask for at most this share of a fold's training rows, so a tree still has room for
# about ten leaves.
LEAF_SHARE = 0.1


@dataclass(frozen=True)
class Budget:
    candidates: int
    seconds: float  # a cap per algorithm, not the budget: a busy machine must not train fewer candidates
    folds: int
    max_trees: int
    early_stopping: int
    forest_trees: int
    repeats: int = 1
    small_data_cv: tuple[int, int] = (5, 5)  # (folds, repeats) below SMALL_DATA_ROWS training rows
    threads: int = THREADS

    def for_rows(self, rows: int) -> Budget:
        """The budget for a training split of `rows` rows: repeated folds and one thread on small data."""
        if rows >= SMALL_DATA_ROWS:
            return self
        folds, repeats = self.small_data_cv
        return replace(self, folds=folds, repeats=repeats, threads=SMALL_DATA_THREADS)


DEFAULT_CANDIDATES = 10
DEFAULT_CAP_SECONDS = 600.0
# The time cap is checked between folds (the first candidate always completes), so a search overruns it by
# at most one fold.
FULL = Budget(
    candidates=DEFAULT_CANDIDATES,
    seconds=DEFAULT_CAP_SECONDS,
    folds=3,
    max_trees=1500,
    early_stopping=60,
    forest_trees=200,
)
QUICK = Budget(
    candidates=2,
    seconds=DEFAULT_CAP_SECONDS,
    folds=2,
    max_trees=120,
    early_stopping=20,
    forest_trees=40,
    small_data_cv=(2, 2),
)


@dataclass(frozen=True)
class Limits:
    """Bounds on the leaf minimums a candidate may ask for, from the smallest fold's training part."""

    leaf_rows: int  # min_samples_leaf / min_child_samples
    leaf_hessian: float  # XGBoost's min_child_weight: a sum of p(1-p) over a leaf's rows

    @classmethod
    def for_folds(cls, fold_rows: int, positive_rate: float) -> Limits:
        rows = max(1, int(fold_rows * LEAF_SHARE))
        return cls(leaf_rows=rows, leaf_hessian=rows * positive_rate * (1 - positive_rate))

    def cap(self, kind: str) -> float:
        return self.leaf_rows if kind == "rows" else self.leaf_hessian


@dataclass(frozen=True)
class Algorithm:
    key: str
    title: str
    simplicity: int  # the tie-break: lower is simpler
    defaults: dict[str, Any]
    sample: Callable[[np.random.Generator, Limits], dict[str, Any]]
    # fit(params, x, y, seed, budget, categorical columns, eval set or None) -> (model, trees used or None)
    fit: Callable[..., tuple[Any, int | None]]
    is_tree: bool = True
    # The leaf-minimum parameters, and which of Limits' bounds applies ("rows" or "hessian").
    leaf_minimums: dict[str, str] = field(default_factory=dict)

    def first_candidate(self, limits: Limits) -> dict[str, Any]:
        """The defaults, with every leaf minimum lowered to what the folds allow."""
        params = dict(self.defaults)
        for key, kind in self.leaf_minimums.items():
            cap = limits.cap(kind)
            params[key] = min(params[key], int(cap) if kind == "rows" else cap)
        return params


@dataclass
class SearchResult:
    params: dict[str, Any]
    cv_auc: float
    trees: int | None
    fold_aucs: list[float] = field(default_factory=list)  # the best candidate's, one per fold and repeat
    tried: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    cut_by_time: bool = False  # the time cap stopped the search before its last candidate
    limits: Limits | None = None

    @property
    def cv_standard_error(self) -> float:
        """Standard error of the CV mean: the fold AUCs' spread over the square root of their count."""
        if len(self.fold_aucs) < 2:
            return 0.0
        return float(np.std(self.fold_aucs, ddof=1) / np.sqrt(len(self.fold_aucs)))


def _log_uniform(rng: np.random.Generator, low: float, high: float) -> float:
    return float(np.exp(rng.uniform(np.log(low), np.log(high))))


def _leaf_choice(rng: np.random.Generator, values: list[int], cap: float) -> int:
    """One of `values` at most `cap` (the cap itself when every value is above it)."""
    allowed = [v for v in values if v <= cap] or [max(1, int(cap))]
    return int(rng.choice(allowed))


def positive_scores(model: Any, x: np.ndarray) -> np.ndarray:
    return np.asarray(model.predict_proba(x)[:, 1], dtype=np.float64)


# --- logistic regression ---------------------------------------------------------------------------------


def _fit_logistic(params, x, y, seed, budget, categorical, eval_set):
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler
    from threadpoolctl import threadpool_limits

    numeric = [i for i in range(x.shape[1]) if i not in categorical]
    # keep_empty_features: a feature missing from every training row (e.g. contact history no source has
    # yet) keeps its input slot, so the ONNX input stays the export's full vector.
    scaled = Pipeline(
        [("impute", SimpleImputer(strategy="median", keep_empty_features=True)), ("scale", StandardScaler())]
    )
    steps: list[tuple[str, Any]] = []
    if categorical:
        one_hot = Pipeline(
            [
                ("impute", SimpleImputer(strategy="constant", fill_value=-1.0)),
                ("encode", OneHotEncoder(handle_unknown="ignore")),
            ]
        )
        steps.append(
            (
                "prepare",
                ColumnTransformer([("numeric", scaled, numeric), ("categorical", one_hot, categorical)]),
            )
        )
    else:
        steps += scaled.steps
    steps.append(("model", LogisticRegression(C=params["C"], max_iter=2000, random_state=seed)))
    pipeline = Pipeline(steps)
    # BLAS threads fixed like every library's (on a busy machine, two of them made a 20 ms fit take 0.5 s)
    with warnings.catch_warnings(), threadpool_limits(budget.threads):
        warnings.simplefilter("ignore", category=UserWarning)  # "skipping features without observed values"
        pipeline.fit(x, y)
    return pipeline, None


LOGISTIC = Algorithm(
    key="logistic_regression",
    title="Logistic regression",
    simplicity=0,
    defaults={"C": 1.0},
    sample=lambda rng, limits: {"C": _log_uniform(rng, 1e-3, 10.0)},
    fit=_fit_logistic,
    is_tree=False,
)


# --- random forest ---------------------------------------------------------------------------------------


def _fit_forest(params, x, y, seed, budget, categorical, eval_set):
    from sklearn.ensemble import RandomForestClassifier

    # Native missing-value support (scikit-learn >= 1.4): NaN goes the learned way at each split.
    model = RandomForestClassifier(
        n_estimators=budget.forest_trees, random_state=seed, n_jobs=budget.threads, **params
    )
    return model.fit(x, y), budget.forest_trees


FOREST = Algorithm(
    key="random_forest",
    title="Random forest",
    simplicity=1,
    # Depth is capped: the card carries every node for TreeSHAP, and deep forests add size, not AUC.
    defaults={"max_depth": 10, "min_samples_leaf": 50, "max_features": "sqrt"},
    sample=lambda rng, limits: {
        "max_depth": int(rng.choice([6, 8, 10, 12])),
        "min_samples_leaf": _leaf_choice(rng, [10, 20, 50, 100, 200], limits.leaf_rows),
        "max_features": ["sqrt", 0.3, 0.5][int(rng.integers(3))],
    },
    fit=_fit_forest,
    leaf_minimums={"min_samples_leaf": "rows"},
)


# --- LightGBM --------------------------------------------------------------------------------------------


def lightgbm_settings(params: dict[str, Any], trees: int, seed: int) -> dict[str, Any]:
    """LightGBM's constructor arguments for `params` and `trees`: one definition for the local fit and the
    Dask fit (dask_engine.py), so the two engines train the same kind of model."""
    return {
        "objective": "binary",
        "metric": "auc",
        "n_estimators": trees,
        "random_state": seed,
        "deterministic": True,
        "force_row_wise": True,
        "verbose": -1,
        "subsample_freq": 1,
        **{k: v for k, v in params.items() if k != "n_estimators"},
    }


def _fit_lightgbm(params, x, y, seed, budget, categorical, eval_set):
    import lightgbm as lgb

    trees = params.get("n_estimators", budget.max_trees)
    model = lgb.LGBMClassifier(n_jobs=budget.threads, **lightgbm_settings(params, trees, seed))
    if eval_set is None:
        return model.fit(x, y), trees
    model.fit(
        x,
        y,
        eval_X=(eval_set[0],),
        eval_y=(eval_set[1],),
        callbacks=[lgb.early_stopping(budget.early_stopping, first_metric_only=True, verbose=False)],
    )
    return model, int(model.best_iteration_ or trees)


LIGHTGBM = Algorithm(
    key="lightgbm",
    title="LightGBM",
    simplicity=2,
    defaults={
        "learning_rate": 0.05,
        "num_leaves": 15,
        "min_child_samples": 100,
        "subsample": 0.8,
        "colsample_bytree": 0.8,
        "reg_lambda": 1.0,
    },
    sample=lambda rng, limits: {
        "learning_rate": _log_uniform(rng, 0.02, 0.15),
        "num_leaves": int(rng.choice([7, 15, 31, 63])),
        "min_child_samples": _leaf_choice(rng, [20, 50, 100, 200, 400], limits.leaf_rows),
        "subsample": float(rng.uniform(0.6, 1.0)),
        "colsample_bytree": float(rng.uniform(0.5, 1.0)),
        "reg_lambda": _log_uniform(rng, 0.01, 20.0),
    },
    fit=_fit_lightgbm,
    leaf_minimums={"min_child_samples": "rows"},
)


# --- XGBoost ---------------------------------------------------------------------------------------------


def _fit_xgboost(params, x, y, seed, budget, categorical, eval_set):
    import xgboost as xgb

    trees = params.get("n_estimators", budget.max_trees)
    model = xgb.XGBClassifier(
        objective="binary:logistic",
        tree_method="hist",
        n_estimators=trees,
        random_state=seed,
        n_jobs=budget.threads,
        eval_metric="auc",
        early_stopping_rounds=budget.early_stopping if eval_set is not None else None,
        **{k: v for k, v in params.items() if k != "n_estimators"},
    )
    if eval_set is None:
        return model.fit(x, y, verbose=False), trees
    model.fit(x, y, eval_set=[eval_set], verbose=False)
    return model, int(model.best_iteration) + 1


XGBOOST = Algorithm(
    key="xgboost",
    title="XGBoost",
    simplicity=3,
    defaults={
        "learning_rate": 0.05,
        "max_depth": 4,
        "min_child_weight": 5.0,
        "subsample": 0.8,
        "colsample_bytree": 0.8,
        "reg_lambda": 1.0,
    },
    sample=lambda rng, limits: {
        "learning_rate": _log_uniform(rng, 0.02, 0.15),
        "max_depth": int(rng.choice([3, 4, 5, 6])),
        "min_child_weight": _log_uniform(rng, min(1.0, limits.leaf_hessian), min(50.0, limits.leaf_hessian)),
        "subsample": float(rng.uniform(0.6, 1.0)),
        "colsample_bytree": float(rng.uniform(0.5, 1.0)),
        "reg_lambda": _log_uniform(rng, 0.1, 20.0),
    },
    fit=_fit_xgboost,
    leaf_minimums={"min_child_weight": "hessian"},
)


# --- CatBoost --------------------------------------------------------------------------------------------


def _fit_catboost(params, x, y, seed, budget, categorical, eval_set):
    import catboost

    trees = params.get("n_estimators", budget.max_trees)
    model = catboost.CatBoostClassifier(
        iterations=trees,
        random_seed=seed,
        thread_count=budget.threads,
        nan_mode="Min",  # NaN below every border: the ONNX trees send it left
        eval_metric="AUC",
        verbose=False,
        allow_writing_files=False,
        **{k: v for k, v in params.items() if k != "n_estimators"},
    )
    if eval_set is None:
        return model.fit(x, y), trees
    model.fit(x, y, eval_set=eval_set, early_stopping_rounds=budget.early_stopping, use_best_model=True)
    return model, int(model.get_best_iteration()) + 1


CATBOOST = Algorithm(
    key="catboost",
    title="CatBoost",
    simplicity=4,
    defaults={"learning_rate": 0.05, "depth": 6, "l2_leaf_reg": 3.0},
    sample=lambda rng, limits: {
        "learning_rate": _log_uniform(rng, 0.03, 0.2),
        "depth": int(rng.choice([4, 5, 6, 7])),
        "l2_leaf_reg": _log_uniform(rng, 1.0, 20.0),
    },
    fit=_fit_catboost,
)


def available() -> dict[str, Algorithm]:
    """Every algorithm whose library imports; CatBoost is optional (it is large and may be left out)."""
    algorithms = {a.key: a for a in (LOGISTIC, FOREST, LIGHTGBM, XGBOOST)}
    try:
        import catboost  # noqa: F401
    except ImportError:
        return algorithms
    algorithms[CATBOOST.key] = CATBOOST
    return algorithms


def search(
    algorithm: Algorithm,
    x: np.ndarray,
    y: np.ndarray,
    groups: np.ndarray,
    categorical: list[int],
    budget: Budget,
    seed: int,
    progress: TextIO = sys.stderr,
) -> SearchResult:
    """Random search over `budget.candidates` candidates, scored by borrower-grouped cross-validated AUC."""
    started = time.perf_counter()
    folds = split.repeated_kfold_by_borrower(groups, y, budget.folds, budget.repeats, seed)
    limits = Limits.for_folds(min(fit.size for fit, _ in folds), float(np.mean(y)))
    rng = np.random.default_rng(seed)
    best: SearchResult | None = None
    tried = []
    cut = False
    for index in range(budget.candidates):
        params = algorithm.first_candidate(limits) if index == 0 else algorithm.sample(rng, limits)
        aucs, trees = [], []
        for fit_rows, held_rows in folds:
            if best is not None and time.perf_counter() - started > budget.seconds:
                break  # out of time: drop this candidate rather than finish its folds
            held = (x[held_rows], y[held_rows])
            model, used = algorithm.fit(params, x[fit_rows], y[fit_rows], seed, budget, categorical, held)
            aucs.append(evaluate.auc_roc(y[held_rows], positive_scores(model, held[0])))
            if used is not None:
                trees.append(used)
        if len(aucs) < len(folds):
            cut = True
            break
        cv_auc = float(np.mean(aucs))
        tried.append({"params": params, "cvAuc": cv_auc})
        if best is None or cv_auc > best.cv_auc:
            best = SearchResult(params, cv_auc, round(float(np.mean(trees))) if trees else None, aucs)
        elapsed = time.perf_counter() - started
        print(
            f"  {algorithm.key:<20} candidate {index + 1}/{budget.candidates}  cv AUC {cv_auc:.4f}  "
            f"best {best.cv_auc:.4f}  {elapsed:5.1f}s",
            file=progress,
            flush=True,
        )
        if elapsed > budget.seconds and index + 1 < budget.candidates:
            cut = True
            break
    assert best is not None
    if cut:
        print(
            f"  {algorithm.key:<20} time cap of {budget.seconds:.0f}s reached: {len(tried)} of "
            f"{budget.candidates} candidates scored",
            file=progress,
            flush=True,
        )
    best.tried = tried
    best.seconds = time.perf_counter() - started
    best.cut_by_time = cut
    best.limits = limits
    return best


def fit_final(
    algorithm: Algorithm,
    result: SearchResult,
    x: np.ndarray,
    y: np.ndarray,
    categorical: list[int],
    budget: Budget,
    seed: int,
) -> Any:
    params = dict(result.params)
    if result.trees is not None and algorithm.key != FOREST.key:
        params["n_estimators"] = max(1, result.trees)
    model, _ = algorithm.fit(params, x, y, seed, budget, categorical, None)
    return model
