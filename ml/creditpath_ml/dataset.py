"""Reads and validates the UCI Taiwan credit-default csv (the raw file is only read, never modified).

`python -m creditpath_ml.dataset [--data-dir DIR]` validates the file and prints a summary.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from creditpath_ml import paths

ID_COLUMN = "ID"
TARGET_COLUMN = "default.payment.next.month"

_MONTHS = ("September", "August", "July", "June", "May", "April")
_PAY_COLUMNS = ("PAY_0", "PAY_2", "PAY_3", "PAY_4", "PAY_5", "PAY_6")  # the source has no PAY_1


@dataclass(frozen=True)
class Feature:
    name: str
    description: str


# The model's input order. The ONNX graph, the model card and the server all rely on this exact order:
# append new features at the end, never reorder.
FEATURES: tuple[Feature, ...] = (
    Feature("LIMIT_BAL", "Amount of given credit in NT dollars (individual and family/supplementary credit)"),
    Feature("SEX", "Sex: 1 = male, 2 = female"),
    Feature(
        "EDUCATION",
        "Education: 1 = graduate school, 2 = university, 3 = high school, 4 = others; "
        "0, 5 and 6 are undocumented (unknown)",
    ),
    Feature("MARRIAGE", "Marital status: 1 = married, 2 = single, 3 = others; 0 is undocumented"),
    Feature("AGE", "Age in years"),
    *(
        Feature(
            column,
            f"Repayment status in {month} 2005: -1 = paid duly, 1..8 = months of payment delay (9 = 9 or "
            "more); -2 and 0 are undocumented (commonly read as no consumption / revolving credit)",
        )
        for column, month in zip(_PAY_COLUMNS, _MONTHS, strict=True)
    ),
    *(
        Feature(f"BILL_AMT{i}", f"Bill statement amount in {month} 2005, NT dollars (can be negative)")
        for i, month in enumerate(_MONTHS, start=1)
    ),
    *(
        Feature(f"PAY_AMT{i}", f"Amount paid in {month} 2005, NT dollars")
        for i, month in enumerate(_MONTHS, start=1)
    ),
)
FEATURE_NAMES: tuple[str, ...] = tuple(f.name for f in FEATURES)
REQUIRED_COLUMNS: tuple[str, ...] = (ID_COLUMN, *FEATURE_NAMES, TARGET_COLUMN)


class DatasetError(Exception):
    """The input file cannot be used; the message says which file, where, and what to do."""


@dataclass(frozen=True)
class Dataset:
    path: Path
    sha256: str
    ids: np.ndarray  # int64 borrower keys, one per row (a borrower may own several rows)
    features: np.ndarray  # float32 [rows, len(FEATURE_NAMES)], NaN where a cell was empty
    labels: np.ndarray  # int8, 1 = defaulted

    @property
    def rows(self) -> int:
        return int(self.labels.shape[0])

    @property
    def feature_names(self) -> tuple[str, ...]:
        return FEATURE_NAMES


_FIX_HINT = (
    f"Restore the original {paths.UCI_FILE_NAME} (see SOURCE.md beside it) or point "
    f"{paths.DATA_DIR_ENV} / --data-dir at a data folder that holds "
    f"{paths.UCI_DATASET_NAME}/{paths.UCI_FILE_NAME}."
)


def _read_text(path: Path) -> tuple[str, str]:
    if not path.exists():
        raise DatasetError(f"{path}: file not found. {_FIX_HINT}")
    if not path.is_file():
        raise DatasetError(f"{path}: is not a regular file. {_FIX_HINT}")
    raw = path.read_bytes()
    if not raw.strip():
        raise DatasetError(
            f"{path}: file is empty; expected a header line starting with "
            f"{','.join(REQUIRED_COLUMNS[:3])},... and one row per borrower. {_FIX_HINT}"
        )
    try:
        text = raw.decode("utf-8-sig")  # tolerate a BOM left by spreadsheet exports
    except UnicodeDecodeError as err:
        raise DatasetError(
            f"{path}: byte {err.start} is not valid UTF-8; the file is corrupt or not a csv. " + _FIX_HINT
        ) from err
    return text, hashlib.sha256(raw).hexdigest()


def _check_header(path: Path, header: list[str]) -> dict[str, int]:
    names = [h.strip() for h in header]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise DatasetError(f"{path}: line 1: column(s) {', '.join(duplicates)} appear more than once.")
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        hint = ""
        if len(names) == 1 and any(sep in names[0] for sep in ";\t|"):
            hint = " The header has a single column: the file seems to use another separator than ','."
        shown = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
        raise DatasetError(
            f"{path}: line 1: missing required column(s) {', '.join(missing)} (header has: {shown}).{hint} "
            f"Expected the comma-separated header {','.join(REQUIRED_COLUMNS)}. {_FIX_HINT}"
        )
    return {name: names.index(name) for name in REQUIRED_COLUMNS}


def _parse_rows(path: Path, text: str) -> tuple[dict[str, int], list[list[str]], list[int]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    line_numbers: list[int] = []
    try:
        header = next(reader)
        index = _check_header(path, header)
        for record in reader:
            if not record or (len(record) == 1 and not record[0].strip()):
                continue  # blank lines (e.g. a trailing one) carry no data
            if len(record) != len(header):
                raise DatasetError(
                    f"{path}: line {reader.line_num}: has {len(record)} fields but the header has "
                    f"{len(header)}. Fix or remove that line (a truncated copy, or an unquoted comma "
                    "in a value)."
                )
            rows.append(record)
            line_numbers.append(reader.line_num)
    except csv.Error as err:  # e.g. a stray quote inside a field
        raise DatasetError(f"{path}: line {reader.line_num}: not valid csv ({err}). Fix that line.") from None
    if not rows:
        raise DatasetError(f"{path}: has a header but no data rows. {_FIX_HINT}")
    return index, rows, line_numbers


def _numeric_column(
    path: Path, name: str, cells: list[str], line_numbers: list[int], allow_empty: bool
) -> np.ndarray:
    stripped = [c.strip() for c in cells]
    empty = np.array([not c for c in stripped], dtype=bool)

    def where(row: int) -> str:
        return f"{path}: line {line_numbers[row]}, column {name}"

    try:
        numbers = np.array([c or "nan" for c in stripped], dtype=np.float64)
    except ValueError:
        for row, cell in enumerate(stripped):
            try:
                float(cell or "nan")
            except ValueError:
                raise DatasetError(
                    f"{where(row)}: {cell!r} is not a number. Correct the value or remove that row."
                ) from None
        raise  # unreachable: some cell failed to parse above
    # Only an empty cell means "missing": textual NaN/inf are rejected, so that a stray export artefact
    # is reported instead of silently becoming a missing value.
    bad = ~np.isfinite(numbers) & ~(empty & allow_empty)
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        if empty[row]:
            raise DatasetError(f"{where(row)}: value is empty; {name} must be present on every row.")
        raise DatasetError(
            f"{where(row)}: {stripped[row]!r} is not a finite number. Correct the value or remove that row."
        )
    return numbers


def load_uci(path: Path) -> Dataset:
    """Loads and validates the csv; raises DatasetError with file, line, column and a fix on bad input."""
    text, digest = _read_text(path)
    index, rows, line_numbers = _parse_rows(path, text)

    def column(name: str, allow_empty: bool) -> np.ndarray:
        cells = [r[index[name]] for r in rows]
        return _numeric_column(path, name, cells, line_numbers, allow_empty)

    ids = column(ID_COLUMN, allow_empty=False)
    bad_id = np.flatnonzero(ids != np.round(ids))
    if bad_id.size:
        row = int(bad_id[0])
        raise DatasetError(
            f"{path}: line {line_numbers[row]}, column {ID_COLUMN}: {rows[row][index[ID_COLUMN]]!r} is not a "
            "whole number; the borrower ID must be an integer."
        )
    labels = column(TARGET_COLUMN, allow_empty=False)
    bad_label = np.flatnonzero((labels != 0) & (labels != 1))
    if bad_label.size:
        row = int(bad_label[0])
        raise DatasetError(
            f"{path}: line {line_numbers[row]}, column {TARGET_COLUMN}: {rows[row][index[TARGET_COLUMN]]!r} "
            "is not 0 or 1 (1 = defaulted, 0 = did not default). Correct the value or remove that row."
        )
    # Empty feature cells become NaN: LightGBM and the exported ONNX graph both route missing values.
    features = np.column_stack([column(name, allow_empty=True) for name in FEATURE_NAMES]).astype(np.float32)
    return Dataset(
        path=path,
        sha256=digest,
        ids=ids.astype(np.int64),
        features=features,
        labels=labels.astype(np.int8),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Validate the UCI credit-default csv and print a summary.")
    parser.add_argument("--data-dir", help=f"data folder (default: ${paths.DATA_DIR_ENV} or ../shared/data)")
    args = parser.parse_args(argv)
    csv_path = paths.uci_csv(paths.data_dir(args.data_dir))
    try:
        data = load_uci(csv_path)
    except DatasetError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"file       {data.path}")
    print(f"sha256     {data.sha256}")
    print(f"rows       {data.rows}  borrowers {np.unique(data.ids).size}")
    print(f"defaults   {int(data.labels.sum())}  ({data.labels.mean():.2%})")
    print(f"features   {len(FEATURE_NAMES)}  missing cells {int(np.isnan(data.features).sum())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
