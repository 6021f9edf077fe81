"""Small generated files for tests that must not depend on the real data or the database."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from creditpath_ml import byod

ML_ROOT = Path(__file__).resolve().parents[1]  # cwd for `python -m creditpath_ml.*` subprocesses

UCI_COLUMNS = (byod.UCI_ID, *byod.UCI_DESCRIPTIONS, byod.UCI_TARGET)
UCI_HEADER = ",".join(UCI_COLUMNS)

EXPORT_FEATURES = [
    {"name": "current_dpd", "description": "Days past due", "type": "integer", "min": 0, "max": None},
    {"name": "on_time_ratio", "description": "Share paid on time", "type": "number", "min": 0, "max": 1},
    {"name": "utilisation", "description": "Balance over limit", "type": "number", "min": None, "max": None},
    {"name": "exposure", "description": "Credit limit or principal", "type": "number", "min": 0, "max": None},
    {
        "name": "contact_attempts_90d",
        "description": "Never filled here",
        "type": "integer",
        "min": 0,
        "max": None,
    },
]


def uci_rows(count: int, seed: int = 0) -> list[str]:
    """Plausible UCI-shaped rows (integers in realistic ranges); defaults follow late payments."""
    rng = np.random.default_rng(seed)
    lines = []
    for borrower in range(1, count + 1):
        pay = rng.integers(-2, 4, size=6)
        bills = rng.integers(-1000, 200_000, size=6)
        paid = rng.integers(0, 20_000, size=6)
        label = int(pay[0] >= 2 or rng.random() < 0.1)
        values = [
            borrower,
            int(rng.integers(1, 50)) * 10_000,
            int(rng.integers(1, 3)),
            int(rng.integers(0, 7)),
            int(rng.integers(0, 4)),
            int(rng.integers(21, 80)),
            *pay,
            *bills,
            *paid,
            label,
        ]
        lines.append(",".join(str(int(v)) for v in values))
    return lines


def write_export(folder: Path, loans: int = 1500, seed: int = 0, snapshots: int = 1) -> Path:
    """features.csv + features.schema.json shaped like `npm run features:export`, two portfolios.

    Portfolio "Cards" has the behavioural features, "Loans" only exposure (like the Kaggle data). With
    snapshots > 1, "Cards" repeats each loan at several monthly as-of dates (the out-of-time case).
    """
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    names = [f["name"] for f in EXPORT_FEATURES]
    lines = [",".join(["loan_id", "loan_key", "portfolio", "as_of_date", *names, "label"])]
    for portfolio in ("Cards", "Loans"):
        for loan in range(loans):
            risk = rng.normal()
            for snapshot in range(snapshots if portfolio == "Cards" else 1):
                date = f"2024-{snapshot + 1:02d}-28"
                label = int(risk + rng.normal(0, 0.8) > 1.0)
                if portfolio == "Cards":
                    values = [
                        max(0, int(30 * risk + rng.normal(0, 10))),
                        float(np.clip(0.9 - 0.2 * risk + rng.normal(0, 0.1), 0, 1)),
                        float(0.5 + 0.3 * risk + rng.normal(0, 0.2)),
                        float(rng.integers(1, 50) * 1000),
                        None,
                    ]
                    if rng.random() < 0.1:
                        values[1] = None  # on-time ratio unknown for a new account
                else:
                    values = [None, None, None, float(rng.integers(5, 350) * 100 + 800 * risk), None]
                cells = ["" if v is None else str(v) for v in values]
                unknown = rng.random() < 0.02
                ids = [f"{portfolio[0]}-{loan}-{snapshot}", f"K{loan}", portfolio, date]
                lines.append(",".join([*ids, *cells, "" if unknown else str(label)]))
    (folder / "features.csv").write_text("\n".join(lines) + "\n")
    schema = {
        "idColumns": ["loan_id", "loan_key", "portfolio", "as_of_date"],
        "label": {"name": "label"},
        "features": EXPORT_FEATURES,
        "missingValue": "empty cell",
    }
    (folder / "features.schema.json").write_text(json.dumps(schema))
    return folder / "features.csv"


def write_byod(path: Path, rows: int = 1200, seed: int = 0) -> Path:
    """A lender's file with numeric, categorical, text and id columns, Y/N target, NA cells."""
    rng = np.random.default_rng(seed)
    lines = ["customer_id,income,grade,purpose,comment,region,defaulted"]
    for row in range(rows):
        grade = "ABCDE"[int(rng.integers(5))]
        risk = "ABCDE".index(grade) * 0.5 + rng.normal()
        income = "NA" if rng.random() < 0.05 else str(int(rng.integers(20, 200)) * 1000)
        purpose = ["car", "home", "", "education"][int(rng.integers(4))]
        defaulted = "Y" if risk > 1.8 else "N"
        lines.append(f"C{row // 2},{income},{grade},{purpose},note {row},north,{defaulted}")
    path.write_text("\n".join(lines) + "\n")
    return path
