from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from creditpath_ml import paths


@pytest.fixture
def write_uci(tmp_path: Path) -> Callable[[str | bytes], Path]:
    """Writes content as the UCI csv of a fresh data folder under tmp_path; returns the csv path."""

    def write(content: str | bytes) -> Path:
        csv_path = paths.uci_csv(tmp_path / "data")
        csv_path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode()
        csv_path.write_bytes(content)
        return csv_path

    return write


@pytest.fixture(scope="session")
def uci_path() -> Path:
    path = paths.uci_csv(paths.data_dir())
    assert path.is_file(), f"the UCI data set is needed for these tests: {path} (set {paths.DATA_DIR_ENV})"
    return path
