"""Which data a training run uses, and where its model goes.

- `--data FILE --target COLUMN`: a lender's own file (bring your own data). Output to its own folder
  (default `.data/byod/<file stem>/`); it can never be the served model's folder.
- `--score NAME`: a collection score's model (propensity-to-pay, promise-kept) from its table beside the
  feature export (collection_tables.py), written to CREDITPATH_COLLECTION_MODELS_DIR/NAME.
- otherwise the served model, from the feature export (`.data/features/features.csv`, or `--features FILE`),
  written to CREDITPATH_MODEL_DIR (default `.data/model`).
- no feature export, and `--quick`, `--data-dir` or `--source uci` given: the UCI raw file from
  CREDITPATH_DATA_DIR, raw columns only. This keeps `--quick` (the server's tests) working in a fresh clone
  without a database. A full run without an export stops and says to run `npm run features:export`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from creditpath_ml import byod, collection_tables, paths, split
from creditpath_ml.csv_table import DatasetError
from creditpath_ml.dataset import EXPORT_HINT, Dataset, encode_known, load_feature_export


@dataclass(frozen=True)
class Source:
    kind: str  # "feature-export", "uci-raw", "byod" or "collection"
    path: Path
    out_dir: Path
    target: str | None = None
    id_column: str | None = None
    date_column: str | None = None
    positive: str | None = None
    exclude: tuple[str, ...] = ()
    notice: str | None = None  # printed: why this source was chosen when it was not asked for
    score: str | None = None  # "collection": which score (collection_tables.SCORES)
    allow_leaky: tuple[str, ...] = ()  # columns the leakage guard (leakage.py) lets through

    @property
    def served(self) -> bool:
        return self.kind != "byod"


def resolve(
    *,
    data: str | None,
    target: str | None,
    id_column: str | None,
    date_column: str | None,
    positive: str | None,
    features: str | None,
    data_dir: str | None,
    source: str,
    out: str | None,
    quick: bool,
    exclude: tuple[str, ...] = (),
    score: str | None = None,
    allow_leaky: tuple[str, ...] = (),
) -> Source:
    if score is not None:
        if score not in collection_tables.SCORES:
            raise DatasetError(f"--score {score!r}: choose one of {', '.join(collection_tables.SCORES)}")
        if data is not None or source != "auto":
            raise DatasetError("--score trains on its own table: leave out --data and --source")
        folder = paths.features_csv(features).parent
        return Source(
            "collection", folder / f"{score}.csv", paths.collection_model_dir(score, out), score=score
        )
    if data is not None:
        if not target:
            raise DatasetError(
                "--data needs --target COLUMN: the column that says whether the loan defaulted"
            )
        path = Path(data).expanduser().resolve()
        out_dir = paths.model_dir(out) if out else paths.byod_dir(path.stem)
        if out_dir == paths.model_dir():
            raise DatasetError(
                f"--out {out_dir} is the served model's folder; a bring-your-own-data model never "
                "replaces it. "
                "Choose another --out."
            )
        return Source(
            "byod", path, out_dir, target, id_column, date_column, positive, exclude, allow_leaky=allow_leaky
        )
    if target or id_column or date_column or positive or exclude or allow_leaky:
        raise DatasetError(
            "--target, --id, --date, --positive, --exclude and --allow-leaky go with --data FILE (bring your "
            "own data)"
        )

    out_dir = paths.model_dir(out)
    uci = paths.uci_csv(paths.data_dir(data_dir))
    if source == "uci":
        return Source("uci-raw", uci, out_dir, byod.UCI_TARGET, byod.UCI_ID)
    export = paths.features_csv(features)
    if export.is_file() or features is not None or source == "export":
        return Source("feature-export", export, out_dir)
    if quick or data_dir is not None:
        return Source(
            "uci-raw",
            uci,
            out_dir,
            byod.UCI_TARGET,
            byod.UCI_ID,
            notice=f"no feature export at {export}: training on the UCI raw columns of {uci} instead. "
            "For the served model, run `npm run features:export` first.",
        )
    raise DatasetError(
        f"{export}: feature export not found; the served model is trained on it. {EXPORT_HINT}"
    )


def load(source: Source) -> Dataset:
    if source.kind == "feature-export":
        return load_feature_export(source.path)
    if source.kind == "uci-raw":
        return byod.load_uci(source.path.parent.parent)
    if source.kind == "collection":
        return collection_tables.load(source.path, source.score or source.path.stem)
    return byod.load_table(
        source.path,
        source.target,
        source.id_column,
        source.date_column,
        source.positive,
        exclude=source.exclude,
        allow_leaky=source.allow_leaky,
    )


def card_entry(source: Source, data: Dataset) -> dict[str, object]:
    return {
        "source": source.kind,
        **({"score": source.score} if source.score else {}),
        "name": data.name,
        "file": str(source.path),
        "sha256": data.sha256,
        "rows": data.rows,
        "defaults": int(data.labels.sum()),
        "target": data.target,
        "idColumn": data.id_column,
        "dateColumn": source.date_column,
        "positive": source.positive,
        "excluded": list(source.exclude),
        "allowedLeaky": list(source.allow_leaky),
        "portfolios": {
            name: {
                "rows": int(np.sum(data.strata == i)),
                "defaultRate": float(data.labels[data.strata == i].mean()),
            }
            for i, name in enumerate(data.strata_names)
        },
        "notes": list(data.notes),
        "fingerprint": data.fingerprint,
        **({"featureVersion": data.feature_version} if data.feature_version is not None else {}),
        **({"pdScope": data.scope} if data.scope else {}),
    }


def reload_test_split(card: dict) -> tuple[Dataset, np.ndarray, np.ndarray]:
    """Loads the card's data again and returns (data, input matrix, test rows) as training saw them."""
    entry = card["dataset"]
    path = Path(entry["file"])
    kind = entry["source"]
    source = Source(
        kind,
        path,
        path.parent,
        entry.get("target"),
        entry.get("idColumn"),
        entry.get("dateColumn"),
        entry.get("positive"),
        tuple(entry.get("excluded", [])),
        score=entry.get("score"),
    )
    data = load(source)
    categories = {f["name"]: f.get("categories", []) for f in card["input"]["features"]}
    parts = split.make_split(data.groups, data.labels, card["split"]["seed"], data.strata, data.dates)
    return data, encode_known(data, categories), parts.test
