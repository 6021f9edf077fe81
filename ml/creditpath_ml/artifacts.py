"""Publishes the model folder in one step, so the server never sees a half-written model."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path

from creditpath_ml.native import NATIVE_FILES

MODEL_FILE = "model.onnx"
CARD_FILE = "model-card.json"
FIXTURE_FILE = "parity-fixture.json"
REASON_FIXTURE_FILE = "reason-codes-fixture.json"
REPORT_DIR = "report"
ARTIFACT_FILES = (MODEL_FILE, CARD_FILE, FIXTURE_FILE, REASON_FIXTURE_FILE)
# Top-level names training writes; anything else in an output folder is someone else's and is not deleted.
OWNED_NAMES = frozenset({*ARTIFACT_FILES, *NATIVE_FILES.values(), REPORT_DIR})


class ArtifactError(Exception):
    pass


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(out_dir: Path, files: dict[str, bytes]) -> Path:
    """Writes all files (names may hold one sub-folder, e.g. report/roc.png) into a staging folder beside
    out_dir, then renames it into place.

    A crash before the rename leaves the previous model untouched; a crash between the two renames
    (replacing an existing folder needs two) leaves out_dir absent, never mixed or truncated.
    """
    out_dir = Path(out_dir).resolve()
    parent = out_dir.parent
    parent.mkdir(parents=True, exist_ok=True)
    if out_dir.exists():
        if not out_dir.is_dir():
            raise ArtifactError(f"{out_dir} exists and is not a folder; choose another --out")
        # The whole folder is replaced: refuse when that would delete something training did not write.
        top_level = {name.split("/")[0] for name in files}
        foreign = sorted(p.name for p in out_dir.iterdir() if p.name not in {*top_level, *OWNED_NAMES})
        if foreign:
            raise ArtifactError(
                f"refusing to replace {out_dir}: it holds files that training does not write "
                f"({', '.join(foreign)}). Choose an empty or new --out folder."
            )

    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.staging-", dir=parent))
    retired: Path | None = None
    try:
        for name, content in files.items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            with (staging / name).open("wb") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
        staging.chmod(0o755)  # mkdtemp creates 0700; the server may run as another user
        _fsync_dir(staging)
        if out_dir.exists():
            retired = parent / f".{out_dir.name}.old-{uuid.uuid4().hex[:8]}"
            out_dir.rename(retired)
        staging.rename(out_dir)
        _fsync_dir(parent)
    except BaseException:
        if retired is not None and retired.exists() and not out_dir.exists():
            retired.rename(out_dir)  # put the previous model back
            retired = None
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)
    return out_dir
