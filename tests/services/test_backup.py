"""Backups on both databases, for real: SQLite through the online backup API, PostgreSQL through pg_dump/pg_restore on
a private cluster. A backup taken while a desk writes is a consistent prefix; a restore brings back exactly the rows;
a newer schema, a file that is not a backup, an overwrite without force and a database in use are refused."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import shutil
import sqlite3
import subprocess
import threading
from pathlib import Path

import pytest

from desk_app.core.errors import ValidationError
from desk_app.core.kinds import TicketKind
from desk_app.core.validation import TicketDraft
from desk_app.models.db import close_database, database, open_database
from desk_app.models.migrations import CURRENT_VERSION, MIGRATIONS, migrate
from desk_app.models.schema import Customer, History, SchemaVersion, Staff, Ticket
from desk_app.services import backup as backups
from desk_app.services.backup import backup, daily_backup, daily_backups, restore
from desk_app.services.demo import create_organization
from desk_app.services.desk import Actor, DeskService
from desk_app.services.setup import init_database
from tests.models.drift import schema_differences

DATA = Path(__file__).resolve().parents[1] / "data"
_names = itertools.count()




class Databases:
    """Fresh databases of one kind: files in tmp_path for SQLite, databases on the module's cluster for PostgreSQL."""

    def __init__(self, kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
        self.kind = kind
        self.tmp_path = tmp_path
        self._request = request

    def new(self) -> str:
        name = f"backup_{next(_names)}"
        if self.kind == "sqlite":
            return f"sqlite:///{self.tmp_path / (name + '.db')}"
        return self._request.getfixturevalue("cluster").create_database(name)

    @property
    def suffix(self) -> str:
        return ".db" if self.kind == "sqlite" else ".dump"


@pytest.fixture(params=["sqlite", "postgres"])
def dbs(request, tmp_path, monkeypatch):
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    yield Databases(request.param, tmp_path, request)
    close_database()


@pytest.fixture
def sqlite_dbs(tmp_path, monkeypatch, request):
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    yield Databases("sqlite", tmp_path, request)
    close_database()


def draft(n: int = 0) -> TicketDraft:
    return TicketDraft(kind=TicketKind.REPAIR, description=f"水管漏水 {n}", phone=f"1381234{n % 10000:04d}",
                       caller_name="张三")


def seeded(url: str, tickets: int = 5) -> str:
    """`url` initialised with the demo organisation and `tickets` tickets; left closed."""
    init_database(url)
    people = create_organization()
    service = DeskService(now=lambda: dt.datetime(2026, 11, 17, 9, 0))
    for n in range(tickets):
        service.create_ticket(people["reception"], draft(n))
    with database.atomic():
        for n in range(3):
            Customer.create(name=f"住户{n}", phone=f"+86138000000{n:02d}", address=f"阳光花园{n}栋")
    close_database()
    return url


def actor(url: str, username: str) -> Actor:
    open_database(url)
    try:
        return Actor.of(Staff.get(Staff.username == username))
    finally:
        close_database()


def fingerprint(url: str) -> dict[str, object]:
    """Counts of tickets, history and customers, and a checksum of the ticket numbers, of the database at `url`."""
    open_database(url)
    try:
        numbers = sorted(t.number for t in Ticket.select(Ticket.number))
        return {"tickets": len(numbers), "history": History.select().count(), "customers": Customer.select().count(),
                "numbers": hashlib.sha256("\n".join(numbers).encode()).hexdigest()}
    finally:
        close_database()


def restored_copy(dbs: Databases, file: Path) -> str:
    """A fresh database holding the backup `file` (for PostgreSQL an empty database restored into)."""
    url = dbs.new()
    if dbs.kind == "postgres":
        open_database(url)   # creates nothing: the database exists, empty
        close_database()
    restore(file, url)
    return url


# ----- a consistent copy while a desk writes -------------------------------------------------------------------


def test_a_backup_taken_while_a_desk_writes_is_a_consistent_prefix(dbs, tmp_path):
    url = seeded(dbs.new(), tickets=5)
    reception = actor(url, "reception")
    service = DeskService(now=lambda: dt.datetime(2026, 11, 17, 9, 0))
    made = threading.Semaphore(0)
    stop = threading.Event()
    errors: list[BaseException] = []

    def desk() -> None:
        open_database(url)
        try:
            n = 100
            while not stop.is_set():
                service.create_ticket(reception, draft(n))
                n += 1
                made.release()
        except BaseException as error:  # collected and asserted below
            errors.append(error)
            made.release()
        finally:
            database.close()

    writer = threading.Thread(target=desk)
    writer.start()
    try:
        for _ in range(5):       # the desk is writing before the backup starts ...
            assert made.acquire(timeout=30)
        info = backup(url, tmp_path / f"busy{dbs.suffix}")
        for _ in range(5):       # ... and after it ended
            assert made.acquire(timeout=30)
    finally:
        stop.set()
        writer.join()
    assert errors == []
    assert info.schema_version == CURRENT_VERSION
    if dbs.kind == "sqlite":
        copy = sqlite3.connect(info.path)
        try:
            assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"   # one self-contained file
        finally:
            copy.close()
        assert info.tickets is not None and 10 <= info.tickets
    copy_url = restored_copy(dbs, info.path)
    open_database(copy_url)
    try:
        numbers = [t.number for t in Ticket.select(Ticket.number).order_by(Ticket.number)]
        # A prefix of what the desk made: every number from the first on, none missing, none half-written (each
        # ticket has its history row written in the same transaction).
        assert numbers == [f"2026-{n:06d}" for n in range(1, len(numbers) + 1)]
        assert len(numbers) >= 10
        without_history = Ticket.select().where(~Ticket.id.in_(History.select(History.ticket))).count()
        assert without_history == 0
    finally:
        close_database()
    assert fingerprint(url)["tickets"] > len(numbers)   # the desk went on writing after the copy's moment


# ----- restore --------------------------------------------------------------------------------------------------


def test_a_restore_brings_back_exactly_the_rows(dbs, tmp_path):
    url = seeded(dbs.new(), tickets=7)
    before = fingerprint(url)
    info = backup(url, tmp_path / f"keep{dbs.suffix}")
    assert info.path.is_file() and info.size > 0
    # Work goes on after the backup: more tickets, a customer gone; the restore must undo all of it.
    reception = actor(url, "reception")
    open_database(url)
    service = DeskService(now=lambda: dt.datetime(2026, 11, 18, 9, 0))
    for n in range(3):
        service.create_ticket(reception, draft(50 + n))
    close_database()
    assert fingerprint(url) != before
    result = restore(info.path, url)
    assert result.schema_version == CURRENT_VERSION and result.migrations_applied == 0
    assert fingerprint(url) == before
    assert before["tickets"] == 7 and before["history"] >= 7 and before["customers"] >= 1


def test_a_restore_into_a_new_place_gives_the_same_rows(dbs, tmp_path):
    url = seeded(dbs.new(), tickets=4)
    info = backup(url, tmp_path / f"move{dbs.suffix}")
    assert fingerprint(restored_copy(dbs, info.path)) == fingerprint(url)


def test_an_older_backup_is_migrated_after_the_restore(sqlite_dbs, tmp_path):
    old = tmp_path / "desk-v3.db"
    shutil.copyfile(DATA / "desk-v3.db", old)
    url = sqlite_dbs.new()
    result = restore(old, url)
    assert result.schema_version == 3 and result.migrations_applied == CURRENT_VERSION - 3
    open_database(url)
    try:
        assert SchemaVersion.select().order_by(SchemaVersion.version.desc()).first().version == CURRENT_VERSION
        assert Ticket.select().count() > 0
    finally:
        close_database()


def _bump_schema(url: str) -> None:
    open_database(url)
    try:
        SchemaVersion.create(version=CURRENT_VERSION + 1)
    finally:
        close_database()


def test_a_backup_from_a_newer_schema_is_refused(dbs, tmp_path):
    url = seeded(dbs.new(), tickets=3)
    target = seeded(dbs.new(), tickets=2)
    before = fingerprint(target)
    if dbs.kind == "sqlite":
        info = backup(url, tmp_path / "newer.db")
        copy = sqlite3.connect(info.path)   # a newer program's file: its schema_version bumped in the copy
        copy.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, '2027-01-01 00:00:00')",
                     (CURRENT_VERSION + 1,))
        copy.commit()
        copy.close()
    else:
        _bump_schema(url)
        info = backup(url, tmp_path / "newer.dump")
        assert info.schema_version == CURRENT_VERSION + 1
    with pytest.raises(ValidationError) as refused:
        restore(info.path, target)
    message = str(refused.value)
    assert "newer program" in message and str(CURRENT_VERSION + 1) in message
    assert fingerprint(target) == before


@pytest.mark.parametrize("content", [b"", b"not a backup at all\n", b"SQLite format 2\x00" + b"\x00" * 200,
                                     b"PGDMP" + b"\x00" * 64])
def test_a_file_that_is_not_a_backup_is_refused(dbs, tmp_path, content):
    target = seeded(dbs.new(), tickets=2)
    before = fingerprint(target)
    junk = tmp_path / "junk.bin"
    junk.write_bytes(content)
    with pytest.raises(ValidationError) as refused:
        restore(junk, target)
    text = str(refused.value)
    assert "junk.bin" in text
    assert any(word in text for word in ("not a backup", "damaged", "failed", "SQLite backup", "PostgreSQL backup"))
    assert fingerprint(target) == before


def test_a_backup_of_the_other_kind_of_database_is_refused(dbs, tmp_path, request):
    target = seeded(dbs.new(), tickets=1)
    other = Databases("postgres" if dbs.kind == "sqlite" else "sqlite", tmp_path, request)
    info = backup(seeded(other.new(), tickets=1), tmp_path / f"other{other.suffix}")
    with pytest.raises(ValidationError, match="cannot be restored into"):
        restore(info.path, target)


def test_a_sqlite_file_that_is_no_desk_database_is_refused(sqlite_dbs, tmp_path):
    target = seeded(sqlite_dbs.new(), tickets=1)
    stranger = tmp_path / "stranger.db"
    connection = sqlite3.connect(stranger)
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    with pytest.raises(ValidationError, match="not a desk database"):
        restore(stranger, target)
    with pytest.raises(ValidationError, match="not a desk database"):
        backup(f"sqlite:///{stranger}", tmp_path / "of-stranger.db")


def test_a_restore_is_refused_while_a_desk_has_the_database_open(sqlite_dbs, tmp_path):
    url = seeded(sqlite_dbs.new(), tickets=3)
    info = backup(url, tmp_path / "b.db")
    open_database(url)            # a desk's app holds its connection
    try:
        Ticket.select().count()
        with pytest.raises(ValidationError, match="in use"):
            restore(info.path, url)
    finally:
        close_database()
    assert restore(info.path, url).schema_version == CURRENT_VERSION   # closed: now it goes


def test_a_restore_does_not_overwrite_a_file_that_is_no_database(sqlite_dbs, tmp_path):
    info = backup(seeded(sqlite_dbs.new(), tickets=1), tmp_path / "b.db")
    notes = tmp_path / "notes.txt"
    notes.write_text("meine Notizen, 我的笔记\n" * 20, encoding="utf-8")
    with pytest.raises(ValidationError, match="not a SQLite database"):
        restore(info.path, f"sqlite:///{notes}")
    assert notes.read_text(encoding="utf-8").startswith("meine Notizen")


# ----- backup refusals ------------------------------------------------------------------------------------------


def test_an_existing_file_is_overwritten_only_with_force(dbs, tmp_path):
    url = seeded(dbs.new(), tickets=2)
    target = tmp_path / f"once{dbs.suffix}"
    target.write_bytes(b"precious")
    with pytest.raises(ValidationError, match="already exists"):
        backup(url, target)
    assert target.read_bytes() == b"precious"
    info = backup(url, target, force=True)
    assert info.path == target and target.read_bytes() != b"precious"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []   # no temporary file left


def test_a_missing_or_in_memory_database_or_a_folder_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    with pytest.raises(ValidationError, match="no database at"):
        backup(f"sqlite:///{tmp_path / 'nothing.db'}", tmp_path / "b.db")
    assert not (tmp_path / "nothing.db").exists()
    for url in ("sqlite://", "sqlite:///:memory:"):
        with pytest.raises(ValidationError, match="in-memory"):
            backup(url, tmp_path / "b.db")
    url = seeded(f"sqlite:///{tmp_path / 'x.db'}", tickets=1)
    with pytest.raises(ValidationError, match="does not exist"):
        backup(url, tmp_path / "no" / "such" / "folder.db")
    with pytest.raises(ValidationError, match="is a folder"):
        backup(url, tmp_path, force=True)


# ----- the daily backup -----------------------------------------------------------------------------------------


def test_the_daily_backup_runs_once_a_day_and_keeps_the_newest(sqlite_dbs, tmp_path):
    url = seeded(sqlite_dbs.new(), tickets=2)
    folder = tmp_path / "daily"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")             # not a daily backup: never deleted
    (folder / "desk-2026-11-01.db.bak").write_text("mine")
    start = dt.date(2026, 11, 20)
    for n in range(6):
        made = daily_backup(url, folder, keep=3, today=start + dt.timedelta(days=n))
        assert made is not None and made.path.name == f"desk-{start + dt.timedelta(days=n)}.db"
    assert daily_backup(url, folder, keep=3, today=start + dt.timedelta(days=5)) is None   # today's is there
    assert [p.name for p in daily_backups(folder)] == ["desk-2026-11-23.db", "desk-2026-11-24.db",
                                                       "desk-2026-11-25.db"]
    assert (folder / "notes.txt").exists() and (folder / "desk-2026-11-01.db.bak").exists()


def test_the_daily_backup_goes_to_the_data_folder_by_default(sqlite_dbs, tmp_path):
    url = seeded(sqlite_dbs.new(), tickets=1)
    made = daily_backup(url, backups.default_backup_folder(), today=dt.date(2026, 12, 1))
    assert made is not None and made.path == tmp_path / "data" / "backups" / "desk-2026-12-01.db"
    assert backups.DEFAULT_KEEP == 14


def test_progress_is_reported_to_the_end(dbs, tmp_path):
    url = seeded(dbs.new(), tickets=1)
    seen: list[tuple[int, int]] = []
    info = backup(url, tmp_path / f"p{dbs.suffix}", progress=lambda done, total: seen.append((done, total)))
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1]
    seen.clear()
    restore(info.path, url, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1][0] == seen[-1][1]


# ----- the PostgreSQL password ----------------------------------------------------------------------------------


def test_the_postgres_password_is_in_the_environment_only(cluster, tmp_path, monkeypatch):
    password = "Sehr-geheim-2026"
    name = f"backup_{next(_names)}"
    plain = cluster.create_database(name)
    seeded(plain, tickets=2)
    url = plain.replace("postgres@", f"postgres:{password}@")
    calls: list[tuple[list[str], dict[str, str]]] = []
    real_run = subprocess.run

    def spy(command, *args, **kwargs):
        calls.append((list(command), dict(kwargs.get("env") or {})))
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(backups.subprocess, "run", spy)
    info = backup(url, tmp_path / "secret.dump")
    restore(info.path, url)
    with pytest.raises(ValidationError) as refused:   # a failing pg_dump: its message is relayed, without it
        backup(url.replace(f"/{name}", "/no_such_database"), tmp_path / "none.dump")
    assert "no_such_database" in str(refused.value) and password not in str(refused.value)
    assert {Path(command[0]).name for command, _ in calls} == {"pg_dump", "pg_restore"}
    for command, env in calls:
        assert not any(password in part for part in command)
        assert env.get("PGPASSWORD") == password
    assert password not in repr(info) and password not in backups.describe_database(url)


def test_migrate_after_a_postgres_restore_leaves_the_current_schema(cluster, tmp_path):
    url = seeded(cluster.create_database(f"backup_{next(_names)}"), tickets=1)
    info = backup(url, tmp_path / "m.dump")
    restore(info.path, url)
    open_database(url)
    try:
        assert migrate() == 0
    finally:
        close_database()


def test_an_older_postgres_backup_replaces_a_newer_database_and_is_migrated(cluster, tmp_path):
    old = cluster.create_database(f"backup_{next(_names)}")
    open_database(old)
    try:
        for version, step in MIGRATIONS[:3]:    # a database as the version-3 release left it
            with database.atomic():
                step()
                SchemaVersion.create(version=version)
    finally:
        close_database()
    info = backup(old, tmp_path / "v3.dump")
    assert info.schema_version == 3
    current = seeded(cluster.create_database(f"backup_{next(_names)}"), tickets=3)   # tables version 3 had not
    result = restore(info.path, current)
    assert (result.schema_version, result.migrations_applied) == (3, CURRENT_VERSION - 3)
    open_database(current)
    try:
        assert schema_differences(database.obj) == []
        assert Ticket.select().count() == 0 and Customer.select().count() == 0
        assert not Staff.select().where(Staff.username == "reception").exists()   # today's people are gone
    finally:
        close_database()
