"""Reads a csv file into columns of text, with errors that name the file, the line and the fix.

Every loader (the feature export, the UCI raw file, a lender's own file) goes through here, so a corrupt
or wrong-shaped file fails the same way everywhere. The file is only read, never modified.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np


class DatasetError(Exception):
    """The input file cannot be used; the message says which file, where, and what to do."""


@dataclass(frozen=True)
class CsvTable:
    path: Path
    sha256: str
    header: tuple[str, ...]
    columns: dict[str, list[str]]  # name -> cells (stripped text), in file order
    line_numbers: list[int]  # file line of each row (the header is line 1)
    row_index_dropped: bool = False  # an unnamed first column (a saved pandas index) was left out

    @property
    def rows(self) -> int:
        return len(self.line_numbers)

    def where(self, row: int, column: str) -> str:
        return f"{self.path}: line {self.line_numbers[row]}, column {column}"


def read_csv(path: Path, hint: str, required: tuple[str, ...] = (), row_index: bool = False) -> CsvTable:
    """Parses the whole file; `hint` ends errors about the file as a whole (how to get a good one).

    With `row_index`, an empty first header cell marks a row index (what pandas' `to_csv` writes by default)
    and that column is left out; otherwise every column needs a name."""
    path = Path(path)
    if not path.exists():
        raise DatasetError(f"{path}: file not found. {hint}")
    if not path.is_file():
        raise DatasetError(f"{path}: is not a regular file. {hint}")
    raw = path.read_bytes()
    if not raw.strip():
        raise DatasetError(f"{path}: file is empty; expected a header line and one row per loan. {hint}")
    if b"\x00" in raw[:4096]:
        raise DatasetError(f"{path}: holds binary data (NUL bytes); it is not a csv file. {hint}")
    try:
        text = raw.decode("utf-8-sig")  # tolerate a BOM left by spreadsheet exports
    except UnicodeDecodeError as err:
        raise DatasetError(
            f"{path}: byte {err.start} is not valid UTF-8; the file is corrupt or not a csv (save it as "
            f"UTF-8 csv). {hint}"
        ) from err

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records: list[list[str]] = []
    line_numbers: list[int] = []
    try:
        header = [h.strip() for h in next(reader)]
        indexed = row_index and len(header) > 1 and header[0] == ""
        _check_header(path, header[1:] if indexed else header, required, hint, 1 if indexed else 0)
        for record in reader:
            if not record or (len(record) == 1 and not record[0].strip()):
                continue  # blank lines (e.g. a trailing one) carry no data
            if len(record) != len(header):
                raise DatasetError(
                    f"{path}: line {reader.line_num}: has {len(record)} fields but the header has "
                    f"{len(header)}. Fix or remove that line (a truncated copy, or an unquoted comma in a "
                    "value)."
                )
            records.append(record)
            line_numbers.append(reader.line_num)
    except csv.Error as err:  # e.g. a stray quote inside a field
        raise DatasetError(f"{path}: line {reader.line_num}: not valid csv ({err}). Fix that line.") from None
    if not records:
        raise DatasetError(f"{path}: has a header but no data rows. {hint}")
    if indexed:
        header, records = header[1:], [r[1:] for r in records]
    columns = {name: [r[i].strip() for r in records] for i, name in enumerate(header)}
    return CsvTable(path, hashlib.sha256(raw).hexdigest(), tuple(header), columns, line_numbers, indexed)


def _check_header(
    path: Path, names: list[str], required: tuple[str, ...], hint: str, skipped: int = 0
) -> None:
    if any(not n for n in names):
        position = names.index("") + 1 + skipped
        raise DatasetError(f"{path}: line 1: column {position} has no name. Give every column a header.")
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise DatasetError(f"{path}: line 1: column(s) {', '.join(duplicates)} appear more than once.")
    missing = [c for c in required if c not in names]
    if missing:
        separator_hint = ""
        if len(names) == 1 and any(sep in names[0] for sep in ";\t|"):
            separator_hint = (
                " The header has a single column: the file seems to use another separator than ','."
            )
        shown = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
        raise DatasetError(
            f"{path}: line 1: missing required column(s) {', '.join(missing)} (header has: {shown})."
            f"{separator_hint} {hint}"
        )


def parse_numbers(
    table: CsvTable, column: str, missing_tokens: frozenset[str] = frozenset({""}), allow_missing: bool = True
) -> np.ndarray:
    """float64 values of a column: a cell in `missing_tokens` is NaN, any other must be a finite number."""
    cells = table.columns[column]
    missing = np.fromiter((c in missing_tokens for c in cells), dtype=bool, count=len(cells))
    try:
        numbers = np.array(["nan" if m else c for c, m in zip(cells, missing, strict=True)], dtype=np.float64)
    except ValueError:
        row = next(i for i, c in enumerate(cells) if not missing[i] and not _is_number(c))
        raise DatasetError(
            f"{table.where(row, column)}: {cells[row]!r} is not a number. "
            "Correct the value or remove that row."
        ) from None
    bad = ~np.isfinite(numbers) & ~missing
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise DatasetError(
            f"{table.where(row, column)}: {cells[row]!r} is not a finite number "
            "(an empty cell means missing). "
            "Correct the value or remove that row."
        )
    if not allow_missing and missing.any():
        row = int(np.flatnonzero(missing)[0])
        raise DatasetError(
            f"{table.where(row, column)}: value is empty; {column} must be present on every row."
        )
    return numbers


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True
