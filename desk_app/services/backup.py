"""Backups: a consistent copy of the live database in one file, and a restore that refuses what it cannot trust.

SQLite is copied with its online backup API (a snapshot taken in one read transaction while other desks go on
writing; copying the file could catch a half-written page or miss the WAL), PostgreSQL with `pg_dump --format=custom`.
A restore reads the file's schema version before touching anything and refuses a file from a newer program.
The password of a PostgreSQL URL travels to pg_dump/pg_restore in PGPASSWORD only: never in argv or a message.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from desk_app import paths
from desk_app.core.errors import ValidationError
from desk_app.core.labels import QT_TRANSLATE_NOOP
from desk_app.models.db import close_database, database, open_database
from desk_app.models.migrations import CURRENT_VERSION, migrate, schema_version

Progress = Callable[[int, int], None]

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
DEFAULT_KEEP = 14
# desk-2026-12-01.db (SQLite) / desk-2026-12-01.dump (PostgreSQL): the daily backups, the only files pruning deletes.
DAILY_PATTERN = re.compile(r"^desk-(\d{4}-\d{2}-\d{2})\.(db|dump)$")

B_EXISTS = QT_TRANSLATE_NOOP("DeskError", "{path} already exists: choose another file or overwrite it (--force).")
B_IS_FOLDER = QT_TRANSLATE_NOOP("DeskError", "{path} is a folder: give the name of the backup file.")
B_CANNOT_WRITE = QT_TRANSLATE_NOOP("DeskError", "Cannot write into {folder}: {reason}.")
B_NO_FOLDER = QT_TRANSLATE_NOOP("DeskError", "The folder {folder} does not exist.")
B_NO_DATABASE = QT_TRANSLATE_NOOP("DeskError", "There is no database at {path}.")
B_MEMORY = QT_TRANSLATE_NOOP("DeskError", "An in-memory database cannot be backed up or restored.")
B_NOT_DESK = QT_TRANSLATE_NOOP("DeskError", "{path} is not a desk database (it has no schema version).")
B_DAMAGED = QT_TRANSLATE_NOOP("DeskError", "The copy failed its integrity check ({detail}); nothing was written.")
B_NOT_BACKUP = QT_TRANSLATE_NOOP("DeskError", "{path} is not a backup (neither a SQLite database nor a pg_dump "
                                              "archive).")
B_NOT_FOUND = QT_TRANSLATE_NOOP("DeskError", "There is no file {path}.")
B_WRONG_KIND = QT_TRANSLATE_NOOP("DeskError", "{path} is a {kind} backup; it cannot be restored into a {target} "
                                              "database.")
B_NEWER = QT_TRANSLATE_NOOP("DeskError", "{path} comes from a newer program (schema version {version}, this program "
                                         "knows {current}): update the program before restoring it.")
B_BAD_BACKUP = QT_TRANSLATE_NOOP("DeskError", "{path} is damaged ({detail}); nothing was restored.")
B_IN_USE = QT_TRANSLATE_NOOP("DeskError", "The database {path} is in use: close the app on it (every window and "
                                          "desk) and restore again.")
B_TARGET_NOT_DB = QT_TRANSLATE_NOOP("DeskError", "{path} is not a SQLite database; it is not overwritten.")
B_NO_TOOL = QT_TRANSLATE_NOOP("DeskError", "{tool} is not installed (the PostgreSQL client programs); install it and "
                                           "try again.")
B_TOOL_FAILED = QT_TRANSLATE_NOOP("DeskError", "{tool} failed: {detail}")
B_UNSUPPORTED = QT_TRANSLATE_NOOP("DeskError", "Backups are made of SQLite and PostgreSQL databases only, not {scheme}.")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str                 # "sqlite" or "postgresql"
    schema_version: int
    size: int                 # bytes
    tickets: int | None       # counted in a SQLite copy; None for a pg_dump archive


@dataclass(frozen=True)
class RestoreInfo:
    path: Path
    kind: str
    schema_version: int       # the backup's
    migrations_applied: int   # an older backup is brought up to this program's schema


# ----- the database a URL names ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Target:
    kind: str
    sqlite_path: Path | None = None
    host: str = ""
    port: int | None = None
    user: str = ""
    password: str = ""
    dbname: str = ""


def _target(url: str) -> _Target:
    parts = urlsplit(url)
    scheme = parts.scheme.split("+")[0]
    if scheme in ("sqlite", "sqliteext", "apsw"):
        # As playhouse.db_url: the path follows the third slash (sqlite:///rel.db, sqlite:////abs/desk.db).
        path = unquote(parts.path)[1:]
        if not path or path == ":memory:" or "mode=memory" in parts.query:
            raise ValidationError(B_MEMORY, field="database")
        return _Target("sqlite", sqlite_path=Path(path))
    if scheme in ("postgres", "postgresql", "postgresext", "psycopg3", "cockroachdb"):
        return _Target("postgresql", host=parts.hostname or "", port=parts.port, user=unquote(parts.username or ""),
                       password=unquote(parts.password or ""), dbname=unquote(parts.path.lstrip("/")))
    raise ValidationError(B_UNSUPPORTED, field="database", scheme=scheme or url.split(":")[0])


def describe_database(url: str) -> str:
    """The database a URL names, for a message: the SQLite file's path, or PostgreSQL's database and host; never the
    password."""
    where = _target(url)
    if where.kind == "sqlite":
        return str(where.sqlite_path)
    port = f":{where.port}" if where.port else ""
    return f"PostgreSQL {where.dbname} @ {where.host or 'localhost'}{port}"


def database_kind(url: str) -> str:
    """"sqlite" or "postgresql"; ValidationError for another scheme or an in-memory database."""
    return _target(url).kind


def _refuse_existing(target: Path, force: bool) -> None:
    if target.is_dir():
        raise ValidationError(B_IS_FOLDER, field="file", path=str(target))
    if target.exists() and not force:
        raise ValidationError(B_EXISTS, field="file", path=str(target))
    if not target.parent.is_dir():
        raise ValidationError(B_NO_FOLDER, field="file", folder=str(target.parent))


@contextlib.contextmanager
def _temp_beside(target: Path, suffix: str) -> Iterator[Path]:
    """A fresh temporary file name in the target's folder (so os.replace is atomic), removed unless it was moved."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    except OSError as error:
        raise ValidationError(B_CANNOT_WRITE, field="file", folder=str(target.parent),
                              reason=error.strerror or str(error)) from None
    os.close(fd)
    temp = Path(name)
    temp.unlink()   # sqlite3 and pg_dump create it themselves
    try:
        yield temp
    finally:
        for leftover in (temp, Path(f"{temp}-journal"), Path(f"{temp}-wal"), Path(f"{temp}-shm")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


# ----- SQLite ---------------------------------------------------------------------------------------------------


def _integrity(connection: sqlite3.Connection) -> str:
    """"ok", or the first problem PRAGMA integrity_check names."""
    return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


def _sqlite_schema_version(connection: sqlite3.Connection) -> int | None:
    """The highest schema_version row, None if the database has no such table (not a desk database)."""
    found = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
    if found.fetchone() is None:
        return None
    return int(connection.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0)


def _count_tickets(connection: sqlite3.Connection) -> int | None:
    try:
        return int(connection.execute("SELECT COUNT(*) FROM ticket").fetchone()[0])
    except sqlite3.DatabaseError:
        return None


def _is_sqlite_file(path: Path) -> bool:
    with path.open("rb") as stream:
        return stream.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC


def _backup_sqlite(source: Path, target: Path, progress: Progress | None) -> BackupInfo:
    if not source.is_file():
        raise ValidationError(B_NO_DATABASE, field="database", path=str(source))
    if not _is_sqlite_file(source):
        raise ValidationError(B_NOT_DESK, field="database", path=str(source))
    with _temp_beside(target, ".partial") as temp:
        live = sqlite3.connect(source, timeout=10)
        try:
            live.execute("PRAGMA busy_timeout = 10000")
            if _sqlite_schema_version(live) is None:
                raise ValidationError(B_NOT_DESK, field="database", path=str(source))
            copy = sqlite3.connect(temp)
            try:
                _report(progress, 0, 3)
                # pages=-1: the whole database in one step, inside one read transaction: a snapshot at one moment
                # while other desks keep writing (WAL). In several steps a write by another connection restarts
                # the copy, which under a busy desk may never finish.
                live.backup(copy, pages=-1)
                _report(progress, 1, 3)
                # The copy inherits WAL mode from the live file's header: one self-contained file instead.
                copy.execute("PRAGMA journal_mode = DELETE")
                problem = _integrity(copy)
                if problem != "ok":
                    raise ValidationError(B_DAMAGED, field="file", detail=problem)
                version = _sqlite_schema_version(copy) or 0
                tickets = _count_tickets(copy)
                _report(progress, 2, 3)
            finally:
                copy.close()
        finally:
            live.close()
        os.replace(temp, target)
    _report(progress, 3, 3)
    return BackupInfo(target, "sqlite", version, target.stat().st_size, tickets)


def _check_sqlite_backup(source: Path) -> int:
    """The schema version of a SQLite backup file, after refusing one that is damaged, not a desk database or newer."""
    if not _is_sqlite_file(source):
        raise ValidationError(B_NOT_BACKUP, field="file", path=str(source))
    # immutable: nothing is written beside the backup (no -shm, no -wal), even in a read-only folder.
    connection = sqlite3.connect(f"{source.resolve().as_uri()}?immutable=1", uri=True)
    try:
        try:
            problem = _integrity(connection)
            version = _sqlite_schema_version(connection)
        except sqlite3.DatabaseError as error:
            raise ValidationError(B_BAD_BACKUP, field="file", path=str(source), detail=str(error)) from None
    finally:
        connection.close()
    if problem != "ok":
        raise ValidationError(B_BAD_BACKUP, field="file", path=str(source), detail=problem)
    if version is None:
        raise ValidationError(B_NOT_DESK, field="file", path=str(source))
    if version > CURRENT_VERSION:
        raise ValidationError(B_NEWER, field="file", path=str(source), version=version, current=CURRENT_VERSION)
    return version


@contextlib.contextmanager
def _sole_use(path: Path) -> Iterator[Callable[[], None]]:
    """Hold `path` so no desk opens it during a restore; refuse if one has it open now. Yields `release`, to call
    just before the file is replaced (Windows replaces no file that is open, even by us).

    Leaving WAL mode needs the only connection to the file: while a desk has the database open (the app keeps its
    connection) the switch fails or stays in WAL, and the restore is refused. Then an exclusive lock keeps new
    openers out while the backup is copied and checked.
    """
    connection = sqlite3.connect(path, timeout=0.5, isolation_level=None)
    try:
        try:
            mode = connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            if str(mode).lower() != "delete":
                raise ValidationError(B_IN_USE, field="database", path=str(path))
            connection.execute("BEGIN EXCLUSIVE")
        except sqlite3.OperationalError:
            raise ValidationError(B_IN_USE, field="database", path=str(path)) from None
        except sqlite3.DatabaseError:
            raise ValidationError(B_TARGET_NOT_DB, field="database", path=str(path)) from None
        yield connection.close
    finally:
        connection.close()


def _restore_sqlite(source: Path, target: Path, progress: Progress | None) -> int:
    version = _check_sqlite_backup(source)
    if not target.parent.is_dir():
        raise ValidationError(B_NO_FOLDER, field="database", folder=str(target.parent))
    if target.exists() and target.stat().st_size > 0 and not _is_sqlite_file(target):
        raise ValidationError(B_TARGET_NOT_DB, field="database", path=str(target))
    hold = _sole_use(target) if target.exists() else contextlib.nullcontext(lambda: None)
    with hold as release, _temp_beside(target, ".restoring") as temp:
        _report(progress, 1, 4)
        backup_file = sqlite3.connect(f"{source.resolve().as_uri()}?immutable=1", uri=True)
        fresh = sqlite3.connect(temp)
        try:
            backup_file.backup(fresh, pages=-1)
            fresh.execute("PRAGMA journal_mode = DELETE")
            problem = _integrity(fresh)
        finally:
            fresh.close()
            backup_file.close()
        if problem != "ok":
            raise ValidationError(B_BAD_BACKUP, field="file", path=str(source), detail=problem)
        _report(progress, 2, 4)
        # The old file left WAL mode in _sole_use, so no -wal of it is left to be replayed into the new one.
        release()
        os.replace(temp, target)
        for stale in (Path(f"{target}-wal"), Path(f"{target}-shm"), Path(f"{target}-journal")):
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()
    return version


# ----- PostgreSQL -----------------------------------------------------------------------------------------------


def find_pg_tool(name: str) -> Path:
    """pg_dump / pg_restore: on PATH, else the newest /usr/lib/postgresql/*/bin (Debian keeps them there)."""
    found = shutil.which(name)
    if found:
        return Path(found)
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                        key=lambda p: int(re.search(r"/postgresql/(\d+)", p).group(1)))  # type: ignore[union-attr]
    if candidates:
        return Path(candidates[-1])
    raise ValidationError(B_NO_TOOL, field="database", tool=name)


def _pg_env(target: _Target) -> dict[str, str]:
    env = dict(os.environ)
    if target.password:
        env["PGPASSWORD"] = target.password
    return env


def _pg_connection_args(target: _Target) -> list[str]:
    args = []
    if target.host:
        args += ["--host", target.host]
    if target.port:
        args += ["--port", str(target.port)]
    if target.user:
        args += ["--username", target.user]
    return [*args, "--no-password"]   # never prompt: a missing password fails with a message instead of hanging


def _run_tool(tool: str, args: list[str], target: _Target, *, damaged: Path | None = None) -> str:
    """Run a PostgreSQL client program; its standard output, or ValidationError with its first error line (the
    backup `damaged` is named as damaged when the program fails)."""
    command = [str(find_pg_tool(tool)), *args]
    result = subprocess.run(command, env=_pg_env(target), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        lines = [line.strip() for line in result.stderr.splitlines() if line.strip()]
        detail = next((line for line in lines if "error" in line.lower() or "fatal" in line.lower()),
                      lines[0] if lines else f"exit code {result.returncode}")
        if target.password:
            detail = detail.replace(target.password, "***")
        if damaged is not None:
            raise ValidationError(B_BAD_BACKUP, field="file", path=str(damaged), detail=detail)
        raise ValidationError(B_TOOL_FAILED, field="database", tool=tool, detail=detail)
    return result.stdout


def _archive_schema_version(archive: Path, target: _Target, shown: Path | None = None) -> int | None:
    """The highest version in a pg_dump archive's schema_version table (None without one), read from the archive;
    a damaged archive is refused under the name `shown`."""
    text = _run_tool("pg_restore", ["--data-only", "--table=schema_version", "--file=-", str(archive)], target,
                     damaged=shown or archive)
    versions: list[int] = []
    column: int | None = None
    for line in text.splitlines():
        if column is None:
            found = re.match(r"COPY\s+\S*schema_version\s*\(([^)]*)\)\s+FROM\s+stdin", line)
            if found:
                names = [name.strip().strip('"') for name in found.group(1).split(",")]
                column = names.index("version")
            continue
        if line == "\\.":
            break
        versions.append(int(line.split("\t")[column]))
    if column is None:
        return None
    return max(versions, default=0)


def _is_pg_archive(path: Path) -> bool:
    with path.open("rb") as stream:
        return stream.read(len(PG_DUMP_MAGIC)) == PG_DUMP_MAGIC


def _backup_postgres(target: _Target, file: Path, progress: Progress | None) -> BackupInfo:
    with _temp_beside(file, ".partial") as temp:
        _report(progress, 0, 3)
        _run_tool("pg_dump", [*_pg_connection_args(target), "--format=custom", f"--file={temp}", "--",
                              target.dbname], target)
        _report(progress, 1, 3)
        version = _archive_schema_version(temp, target, file)
        if version is None:
            raise ValidationError(B_NOT_DESK, field="database", path=target.dbname)
        _report(progress, 2, 3)
        os.replace(temp, file)
    _report(progress, 3, 3)
    return BackupInfo(file, "postgresql", version, file.stat().st_size, None)


def _archive_tables(archive: Path, target: _Target) -> set[str]:
    """The tables of the public schema a pg_dump archive holds (its table of contents, `pg_restore --list`)."""
    listing = _run_tool("pg_restore", ["--list", str(archive)], target, damaged=archive)
    return {found.group(1) for found in re.finditer(r"^\d+; \d+ \d+ TABLE public (\S+) ", listing, re.MULTILINE)}


def _database_tables(url: str) -> tuple[set[str], int]:
    """The tables of the database at `url` and its schema version."""
    open_database(url)
    try:
        return set(database.get_tables()), schema_version()
    finally:
        close_database()


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _restore_postgres(source: Path, target: _Target, url: str, progress: Progress | None) -> int:
    version = _archive_schema_version(source, target)
    if version is None:
        raise ValidationError(B_NOT_DESK, field="file", path=str(source))
    if version > CURRENT_VERSION:
        raise ValidationError(B_NEWER, field="file", path=str(source), version=version, current=CURRENT_VERSION)
    _report(progress, 1, 4)
    connection = _pg_connection_args(target)
    # --clean drops only what the archive holds, as the archive holds it. A database of another schema version (an
    # older backup into a newer database) has tables, columns and foreign keys the archive does not know: then every
    # table goes first, or --clean fails on them or the upgrade after the restore meets today's rows.
    tables, target_version = _database_tables(url)
    if tables <= _archive_tables(source, target) and target_version in (0, version):
        # One transaction: a restore that fails half-way leaves the database as it was.
        _run_tool("pg_restore", [*connection, "--clean", "--if-exists", "--no-owner", "--single-transaction",
                                 f"--dbname={target.dbname}", str(source)], target)
    else:
        # The same restore as a script piped into psql, the database's tables dropped first, in one transaction.
        drops = "".join(f"DROP TABLE IF EXISTS public.{_quote(name)} CASCADE;\n" for name in sorted(tables))
        with tempfile.TemporaryFile() as script_errors:
            script = subprocess.Popen(
                [str(find_pg_tool("pg_restore")), "--clean", "--if-exists", "--no-owner", "--file=-", str(source)],
                env=_pg_env(target), stdout=subprocess.PIPE, stderr=script_errors)
            try:
                psql = subprocess.run(
                    [str(find_pg_tool("psql")), *connection, "--no-psqlrc", "--quiet", "--single-transaction",
                     "--set=ON_ERROR_STOP=1", f"--command={drops}", "--file=-", f"--dbname={target.dbname}"],
                    env={**_pg_env(target), "PGOPTIONS": "-c client_min_messages=warning"}, stdin=script.stdout,
                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                    text=True, check=False)
            finally:
                if script.stdout is not None:
                    script.stdout.close()
                script.wait()
            script_errors.seek(0)
            script_error = script_errors.read().decode(errors="replace")
        if script.returncode != 0 or psql.returncode != 0:
            lines = [line.strip() for line in (script_error + psql.stderr).splitlines() if line.strip()]
            detail = next((line for line in lines if "error" in line.lower() or "fatal" in line.lower()),
                          lines[0] if lines else f"exit code {psql.returncode or script.returncode}")
            if target.password:
                detail = detail.replace(target.password, "***")
            raise ValidationError(B_TOOL_FAILED, field="database", tool="pg_restore", detail=detail)
    _report(progress, 2, 4)
    return version


# ----- what the CLI and the window call -------------------------------------------------------------------------


def backup(url: str, target: Path, *, force: bool = False, progress: Progress | None = None) -> BackupInfo:
    """Copy the database at `url` into the new file `target` (an existing one only with force=True)."""
    where = _target(url)
    target = Path(target)
    _refuse_existing(target, force)
    if where.kind == "sqlite":
        assert where.sqlite_path is not None
        return _backup_sqlite(where.sqlite_path, target, progress)
    return _backup_postgres(where, target, progress)


def restore(source: Path, url: str, *, progress: Progress | None = None) -> RestoreInfo:
    """Replace the database at `url` by the backup `source`, then migrate it to this program's schema.

    Refused, with nothing changed: a missing file, a file that is not a backup of the right kind, a backup from a
    newer schema, and (SQLite) a database some desk has open.
    """
    where = _target(url)
    source = Path(source)
    if not source.is_file():
        raise ValidationError(B_NOT_FOUND, field="file", path=str(source))
    if _is_sqlite_file(source):
        kind = "sqlite"
    elif _is_pg_archive(source):
        kind = "postgresql"
    else:
        raise ValidationError(B_NOT_BACKUP, field="file", path=str(source))
    if kind != where.kind:
        raise ValidationError(B_WRONG_KIND, field="file", path=str(source), kind=_KIND_NAMES[kind],
                              target=_KIND_NAMES[where.kind])
    _report(progress, 0, 4)
    if kind == "sqlite":
        assert where.sqlite_path is not None
        version = _restore_sqlite(source, where.sqlite_path, progress)
    else:
        version = _restore_postgres(source, where, url, progress)
    _report(progress, 3, 4)
    open_database(url)
    try:
        applied = migrate()
    finally:
        close_database()
    _report(progress, 4, 4)
    return RestoreInfo(source, kind, version, applied)


_KIND_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


# ----- the daily backup of a single desk ------------------------------------------------------------------------


def default_backup_folder() -> Path:
    """Where a desk's daily backups go unless the user chose a folder: `backups` in the user's data folder."""
    return paths.data_dir() / "backups"


def daily_file_name(url: str, day: dt.date) -> str:
    suffix = "db" if database_kind(url) == "sqlite" else "dump"
    return f"desk-{day.isoformat()}.{suffix}"


def daily_backups(folder: Path) -> list[Path]:
    """The daily backup files in `folder`, oldest first (by the date in their name)."""
    if not folder.is_dir():
        return []
    found = [path for path in folder.iterdir() if path.is_file() and DAILY_PATTERN.match(path.name)]
    return sorted(found, key=lambda path: (DAILY_PATTERN.match(path.name).group(1), path.name))  # type: ignore[union-attr]


def prune_daily_backups(folder: Path, keep: int) -> list[Path]:
    """Delete the oldest daily backups beyond the newest `keep`; returns the files deleted. Other files stay."""
    keep = max(1, keep)
    found = daily_backups(folder)
    doomed = found[:-keep] if len(found) > keep else []
    for path in doomed:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    return doomed


def daily_backup(url: str, folder: Path, *, keep: int = DEFAULT_KEEP, today: dt.date | None = None,
                 progress: Progress | None = None) -> BackupInfo | None:
    """Today's backup into `folder` (made if missing), then the oldest beyond `keep` deleted; None if today's was
    already there."""
    today = today or dt.date.today()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / daily_file_name(url, today)
    made = None if target.exists() else backup(url, target, progress=progress)
    prune_daily_backups(folder, keep)
    return made
