"""One representation of a fitted tree ensemble, read from each library's own model dump.

The same `TreeEnsemble` becomes the ONNX graph (`to_onnx_graph`) and the model card's reason-code section
(`to_card`), so the server's scores and the TypeScript TreeSHAP walk exactly the same trees.

Every split is normalised to one rule: with x the feature value as float32, `x <= threshold` goes to the
left child, NaN goes left when `missing_left`, and thresholds are float32 values. Each library compares
differently, so the threshold is rewritten to keep every float32 comparison identical:
- LightGBM and scikit-learn compare the float32 input, widened to double, with a double threshold `x <= t`:
  the largest float32 not above t gives the same answer for every float32 x (rounding to nearest flips rows
  that sit between the two; measured up to 0.14 in probability on fractional features).
- XGBoost compares float32 `x < t`: the float32 just below t.
- CatBoost compares float32 `x > border`: `x <= border` with the border itself.

The score is link(base + sum over trees of the reached leaf's value), link = logistic (boosters: the sum is
the log-odds) or identity (random forest: leaf values are class-1 shares divided by the number of trees).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import onnx
from onnx import TensorProto, helper


class TreeExportError(Exception):
    """The fitted model uses something the exported trees cannot reproduce exactly."""


@dataclass(frozen=True)
class Tree:
    """Nodes in arrays; node 0 is the root; a leaf has feature -1 and children -1."""

    feature: np.ndarray  # int64
    threshold: np.ndarray  # float64 holding float32 values
    missing_left: np.ndarray  # bool
    left: np.ndarray  # int64
    right: np.ndarray  # int64
    value: np.ndarray  # float64, leaf output (0 on internal nodes)
    cover: np.ndarray  # float64, the library's own node weight for TreeSHAP

    def to_json(self) -> dict[str, list]:
        leaf = self.feature < 0
        return {
            "feature": self.feature.tolist(),
            "threshold": [
                0.0 if is_leaf else float(t) for t, is_leaf in zip(self.threshold, leaf, strict=True)
            ],
            "missingGoesLeft": [bool(m) for m in self.missing_left],
            "left": self.left.tolist(),
            "right": self.right.tolist(),
            "value": [float(v) for v in self.value],
            "cover": [float(c) for c in self.cover],
        }


@dataclass(frozen=True)
class TreeEnsemble:
    trees: list[Tree]
    base: float  # added once to the sum of the trees
    link: str  # "logistic" or "identity"
    n_features: int
    cover_meaning: str  # what `cover` counts, for the card

    def raw(self, x: np.ndarray) -> np.ndarray:
        """base + sum of reached leaves, in float64 (the reference the ONNX graph is checked against)."""
        x = np.asarray(x, dtype=np.float32)
        total = np.full(x.shape[0], self.base, dtype=np.float64)
        for tree in self.trees:
            node = np.zeros(x.shape[0], dtype=np.int64)
            while True:
                internal = tree.feature[node] >= 0
                if not internal.any():
                    break
                rows = np.flatnonzero(internal)
                at = node[rows]
                value = x[rows, tree.feature[at]]
                go_left = np.where(np.isnan(value), tree.missing_left[at], value <= tree.threshold[at])
                node[rows] = np.where(go_left, tree.left[at], tree.right[at])
            total += tree.value[node]
        return total

    def predict(self, x: np.ndarray) -> np.ndarray:
        raw = self.raw(x)
        return 1.0 / (1.0 + np.exp(-raw)) if self.link == "logistic" else raw


def float32_at_or_below(value: float) -> float:
    """The largest float32 that is <= value (LightGBM and scikit-learn compare `x <= t` in double)."""
    # LightGBM writes "no upper bound" as 1e300: beyond float32 range it becomes float32 max, still exact.
    # scikit-learn splits missing from present values with `x <= inf`: float32 max sends every finite value
    # the same way, and keeps the card's JSON finite.
    if value == np.inf:
        return float(np.finfo(np.float32).max)
    with np.errstate(over="ignore"):
        candidate = np.float32(value)
        if float(candidate) > value:
            candidate = np.nextafter(candidate, np.float32(-np.inf))
    return float(candidate)


def float32_below(value: float) -> float:
    """The largest float32 strictly below a float32 value (XGBoost's `x < t` as `x <= t'`)."""
    return float(np.nextafter(np.float32(value), np.float32(-np.inf)))


def _tree(nodes: list[dict]) -> Tree:
    def column(key: str, dtype: type, default: object) -> np.ndarray:
        return np.array([n.get(key, default) for n in nodes], dtype=dtype)

    return Tree(
        feature=column("feature", np.int64, -1),
        threshold=column("threshold", np.float64, 0.0),
        missing_left=column("missing_left", bool, False),
        left=column("left", np.int64, -1),
        right=column("right", np.int64, -1),
        value=column("value", np.float64, 0.0),
        cover=column("cover", np.float64, 0.0),
    )


def _lightgbm_nodes(split: dict, nodes: list[dict]) -> int:
    """Appends the subtree in preorder (children after their parent); returns the subtree root's index."""
    index = len(nodes)
    nodes.append({})
    if "split_feature" not in split:
        nodes[index] = {"value": split["leaf_value"], "cover": split.get("leaf_count", 0)}
        return index
    if split["decision_type"] != "<=":
        raise TreeExportError(
            f"categorical split ({split['decision_type']!r}): encode categoricals as numbers instead"
        )
    threshold = float(split["threshold"])
    missing_type = split["missing_type"]
    if missing_type == "NaN":  # NaN was seen in training: LightGBM learned a direction for it
        missing_left = bool(split["default_left"])
    elif missing_type == "None":  # no NaN in training: LightGBM scores a NaN as 0.0
        missing_left = threshold >= 0.0
    else:
        raise TreeExportError(
            f"split on feature {split['split_feature']} has missing_type {missing_type!r} "
            "(zero_as_missing): ONNX trees cannot send zeros the missing-value way; train without it"
        )
    left = _lightgbm_nodes(split["left_child"], nodes)
    right = _lightgbm_nodes(split["right_child"], nodes)
    nodes[index] = {
        "feature": split["split_feature"],
        "threshold": float32_at_or_below(threshold),
        "missing_left": missing_left,
        "left": left,
        "right": right,
        "cover": split["internal_count"],
    }
    return index


def from_lightgbm(booster) -> TreeEnsemble:
    trees = []
    for info in booster.dump_model()["tree_info"]:
        nodes: list[dict] = []
        _lightgbm_nodes(info["tree_structure"], nodes)
        trees.append(_tree(nodes))
    return TreeEnsemble(trees, 0.0, "logistic", booster.num_feature(), "training rows reaching the node")


def from_xgboost(booster, probe_rows: np.ndarray) -> TreeEnsemble:
    """XGBoost's intercept comes from its own margins on `probe_rows`, whatever its base_score format."""
    model = json.loads(booster.save_raw("json"))
    learner = model["learner"]
    if learner["learner_model_param"].get("num_class", "0") not in ("0", "1"):
        raise TreeExportError("only binary XGBoost models are exported")
    trees = []
    for raw in learner["gradient_booster"]["model"]["trees"]:
        if any(raw.get("split_type", [])):
            raise TreeExportError(
                "categorical XGBoost splits are not exported: encode categoricals as numbers"
            )
        nodes = []
        for i, left in enumerate(raw["left_children"]):
            if left == -1:
                nodes.append({"value": raw["split_conditions"][i], "cover": raw["sum_hessian"][i]})
            else:
                nodes.append(
                    {
                        "feature": raw["split_indices"][i],
                        "threshold": float32_below(raw["split_conditions"][i]),
                        "missing_left": bool(raw["default_left"][i]),
                        "left": left,
                        "right": raw["right_children"][i],
                        "cover": raw["sum_hessian"][i],
                    }
                )
        trees.append(_tree(nodes))
    n_features = int(learner["learner_model_param"]["num_feature"])
    ensemble = TreeEnsemble(trees, 0.0, "logistic", n_features, "sum of hessians (XGBoost cover)")
    import xgboost

    margins = booster.predict(xgboost.DMatrix(probe_rows, missing=np.nan), output_margin=True)
    offsets = margins.astype(np.float64) - ensemble.raw(probe_rows)
    if np.ptp(offsets) > 1e-4:
        raise TreeExportError(f"XGBoost trees do not reproduce its margins (spread {np.ptp(offsets):.2g})")
    return TreeEnsemble(trees, float(np.median(offsets)), "logistic", n_features, ensemble.cover_meaning)


def from_sklearn_forest(forest) -> TreeEnsemble:
    if list(forest.classes_) != [0, 1]:
        raise TreeExportError(f"expected classes [0, 1], got {list(forest.classes_)}")
    trees = []
    count = len(forest.estimators_)
    for estimator in forest.estimators_:
        tree = estimator.tree_
        leaf = tree.children_left < 0
        values = tree.value[:, 0, :]
        share = values[:, 1] / values.sum(axis=1)
        trees.append(
            Tree(
                feature=np.where(leaf, -1, tree.feature).astype(np.int64),
                threshold=np.array(
                    [
                        0.0 if lf else float32_at_or_below(t)
                        for t, lf in zip(tree.threshold, leaf, strict=True)
                    ]
                ),
                missing_left=np.asarray(tree.missing_go_to_left, dtype=bool) & ~leaf,
                left=tree.children_left.astype(np.int64),
                right=tree.children_right.astype(np.int64),
                value=np.where(leaf, share / count, 0.0),
                cover=tree.weighted_n_node_samples.astype(np.float64),
            )
        )
    return TreeEnsemble(
        trees, 0.0, "identity", forest.n_features_in_, "weighted training samples (bootstrap)"
    )


@dataclass(frozen=True)
class _Oblivious:
    splits: list[dict]
    values: np.ndarray
    weights: np.ndarray
    float_features: dict[int, dict]


def _catboost_nodes(tree: _Oblivious, level: int, leaf_index: int, nodes: list[dict]) -> int:
    """Unrolls levels level.. of an oblivious tree below the leaf-index prefix; returns the node index."""
    depth = len(tree.splits)
    index = len(nodes)
    nodes.append({})
    if level == depth:
        nodes[index] = {"value": tree.values[leaf_index], "cover": tree.weights[leaf_index]}
        return index
    split = tree.splits[level]
    if split.get("split_type", "FloatFeature") != "FloatFeature":
        raise TreeExportError(f"CatBoost split type {split['split_type']!r} is not exported")
    info = tree.float_features[split["float_feature_index"]]
    # Bit j of the leaf index is (x > border) of split j. NaN: "AsFalse" (nan_mode Min) and "AsIs" (no NaN in
    # training: the comparison NaN > border is false) give bit 0; "AsTrue" gives bit 1.
    treatment = info.get("nan_value_treatment", "AsIs")
    left = _catboost_nodes(tree, level + 1, leaf_index, nodes)
    right = _catboost_nodes(tree, level + 1, leaf_index | (1 << level), nodes)
    nodes[index] = {
        "feature": info["flat_feature_index"],
        "threshold": float32_at_or_below(split["border"]),
        "missing_left": treatment != "AsTrue",
        "left": left,
        "right": right,
        "cover": tree.weights[_leaves_below(leaf_index, level, depth)].sum(),
    }
    return index


def from_catboost(model) -> TreeEnsemble:
    """Oblivious trees unrolled into binary trees: level j splits on the j-th split of the tree's list."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.json"
        model.save_model(str(path), format="json")
        dump = json.loads(path.read_text())
    float_features = {f["feature_index"]: f for f in dump["features_info"].get("float_features", [])}
    if dump["features_info"].get("categorical_features"):
        raise TreeExportError(
            "CatBoost categorical features are not exported: encode categoricals as numbers"
        )
    scale, biases = dump.get("scale_and_bias", [1.0, [0.0]])
    trees = []
    for raw in dump["oblivious_trees"]:
        oblivious = _Oblivious(
            splits=raw["splits"],
            values=np.asarray(raw["leaf_values"], dtype=np.float64) * scale,
            weights=np.asarray(raw["leaf_weights"], dtype=np.float64),
            float_features=float_features,
        )
        nodes: list[dict] = []
        _catboost_nodes(oblivious, 0, 0, nodes)
        trees.append(_tree(nodes))
    n_features = model.n_features_in_ if hasattr(model, "n_features_in_") else len(float_features)
    cover = "training rows in the leaves below"
    return TreeEnsemble(trees, float(sum(biases)), "logistic", n_features, cover)


def _leaves_below(prefix: int, level: int, depth: int) -> np.ndarray:
    """Leaf indices whose low `level` bits equal prefix's."""
    rest = np.arange(1 << (depth - level), dtype=np.int64) << level
    return rest | prefix


def to_onnx_graph(ensemble: TreeEnsemble, input_name: str, probabilities_name: str) -> onnx.ModelProto:
    """TreeEnsembleRegressor (ai.onnx.ml 1) -> link -> probabilities [N, 2] and label [N]; no ZipMap."""
    attrs: dict[str, list] = {k: [] for k in (
        "nodes_treeids", "nodes_nodeids", "nodes_featureids", "nodes_modes", "nodes_values",
        "nodes_truenodeids", "nodes_falsenodeids", "nodes_missing_value_tracks_true",
        "target_treeids", "target_nodeids", "target_ids", "target_weights",
    )}  # fmt: skip
    for tree_id, tree in enumerate(ensemble.trees):
        for node in range(tree.feature.size):
            leaf = tree.feature[node] < 0
            attrs["nodes_treeids"].append(tree_id)
            attrs["nodes_nodeids"].append(node)
            attrs["nodes_featureids"].append(0 if leaf else int(tree.feature[node]))
            attrs["nodes_modes"].append("LEAF" if leaf else "BRANCH_LEQ")
            attrs["nodes_values"].append(0.0 if leaf else float(tree.threshold[node]))
            attrs["nodes_truenodeids"].append(0 if leaf else int(tree.left[node]))
            attrs["nodes_falsenodeids"].append(0 if leaf else int(tree.right[node]))
            attrs["nodes_missing_value_tracks_true"].append(int(not leaf and tree.missing_left[node]))
            if leaf:
                attrs["target_treeids"].append(tree_id)
                attrs["target_nodeids"].append(node)
                attrs["target_ids"].append(0)
                attrs["target_weights"].append(float(tree.value[node]))
    nodes = [
        helper.make_node(
            "TreeEnsembleRegressor",
            [input_name],
            ["raw"],
            domain="ai.onnx.ml",
            n_targets=1,
            aggregate_function="SUM",
            post_transform="NONE",
            base_values=[float(ensemble.base)],
            **attrs,
        ),
    ]
    if ensemble.link == "logistic":
        nodes.append(helper.make_node("Sigmoid", ["raw"], ["positive"]))
    else:
        nodes.append(helper.make_node("Identity", ["raw"], ["positive"]))
    nodes += [
        helper.make_node("Sub", ["one", "positive"], ["negative"]),
        helper.make_node("Concat", ["negative", "positive"], [probabilities_name], axis=1),
        helper.make_node("ArgMax", [probabilities_name], ["label"], axis=1, keepdims=0),
    ]
    graph = helper.make_graph(
        nodes,
        "creditpath_tree_ensemble",
        [helper.make_tensor_value_info(input_name, TensorProto.FLOAT, ["N", ensemble.n_features])],
        [
            helper.make_tensor_value_info(probabilities_name, TensorProto.FLOAT, ["N", 2]),
            helper.make_tensor_value_info("label", TensorProto.INT64, ["N"]),
        ],
        initializer=[helper.make_tensor("one", TensorProto.FLOAT, [1], [1.0])],
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", 15), helper.make_opsetid("ai.onnx.ml", 1)],
        producer_name="creditpath_ml",
    )
    model.ir_version = 8
    return model


def to_card(ensemble: TreeEnsemble) -> dict[str, object]:
    return {
        "method": "treeshap",
        "link": ensemble.link,
        "outputSpace": "log-odds" if ensemble.link == "logistic" else "probability",
        "baseValue": float(ensemble.base),
        "coverMeaning": ensemble.cover_meaning,
        "decisionRule": (
            "with x = Math.fround(feature value): NaN goes to left if missingGoesLeft[node], else right; "
            "otherwise x <= threshold[node] goes to left; a leaf has feature -1"
        ),
        "trees": [tree.to_json() for tree in ensemble.trees],
    }


def from_card(section: dict, n_features: int) -> TreeEnsemble:
    """The ensemble back from a model card's `explanation` section (what the TypeScript side reads)."""
    loaded = [
        Tree(
            feature=np.asarray(t["feature"], dtype=np.int64),
            threshold=np.asarray(t["threshold"], dtype=np.float64),
            missing_left=np.asarray(t["missingGoesLeft"], dtype=bool),
            left=np.asarray(t["left"], dtype=np.int64),
            right=np.asarray(t["right"], dtype=np.int64),
            value=np.asarray(t["value"], dtype=np.float64),
            cover=np.asarray(t["cover"], dtype=np.float64),
        )
        for t in section["trees"]
    ]
    return TreeEnsemble(loaded, section["baseValue"], section["link"], n_features, section["coverMeaning"])


def ensemble_of(model, algorithm: str, probe_rows: np.ndarray) -> TreeEnsemble:
    """The fitted model of one of the tree algorithms in `models`, as a TreeEnsemble."""
    if algorithm == "lightgbm":
        return from_lightgbm(model.booster_)
    if algorithm == "xgboost":
        return from_xgboost(model.get_booster(), probe_rows)
    if algorithm == "random_forest":
        return from_sklearn_forest(model)
    if algorithm == "catboost":
        return from_catboost(model)
    raise TreeExportError(f"{algorithm!r} is not a tree ensemble")
