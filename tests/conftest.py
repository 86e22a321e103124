"""Shared fixtures: Qt offscreen, a fresh SQLite file database per test, demo data built once and copied per test."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports Qt: without a display Qt would abort the whole run.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
# Before the first password is hashed: argon2's production cost (~0.3 s a hash) would slow every sign-in test.
os.environ["DESK_APP_CHEAP_HASH"] = "1"

# The demo's "now" and the tests' clock: a Thursday in late 2026, when 2027's holiday schedule is not out yet.
FIXED_NOW = dt.datetime(2026, 11, 26, 10, 0, 0)
DEMO_TICKETS = 60


class FakeClock:
    """An injectable `now`: call it for the time, advance() to move it (DeskService(now=clock))."""

    def __init__(self, start: dt.datetime = FIXED_NOW) -> None:
        self.at = start

    def __call__(self) -> dt.datetime:
        return self.at

    def advance(self, **delta: float) -> dt.datetime:
        self.at += dt.timedelta(**delta)
        return self.at


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.as_posix()}"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app's data folder (DESK_APP_DATA_DIR) inside tmp_path."""
    path = tmp_path / "data"
    path.mkdir(exist_ok=True)
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(path))
    monkeypatch.delenv("DESK_DATABASE_URL", raising=False)
    return path


@pytest.fixture
def desk_db(tmp_path: Path, data_dir: Path) -> Iterator[str]:
    """A fresh, initialised SQLite file database (only the administrator and default policies); yields its URL."""
    from desk_app.models.db import close_database
    from desk_app.services.setup import init_database

    url = sqlite_url(tmp_path / "desk.db")
    init_database(url)
    yield url
    close_database()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database built once per run (DEMO_TICKETS calls ending at FIXED_NOW), copied by `demo_db`."""
    from desk_app.models.db import close_database
    from desk_app.services.demo import build_demo
    from desk_app.services.setup import init_database

    path = tmp_path_factory.mktemp("demo-template") / "desk.db"
    init_database(sqlite_url(path))
    try:
        build_demo(tickets=DEMO_TICKETS, now=FIXED_NOW)
    finally:
        close_database()  # the last connection checkpoints the WAL into the file, so one file copy is complete
    return path


@pytest.fixture
def demo_db(tmp_path: Path, data_dir: Path, demo_template: Path) -> Iterator[str]:
    """A private copy of the demo database, opened; yields its URL."""
    from desk_app.models.db import close_database
    from desk_app.services.setup import init_database

    path = tmp_path / "desk.db"
    shutil.copyfile(demo_template, path)
    url = sqlite_url(path)
    init_database(url)
    yield url
    close_database()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
