"""The one seam to the database: a proxy bound at start-up from a URL (SQLite file by default, PostgreSQL when shared)."""

from __future__ import annotations

import contextlib
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlparse, urlsplit, urlunsplit

# peewee imports the PostgreSQL driver as it loads (psycopg2, with libpq and OpenSSL: some 35 ms of every start); a
# desk on SQLite never uses it. It is held back while peewee and playhouse load (an entry of None in sys.modules makes
# `import psycopg2` fail), and _load_postgres_driver() hands it to peewee when a PostgreSQL database is made. When
# something imported peewee first, peewee has its driver and nothing is held back.
_DRIVER_HELD_BACK = "peewee" not in sys.modules and "psycopg2" not in sys.modules
if _DRIVER_HELD_BACK:
    sys.modules["psycopg2"] = None  # type: ignore[assignment]
try:
    import peewee
    from playhouse.db_url import connect as connect_url
    from playhouse.db_url import register_database
finally:
    if _DRIVER_HELD_BACK and "psycopg2" in sys.modules and sys.modules["psycopg2"] is None:
        del sys.modules["psycopg2"]

from desk_app.core.errors import DatabaseBusy, DatabaseUnavailable  # noqa: E402 - after the held-back import

database = peewee.DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",      # readers never wait for the writer
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": 10000,      # a second desk's write waits instead of failing with "database is locked"
    "cache_size": -32000,
}


_CONNECTION_ERRORS = (peewee.OperationalError, peewee.InterfaceError)
# Statements that change nothing when repeated: after a lost connection they are sent again on a new one.
_REPEATABLE = ("SELECT", "BEGIN", "SHOW", "PRAGMA")


class _SurvivesOutages:
    """A database that outlives its server's restarts and says so instead of failing with a driver's traceback.

    Outside a transaction, a statement that fails because the connection is gone (server restarted, network cut) is
    sent again once on a new connection if it changes nothing (a read, a BEGIN); anything else raises
    `DatabaseUnavailable`, and the next call connects afresh. Inside a transaction nothing is retried: the
    transaction is lost with its connection (the server rolls it back), the caller gets `DatabaseUnavailable`, and
    the next transaction starts on a new connection. "database is locked" past SQLite's busy timeout becomes
    `DatabaseBusy`.
    """

    def _connection_lost(self, error: Exception) -> bool:
        return False

    def _busy(self, error: Exception) -> bool:
        return False

    def _translated(self, error: Exception) -> Exception | None:
        if self._busy(error):
            return DatabaseBusy()
        if self._connection_lost(error):
            return DatabaseUnavailable()
        return None

    def _discard_connection(self) -> None:
        """Forget a dead connection (outside a transaction) so that the next statement connects again."""
        if self.in_transaction():
            return
        conn = self._state.conn
        self._state.reset()
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()

    def _guarded(self, run: Callable[..., object], statement: str, *args, **kwargs):
        if not self.in_transaction() and self._dead(self._state.conn):
            self._discard_connection()
        try:
            return run(*args, **kwargs)
        except _CONNECTION_ERRORS as error:
            translated = self._translated(error)
            if translated is None:
                raise
            if isinstance(translated, DatabaseUnavailable) and not self.in_transaction():
                self._discard_connection()
                if statement.lstrip()[:6].upper().startswith(_REPEATABLE):
                    try:
                        return run(*args, **kwargs)
                    except _CONNECTION_ERRORS as again:
                        translated = self._translated(again) or translated
                        self._discard_connection()
            raise translated from error

    @staticmethod
    def _dead(conn: object) -> bool:
        return False

    def connect(self, reuse_if_open: bool = False) -> bool:
        try:
            return super().connect(reuse_if_open)
        except _CONNECTION_ERRORS as error:
            if self._connection_lost(error):
                raise DatabaseUnavailable() from error
            raise

    def execute_sql(self, sql, params=None):
        return self._guarded(super().execute_sql, sql, sql, params)

    def begin(self, *args, **kwargs):
        return self._guarded(super().begin, "BEGIN", *args, **kwargs)

    def commit(self):
        try:
            return super().commit()
        except _CONNECTION_ERRORS as error:
            translated = self._translated(error)
            if translated is None:
                raise
            raise translated from error

    def rollback(self):
        try:
            return super().rollback()
        except _CONNECTION_ERRORS as error:
            if not self._connection_lost(error):
                raise
            # The server dropped the transaction with the connection: nothing to undo, start afresh next time.
            self._discard_connection()


_LOST_MESSAGES = ("server closed the connection", "terminating connection", "connection already closed",
                  "the connection is closed", "could not connect", "connection refused", "connection to server",
                  "no connection to the server", "could not receive data", "could not send data",
                  "ssl connection has been closed", "connection timed out", "the database system is shutting down",
                  "the database system is starting up", "the database system is in recovery mode")


_NOT_AN_OUTAGE = ("authentication failed", "does not exist", "pg_hba.conf", "permission denied",
                  "no password supplied", "too many connections")


def _load_postgres_driver() -> None:
    """Give peewee the PostgreSQL driver that was held back when it was imported (see the imports above): what
    peewee's own import would have done. Nothing when peewee has a driver; when psycopg2 is not installed, peewee
    says so when it connects ("psycopg2 postgres driver not found"), as before."""
    if peewee.psycopg2 is not None or peewee.psycopg is not None:
        return
    try:
        import psycopg2
        from psycopg2 import extensions, extras
    except ImportError:
        return
    extras.register_uuid()
    peewee.psycopg2 = psycopg2
    peewee.pg_extensions = extensions
    peewee.pg_register_uuid = extras.register_uuid
    peewee.Json_pg2 = extras.Json
    adapter = peewee.Psycopg2Adapter
    adapter.txn_idle = extensions.TRANSACTION_STATUS_IDLE
    adapter.txn_inerror = extensions.TRANSACTION_STATUS_INERROR
    adapter.txn_unknown = extensions.TRANSACTION_STATUS_UNKNOWN
    postgres_ext = sys.modules.get("playhouse.postgres_ext")
    if postgres_ext is not None:
        postgres_ext.register_hstore = extras.register_hstore


class ResilientPostgresqlDatabase(_SurvivesOutages, peewee.PostgresqlDatabase):
    """PostgreSQL that reconnects after the server restarts (see `_SurvivesOutages`)."""

    def init(self, database, **kwargs):
        _load_postgres_driver()  # before peewee picks its driver's adapter
        super().init(database, **kwargs)

    def _connection_lost(self, error: Exception) -> bool:
        text = str(error).lower()
        if any(message in text for message in _NOT_AN_OUTAGE):
            return False   # the server answered: a wrong setting is no outage (and is not retried)
        if isinstance(error, peewee.InterfaceError) or self._dead(self._state.conn):
            return True
        return any(message in text for message in _LOST_MESSAGES)

    @staticmethod
    def _dead(conn: object) -> bool:
        # psycopg2: closed is 1 after close(), 2 after the server went away; psycopg 3: closed/broken flags.
        return conn is not None and bool(getattr(conn, "closed", False) or getattr(conn, "broken", False))


# SQLite's own advice: PRAGMA optimize as each connection closes. It analyses a table whose indexes the connection's
# queries used and that has an index with no statistics (never analysed, or made by a migration since) or has grown
# 25-fold since them. Statistics that miss an index mislead the planner: 1,000,000 tickets analysed before schema 8
# added (state, id) had the first page of 已归档 read through that index and every archived ticket sorted (2.4 s)
# where (state, created_at) gives the page in order (4 ms). analysis_limit keeps each ANALYZE to about that many rows
# of every index: a few ms at any size. It never waits for another connection's write (busy_timeout 0).
ANALYSIS_LIMIT = 1000


def _optimize(conn: sqlite3.Connection) -> None:
    try:
        conn.execute("PRAGMA busy_timeout = 0")
        conn.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
        conn.execute("PRAGMA optimize")
    except sqlite3.Error:   # a read-only or damaged file, another desk writing: the statistics wait for next time
        pass


class ResilientSqliteDatabase(_SurvivesOutages, peewee.SqliteDatabase):
    """SQLite whose "database is locked" past the busy timeout is a `DatabaseBusy` for the user to read, and that
    brings the planner's statistics up to date as a connection closes."""

    def _close(self, conn: sqlite3.Connection) -> None:
        _optimize(conn)
        super()._close(conn)

    def _busy(self, error: Exception) -> bool:
        cause = error.__cause__ if isinstance(error.__cause__, sqlite3.Error) else error
        text = str(cause).lower()
        return "database is locked" in text or "database is busy" in text or "database table is locked" in text


register_database(ResilientPostgresqlDatabase, "postgres", "postgresql")
register_database(ResilientSqliteDatabase, "sqlite")

# A desk that cannot reach its server says so within seconds instead of hanging on a dead network.
POSTGRES_CONNECT_TIMEOUT = 5


def open_database(url: str) -> peewee.Database:
    """Connect the proxy to `url` (sqlite:///path, postgresql://…) and return the real database."""
    url = check_url(url, create=True)  # never a memory database, never over a file that is not one
    if url.startswith("sqlite"):
        # IMMEDIATE: a write transaction takes the write lock at BEGIN, so number allocation cannot race.
        db = connect_url(url, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE")
    else:
        _load_postgres_driver()  # also for the URL schemes of peewee's own classes (postgres+pool://…)
        # A password with @ : / in it is written %-encoded in the URL (as libpq reads URIs).
        db = connect_url(url, unquote_password=True)
        db.connect_params.setdefault("connect_timeout", POSTGRES_CONNECT_TIMEOUT)
    database.initialize(db)
    db.connect(reuse_if_open=True)
    return db


def close_database() -> None:
    if database.obj is not None and not database.is_closed():
        database.close()


def is_postgres() -> bool:
    return isinstance(database.obj, peewee.PostgresqlDatabase)


@contextlib.contextmanager
def transaction() -> Iterator[None]:
    """A write transaction: everything inside commits together or not at all."""
    with database.atomic():
        yield


# Statements run on every save (the actor's record, the rows of a new ticket, the register day's check), written once
# per kind of database instead of being built again by peewee each time: building one costs more than running it.
_PREPARED: dict[tuple[object, ...], str] = {}
_PREPARED_PARAMS: dict[tuple[object, ...], int] = {}


def execute_prepared(name: str, build: Callable[[], peewee.Node], params: list[object]):
    """Run the query `build` returns (built once per kind of database, kept under `name`) with `params` in place of
    the parameters it was built with, in their order; returns the cursor."""
    key = (name, is_postgres())
    sql = _PREPARED.get(key)
    if sql is None:
        sql, built = database.get_sql_context().sql(build()).query()
        _PREPARED[key], _PREPARED_PARAMS[key] = sql, len(built)
    if len(params) != _PREPARED_PARAMS[key]:
        raise ValueError(f"{name}: {len(params)} parameters for a statement of {_PREPARED_PARAMS[key]}")
    return database.execute_sql(sql, params)


def insert_row(row: peewee.Model) -> int:
    """INSERT the fields set on a new model instance, as `row.save(force_insert=True)` would (the same columns, the
    values converted by their fields), by a statement written once for those columns; sets and returns its id."""
    model = type(row)
    data = {name: value for name, value in row.__data__.items() if name != "id"}
    postgres = is_postgres()
    key = (model, tuple(data), postgres)
    fields = model._meta.fields
    sql = _PREPARED.get(key)
    if sql is None:
        mark = "%s" if postgres else "?"
        columns = ", ".join(f'"{fields[name].column_name}"' for name in data)
        sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({", ".join(mark for _ in data)})'
        if postgres:
            sql += ' RETURNING "id"'
        _PREPARED[key] = sql
    cursor = database.execute_sql(sql, [fields[name].db_value(value) for name, value in data.items()])
    row.id = cursor.fetchone()[0] if postgres else cursor.lastrowid
    row._dirty.clear()
    return row.id


# ----- which URLs may be opened ---------------------------------------------------------------------------------------

SQLITE_HEADER = b"SQLite format 3\x00"
_POSTGRES_SCHEMES = ("postgres", "postgresql", "postgres+pool", "postgresql+pool", "psycopg3")


class DatabaseUrlError(ValueError):
    """A database URL refused before anything is opened or created; the message is one line without a password."""


def redact_url(url: str) -> str:
    """`url` with its password (in the address or as ?password=) shown as ***: the only form a message may show."""
    parts = urlsplit(url)
    if parts.password is None and url_password(url) is None:
        return url
    netloc = parts.netloc
    if parts.password is not None:
        user, _, host = netloc.rpartition("@")
        name = user.partition(":")[0]
        netloc = f"{name}:***@{host}"
    query = parts.query
    if query:
        pairs = [(key, "***" if key.lower() in ("password", "passwd") else value)
                 for key, value in parse_qsl(query, keep_blank_values=True)]
        query = "&".join(f"{key}={value}" for key, value in pairs)
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def url_password(url: str) -> str | None:
    """The password a URL carries (in the address or as ?password=), unquoted; None if it has none."""
    parts = urlsplit(url)
    if parts.password is not None:
        return unquote(parts.password)
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key.lower() in ("password", "passwd"):
            return value
    return None


def redact_text(text: str, url: str) -> str:
    """An error's text on one line, with the password of `url` and the URL itself shown redacted."""
    password = url_password(url)
    text = " ".join(str(text).split())
    if url:
        text = text.replace(url, redact_url(url))
    if password:
        text = text.replace(password, "***")
        quoted = urlsplit(url).password
        if quoted and quoted != password:
            text = text.replace(quoted, "***")
    return text


def sqlite_file(url: str) -> str | None:
    """The file an sqlite:/// URL names, read as playhouse.db_url reads it ('' for none); None for other kinds."""
    parts = urlparse(url)
    if "sqlite" not in parts.scheme:
        return None
    return parts.path[1:]


def check_url(url: str, *, create: bool) -> str:
    """`url` if it may be opened, else DatabaseUrlError saying why in one line (the URL in it redacted).

    Refused always: no URL, an unknown kind, an SQLite database in memory (it keeps nothing), a folder, an existing
    file that is not an SQLite database (it is never overwritten), a server URL with no database name. Refused
    unless `create` (init-db, the window's first start on the embedded database): an SQLite file that does not exist
    yet, or an empty one."""
    if not url or not url.strip():
        raise DatabaseUrlError("no database given: use --database sqlite:///path/desk.db or "
                               "postgresql://user@host/db, or set DESK_DATABASE_URL")
    if "\x00" in url:
        raise DatabaseUrlError("the database URL contains a NUL character")
    try:
        shown = redact_url(url)
        scheme = urlsplit(url).scheme.lower()
        urlsplit(url).port  # noqa: B018 - raises ValueError for a port that is not a number from 0 to 65535
    except ValueError as error:  # e.g. a port that is not a number, a bracket left open
        raise DatabaseUrlError(f"not a database URL: {error}") from None
    path = sqlite_file(url)
    if path is not None:
        query = urlsplit(url).query.lower()
        if not path or path == ":memory:" or path.startswith("file::memory:") or "mode=memory" in query:
            raise DatabaseUrlError(f"{shown} is a database in memory, which keeps nothing: give a file, e.g. "
                                   f"sqlite:///path/desk.db")
        try:
            _check_sqlite_file(Path(path), create=create)
        except OSError as error:  # a name too long, a folder that may not be read
            raise DatabaseUrlError(f"cannot use {path}: {error.strerror}") from None
        return url
    if scheme in _POSTGRES_SCHEMES:
        if not urlsplit(url).path.strip("/"):
            raise DatabaseUrlError(f"{shown} names no database: postgresql://user@host/dbname")
        return url
    raise DatabaseUrlError(f"{shown} is not a database URL: use sqlite:///path/desk.db or postgresql://user@host/db")


def _check_sqlite_file(file: Path, *, create: bool) -> None:
    """check_url's part for an SQLite file (the header read, never written); OSError for a name the system refuses."""
    path = str(file)
    if file.is_dir():
        raise DatabaseUrlError(f"{path} is a folder, not a database file")
    if not file.exists():
        if not create:
            raise DatabaseUrlError(f"no database at {path}; create it with `desk-app init-db`")
        if not file.parent.is_dir():
            raise DatabaseUrlError(f"cannot create {path}: the folder {file.parent} does not exist")
        return
    if not file.is_file():
        raise DatabaseUrlError(f"{path} is not a regular file, not a database file")
    with file.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if not header and not create:
        raise DatabaseUrlError(f"{path} is empty, not a database; create it with `desk-app init-db`")
    if header and header != SQLITE_HEADER:
        raise DatabaseUrlError(f"{path} is not an SQLite database; it is left as it is")


def probe_database(url: str, *, timeout: float = 5.0) -> str:
    """Connect to `url` on a connection of its own (the proxy is left as it is), read the server's version and
    disconnect: "PostgreSQL 15.8", "SQLite 3.40.1". A refused URL or a failed connection raises DatabaseUrlError
    whose one-line text never holds the password. For the connection dialog's test button, off the window's thread."""
    from playhouse.db_url import parse as parse_url

    check_url(url, create=False)
    path = sqlite_file(url)
    try:
        if path is not None:
            # Read-only: testing never writes, nor creates a journal.
            db = peewee.SqliteDatabase(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=timeout)
            query = "SELECT 'SQLite ' || sqlite_version(), count(*) FROM sqlite_master"
        else:
            params = parse_url(url, unquote_password=True)
            params["connect_timeout"] = max(1, round(timeout))
            _load_postgres_driver()
            db = peewee.PostgresqlDatabase(**params)
            query = "SELECT 'PostgreSQL ' || current_setting('server_version'), 0"
        try:
            db.connect()
            version, _ = db.execute_sql(query).fetchone()
        finally:
            if not db.is_closed():
                db.close()
    except Exception as error:
        raise DatabaseUrlError(redact_text(str(error), url) or type(error).__name__) from None
    return str(version)


def failure_text(error: BaseException, url: str) -> str:
    """Why opening `url` failed, on one line, with the driver's own reason when a friendlier error wraps it ("the
    database cannot be reached: … database "x" does not exist"), and never the password."""
    text = str(error) or type(error).__name__
    cause = error.__cause__
    if cause is not None and str(cause) and str(cause) not in text:
        text = f"{text.rstrip('.')}: {cause}"
    return redact_text(text, url)


def sqlite_file_problem(error: BaseException) -> str | None:
    """Why a database error means the SQLite file itself cannot be used, on one line ("the database file is
    read-only (...)", "... is damaged or not a database (...)"); None for any other error (a server away, a bug)."""
    if not isinstance(error, (sqlite3.DatabaseError, peewee.DatabaseError)):
        return None
    text = " ".join((str(error) or type(error).__name__).split())[:300]
    if "readonly" in text or "read-only" in text:
        return f"the database file is read-only ({text})"
    return f"the database file is damaged or not a database ({text})"
