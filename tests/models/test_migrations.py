"""The schema is versioned: a new database is migrated once, and migrating again changes nothing."""

from __future__ import annotations

import pytest

from desk_app.models.db import close_database, open_database
from desk_app.models.migrations import CURRENT_VERSION, migrate, schema_version
from desk_app.models.schema import ALL_MODELS, SchemaVersion


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
