"""The training table: the feature export written by the TypeScript feature layer (the served model's input).

`npm run features:export` writes `features.csv` (loan_id, loan_key, portfolio, as_of_date, the features in
model order, label) and `features.schema.json` (the order, descriptions and ranges of the features). Empty
feature cells are missing values; an empty label is an unknown outcome and the row is left out of training, as
is a loan already 90+ days past due at its as-of date (the PD model is for loans not yet in default; the
card's `dataset.pdScope` counts them). The schema's `featureVersion` (absent: 1) is the catalogue version the
model takes.

A lender's own file and the UCI raw file load into the same `Dataset` through `byod.py`.

`python -m creditpath_ml.dataset [--features FILE | --data FILE --target COLUMN [--id COLUMN]]` validates
a file and prints a summary.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from creditpath_ml import paths
from creditpath_ml.csv_table import DatasetError, parse_numbers, read_csv

__all__ = [
    "Dataset",
    "DatasetError",
    "Encoded",
    "FeatureSpec",
    "encode",
    "encode_known",
    "load_feature_export",
]

EXPORT_ID_COLUMNS = ("loan_id", "loan_key", "portfolio", "as_of_date")
EXPORT_LABEL = "label"
# The PD model scores loans that have not defaulted yet. A loan already 90+ days past due at the as-of date
# has the label (90+ within 90 days) by construction: easy rows that flatter AUC. Such loans get a
# propensity-to-pay score instead, so the PD model is trained and evaluated without them.
PD_SCOPE_FEATURE = "current_dpd"
PD_SCOPE_DPD = 90
EXPORT_HINT = (
    "Write a current export with `npm run features:export` (from the repository root; it reads the "
    "imported portfolios from the database)."
)


@dataclass(frozen=True)
class FeatureSpec:
    name: str
    description: str
    kind: str = "numeric"  # "numeric" or "categorical"
    # Categorical only, set by encode(): the model sees category categories[i] as the number i.
    categories: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"name": self.name, "description": self.description, "kind": self.kind}
        if self.kind == "categorical":
            data["categories"] = list(self.categories)
            data["encoding"] = (
                "input value = index in categories (ordered by training default rate, lowest first); "
                "NaN for a missing or unseen category"
            )
        return data


@dataclass(frozen=True)
class Dataset:
    source: str  # "feature-export", "uci-raw", "byod" or "collection"
    name: str
    path: Path
    sha256: str  # fingerprint of the file's bytes
    features: tuple[FeatureSpec, ...]
    values: np.ndarray  # float64 [rows, features]; NaN = missing; categorical columns are NaN here
    text: dict[int, np.ndarray]  # categorical column index -> category per row ("" = missing)
    labels: np.ndarray  # int8, 1 = defaulted
    groups: np.ndarray  # int64 borrower code per row: rows of one borrower never go to two splits
    strata: np.ndarray  # int64 portfolio code per row (splits keep each portfolio's share)
    strata_names: tuple[str, ...]
    dates: np.ndarray | None  # datetime64[D] per row, for the out-of-time test
    target: str
    id_column: str | None
    notes: tuple[str, ...] = ()  # decisions taken while loading (dropped rows and columns), shown to the user
    fingerprint: dict[str, object] = field(default_factory=dict)
    feature_version: int | None = None  # the feature catalogue's version (feature export, collection tables)
    # Which labelled rows the model is for, and how many were left out (feature export: below 90 dpd).
    scope: dict[str, object] = field(default_factory=dict)
    # The synthetic generator's probability of each row's outcome (NaN where unknown); None when the data
    # has no such column (collection_tables.py). Never a feature: the card compares the model with it.
    truth: np.ndarray | None = None

    @property
    def rows(self) -> int:
        return int(self.labels.shape[0])

    @property
    def feature_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.features)

    def summary(self) -> str:
        kinds = [f.kind for f in self.features]
        numeric = self.values[:, [k == "numeric" for k in kinds]]
        missing = f"{np.isnan(numeric).mean():.1%}" if numeric.size else "-"
        lines = [
            f"{self.source} {self.path} (sha256 {self.sha256[:12]})",
            f"  {self.rows} labelled rows, {np.unique(self.groups).size} borrowers, "
            f"{int(self.labels.sum())} defaults ({self.labels.mean():.2%})",
            f"  {len(kinds)} features ({kinds.count('categorical')} categorical), "
            f"missing numeric cells {missing}",
        ]
        for code, name in enumerate(self.strata_names):
            member = self.strata == code
            if len(self.strata_names) > 1:
                lines.append(
                    f"  portfolio {name!r}: {int(member.sum())} rows, "
                    f"{self.labels[member].mean():.2%} defaults"
                )
        lines += [f"  note: {note}" for note in self.notes]
        return "\n".join(lines)


@dataclass(frozen=True)
class Encoded:
    """The model's input matrix: float32, categoricals as their code, NaN for missing."""

    x: np.ndarray
    features: tuple[FeatureSpec, ...]


def encode(data: Dataset, train_rows: np.ndarray) -> Encoded:
    """Turns categorical text into codes, ordered by their default rate on the training rows only.

    Ordering by default rate makes a category's code meaningful to a tree split (the idea behind LightGBM's
    own categorical splits), and fitting it on training rows keeps validation and test labels out of it.
    """
    x = data.values.astype(np.float32)
    features = list(data.features)
    for column, text in data.text.items():
        train_text = text[train_rows]
        train_labels = data.labels[train_rows]
        seen = sorted({t for t in train_text.tolist() if t})
        rate = {c: float(train_labels[train_text == c].mean()) for c in seen}
        categories = tuple(sorted(seen, key=lambda c: (rate[c], c)))
        code = {c: float(i) for i, c in enumerate(categories)}
        x[:, column] = np.array([code.get(t, np.nan) for t in text.tolist()], dtype=np.float32)
        features[column] = replace(features[column], categories=categories)
    return Encoded(x, tuple(features))


def encode_known(data: Dataset, categories: dict[str, list[str]]) -> np.ndarray:
    """The input matrix with the category codes a trained model's card lists (unseen -> NaN)."""
    x = data.values.astype(np.float32)
    for column, text in data.text.items():
        code = {c: float(i) for i, c in enumerate(categories.get(data.features[column].name, []))}
        x[:, column] = np.array([code.get(t, np.nan) for t in text.tolist()], dtype=np.float32)
    return x


def _read_schema(schema_path: Path) -> dict:
    if not schema_path.is_file():
        raise DatasetError(f"{schema_path}: schema file not found beside the feature export. {EXPORT_HINT}")
    try:
        schema = json.loads(schema_path.read_text())
        names = [f["name"] for f in schema["features"]]
    except (json.JSONDecodeError, KeyError, TypeError) as err:
        raise DatasetError(f"{schema_path}: not a feature-export schema ({err}). {EXPORT_HINT}") from None
    if not names:
        raise DatasetError(f"{schema_path}: lists no features. {EXPORT_HINT}")
    return schema


def load_feature_export(csv_path: Path) -> Dataset:
    """Loads features.csv with its features.schema.json; rows with an unknown outcome are left out."""
    csv_path = Path(csv_path)
    if not csv_path.exists():
        raise DatasetError(f"{csv_path}: feature export not found. {EXPORT_HINT}")
    schema_path = csv_path.with_name(paths.FEATURES_SCHEMA_NAME)
    schema = _read_schema(schema_path)
    specs = tuple(FeatureSpec(f["name"], f.get("description") or f["name"]) for f in schema["features"])
    names = [f.name for f in specs]
    table = read_csv(csv_path, EXPORT_HINT, (*EXPORT_ID_COLUMNS, *names, EXPORT_LABEL))
    expected = [*EXPORT_ID_COLUMNS, *names, EXPORT_LABEL]
    if list(table.header) != expected:
        raise DatasetError(
            f"{csv_path}: line 1: the columns do not match {schema_path.name} (a file from another export?). "
            f"Expected {','.join(expected)}. {EXPORT_HINT}"
        )

    label_cells = table.columns[EXPORT_LABEL]
    bad = next((i for i, c in enumerate(label_cells) if c not in ("0", "1", "")), None)
    if bad is not None:
        raise DatasetError(
            f"{table.where(bad, EXPORT_LABEL)}: {label_cells[bad]!r} is not 1, 0 or empty (unknown outcome). "
            f"{EXPORT_HINT}"
        )
    known = np.array([c != "" for c in label_cells])
    notes = []
    if not known.all():
        notes.append(f"{int((~known).sum())} rows with an unknown outcome (empty label) left out")
    if not known.any():
        raise DatasetError(f"{csv_path}: no row has a known outcome (label 1 or 0), nothing to train on.")

    values = np.column_stack([parse_numbers(table, name) for name in names])
    scope: dict[str, object] = {}
    if PD_SCOPE_FEATURE in names:
        dpd = values[:, names.index(PD_SCOPE_FEATURE)]
        in_default = known & (dpd >= PD_SCOPE_DPD)  # NaN (no schedule: unknown) stays in
        scope = {
            "rule": f"{PD_SCOPE_FEATURE} < {PD_SCOPE_DPD} (or unknown) at the as-of date",
            "rowsLeftOut": int(in_default.sum()),
            "defaultsLeftOut": int((in_default & np.array([c == "1" for c in label_cells])).sum()),
        }
        if in_default.any():
            notes.append(
                f"{int(in_default.sum())} labelled rows already {PD_SCOPE_DPD}+ days past due at the as-of "
                "date left out (the PD model is for loans not yet in default)"
            )
        known = known & ~in_default
        if not known.any():
            raise DatasetError(
                f"{csv_path}: every labelled row is {PD_SCOPE_DPD}+ days past due, nothing to train on."
            )
    for spec, info, column in zip(specs, schema["features"], values.T, strict=True):
        low, high = info.get("min"), info.get("max")
        outside = ((column < low) if low is not None else False) | (
            (column > high) if high is not None else False
        )
        if np.any(outside):
            notes.append(
                f"{spec.name}: {int(np.sum(outside))} values outside the schema range [{low}, {high}]"
            )

    portfolio = np.array(table.columns["portfolio"], dtype=object)
    borrower = np.array([f"{p}\x1f{k}" for p, k in zip(portfolio, table.columns["loan_key"], strict=True)])
    strata_names, strata = np.unique(portfolio[known].astype(str), return_inverse=True)
    dates = _parse_dates(table, "as_of_date")
    schema_bytes = schema_path.read_bytes()
    return Dataset(
        source="feature-export",
        name="feature-export",
        path=csv_path,
        sha256=table.sha256,
        features=specs,
        values=values[known],
        text={},
        labels=np.array([c == "1" for c in label_cells], dtype=np.int8)[known],
        groups=np.unique(borrower[known], return_inverse=True)[1].astype(np.int64),
        strata=strata.astype(np.int64),
        strata_names=tuple(str(s) for s in strata_names),
        dates=dates[known],
        target=EXPORT_LABEL,
        id_column="portfolio + loan_key",
        notes=tuple(notes),
        fingerprint={
            "file": str(csv_path),
            "sha256": table.sha256,
            "schemaSha256": hashlib.sha256(schema_bytes).hexdigest(),
            "rowsInFile": table.rows,
            "portfolios": schema.get("portfolios", []),
        },
        # An export from before the catalogue had versions holds version 1's features.
        feature_version=int(schema.get("featureVersion", 1)),
        scope=scope,
    )


def _parse_dates(table, column: str) -> np.ndarray:
    cells = table.columns[column]
    try:
        return np.array(cells, dtype="datetime64[D]")
    except ValueError:
        for row, cell in enumerate(cells):
            try:
                np.datetime64(cell, "D")
            except ValueError:
                raise DatasetError(
                    f"{table.where(row, column)}: {cell!r} is not a date (expected YYYY-MM-DD)."
                ) from None
        raise


def main(argv: list[str] | None = None) -> int:
    from creditpath_ml import byod

    parser = argparse.ArgumentParser(description="Validate a training file and print a summary.")
    parser.add_argument("--features", help="feature export csv (default: the export under .data/features)")
    parser.add_argument("--data", help="a lender's own csv instead of the feature export")
    parser.add_argument("--target", help="with --data: the 0/1 outcome column")
    parser.add_argument("--id", help="with --data: the borrower id column")
    args = parser.parse_args(argv)
    try:
        if args.data:
            if not args.target:
                parser.error("--data needs --target COLUMN (the 0/1 outcome column)")
            data = byod.load_table(Path(args.data), args.target, args.id)
        else:
            data = load_feature_export(paths.features_csv(args.features))
    except DatasetError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(data.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
