from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from creditpath_ml import byod, dataset, export_onnx, paths, sources, train
from creditpath_ml.csv_table import DatasetError
from tests.synthetic import write_byod


def test_columns_are_typed_and_the_decisions_noted(tmp_path: Path) -> None:
    data = byod.load_table(write_byod(tmp_path / "book.csv"), "defaulted", "customer_id")
    kinds = {f.name: f.kind for f in data.features}
    assert kinds == {"income": "numeric", "grade": "categorical", "purpose": "categorical"}
    notes = " | ".join(data.notes)
    assert "'Y' = default (1), 'N' = no default (0)" in notes
    assert "column comment left out: text with 1200 distinct values" in notes
    assert "column region left out: constant ('north')" in notes
    income = data.values[:, 0]
    assert 0 < np.isnan(income).mean() < 0.1  # "NA" is a missing value
    assert np.unique(data.groups).size == 600  # two rows per customer_id


def test_categories_are_coded_by_training_default_rate(tmp_path: Path) -> None:
    data = byod.load_table(write_byod(tmp_path / "book.csv"), "defaulted", "customer_id")
    train_rows = np.arange(0, data.rows, 2)
    encoded = dataset.encode(data, train_rows)
    grade = encoded.features[1]
    assert grade.categories == ("A", "B", "C", "D", "E")  # the generator makes A the safest
    assert encoded.x[:, 1].dtype == np.float32
    assert set(np.unique(encoded.x[:, 1])) == {0.0, 1.0, 2.0, 3.0, 4.0}
    purpose = encoded.features[2]
    assert "" not in purpose.categories
    assert np.isnan(encoded.x[:, 2]).any()  # an empty purpose stays missing


def test_target_needs_two_values_and_a_known_positive(tmp_path: Path) -> None:
    path = tmp_path / "book.csv"
    write_byod(path)
    text = path.read_text()
    path.write_text(text.replace(",Y\n", ",late\n").replace(",N\n", ",paid\n"))
    with pytest.raises(DatasetError, match=r"cannot tell which of 'late' and 'paid'.*--positive VALUE"):
        byod.load_table(path, "defaulted")
    assert byod.load_table(path, "defaulted", positive="late").labels.mean() > 0
    with pytest.raises(DatasetError, match=r"--positive 'bad' is not one of its values"):
        byod.load_table(path, "defaulted", positive="bad")
    with pytest.raises(DatasetError, match=r"missing required column\(s\) status"):
        byod.load_table(path, "status")


def test_a_mostly_numeric_column_with_text_is_an_error_not_a_category(tmp_path: Path) -> None:
    path = write_byod(tmp_path / "book.csv")
    lines = path.read_text().splitlines()
    lines[10] = lines[10].replace(lines[10].split(",")[1], "12k", 1)
    path.write_text("\n".join(lines))
    with pytest.raises(DatasetError, match=r"line 11, column income: '12k' is not a number, while 100%"):
        byod.load_table(path, "defaulted")


def test_without_id_identical_rows_share_a_borrower(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    rng = np.random.default_rng(0)
    rows = [f"{int(rng.integers(1000))},{int(rng.random() < 0.3)}" for _ in range(300)]
    path.write_text("amount,bad\n" + "\n".join(rows + rows[:5]) + "\n")
    data = byod.load_table(path, "bad")
    assert data.rows == 305
    assert np.unique(data.groups).size <= 300
    assert any("duplicate rows kept in the split of their first copy" in n for n in data.notes)


def test_byod_output_never_replaces_the_served_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.MODEL_DIR_ENV, str(tmp_path / "served"))
    monkeypatch.setenv(paths.BYOD_DIR_ENV, str(tmp_path / "byod"))
    common = {"id_column": None, "date_column": None, "positive": None, "features": None, "data_dir": None}
    chosen = sources.resolve(data="x/book.csv", target="y", source="auto", out=None, quick=False, **common)
    assert chosen.out_dir == tmp_path / "byod" / "book"
    with pytest.raises(DatasetError, match="is the served model's folder"):
        sources.resolve(
            data="x/book.csv", target="y", source="auto", out=str(tmp_path / "served"), quick=False, **common
        )


def test_byod_run_with_categoricals_exports_onnx_that_matches(tmp_path: Path) -> None:
    out = tmp_path / "out"
    source = sources.Source("byod", write_byod(tmp_path / "book.csv"), out, "defaulted", "customer_id")
    result = train.run(
        source, seed=3, quick=True, algorithms=["logistic_regression", "lightgbm"], track=False
    )
    assert set(result["algorithms"]) == {"logistic_regression", "lightgbm"}
    for entry in result["algorithms"].values():
        assert set(entry) >= {"auc", "ks", "f1", "brier"}
    card = json.loads((out / "model-card.json").read_text())
    grade = next(f for f in card["input"]["features"] if f["name"] == "grade")
    assert grade["kind"] == "categorical"
    assert grade["categories"] == ["A", "B", "C", "D", "E"]
    fixture = json.loads((out / "parity-fixture.json").read_text())
    session = export_onnx.load_session(out / "model.onnx")
    rows = export_onnx.fixture_rows(fixture)
    assert np.isnan(rows[:, 1]).any()  # missing categories are in the fixture
    assert export_onnx.max_abs_difference(session, rows, np.array(fixture["probabilities"])) < 1e-5
    # Both algorithms were checked, categoricals included, before publishing.
    for entry in card["comparison"]["algorithms"].values():
        assert entry["onnxParityMaxAbsDiff"] < 1e-5


def test_excluded_columns_are_left_out_and_noted(tmp_path: Path) -> None:
    data = byod.load_table(write_byod(tmp_path / "book.csv"), "defaulted", exclude=("grade",))
    assert "grade" not in data.feature_names
    assert "column grade left out: --exclude" in data.notes
    with pytest.raises(DatasetError, match=r"missing required column\(s\) grad"):
        byod.load_table(tmp_path / "book.csv", "defaulted", exclude=("grad",))


def test_evaluate_reloads_a_byod_run_with_its_exclusions_and_categories(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from creditpath_ml import evaluate

    out = tmp_path / "out"
    source = sources.Source(
        "byod", write_byod(tmp_path / "book.csv"), out, "defaulted", "customer_id", exclude=("income",)
    )
    train.run(source, seed=2, quick=True, algorithms=["lightgbm"], track=False)
    assert evaluate.main(["--model-dir", str(out)]) == 0
    assert "(difference +0.00e+00)" in capsys.readouterr().out
