"""Bring your own data: a lender's historical default file, typed column by column.

Rules (printed as notes, and kept in the model card):
- the target column must hold two values. Read without help: the numbers 0/1 (1 = default) and the label
  pairs true/false, yes/no, y/n, bad/good and default or defaulted against any other label (case-insensitive).
  Any other pair (1/2, late/paid) needs --positive VALUE: guessing the direction of 1 = good, 2 = bad would
  train a model of the opposite event. Rows with an empty target are left out;
- an empty first header cell is a saved row index (pandas writes one): that column is left out;
- a column whose every present cell is a number is numeric; empty cells and NA, N/A, NaN, null, None, ?
  are missing values;
- a column with text is categorical when it has at most MAX_CATEGORIES distinct values, otherwise it is
  left out (free text, names, identifiers); a column that is mostly numbers with a few text cells is an error,
  because that is usually a typo or a corrupt export rather than a category;
- constant and empty columns are left out; the --id column groups rows by borrower and is not a feature;
  a column of whole numbers distinct on every row is an identifier whatever its name: it is left out of the
  features and, without --id, groups the rows like --id (a row number or loan number learns nothing that
  carries to new loans). Without either, identical rows are grouped so that duplicates never straddle two
  splits.

The UCI raw file is loaded through here too, with its documented column descriptions.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from creditpath_ml import paths
from creditpath_ml.csv_table import CsvTable, DatasetError, parse_numbers, read_csv
from creditpath_ml.dataset import Dataset, FeatureSpec, _parse_dates

MISSING_TOKENS = frozenset({"", "NA", "N/A", "NaN", "nan", "NAN", "null", "NULL", "None", "none", "?"})
# Label pairs read without --positive: (positive, negative); None = any other label.
LABEL_PAIRS: tuple[tuple[str, str | None], ...] = (
    ("true", "false"),
    ("yes", "no"),
    ("y", "n"),
    ("bad", "good"),
    ("default", None),
    ("defaulted", None),
)
DOCUMENTED_OUTCOMES = "0/1, true/false, yes/no, y/n, bad/good, or default/defaulted against another label"
MAX_CATEGORIES = 50
MIN_PER_CLASS = 20
# "Mostly numbers": above this share of parseable cells, stray text is reported instead of making a category.
NUMERIC_SHARE_FOR_ERROR = 0.95

HINT = (
    "Pass a comma-separated csv with a header row, one row per loan; --target names the 0/1 outcome column "
    "and --id the borrower id column."
)

UCI_TARGET = "default.payment.next.month"
UCI_ID = "ID"
_MONTHS = ("September", "August", "July", "June", "May", "April")
_PAY_COLUMNS = ("PAY_0", "PAY_2", "PAY_3", "PAY_4", "PAY_5", "PAY_6")  # the source has no PAY_1
UCI_DESCRIPTIONS: dict[str, str] = {
    "LIMIT_BAL": "Amount of given credit in NT dollars (individual and family/supplementary credit)",
    "SEX": "Sex: 1 = male, 2 = female",
    "EDUCATION": "Education: 1 = graduate school, 2 = university, 3 = high school, 4 = others; "
    "0, 5 and 6 are undocumented (unknown)",
    "MARRIAGE": "Marital status: 1 = married, 2 = single, 3 = others; 0 is undocumented",
    "AGE": "Age in years",
    **{
        column: f"Repayment status in {month} 2005: -1 = paid duly, 1..8 = months of payment delay (9 = 9 or "
        "more); -2 and 0 are undocumented (commonly read as no consumption / revolving credit)"
        for column, month in zip(_PAY_COLUMNS, _MONTHS, strict=True)
    },
    **{
        f"BILL_AMT{i}": f"Bill statement amount in {month} 2005, NT dollars (can be negative)"
        for i, month in enumerate(_MONTHS, start=1)
    },
    **{f"PAY_AMT{i}": f"Amount paid in {month} 2005, NT dollars" for i, month in enumerate(_MONTHS, start=1)},
}


def _positive_without_help(values: list[str]) -> str | None:
    """The positive one of two target values when the documented rules name it, else None."""
    if all(_is_number(v) for v in values):
        numbers = [float(v) for v in values]
        return values[numbers.index(1.0)] if sorted(numbers) == [0.0, 1.0] else None
    lowered = [v.lower() for v in values]
    for positive, negative in LABEL_PAIRS:
        if positive in lowered:
            other = lowered[1 - lowered.index(positive)]
            if other == negative or (negative is None and other not in {p for p, _ in LABEL_PAIRS}):
                return values[lowered.index(positive)]
    return None


def _labels(table: CsvTable, target: str, positive: str | None) -> tuple[np.ndarray, np.ndarray, str]:
    """(labels, known-outcome mask, description of the mapping)."""
    cells = table.columns[target]
    known = np.array([c not in MISSING_TOKENS for c in cells])
    values = sorted({c for c, k in zip(cells, known, strict=True) if k})
    if len(values) != 2:
        shown = ", ".join(repr(v) for v in values[:6]) + (", ..." if len(values) > 6 else "")
        raise DatasetError(
            f"{table.path}: column {target}: the target must hold exactly two values (defaulted or not), "
            f"found {len(values)}: {shown}. Pass the 0/1 outcome column as --target."
        )
    if positive is not None:
        if positive not in values:
            raise DatasetError(
                f"{table.path}: column {target}: --positive {positive!r} is not one of its values "
                f"({values[0]!r}, {values[1]!r})."
            )
        chosen = positive
    else:
        found = _positive_without_help(values)
        if found is None:
            counts = ", ".join(f"{v!r} ({cells.count(v)} rows)" for v in values)
            raise DatasetError(
                f"{table.path}: column {target}: cannot tell which of {values[0]!r} and {values[1]!r} means "
                f"'defaulted': it holds {counts}. Only {DOCUMENTED_OUTCOMES} are read without help. "
                f"Pass --positive VALUE with the value that means 'defaulted' (e.g. --positive {values[1]})."
            )
        chosen = found
    labels = np.array([c == chosen for c in cells], dtype=np.int8)
    other = values[1] if values[0] == chosen else values[0]
    return labels, known, f"target {target}: {chosen!r} = default (1), {other!r} = no default (0)"


def _column_kind(table: CsvTable, name: str, known: np.ndarray) -> tuple[str, str]:
    """("numeric" | "categorical" | "excluded", reason)."""
    cells = [c for c, k in zip(table.columns[name], known, strict=True) if k]
    present = [c for c in cells if c not in MISSING_TOKENS]
    if not present:
        return "excluded", "every value is missing"
    distinct = set(present)
    if len(distinct) == 1:
        return "excluded", f"constant ({present[0]!r})"
    numeric = [_is_number(c) for c in distinct]
    if all(numeric):
        return "numeric", ""
    share = sum(_is_number(c) for c in present) / len(present)
    if share >= NUMERIC_SHARE_FOR_ERROR:
        row = next(
            i for i, c in enumerate(table.columns[name]) if c not in MISSING_TOKENS and not _is_number(c)
        )
        raise DatasetError(
            f"{table.where(row, name)}: {table.columns[name][row]!r} is not a number, while {share:.0%} "
            "of the "
            "column is numeric. Correct the value, or leave the cell empty if it is unknown."
        )
    if len(distinct) > MAX_CATEGORIES:
        return (
            "excluded",
            f"text with {len(distinct)} distinct values (more than {MAX_CATEGORIES} categories)",
        )
    return "categorical", ""


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def load_table(
    path: Path,
    target: str,
    id_column: str | None = None,
    date_column: str | None = None,
    positive: str | None = None,
    descriptions: dict[str, str] | None = None,
    source: str = "byod",
    exclude: tuple[str, ...] = (),
    allow_leaky: tuple[str, ...] = (),  # only checked to exist here; the guard itself runs in training
) -> Dataset:
    path = Path(path)
    required = tuple(c for c in (target, id_column, date_column) if c)
    if len(set(required)) != len(required):
        raise DatasetError(
            f"--target, --id and --date must name different columns (got {', '.join(required)})"
        )
    table = read_csv(path, HINT, (*required, *exclude, *allow_leaky), row_index=True)
    labels, known, label_note = _labels(table, target, positive)
    notes = [label_note]
    if table.row_index_dropped:
        notes.append("column 1 has no name: read as a saved row index (as pandas writes it) and left out")
    if not known.all():
        notes.append(f"{int((~known).sum())} rows with an empty target left out")
    for cls in (0, 1):
        count = int(np.sum(labels[known] == cls))
        if count < MIN_PER_CLASS:
            raise DatasetError(
                f"{path}: only {count} rows with target {cls}; at least {MIN_PER_CLASS} of each class are "
                "needed "
                "to train and test a model."
            )

    specs: list[FeatureSpec] = []
    columns: list[np.ndarray] = []
    text: dict[int, np.ndarray] = {}
    descriptions = descriptions or {}
    for name in table.header:
        if name in required:
            continue
        if name in exclude:
            notes.append(f"column {name} left out: --exclude")
            continue
        kind, reason = _column_kind(table, name, known)
        if kind == "excluded":
            notes.append(f"column {name} left out: {reason}")
            continue
        description = descriptions.get(name, f"{name} ({kind} column of {path.name})")
        if kind == "numeric":
            column = parse_numbers(table, name, MISSING_TOKENS)[known]
            if _is_row_identifier(column):
                if id_column is None:
                    id_column = name
                    notes.append(
                        f"column {name} left out: a distinct whole number on every row is an identifier; "
                        "it groups the rows by borrower like --id (pass --id COLUMN to group by another)"
                    )
                else:
                    notes.append(
                        f"column {name} left out: a distinct whole number on every row is an identifier"
                    )
                continue
        else:
            cells = np.array(table.columns[name], dtype=object)[known]
            text[len(specs)] = np.where(np.isin(cells, list(MISSING_TOKENS)), "", cells).astype(str)
            column = np.full(int(known.sum()), np.nan)
        specs.append(FeatureSpec(name, description, kind))
        columns.append(column)
    if not specs:
        raise DatasetError(f"{path}: no usable feature column besides the target and id. {HINT}")

    if id_column:
        ids = np.array(table.columns[id_column], dtype=object)[known]
        empty = np.flatnonzero(np.isin(ids, list(MISSING_TOKENS)))
        if empty.size:
            row = int(np.flatnonzero(known)[empty[0]])
            raise DatasetError(
                f"{table.where(row, id_column)}: the borrower id is empty; every row needs one."
            )
        # Whole-number ids are ordered as numbers, not text ("10" after "9"): the split depends on the
        # borrowers' order, and numeric order keeps it the same as the earlier UCI trainer's.
        whole = all(i.lstrip("-").isdigit() for i in ids)
        groups = np.unique(ids.astype(np.int64) if whole else ids.astype(str), return_inverse=True)[1]
    else:
        # Identical rows (165 in the Kaggle file) share a group, so a duplicate is never in train and test.
        rows = zip(*(table.columns[c] for c in table.header), strict=True)
        digests = np.array(
            [hashlib.blake2b("\x1f".join(r).encode(), digest_size=8).hexdigest() for r in rows]
        )
        groups = np.unique(digests[known], return_inverse=True)[1]
        duplicates = int(known.sum()) - int(groups.max()) - 1
        if duplicates:
            notes.append(f"{duplicates} duplicate rows kept in the split of their first copy (no --id given)")

    return Dataset(
        source=source,
        name=path.stem,
        path=path,
        sha256=table.sha256,
        features=tuple(specs),
        values=np.column_stack(columns),
        text=text,
        labels=labels[known],
        groups=groups.astype(np.int64),
        strata=np.zeros(int(known.sum()), dtype=np.int64),
        strata_names=(path.stem,),
        dates=_parse_dates(table, date_column)[known] if date_column else None,
        target=target,
        id_column=id_column,
        notes=tuple(notes),
        fingerprint={"file": str(path), "sha256": table.sha256, "rowsInFile": table.rows},
    )


def _is_row_identifier(column: np.ndarray) -> bool:
    """A whole number, present and distinct on every row: a row, loan or customer number, not a measure."""
    return bool(
        not np.isnan(column).any()
        and np.all(column == np.round(column))
        and np.unique(column).size == column.size
    )


def load_uci(data_root: Path) -> Dataset:
    """The UCI raw file as a table (the fallback when there is no feature export), with its descriptions."""
    csv_path = paths.uci_csv(data_root)
    hint = (
        f"Restore the original {paths.UCI_FILE_NAME} (see SOURCE.md beside it) or point "
        f"{paths.DATA_DIR_ENV} / "
        f"--data-dir at a data folder that holds {paths.UCI_DATASET_NAME}/{paths.UCI_FILE_NAME}."
    )
    if not csv_path.is_file():
        raise DatasetError(f"{csv_path}: file not found. {hint}")
    return load_table(csv_path, UCI_TARGET, UCI_ID, descriptions=UCI_DESCRIPTIONS, source="uci-raw")
