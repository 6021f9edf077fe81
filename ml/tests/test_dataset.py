from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from creditpath_ml import dataset
from creditpath_ml.dataset import DatasetError, load_uci
from tests.synthetic import HEADER, ML_ROOT, synthetic_rows

WriteUci = Callable[[str | bytes], Path]


def test_loads_the_real_file_with_the_published_counts(uci_path: Path) -> None:
    data = load_uci(uci_path)
    assert data.rows == 30_000
    assert int(data.labels.sum()) == 6_636  # SOURCE.md: positive rate 22.12%
    assert data.features.dtype == np.float32
    assert data.features.shape == (30_000, 23)
    assert np.array_equal(np.sort(data.ids), np.arange(1, 30_001))
    assert data.sha256 == hashlib.sha256(uci_path.read_bytes()).hexdigest()
    assert not np.isnan(data.features).any()
    limit = data.features[:, dataset.FEATURE_NAMES.index("LIMIT_BAL")]
    assert limit.astype(np.float64).mean() == pytest.approx(167_484.32, abs=0.01)


def test_feature_order_and_descriptions_are_fixed() -> None:
    expected = [
        "LIMIT_BAL", "SEX", "EDUCATION", "MARRIAGE", "AGE",
        "PAY_0", "PAY_2", "PAY_3", "PAY_4", "PAY_5", "PAY_6",
        *(f"BILL_AMT{i}" for i in range(1, 7)),
        *(f"PAY_AMT{i}" for i in range(1, 7)),
    ]  # fmt: skip
    assert list(dataset.FEATURE_NAMES) == expected
    assert all(len(f.description) > 10 for f in dataset.FEATURES)
    assert "September" in dataset.FEATURES[5].description  # PAY_0 is the latest month


def test_columns_are_found_by_name_and_empty_feature_cells_are_missing(write_uci: WriteUci) -> None:
    columns = list(dataset.REQUIRED_COLUMNS)
    shuffled = [columns[-1], *columns[:-1]]  # target first
    rows = []
    for line in synthetic_rows(5):
        cells = line.split(",")
        rows.append(",".join([cells[-1], *cells[:-1]]))
    cells = rows[2].split(",")
    cells[shuffled.index("AGE")] = ""
    rows[2] = ",".join(cells)
    data = load_uci(write_uci("\n".join([",".join(shuffled), *rows, ""])))
    assert data.rows == 5
    assert np.isnan(data.features[2, dataset.FEATURE_NAMES.index("AGE")])
    assert np.isnan(data.features).sum() == 1


def test_missing_file_names_the_path_and_the_fix(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "UCI_Credit_Card.csv"
    with pytest.raises(DatasetError) as error:
        load_uci(missing)
    message = str(error.value)
    assert str(missing) in message
    assert "not found" in message
    assert "CREDITPATH_DATA_DIR" in message


def test_empty_file(write_uci: WriteUci) -> None:
    path = write_uci("")
    with pytest.raises(DatasetError, match=r"file is empty; expected a header line") as error:
        load_uci(path)
    assert str(path) in str(error.value)


def test_header_without_rows(write_uci: WriteUci) -> None:
    with pytest.raises(DatasetError, match="has a header but no data rows"):
        load_uci(write_uci(HEADER + "\n"))


def test_wrong_header_lists_the_missing_columns(write_uci: WriteUci) -> None:
    header = HEADER.replace("PAY_AMT3", "PAY_AMT_3").replace("ID,", "CUSTOMER,")
    path = write_uci("\n".join([header, *synthetic_rows(3)]))
    with pytest.raises(DatasetError) as error:
        load_uci(path)
    message = str(error.value)
    assert f"{path}: line 1: missing required column(s) ID, PAY_AMT3" in message
    assert "Expected the comma-separated header ID,LIMIT_BAL," in message


def test_wrong_separator_is_explained(write_uci: WriteUci) -> None:
    lines = [HEADER, *synthetic_rows(3)]
    path = write_uci("\n".join(line.replace(",", ";") for line in lines))
    with pytest.raises(DatasetError, match="seems to use another separator than ','"):
        load_uci(path)


def test_non_numeric_value_names_line_and_column(write_uci: WriteUci) -> None:
    rows = synthetic_rows(10)
    cells = rows[6].split(",")
    cells[dataset.REQUIRED_COLUMNS.index("BILL_AMT3")] = "12,5O0"  # letter O, and a quoted comma
    rows[6] = ",".join(cells[:14]) + ',"12,5O0",' + ",".join(cells[15:])
    path = write_uci("\n".join([HEADER, *rows]))
    with pytest.raises(DatasetError) as error:
        load_uci(path)
    # header is line 1, rows[6] is line 8
    assert str(error.value) == (
        f"{path}: line 8, column BILL_AMT3: '12,5O0' is not a number. Correct the value or remove that row."
    )


def test_textual_nan_is_rejected_not_treated_as_missing(write_uci: WriteUci) -> None:
    rows = synthetic_rows(4)
    cells = rows[0].split(",")
    cells[dataset.REQUIRED_COLUMNS.index("AGE")] = "NaN"
    rows[0] = ",".join(cells)
    with pytest.raises(DatasetError, match=r"line 2, column AGE: 'NaN' is not a finite number"):
        load_uci(write_uci("\n".join([HEADER, *rows])))


def test_target_must_be_zero_or_one(write_uci: WriteUci) -> None:
    rows = synthetic_rows(4)
    rows[3] = rows[3].rsplit(",", 1)[0] + ",2"
    with pytest.raises(
        DatasetError, match=r"line 5, column default\.payment\.next\.month: '2' is not 0 or 1"
    ):
        load_uci(write_uci("\n".join([HEADER, *rows])))


def test_empty_target_or_id_is_an_error(write_uci: WriteUci) -> None:
    rows = synthetic_rows(3)
    rows[1] = "," + rows[1].split(",", 1)[1]
    with pytest.raises(DatasetError, match=r"line 3, column ID: value is empty; ID must be present"):
        load_uci(write_uci("\n".join([HEADER, *rows])))


def test_truncated_row_is_reported(write_uci: WriteUci) -> None:
    rows = synthetic_rows(5)
    rows[4] = ",".join(rows[4].split(",")[:20])  # a copy cut off mid-line
    with pytest.raises(DatasetError, match=r"line 6: has 20 fields but the header has 25"):
        load_uci(write_uci("\n".join([HEADER, *rows])))


def test_broken_quoting_is_reported(write_uci: WriteUci) -> None:
    rows = synthetic_rows(3)
    rows[1] = rows[1].replace(",", ',"x"y,', 1)
    with pytest.raises(DatasetError, match=r"line 3: not valid csv"):
        load_uci(write_uci("\n".join([HEADER, *rows])))


def test_binary_garbage_is_reported(write_uci: WriteUci) -> None:
    path = write_uci(b"\x89PNG\r\n\x1a\n\x00\xff\xfe")
    with pytest.raises(DatasetError, match=re.escape(f"{path}: byte ")):
        load_uci(path)


def test_cli_prints_a_summary_or_the_error(write_uci: WriteUci) -> None:
    path = write_uci("\n".join([HEADER, *synthetic_rows(20)]))
    data_dir = path.parent.parent
    ok = subprocess.run(
        [sys.executable, "-m", "creditpath_ml.dataset", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ML_ROOT,
    )
    assert ok.returncode == 0, ok.stderr
    assert "rows       20" in ok.stdout
    path.write_text(HEADER + "\n1,2,3\n")
    failed = subprocess.run(
        [sys.executable, "-m", "creditpath_ml.dataset", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ML_ROOT,
    )
    assert failed.returncode == 1
    assert failed.stderr.startswith(f"error: {path}: line 2: has 3 fields")
