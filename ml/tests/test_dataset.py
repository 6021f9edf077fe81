from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from creditpath_ml import byod, dataset
from creditpath_ml.csv_table import DatasetError
from tests.synthetic import ML_ROOT, UCI_COLUMNS, UCI_HEADER, uci_rows, write_export

WriteUci = Callable[[str | bytes], Path]


def test_loads_the_real_uci_file_with_the_published_counts(uci_path: Path) -> None:
    data = byod.load_uci(uci_path.parent.parent)
    assert data.rows == 30_000
    assert int(data.labels.sum()) == 6_636  # SOURCE.md: positive rate 22.12%
    assert data.values.shape == (30_000, 23)
    assert np.unique(data.groups).size == 30_000  # one borrower per row, grouped by ID
    assert data.sha256 == hashlib.sha256(uci_path.read_bytes()).hexdigest()
    assert not np.isnan(data.values).any()
    assert data.feature_names[:6] == ("LIMIT_BAL", "SEX", "EDUCATION", "MARRIAGE", "AGE", "PAY_0")
    assert "September" in data.features[5].description  # PAY_0 is the latest month
    limit = data.values[:, data.feature_names.index("LIMIT_BAL")]
    assert limit.mean() == pytest.approx(167_484.32, abs=0.01)


def test_feature_export_keeps_schema_order_missing_cells_and_drops_unknown_outcomes(tmp_path: Path) -> None:
    csv_path = write_export(tmp_path, loans=300)
    data = dataset.load_feature_export(csv_path)
    schema = json.loads((tmp_path / "features.schema.json").read_text())
    assert data.feature_names == tuple(f["name"] for f in schema["features"])
    assert data.features[0].description == "Days past due"
    rows = [line.split(",") for line in csv_path.read_text().splitlines()[1:]]
    in_scope = [r[-1] != "" and not (r[4] != "" and float(r[4]) >= 90) for r in rows]
    assert data.rows == sum(in_scope) < len(rows)
    assert "unknown outcome" in " ".join(data.notes)
    assert data.strata_names == ("Cards", "Loans")
    loans = data.strata == 1
    assert np.isnan(data.values[loans, 0]).all()  # an empty cell is missing, not zero
    assert not np.isnan(data.values[loans, 3]).any()
    assert np.isnan(data.values[:, 4]).all()
    assert data.dates is not None
    assert str(data.dates[0]) == "2024-01-28"
    # A borrower is portfolio + loan_key: K0 exists in both portfolios and they are different people.
    assert np.unique(data.groups).size == data.rows


def test_pd_rows_leave_out_loans_already_90_days_past_due_and_the_card_counts_them(tmp_path: Path) -> None:
    csv_path = write_export(tmp_path, loans=200)
    lines = csv_path.read_text().splitlines()
    # Three labelled Cards rows put 90, 91 and 400 days past due; one at 89 stays; Loans rows have no dpd.
    for row, dpd in zip((1, 2, 3, 4), (90, 91, 400, 89), strict=True):
        cells = lines[row].split(",")
        cells[4], cells[-1] = str(dpd), "1"
        lines[row] = ",".join(cells)
    csv_path.write_text("\n".join(lines) + "\n")
    labelled_dpd = [line.split(",")[4] for line in lines[1:] if line.rsplit(",", 1)[1] != ""]
    before = sum(cell != "" and float(cell) >= 90 for cell in labelled_dpd)
    data = dataset.load_feature_export(csv_path)
    dpd = data.values[:, data.feature_names.index("current_dpd")]
    assert not (dpd >= 90).any()
    assert 89 in dpd
    assert np.isnan(dpd[data.strata == 1]).all()  # unknown days past due (no schedule) stays in
    assert data.scope["rowsLeftOut"] == before >= 3
    assert data.scope["defaultsLeftOut"] >= 3
    assert data.scope["rule"].startswith("current_dpd < 90")
    assert f"{before} labelled rows already 90+ days past due" in " ".join(data.notes)
    assert data.feature_version == 1  # a schema without featureVersion is the catalogue before versions


def test_export_schema_feature_version_is_read(tmp_path: Path) -> None:
    csv_path = write_export(tmp_path, loans=50)
    schema_path = tmp_path / "features.schema.json"
    schema = json.loads(schema_path.read_text())
    schema_path.write_text(json.dumps({**schema, "featureVersion": 2}))
    assert dataset.load_feature_export(csv_path).feature_version == 2


def test_missing_export_and_schema_say_how_to_get_them(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r"feature export not found.*npm run features:export"):
        dataset.load_feature_export(tmp_path / "features.csv")
    csv_path = write_export(tmp_path, loans=10)
    (tmp_path / "features.schema.json").unlink()
    with pytest.raises(DatasetError, match=r"schema file not found.*npm run features:export"):
        dataset.load_feature_export(csv_path)


def test_export_that_does_not_match_its_schema_is_refused(tmp_path: Path) -> None:
    csv_path = write_export(tmp_path, loans=10)
    schema_path = tmp_path / "features.schema.json"
    schema = json.loads(schema_path.read_text())
    schema["features"] = schema["features"][::-1]  # same names, another order: another export
    schema_path.write_text(json.dumps(schema))
    with pytest.raises(DatasetError, match=r"columns do not match features.schema.json"):
        dataset.load_feature_export(csv_path)


def test_export_label_must_be_one_zero_or_empty(tmp_path: Path) -> None:
    csv_path = write_export(tmp_path, loans=10)
    lines = csv_path.read_text().splitlines()
    lines[3] = lines[3].rsplit(",", 1)[0] + ",yes"
    csv_path.write_text("\n".join(lines))
    with pytest.raises(DatasetError, match=r"line 4, column label: 'yes' is not 1, 0 or empty"):
        dataset.load_feature_export(csv_path)


def test_export_text_nan_is_an_error_not_a_missing_value(tmp_path: Path) -> None:
    csv_path = write_export(tmp_path, loans=10)
    lines = csv_path.read_text().splitlines()
    cells = lines[2].split(",")
    cells[7] = "NaN"  # exposure
    lines[2] = ",".join(cells)
    csv_path.write_text("\n".join(lines))
    with pytest.raises(DatasetError, match=r"line 3, column exposure: 'NaN' is not a finite number"):
        dataset.load_feature_export(csv_path)


# --- corrupt or wrong-shaped files: each names the file, the line and the fix ---------------------------


def _uci_error(write_uci: WriteUci, content: str | bytes) -> tuple[Path, str]:
    path = write_uci(content)
    with pytest.raises(DatasetError) as error:
        byod.load_uci(path.parent.parent)
    return path, str(error.value)


def test_missing_uci_file_names_the_path_and_the_fix(tmp_path: Path) -> None:
    with pytest.raises(DatasetError) as error:
        byod.load_uci(tmp_path / "nowhere")
    assert str(tmp_path / "nowhere") in str(error.value)
    assert "not found" in str(error.value)
    assert "CREDITPATH_DATA_DIR" in str(error.value)


def test_empty_file(write_uci: WriteUci) -> None:
    path, message = _uci_error(write_uci, "")
    assert message.startswith(f"{path}: file is empty")


def test_header_without_rows(write_uci: WriteUci) -> None:
    _, message = _uci_error(write_uci, UCI_HEADER + "\n")
    assert "has a header but no data rows" in message


def test_wrong_header_lists_the_missing_columns(write_uci: WriteUci) -> None:
    header = UCI_HEADER.replace("default.payment.next.month", "y").replace("ID,", "CUSTOMER,")
    path, message = _uci_error(write_uci, "\n".join([header, *uci_rows(3)]))
    assert f"{path}: line 1: missing required column(s) default.payment.next.month, ID" in message


def test_wrong_separator_is_explained(write_uci: WriteUci) -> None:
    lines = [UCI_HEADER, *uci_rows(3)]
    _, message = _uci_error(write_uci, "\n".join(line.replace(",", ";") for line in lines))
    assert "seems to use another separator than ','" in message


def test_typo_in_a_numeric_column_names_line_and_column(write_uci: WriteUci) -> None:
    rows = uci_rows(60)
    cells = rows[6].split(",")
    cells[UCI_COLUMNS.index("BILL_AMT3")] = "12.5O0"  # letter O
    rows[6] = ",".join(cells)
    path, message = _uci_error(write_uci, "\n".join([UCI_HEADER, *rows]))
    assert message.startswith(f"{path}: line 8, column BILL_AMT3: '12.5O0' is not a number")


def test_target_with_a_third_value_is_refused(write_uci: WriteUci) -> None:
    rows = uci_rows(60)
    rows[3] = rows[3].rsplit(",", 1)[0] + ",2"
    _, message = _uci_error(write_uci, "\n".join([UCI_HEADER, *rows]))
    assert "column default.payment.next.month: the target must hold exactly two values" in message


def test_empty_borrower_id_is_an_error(write_uci: WriteUci) -> None:
    rows = uci_rows(60)
    rows[1] = "," + rows[1].split(",", 1)[1]
    _, message = _uci_error(write_uci, "\n".join([UCI_HEADER, *rows]))
    assert "line 3, column ID: the borrower id is empty" in message


def test_truncated_row_is_reported(write_uci: WriteUci) -> None:
    rows = uci_rows(5)
    rows[4] = ",".join(rows[4].split(",")[:20])  # a copy cut off mid-line
    _, message = _uci_error(write_uci, "\n".join([UCI_HEADER, *rows]))
    assert "line 6: has 20 fields but the header has 25" in message


def test_broken_quoting_is_reported(write_uci: WriteUci) -> None:
    rows = uci_rows(3)
    rows[1] = rows[1].replace(",", ',"x"y,', 1)
    _, message = _uci_error(write_uci, "\n".join([UCI_HEADER, *rows]))
    assert "line 3: not valid csv" in message


def test_binary_garbage_is_reported(write_uci: WriteUci) -> None:
    path, message = _uci_error(write_uci, b"\x89PNG\r\n\x1a\n\x00\xff\xfe")
    assert re.match(re.escape(f"{path}: holds binary data"), message)
    path, message = _uci_error(write_uci, b"ID,x\n\xff\xfe1,2\n")
    assert re.match(re.escape(f"{path}: byte "), message)


def test_too_few_defaults_to_train(write_uci: WriteUci) -> None:
    rows = [r.rsplit(",", 1)[0] + ",0" for r in uci_rows(100)]
    rows[0] = rows[0][:-1] + "1"
    _, message = _uci_error(write_uci, "\n".join([UCI_HEADER, *rows]))
    assert "only 1 rows with target 1; at least 20 of each class" in message


def test_cli_prints_a_summary_or_the_error(tmp_path: Path) -> None:
    csv_path = write_export(tmp_path / "export", loans=50)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "creditpath_ml.dataset", *args],
            capture_output=True,
            text=True,
            check=False,
            cwd=ML_ROOT,
        )

    ok = cli("--features", str(csv_path))
    assert ok.returncode == 0, ok.stderr
    assert "portfolio 'Cards'" in ok.stdout
    csv_path.write_text("loan_id\n1\n")
    failed = cli("--features", str(csv_path))
    assert failed.returncode == 1
    assert failed.stderr.startswith(f"error: {csv_path}: line 1: missing required column(s) loan_key")
