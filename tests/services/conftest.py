"""Fixtures for the service layer: a fresh database (SQLite, or PostgreSQL in that run) and a clock the test moves by
hand."""

from __future__ import annotations

import datetime as dt

import pytest

from desk_app.services.demo import create_organization
from desk_app.services.desk import DeskService
from desk_app.services.events import EventBus
from tests.conftest import fresh_desk_database


class ManualClock:
    """A clock for tests: `now` stays where it is put."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        self.now += dt.timedelta(**delta)
        return self.now


@pytest.fixture
def db_url(tmp_path, monkeypatch, copy_database, desk_template):
    """A fresh, initialised database of this run's kind, opened; its URL."""
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    yield from fresh_desk_database(copy_database, desk_template)


@pytest.fixture
def clock():
    # A Tuesday morning in an ordinary working week.
    return ManualClock(dt.datetime(2026, 11, 17, 9, 0, 0))


@pytest.fixture
def events():
    return EventBus()


@pytest.fixture
def service(db_url, clock, events):
    return DeskService(now=clock, events=events)


@pytest.fixture
def people(db_url):
    """The demo organisation: receptionists, dispatcher, supervisor, audit and one receiver per department."""
    return create_organization()
