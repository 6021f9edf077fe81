"""Where the models are fitted: in this process (`--engine local`, the default) or on a Dask cluster
(`--engine dask --scheduler ADDRESS`).

The Dask engine trains LightGBM through LightGBM's own Dask interface (lightgbm.DaskLGBMClassifier): one model
across the cluster's workers, data-parallel (each worker builds the histograms of its partitions, LightGBM's
collective merges them). The result is an ordinary LGBMClassifier (`to_local()`), so the ONNX export, its
parity check, the reason codes and their check against LightGBM's own contributions, and the card are the
local trainer's, unchanged.

LightGBM's Dask interface has no early stopping, so the tree count and the other hyperparameters come from the
local trainer's budgeted search, run in this process on a sample of the training split (early stopping on each
borrower-grouped fold; the mean best iteration); the Dask fit then trains exactly that many trees on the
whole training split. The card says so (training.treesChosenBy). The training table is read here and handed to
the workers as one partition per worker.
"""

from __future__ import annotations

import sys
import warnings
from dataclasses import dataclass, field
from typing import Any, Protocol, TextIO

import numpy as np

from creditpath_ml import models

# Rows of the training split the Dask engine's local search (which picks the tree count) runs on.
SEARCH_SAMPLE_ROWS = 20_000
CONNECT_SECONDS = 30.0


class EngineError(Exception):
    """The training engine cannot run (no scheduler at the address, no workers, an algorithm it lacks)."""


class Engine(Protocol):
    name: str
    # The algorithms this engine can fit; None: every available one.
    algorithms: frozenset[str] | None

    def search(
        self,
        algorithm: models.Algorithm,
        x: np.ndarray,
        y: np.ndarray,
        groups: np.ndarray,
        categorical: list[int],
        budget: models.Budget,
        seed: int,
        progress: TextIO,
    ) -> models.SearchResult: ...

    def fit(
        self,
        algorithm: models.Algorithm,
        found: models.SearchResult,
        x: np.ndarray,
        y: np.ndarray,
        categorical: list[int],
        budget: models.Budget,
        seed: int,
    ) -> Any: ...

    def card(self, algorithm: models.Algorithm, budget: models.Budget) -> dict[str, object]: ...


def _early_stopping_note(budget: models.Budget) -> str:
    return (
        f"early stopping (AUC, patience {budget.early_stopping} rounds, at most {budget.max_trees} trees) "
        f"on each of the search's {_folds(budget)} borrower-grouped folds; the final fit uses the mean best "
        "iteration"
    )


def _folds(budget: models.Budget) -> str:
    return f"{budget.repeats} x {budget.folds}" if budget.repeats > 1 else str(budget.folds)


def _trees_note(algorithm: models.Algorithm, budget: models.Budget) -> str | None:
    if not algorithm.is_tree:
        return None
    if algorithm.key == models.FOREST.key:
        return f"fixed ({budget.forest_trees} trees)"
    return _early_stopping_note(budget)


@dataclass
class LocalEngine:
    """Search and fit in this process: every algorithm."""

    name: str = "local"
    algorithms: frozenset[str] | None = None

    def search(self, algorithm, x, y, groups, categorical, budget, seed, progress=sys.stderr):
        return models.search(algorithm, x, y, groups, categorical, budget, seed, progress)

    def fit(self, algorithm, found, x, y, categorical, budget, seed):
        return models.fit_final(algorithm, found, x, y, categorical, budget, seed)

    def card(self, algorithm: models.Algorithm, budget: models.Budget) -> dict[str, object]:
        return {"engine": "local", "treesChosenBy": _trees_note(algorithm, budget)}


def _partitions(client: Any, x: np.ndarray, y: np.ndarray) -> tuple[Any, Any, int]:
    """The rows as Dask arrays of one partition per worker, each part's features and labels sent straight to
    the same worker (not through the scheduler's task graph, which would carry the whole table)."""
    import dask
    import dask.array as da

    workers = list(client.nthreads())
    parts_x, parts_y = [], []
    for worker, rows in zip(workers, np.array_split(np.arange(y.size), len(workers)), strict=True):
        if rows.size == 0:
            continue
        for parts, values in ((parts_x, x[rows]), (parts_y, y[rows])):
            future = client.scatter(values, workers=[worker])
            parts.append(da.from_delayed(dask.delayed(future), shape=values.shape, dtype=values.dtype))
    return da.concatenate(parts_x), da.concatenate(parts_y), len(workers)


@dataclass
class DaskEngine:
    """LightGBM on the Dask cluster whose scheduler listens at `scheduler` (tcp://host:8786)."""

    scheduler: str
    name: str = "dask"
    algorithms: frozenset[str] | None = frozenset({models.LIGHTGBM.key})
    search_sample_rows: int = SEARCH_SAMPLE_ROWS
    _used: dict[str, object] = field(default_factory=dict, init=False)
    _client: Any = field(default=None, init=False)

    def search(self, algorithm, x, y, groups, categorical, budget, seed, progress=sys.stderr):
        # Connected first: a wrong address or a cluster without workers fails now, not after the search.
        self._client = self._client or self._connect()
        rows = np.arange(y.size)
        if rows.size > self.search_sample_rows:
            rows = np.sort(np.random.default_rng(seed).choice(rows, self.search_sample_rows, replace=False))
        self._used["searchRows"] = int(rows.size)
        return models.search(algorithm, x[rows], y[rows], groups[rows], categorical, budget, seed, progress)

    def _connect(self) -> Any:
        from distributed import Client

        try:
            client = Client(self.scheduler, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError, ValueError) as err:
            raise EngineError(
                f"could not reach the Dask scheduler at {self.scheduler} ({err}): start one "
                "(`dask scheduler`, then `dask worker ADDRESS` on each machine) and pass its address, "
                "e.g. tcp://10.0.0.5:8786"
            ) from err
        try:
            client.wait_for_workers(1, timeout=CONNECT_SECONDS)
        except TimeoutError as err:
            client.close()
            raise EngineError(
                f"the Dask scheduler at {self.scheduler} has no workers: start `dask worker {self.scheduler}`"
            ) from err
        return client

    def fit(self, algorithm, found, x, y, categorical, budget, seed):
        if algorithm.key != models.LIGHTGBM.key:
            raise EngineError(f"the dask engine trains LightGBM only, not {algorithm.key}")
        import lightgbm as lgb

        trees = max(1, found.trees or budget.max_trees)
        client, self._client = self._client or self._connect(), None
        try:
            dx, dy, workers = _partitions(client, x, y)
            model = lgb.DaskLGBMClassifier(
                client=client, **models.lightgbm_settings(found.params, trees, seed)
            )
            with warnings.catch_warnings():
                # "Parameter n_jobs will be ignored": its scikit-learn base always passes n_jobs, and each
                # worker uses its own threads, as intended.
                warnings.filterwarnings("ignore", message="Parameter n_jobs will be ignored")
                model.fit(dx, dy)
            self._used.update(workers=workers, partitions=len(dx.chunks[0]), rows=int(y.size))
            return model.to_local()
        finally:
            client.close()

    def card(self, algorithm: models.Algorithm, budget: models.Budget) -> dict[str, object]:
        sample = self._used.get("searchRows")
        return {
            "engine": "dask",
            "dask": {k: v for k, v in self._used.items() if k != "searchRows"},
            "treesChosenBy": (
                "LightGBM's Dask interface has no early stopping: the tree count and parameters come from a "
                f"local search on {sample} rows of the training split, with {_early_stopping_note(budget)}, "
                "trained on the Dask workers over the whole training split"
            ),
        }
