"""The bring-your-own-data robustness rules, each on a small file made here."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from creditpath_ml import byod, leakage, models, sources, split, train
from creditpath_ml.csv_table import DatasetError
from tests.synthetic import write_byod


def _book(rows: int = 600, seed: int = 0) -> pd.DataFrame:
    """A lender's table: two informative columns, one category, a 0/1 outcome (about 30% defaults)."""
    rng = np.random.default_rng(seed)
    income = rng.integers(20, 200, rows) * 1000
    grade = rng.choice(list("ABCD"), rows)
    risk = -income / 60_000 + np.array(["ABCD".index(g) for g in grade]) * 0.6 + rng.normal(0, 1, rows)
    return pd.DataFrame(
        {
            "income": income,
            "utilisation": np.round(rng.uniform(0, 1, rows) + 0.3 * risk, 3),
            "grade": grade,
            "defaulted": (risk > np.quantile(risk, 0.7)).astype(int),
        }
    )


def _train_cli(path: Path, out: Path, *flags: str) -> int:
    return train.main(
        [
            "--data", str(path), "--target", "defaulted", "--out", str(out), "--quick", "--no-mlflow",
            "--algorithms", "logistic_regression", "--candidates", "1", *flags,
        ]
    )  # fmt: skip


# --- leakage guard ---------------------------------------------------------------------------------------


def test_a_leaky_column_stops_the_run_naming_it_and_nothing_is_published(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = _book()
    book["collection_status"] = np.where(book["defaulted"] == 1, "charged off", "current")
    path = tmp_path / "book.csv"
    book.to_csv(path, index=False)
    out = tmp_path / "out"
    assert _train_cli(path, out) == 1
    error = capsys.readouterr().err
    assert "collection_status (AUC 1.000)" in error
    assert "--exclude collection_status" in error
    assert "--allow-leaky collection_status" in error
    assert not out.exists()

    assert _train_cli(path, out, "--allow-leaky", "collection_status") == 0
    card = json.loads((out / "model-card.json").read_text())
    assert card["leakageCheck"]["allowed"] == {"collection_status": 1.0}
    assert card["dataset"]["allowedLeaky"] == ["collection_status"]


def test_leakage_guard_sees_reversed_and_missing_only_encodings() -> None:
    y = np.array([0, 1] * 50)
    reversed_outcome = 1.0 - y + 0.01 * np.arange(100) / 100  # high = paid
    recovered = np.where(y == 1, np.arange(100) * 10.0, np.nan)  # filled in only after a default
    honest = np.random.default_rng(0).normal(size=100) + 0.5 * y
    x = np.column_stack([reversed_outcome, recovered, honest])
    aucs = leakage.single_feature_aucs(x, y)
    assert aucs[0] == pytest.approx(0.0)
    assert aucs[1] == pytest.approx(1.0)
    assert 0.55 < aucs[2] < 0.95
    specs = [byod.FeatureSpec(n, n) for n in ("paid_flag", "recovered_amount", "income")]
    with pytest.raises(
        leakage.LeakageError, match=r"paid_flag \(AUC 0.000\), recovered_amount \(AUC 1.000\)"
    ):
        leakage.check(x, y, specs)
    allowed = leakage.check(x, y, specs, allowed=("paid_flag", "recovered_amount"))["allowed"]
    assert set(allowed) == {"paid_flag", "recovered_amount"}


def test_allow_leaky_must_name_a_column_of_the_file(tmp_path: Path) -> None:
    path = tmp_path / "book.csv"
    _book().to_csv(path, index=False)
    with pytest.raises(DatasetError, match=r"missing required column\(s\) statu"):
        byod.load_table(path, "defaulted", allow_leaky=("statu",))


# --- outcome direction -----------------------------------------------------------------------------------


def test_a_1_2_target_needs_positive_and_the_error_shows_the_counts(tmp_path: Path) -> None:
    book = _book()
    book["defaulted"] = np.where(book["defaulted"] == 1, 2, 1)  # 1 = good, 2 = bad
    path = tmp_path / "book.csv"
    book.to_csv(path, index=False)
    with pytest.raises(DatasetError) as caught:
        byod.load_table(path, "defaulted")
    message = str(caught.value)
    assert "it holds '1' (420 rows), '2' (180 rows)" in message
    assert "--positive" in message
    data = byod.load_table(path, "defaulted", positive="2")
    assert data.labels.mean() == pytest.approx(0.3)


@pytest.mark.parametrize(
    ("positive", "negative"),
    [("1", "0"), ("1.0", "0.0"), ("TRUE", "FALSE"), ("yes", "no"), ("Y", "N"), ("bad", "good"),
     ("Default", "Paid"), ("defaulted", "current")],
)  # fmt: skip
def test_documented_outcome_pairs_are_read_without_help(tmp_path: Path, positive: str, negative: str) -> None:
    book = _book()
    book["defaulted"] = np.where(book["defaulted"] == 1, positive, negative)
    path = tmp_path / "book.csv"
    book.to_csv(path, index=False)
    assert byod.load_table(path, "defaulted").labels.mean() == pytest.approx(0.3)


@pytest.mark.parametrize(("first", "second"), [("1", "2"), ("-1", "1"), ("good", "no"), ("late", "paid")])
def test_other_pairs_are_not_guessed(tmp_path: Path, first: str, second: str) -> None:
    book = _book()
    book["defaulted"] = np.where(book["defaulted"] == 1, first, second)
    path = tmp_path / "book.csv"
    book.to_csv(path, index=False)
    with pytest.raises(DatasetError, match="Pass --positive VALUE"):
        byod.load_table(path, "defaulted")


# --- row index and id columns ----------------------------------------------------------------------------


def test_a_file_saved_by_pandas_with_its_index_is_read(tmp_path: Path) -> None:
    path = tmp_path / "book.csv"
    _book().to_csv(path)  # pandas' default: the index as an unnamed first column
    assert path.read_text().startswith(",income,")
    data = byod.load_table(path, "defaulted")
    assert data.feature_names == ("income", "utilisation", "grade")
    assert any("column 1 has no name: read as a saved row index" in n for n in data.notes)


def test_an_unnamed_column_elsewhere_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "book.csv"
    path.write_text("income,,defaulted\n1,2,0\n")
    with pytest.raises(DatasetError, match="column 2 has no name"):
        byod.load_table(path, "defaulted")


def test_a_unique_integer_column_is_an_id_whatever_its_name(tmp_path: Path) -> None:
    book = _book()
    book.insert(0, "account_no", np.random.default_rng(1).permutation(book.shape[0]) + 700_000)
    path = tmp_path / "book.csv"
    book.to_csv(path, index=False)
    data = byod.load_table(path, "defaulted")
    assert "account_no" not in data.feature_names
    assert data.id_column == "account_no"
    assert np.unique(data.groups).size == book.shape[0]
    assert any("column account_no left out: a distinct whole number on every row" in n for n in data.notes)


def test_with_id_given_a_second_unique_integer_column_is_left_out(tmp_path: Path) -> None:
    path = write_byod(tmp_path / "book.csv", rows=600)
    lines = path.read_text().splitlines()
    lines = [f"{line},{'loan_number' if i == 0 else 5000 + i}" for i, line in enumerate(lines)]
    path.write_text("\n".join(lines) + "\n")
    data = byod.load_table(path, "defaulted", "customer_id")
    assert "loan_number" not in data.feature_names
    assert data.id_column == "customer_id"
    assert np.unique(data.groups).size == 300  # grouped by customer_id (two rows each), not by loan_number
    assert "column loan_number left out: a distinct whole number on every row is an identifier" in data.notes


# --- search budget, bounded search space, selection ------------------------------------------------------


def test_same_seed_and_candidate_budget_give_the_same_model(tmp_path: Path) -> None:
    path = tmp_path / "book.csv"
    _book(rows=800).to_csv(path, index=False)
    cards, probabilities = [], []
    for run in ("a", "b"):
        out = tmp_path / run
        source = sources.Source("byod", path, out, "defaulted")
        train.run(source, seed=5, quick=True, algorithms=["lightgbm", "xgboost"], candidates=3, track=False)
        cards.append(json.loads((out / "model-card.json").read_text()))
        probabilities.append(json.loads((out / "parity-fixture.json").read_text())["probabilities"])
    first, second = cards
    assert first["training"]["search"]["candidatesTried"] == 3
    assert first["training"]["search"]["cutByTimeCap"] is False
    assert first["algorithm"] == second["algorithm"]
    assert first["training"]["params"] == second["training"]["params"]
    assert first["training"]["trees"] == second["training"]["trees"]
    assert first["explanation"]["trees"] == second["explanation"]["trees"]
    assert probabilities[0] == probabilities[1]


def test_the_time_cap_cuts_the_search_and_the_card_says_so(tmp_path: Path) -> None:
    path = tmp_path / "book.csv"
    _book().to_csv(path, index=False)
    out = tmp_path / "out"
    source = sources.Source("byod", path, out, "defaulted")
    train.run(
        source, seed=1, quick=True, algorithms=["lightgbm"], candidates=4, budget_seconds=0, track=False
    )
    search = json.loads((out / "model-card.json").read_text())["training"]["search"]
    assert search["candidates"] == 4
    assert search["candidatesTried"] == 1  # the first candidate always completes
    assert search["cutByTimeCap"] is True
    assert search["capSeconds"] == 0


def test_no_candidate_asks_for_a_leaf_minimum_above_what_a_fold_holds() -> None:
    book = _book(rows=300)
    x = book[["income", "utilisation"]].to_numpy(dtype=np.float64)
    y = book["defaulted"].to_numpy()
    groups = np.arange(y.size)
    budget = models.QUICK.for_rows(y.size)
    fold_rows = min(fit.size for fit, _ in split.repeated_kfold_by_borrower(groups, y, 2, 2, 0))
    keys = {"random_forest": "min_samples_leaf", "lightgbm": "min_child_samples"}
    for key, parameter in keys.items():
        found = models.search(models.available()[key], x, y, groups, [], replace_candidates(budget, 8), 0)
        assert len(found.tried) == 8
        for candidate in found.tried:
            assert candidate["params"][parameter] <= fold_rows * models.LEAF_SHARE
            assert candidate["cvAuc"] > 0.6  # none is a constant model scoring 0.5
    xgb = models.search(models.XGBOOST, x, y, groups, [], replace_candidates(budget, 8), 0)
    rate = y.mean()
    for candidate in xgb.tried:
        assert candidate["params"]["min_child_weight"] <= fold_rows * models.LEAF_SHARE * rate * (1 - rate)


def replace_candidates(budget: models.Budget, candidates: int) -> models.Budget:
    return replace(budget, candidates=candidates)


def _trained(algorithm: models.Algorithm, fold_aucs: list[float], validation_auc: float) -> SimpleNamespace:
    search = models.SearchResult({}, float(np.mean(fold_aucs)), None, fold_aucs)
    return SimpleNamespace(
        algorithm=algorithm, search=search, metrics={"validation": SimpleNamespace(auc=validation_auc)}
    )


def test_small_data_champion_is_the_simplest_within_one_standard_error() -> None:
    small = models.FULL.for_rows(700)
    spread = [-0.03, -0.01, 0.0, 0.01, 0.03] * 5  # 25 folds; standard error 0.0041
    logistic = _trained(models.LOGISTIC, [0.800 + d for d in spread], validation_auc=0.70)
    xgboost = _trained(models.XGBOOST, [0.803 + d for d in spread], validation_auc=0.90)
    champion, selection = train.choose_champion([xgboost, logistic], small)
    assert champion is logistic  # 0.800 is within one standard error of 0.803
    assert selection["method"] == "repeated-cv-one-standard-error"
    assert selection["bestAlgorithm"] == "xgboost"
    assert selection["standardError"] == pytest.approx(np.std(spread, ddof=1) / 5)

    clearly_better = _trained(models.XGBOOST, [0.820 + d for d in spread], validation_auc=0.60)
    assert train.choose_champion([clearly_better, logistic], small)[0] is clearly_better

    large = models.FULL.for_rows(20_000)  # validation decides: 0.90 beats 0.70
    champion, selection = train.choose_champion([xgboost, logistic], large)
    assert champion is xgboost
    assert selection["method"] == "validation"


def test_the_card_says_how_a_small_data_champion_was_chosen(tmp_path: Path) -> None:
    path = tmp_path / "book.csv"
    _book().to_csv(path, index=False)
    out = tmp_path / "out"
    source = sources.Source("byod", path, out, "defaulted")
    train.run(source, seed=2, quick=True, algorithms=["logistic_regression", "lightgbm"], track=False)
    card = json.loads((out / "model-card.json").read_text())
    selection = card["comparison"]["selection"]
    assert selection["method"] == "repeated-cv-one-standard-error"
    assert selection["repeats"] == 2
    assert card["algorithm"] in selection["withinOneStandardError"]
    assert "one standard error" in card["comparison"]["rule"]
    assert card["training"]["search"]["repeats"] == 2
    assert card["training"]["search"]["threads"] == 1


def test_stability_samples_keep_the_default_rate_and_the_header(tmp_path: Path) -> None:
    from creditpath_ml import stability

    book = _book(rows=2000)
    path = tmp_path / "book.csv"
    book.to_csv(path, index=False)
    sample = pd.read_csv(stability.stratified_sample(path, "defaulted", 500, 3, tmp_path / "s.csv"))
    assert list(sample.columns) == list(book.columns)
    assert len(sample) == 500
    assert sample["defaulted"].mean() == pytest.approx(book["defaulted"].mean(), abs=0.002)
    again = pd.read_csv(stability.stratified_sample(path, "defaulted", 500, 3, tmp_path / "t.csv"))
    assert again.equals(sample)  # the seed decides the sample
