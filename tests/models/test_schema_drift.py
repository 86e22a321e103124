"""The frozen migrations build exactly what the models say, and each version exactly what its release built.

A model change without its migration fails `test_fresh_database_has_every_model_as_the_model_says`; an edit of an
earlier version's frozen DDL fails the comparisons with the database files that release wrote (tests/data/).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from desk_app.core.kinds import TicketKind
from desk_app.core.validation import TicketDraft
from desk_app.models.db import close_database, database, open_database
from desk_app.models.migrations import MIGRATIONS
from desk_app.models.schema import ReturnVisit, SchemaVersion
from desk_app.services.demo import create_organization
from desk_app.services.desk import DeskService
from tests.conftest import sqlite_url
from tests.models.drift import (
    assert_history_is_append_only,
    assert_return_visits_are_append_only,
    schema_differences,
)


def test_fresh_database_has_every_model_as_the_model_says(desk_db):
    assert schema_differences(database.obj) == []
    people = create_organization()
    ticket_id = DeskService(now=lambda: dt.datetime(2026, 11, 26, 9, 0)).create_ticket(
        people["reception"], TicketDraft(kind=TicketKind.REPAIR, description="水管漏水", phone="13812345678"))
    assert_history_is_append_only()
    ReturnVisit.create(ticket=ticket_id, at=dt.datetime(2026, 11, 27, 9, 0), by=people["reception"].id,
                       satisfaction="basically", note="基本满意")
    assert_return_visits_are_append_only()


def test_drift_check_notices_a_field_without_its_migration(desk_db):
    # As if the model had gained reply_note and due_at's index with no migration adding them, and lost a column.
    database.execute_sql('ALTER TABLE "ticket" DROP COLUMN "reply_note"')
    database.execute_sql('DROP INDEX "ticket_due_at"')
    database.execute_sql('ALTER TABLE "ticket" ADD COLUMN "forgotten" TEXT')
    assert schema_differences(database.obj) == [
        "ticket.reply_note: column missing",
        "ticket.forgotten: column not in the model",
        "ticket: index ticket_due_at ['due_at'] missing",
    ]


def _migrate_to(version: int, path: Path) -> None:
    """Run the frozen migrations up to `version` on a new file, as the release of that version would have."""
    open_database(sqlite_url(path))
    try:
        for number, step in MIGRATIONS:
            if number > version:
                break
            with database.atomic():
                step()
                SchemaVersion.create(version=number)
    finally:
        close_database()


def _master(path: Path) -> list[tuple]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()


def _structure(path: Path) -> dict[str, object]:
    """Tables with their columns (name, type, NOT NULL, primary key), indexes, foreign keys; triggers. Column order
    and column defaults are left out: a column added later sits last and keeps its DEFAULT on SQLite."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        found: dict[str, object] = {"triggers": sorted(
            r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"))}
        for table in tables:
            columns = {(r[1], r[2], r[3], r[5]) for r in db.execute(f'PRAGMA table_info("{table}")')}
            indexes = {(r[1], r[2], tuple(c[2] for c in db.execute(f'PRAGMA index_info("{r[1]}")')))
                       for r in db.execute(f'PRAGMA index_list("{table}")')}
            keys = {(r[3], r[2], r[4], r[5], r[6]) for r in db.execute(f'PRAGMA foreign_key_list("{table}")')}
            found[table] = (columns, indexes, keys)
    return found


@pytest.mark.sqlite_only("compares the SQLite schema with the files earlier releases wrote (tests/data)")
def test_version_1_is_word_for_word_what_the_first_release_created(tmp_path, old_database):
    _migrate_to(1, tmp_path / "v1.db")
    assert _master(tmp_path / "v1.db") == _master(old_database("desk-v1.db"))


@pytest.mark.sqlite_only("compares the SQLite schema with the files earlier releases wrote (tests/data)")
def test_versions_1_and_2_build_the_tables_of_the_second_release(tmp_path, old_database):
    # desk-v2.db was made new by the version-2 release, whose version 1 already created the version-2 columns: the
    # text of its CREATE TABLE differs from ours (columns added by ALTER TABLE), the structure must not.
    _migrate_to(2, tmp_path / "v2.db")
    assert _structure(tmp_path / "v2.db") == _structure(old_database("desk-v2.db"))


@pytest.mark.sqlite_only("compares the SQLite schema with the files earlier releases wrote (tests/data)")
def test_versions_1_to_3_are_word_for_word_what_the_third_release_created(tmp_path, old_database):
    # desk-v3.db was made new by the last version-3 release, which ran these same three frozen migrations.
    _migrate_to(3, tmp_path / "v3.db")
    assert _master(tmp_path / "v3.db") == _master(old_database("desk-v3.db"))


@pytest.mark.sqlite_only("compares the SQLite schema with the files earlier releases wrote (tests/data)")
def test_version_4_adds_to_version_3_and_changes_nothing_of_it(tmp_path, old_database):
    _migrate_to(4, tmp_path / "v4.db")
    v3, v4 = _structure(old_database("desk-v3.db")), _structure(tmp_path / "v4.db")
    assert v4.keys() - v3.keys() == {"register_day", "register_month", "return_visit"}
    assert set(v4["triggers"]) - set(v3["triggers"]) == {"return_visit_no_update", "return_visit_no_delete"}
    for table in ("clock", "ticket"):
        columns, indexes, keys = v4[table]
        assert (columns, keys) == (v3[table][0], v3[table][2])
        assert {i[0] for i in indexes - v3[table][1]} == (
            {"clock_kind_deadline", "clock_kind_started_at"} if table == "clock" else {"ticket_resolved_at"})
    assert all(v4[table] == v3[table] for table in v3 if table not in ("triggers", "clock", "ticket"))


@pytest.mark.sqlite_only("compares the SQLite schema with the files earlier releases wrote (tests/data)")
def test_versions_1_to_4_are_word_for_word_what_the_fourth_release_created(tmp_path, old_database):
    # desk-v4.db was made new by the last version-4 release (ac41825), which ran these same four frozen migrations.
    _migrate_to(4, tmp_path / "v4.db")
    assert _master(tmp_path / "v4.db") == _master(old_database("desk-v4.db"))


@pytest.mark.sqlite_only("compares the SQLite schema with the files earlier releases wrote (tests/data)")
def test_version_5_adds_the_form_numbers_and_changes_nothing_of_version_4(tmp_path, old_database):
    _migrate_to(5, tmp_path / "v5.db")
    v4, v5 = _master(old_database("desk-v4.db")), _master(tmp_path / "v5.db")
    assert set(v4) < set(v5)
    assert {(kind, name) for kind, name, table, _ in set(v5) - set(v4)} == {
        ("table", "form_issue"), ("index", "form_issue_first_by_id"), ("index", "form_issue_last_by_id"),
        ("index", "form_issue_form_ref"), ("index", "form_issue_form_number")}


@pytest.mark.sqlite_only("reads the kept SQLite files with the sqlite3 module")
@pytest.mark.parametrize("version", [1, 2, 3, 4])
def test_kept_files_are_whole_without_a_write_ahead_log(version, old_database):
    # immutable=1 reads the main file only, ignoring any -wal: the kept file must hold everything by itself.
    path = old_database(f"desk-v{version}.db")
    with contextlib.closing(sqlite3.connect(f"file:{path}?immutable=1", uri=True)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT MAX(version) FROM schema_version").fetchone() == (version,)
        assert db.execute("SELECT COUNT(*) FROM ticket").fetchone()[0] > 0


def test_the_audit_log_is_append_only_in_the_database(desk_db):
    """Changes of configuration and staff stay as they were written: triggers refuse edits and deletions."""
    import peewee

    from desk_app.models.schema import AuditLog
    from desk_app.services import audit

    with database.atomic():
        audit.record(None, "settings", "test", "", "written once")
    row = AuditLog.get()
    with pytest.raises(peewee.DatabaseError, match="append-only"):
        AuditLog.update(detail="changed").where(AuditLog.id == row.id).execute()
    with pytest.raises(peewee.DatabaseError, match="append-only"):
        AuditLog.delete().where(AuditLog.id == row.id).execute()
    assert AuditLog.get_by_id(row.id).detail == "written once"
