"""The schema is versioned: a new database is migrated once, and migrating again changes nothing."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from desk_app.models.db import close_database, open_database
from desk_app.models.migrations import CURRENT_VERSION, migrate, schema_version
from desk_app.models.schema import ALL_MODELS, SchemaVersion

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def empty_db(database_url):
    db = open_database(database_url("m"))
    yield db
    close_database()


def test_new_database_is_migrated_to_the_current_version_once(empty_db):
    assert schema_version() == 0
    assert migrate() == CURRENT_VERSION
    assert schema_version() == CURRENT_VERSION
    assert migrate() == 0
    assert SchemaVersion.select().count() == CURRENT_VERSION
    assert all(model.table_exists() for model in ALL_MODELS)
    assert {c.name for c in empty_db.get_columns("ticket")} >= {"sensitive", "complaint_level", "quarantined"}


@pytest.mark.sqlite_only("reads SQLite's journal_mode and foreign_keys pragmas")
def test_sqlite_runs_in_wal_mode_with_foreign_keys(empty_db):
    assert empty_db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert empty_db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1


def test_database_newer_than_the_program_is_refused(empty_db):
    migrate()
    SchemaVersion.create(version=CURRENT_VERSION + 1)
    with pytest.raises(RuntimeError, match="newer than this program"):
        migrate()


START_TOGETHER = """
import sys, time
from pathlib import Path
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.005)
from desk_app.services.setup import init_database
init_database(sys.argv[1])
"""


def test_desks_starting_at_once_on_a_new_database_migrate_and_seed_it_once(database_url, tmp_path):
    """Four desks start the program on a new (or just upgraded) database in the same moment: one migrates and seeds,
    the others wait for it (pg_advisory_xact_lock; SQLite's IMMEDIATE transactions) and find it done."""
    from desk_app.core.policies import DEFAULT_POLICIES
    from desk_app.models.schema import PolicyRecord, Staff

    url = database_url("together")
    go = tmp_path / "go"
    desks = [subprocess.Popen([sys.executable, "-c", START_TOGETHER, url, str(go)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    time.sleep(1.5)   # every desk has imported the program and waits for the go
    go.touch()
    outcomes = [(desk.wait(timeout=120), desk.stderr.read()) for desk in desks]
    for desk in desks:
        desk.stdout.close()
        desk.stderr.close()
    assert [code for code, _ in outcomes] == [0, 0, 0, 0], outcomes
    open_database(url)
    try:
        assert schema_version() == CURRENT_VERSION
        assert SchemaVersion.select().count() == CURRENT_VERSION
        assert PolicyRecord.select().count() == len(DEFAULT_POLICIES)
        assert Staff.select().where(Staff.username == "admin").count() == 1
    finally:
        close_database()
