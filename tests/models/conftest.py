"""Fixtures of the schema tests: copies of the database files earlier releases wrote (tests/data/README.md)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def old_database(tmp_path: Path) -> Callable[[str], Path]:
    """old_database("desk-v1.db") -> a copy in tmp_path. The kept files are never opened in place: even a read
    of a WAL database writes -wal and -shm files beside it."""

    def copy(name: str) -> Path:
        target = tmp_path / "old" / name
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(DATA / name, target)
        return target

    return copy
