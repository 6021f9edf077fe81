"""Exact TreeSHAP (Lundberg et al. 2018, algorithm 2) over the card's tree structure.

The reference the TypeScript reason codes are written against: it reads only what the model card holds
(`trees.TreeEnsemble`), and the tests check it against LightGBM's `pred_contrib` and XGBoost's
`pred_contribs`. It also produces the contributions of models whose library has none (random forest).
The code follows LightGBM's `Tree::TreeSHAP` step by step, in float64.
"""

from __future__ import annotations

import numpy as np

from creditpath_ml.trees import Tree, TreeEnsemble


class _Path:
    """The unique path of features met from the root: fractions of 'zero' (feature absent) and 'one'."""

    __slots__ = ("feature", "one", "weight", "zero")

    def __init__(self, size: int) -> None:
        self.feature = [0] * size
        self.zero = [0.0] * size
        self.one = [0.0] * size
        self.weight = [0.0] * size

    def copy(self, depth: int, size: int) -> _Path:
        other = _Path(size)
        other.feature[:depth] = self.feature[:depth]
        other.zero[:depth] = self.zero[:depth]
        other.one[:depth] = self.one[:depth]
        other.weight[:depth] = self.weight[:depth]
        return other


def _extend(path: _Path, depth: int, zero: float, one: float, feature: int) -> None:
    path.feature[depth] = feature
    path.zero[depth] = zero
    path.one[depth] = one
    path.weight[depth] = 1.0 if depth == 0 else 0.0
    for i in range(depth - 1, -1, -1):
        path.weight[i + 1] += one * path.weight[i] * (i + 1) / (depth + 1)
        path.weight[i] = zero * path.weight[i] * (depth - i) / (depth + 1)


def _unwind(path: _Path, depth: int, index: int) -> None:
    one, zero = path.one[index], path.zero[index]
    next_one = path.weight[depth]
    for i in range(depth - 1, -1, -1):
        if one != 0:
            tmp = path.weight[i]
            path.weight[i] = next_one * (depth + 1) / ((i + 1) * one)
            next_one = tmp - path.weight[i] * zero * (depth - i) / (depth + 1)
        else:
            path.weight[i] = path.weight[i] * (depth + 1) / (zero * (depth - i))
    for i in range(index, depth):
        path.feature[i] = path.feature[i + 1]
        path.zero[i] = path.zero[i + 1]
        path.one[i] = path.one[i + 1]


def _unwound_sum(path: _Path, depth: int, index: int) -> float:
    one, zero = path.one[index], path.zero[index]
    next_one = path.weight[depth]
    total = 0.0
    for i in range(depth - 1, -1, -1):
        if one != 0:
            tmp = next_one * (depth + 1) / ((i + 1) * one)
            total += tmp
            next_one = path.weight[i] - tmp * zero * ((depth - i) / (depth + 1))
        elif zero != 0:
            total += (path.weight[i] / zero) / ((depth - i) / (depth + 1))
    return total


def _goes_left(tree: Tree, node: int, x: np.ndarray) -> bool:
    value = x[tree.feature[node]]
    if np.isnan(value):
        return bool(tree.missing_left[node])
    return bool(value <= tree.threshold[node])


def _max_depth(tree: Tree) -> int:
    depth = np.zeros(tree.feature.size, dtype=np.int64)
    for node in range(tree.feature.size):  # children always come after their parent in every extractor
        if tree.feature[node] >= 0:
            depth[tree.left[node]] = depth[tree.right[node]] = depth[node] + 1
    return int(depth.max())


def _tree_shap(tree: Tree, x: np.ndarray, phi: np.ndarray) -> None:
    size = _max_depth(tree) + 2

    def recurse(node: int, parent: _Path, depth: int, zero: float, one: float, feature: int) -> None:
        path = parent.copy(depth, size)
        _extend(path, depth, zero, one, feature)
        if tree.feature[node] < 0:
            for i in range(1, depth + 1):
                weight = _unwound_sum(path, depth, i)
                phi[path.feature[i]] += weight * (path.one[i] - path.zero[i]) * tree.value[node]
            return
        left = _goes_left(tree, node, x)
        hot, cold = (tree.left[node], tree.right[node]) if left else (tree.right[node], tree.left[node])
        cover = tree.cover[node]
        incoming_zero = incoming_one = 1.0
        split = int(tree.feature[node])
        index = next((i for i in range(depth + 1) if path.feature[i] == split), None)
        if index is not None:  # the feature split before on this path: undo that split, redo it here
            incoming_zero, incoming_one = path.zero[index], path.one[index]
            _unwind(path, depth, index)
            depth -= 1
        # A child that no training row reached (CatBoost's empty leaves) is not visited, as CatBoost does;
        # LightGBM, XGBoost and scikit-learn never have one.
        if tree.cover[hot] > 0:
            recurse(hot, path, depth + 1, tree.cover[hot] / cover * incoming_zero, incoming_one, split)
        if tree.cover[cold] > 0:
            recurse(cold, path, depth + 1, tree.cover[cold] / cover * incoming_zero, 0.0, split)

    if tree.feature[0] < 0:
        return
    recurse(0, _Path(size), 0, 1.0, 1.0, -1)


def expected_value(tree: Tree) -> float:
    """Cover-weighted mean leaf value, combined bottom-up with each node's own cover (as XGBoost does)."""
    mean = tree.value.astype(np.float64).copy()
    for node in range(tree.feature.size - 1, -1, -1):  # children come after parents
        if tree.feature[node] >= 0:
            left, right = tree.left[node], tree.right[node]
            weighted = mean[left] * tree.cover[left] + mean[right] * tree.cover[right]
            mean[node] = weighted / tree.cover[node] if tree.cover[node] > 0 else 0.0
    return float(mean[0])


def contributions(ensemble: TreeEnsemble, rows: np.ndarray) -> np.ndarray:
    """[rows, features + 1]: per-feature contributions and, last, the expected value (base included).

    Each row sums to the ensemble's raw output (log-odds for boosters, probability for a random forest).
    """
    rows = np.asarray(rows, dtype=np.float32)
    out = np.zeros((rows.shape[0], ensemble.n_features + 1))
    bias = ensemble.base + sum(expected_value(tree) for tree in ensemble.trees)
    for r, x in enumerate(rows):
        phi = out[r]
        for tree in ensemble.trees:
            _tree_shap(tree, x, phi)
        phi[-1] = bias
    return out
