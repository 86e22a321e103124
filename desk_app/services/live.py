"""Live updates between desks: a write tells the others in its own transaction, a listener hears the others.

On PostgreSQL a change is announced with `pg_notify('desk_changes', payload)` inside the transaction that makes it, so
it is delivered exactly when (and only if) the change commits; a listening desk holds a connection of its own with
`LISTEN desk_changes` and waits on its socket. On SQLite (several windows on one PC) there is no NOTIFY: the listener
asks `PRAGMA data_version` a few times a second (no read of any table) and, when another connection committed, reads
the history rows written since the last look (the append-only history is the change log: every change of a ticket
writes one). No Qt here: desk_app.ui.live runs a listener on a worker thread and turns what it hears into a signal.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import select
import sqlite3
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from playhouse.db_url import parse as parse_url

from desk_app.models.db import database, is_postgres

log = logging.getLogger(__name__)

CHANNEL = "desk_changes"
# Who this process is in a payload: a desk skips what it announced itself (its own window already knows).
DESK_TOKEN = f"{os.getpid()}-{secrets.token_hex(4)}"
# PostgreSQL refuses a NOTIFY payload of 8000 bytes or more: ids are sent in batches that stay well below.
MAX_PAYLOAD = 7000
# How long a listener waits in one round, and how often the SQLite one asks whether anything was committed.
WAIT_SECONDS = 1.0
SQLITE_POLL_SECONDS = 0.1
# A history read after a change takes at most this many rows; more means a bulk change: every row is suspect.
HISTORY_BATCH = 5000
# Waits between attempts to reach the database again after the listener's connection was lost.
BACKOFF_SECONDS = (0.2, 0.5, 1.0, 2.0, 5.0)
# A listener that heard nothing for this long checks its PostgreSQL connection (a dropped network is silent).
PING_SECONDS = 10.0

RECONNECTED = "reconnected"
LOST = "lost"   # the listener's connection was lost (the server or the network may be away)
# The history rows written since the last look, with their ticket's version now (by both primary keys).
HISTORY_SINCE = ("SELECT h.id, h.ticket_id, h.action, t.version FROM history h JOIN ticket t ON t.id = h.ticket_id "
                 "WHERE h.id > ? ORDER BY h.id LIMIT ?")


@dataclass(frozen=True)
class RemoteChange:
    """What another desk changed: `kind` "ticket" with the ticket ids and the action; or kind "reconnected" (the
    listener was cut off and is back: what happened meanwhile is unknown, so count everything again once).
    `sent_at` is the sender's wall-clock time (None on SQLite), for measuring how long a change took to arrive."""

    kind: str
    ids: tuple[int, ...] = ()
    action: str = ""
    desk: str = ""
    sent_at: float | None = None
    received_at: float = field(default_factory=time.time, compare=False)


# ----- sending -------------------------------------------------------------------------------------------------------


def payloads(kind: str, ids: Iterable[int], action: str, *, desk: str = DESK_TOKEN,
             at: float | None = None) -> list[str]:
    """The JSON payloads announcing a change of `ids` (several when the ids would not fit in one)."""
    ids = sorted({int(i) for i in ids})
    at = round(time.time() if at is None else at, 3)
    head = {"kind": kind, "action": action, "desk": desk, "at": at}
    room = MAX_PAYLOAD - len(json.dumps({**head, "ids": []}, separators=(",", ":")))
    batches: list[list[int]] = [[]]
    used = 0
    for ticket_id in ids:
        size = len(str(ticket_id)) + 1
        if batches[-1] and used + size > room:
            batches.append([])
            used = 0
        batches[-1].append(ticket_id)
        used += size
    return [json.dumps({**head, "ids": batch}, separators=(",", ":")) for batch in batches]


def announce(kind: str, ids: Iterable[int], action: str) -> None:
    """Tell the other desks, inside the caller's transaction, that `ids` changed (PostgreSQL delivers it when the
    transaction commits and drops it when it rolls back). On SQLite nothing is sent: the history row is the news."""
    if not is_postgres():
        return
    for payload in payloads(kind, ids, action):
        database.execute_sql("SELECT pg_notify(%s, %s)", (CHANNEL, payload))


def parse_payload(payload: str) -> RemoteChange | None:
    """A payload of announce() as a RemoteChange; None for one that is not (someone else's NOTIFY on the channel)."""
    try:
        data = json.loads(payload)
        ids = tuple(int(i) for i in data.get("ids", ()))
        at = data.get("at")
        return RemoteChange(str(data["kind"]), ids, str(data.get("action", "")), str(data.get("desk", "")),
                            float(at) if at is not None else None)
    except (ValueError, TypeError, KeyError, AttributeError):
        log.warning("ignored a notification that is not a desk change: %.200s", payload)
        return None


# ----- listening -----------------------------------------------------------------------------------------------------


class _PostgresSource:
    """LISTEN on a connection of its own (autocommit); wait() sleeps on its socket."""

    def __init__(self, params: dict) -> None:
        import psycopg2

        self._connection = psycopg2.connect(keepalives=1, keepalives_idle=5, keepalives_interval=2,
                                            keepalives_count=3, connect_timeout=5, **params)
        self._connection.autocommit = True
        with self._connection.cursor() as cursor:
            cursor.execute(f"LISTEN {CHANNEL}")
        self._quiet_since = time.monotonic()

    def wait(self, timeout: float) -> list[RemoteChange]:
        connection = self._connection
        if not connection.notifies:
            readable, _, _ = select.select([connection], [], [], timeout)
            if not readable and time.monotonic() - self._quiet_since > PING_SECONDS:
                with connection.cursor() as cursor:  # raises if the server is gone: the caller reconnects
                    cursor.execute("SELECT 1")
                self._quiet_since = time.monotonic()
        connection.poll()
        changes = []
        while connection.notifies:
            notify = connection.notifies.pop(0)
            change = parse_payload(notify.payload)
            if change is not None:
                changes.append(change)
        if changes:
            self._quiet_since = time.monotonic()
        return changes

    def close(self) -> None:
        self._connection.close()


class _SQLiteSource:
    """PRAGMA data_version on a connection of its own; the history rows since the last look say what changed."""

    def __init__(self, path: str, last_history_id: int | None) -> None:
        self._connection = sqlite3.connect(f"file:{urllib.parse.quote(path)}?mode=rw", uri=True, timeout=10,
                                           check_same_thread=False, isolation_level=None)
        self._connection.execute("PRAGMA busy_timeout = 10000")
        self._version = self._data_version()
        if last_history_id is None:
            last_history_id = self._connection.execute("SELECT coalesce(max(id), 0) FROM history").fetchone()[0]
        self.last_history_id = last_history_id

    def _data_version(self) -> int:
        return self._connection.execute("PRAGMA data_version").fetchone()[0]

    def wait(self, timeout: float, stop: threading.Event | None = None) -> list[tuple[int, str, int]]:
        """(ticket id, action, version) of history rows other connections committed; waits up to `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            version = self._data_version()
            if version != self._version:
                self._version = version
                return self._read_history()
            left = deadline - time.monotonic()
            if left <= 0 or (stop is not None and stop.is_set()):
                return []
            if stop is not None:
                stop.wait(min(SQLITE_POLL_SECONDS, left))
            else:
                time.sleep(min(SQLITE_POLL_SECONDS, left))

    def _read_history(self) -> list[tuple[int, str, int]]:
        # By the primary key from the last id seen: a range read of the newest rows, whatever the table's size.
        # One read transaction, so the versions are those of the same moment as the history rows.
        connection = self._connection
        connection.execute("BEGIN")
        try:
            rows = connection.execute(HISTORY_SINCE, (self.last_history_id, HISTORY_BATCH)).fetchall()
        finally:
            connection.execute("COMMIT")
        if rows:
            self.last_history_id = rows[-1][0]
            if len(rows) == HISTORY_BATCH:
                self._version = -1  # more to read: the next round reads on without waiting
        return [(ticket_id, action, version) for _id, ticket_id, action, version in rows]

    def close(self) -> None:
        self._connection.close()


class ChangeListener:
    """Hears the changes other desks commit to the database at `url`, on a connection of its own.

    run(emit, stop) loops until `stop` is set, calling emit(RemoteChange) for every change of another desk (the
    caller's own announcements are skipped), reconnecting with backoff when the connection is lost and then emitting
    one RemoteChange("reconnected"). Run it on a thread of its own; note_local() may be called from any thread.
    """

    def __init__(self, url: str, *, desk: str = DESK_TOKEN) -> None:
        if url.startswith("sqlite"):
            path = parse_url(url).get("database", "")
            if not path or path == ":memory:":
                raise ValueError("live updates need a database file or server, not an in-memory database")
            self._sqlite_path: str | None = path
            self._pg_params: dict = {}
        else:
            params = parse_url(url)
            params["dbname"] = params.pop("database")
            params.pop("passwd", None)
            self._pg_params = {k: v for k, v in params.items() if v is not None}
            if "password" not in self._pg_params and is_postgres() and database.obj.database == params["dbname"]:
                # A URL shown or saved has no password: the listener connects with the one the desk connected with.
                password = database.obj.connect_params.get("password")
                if password:
                    self._pg_params["password"] = password
            self._sqlite_path = None
        self.desk = desk
        self._source: _PostgresSource | _SQLiteSource | None = None
        self._last_history_id: int | None = None
        # SQLite history rows carry no desk: this process's own changes are known by the (ticket, version) they left.
        self._local: dict[int, int] = {}
        self._lock = threading.Lock()

    @property
    def is_postgres(self) -> bool:
        return self._sqlite_path is None

    def note_local(self, ticket_id: int | None, version: int | None) -> None:
        """This process itself changed `ticket_id` to `version` (from its EventBus): on SQLite its history row is
        not reported as another desk's change. (On PostgreSQL the payload names the desk.)"""
        if ticket_id is None or version is None:
            return
        with self._lock:
            if self._local.get(ticket_id, 0) < version:
                self._local[ticket_id] = version
            if len(self._local) > 10_000:
                self._local.clear()  # a long session: forget; at worst a change of our own is refetched once

    def connect(self) -> None:
        """Open the listening connection (raises if the database cannot be reached)."""
        self.close()
        if self._sqlite_path is not None:
            self._source = _SQLiteSource(self._sqlite_path, self._last_history_id)
        else:
            self._source = _PostgresSource(self._pg_params)

    def poll(self, timeout: float = WAIT_SECONDS, stop: threading.Event | None = None) -> list[RemoteChange]:
        """One round: wait up to `timeout` and return the other desks' changes heard (connects first if needed).
        Raises what the connection raises when it is lost (run() handles that)."""
        if self._source is None:
            self.connect()
        source = self._source
        if isinstance(source, _PostgresSource):
            return [c for c in source.wait(timeout) if c.desk != self.desk]
        rows = source.wait(timeout, stop)
        self._last_history_id = source.last_history_id
        return self._sqlite_changes(rows)

    def _sqlite_changes(self, rows: list[tuple[int, str, int]]) -> list[RemoteChange]:
        by_action: dict[str, set[int]] = {}
        with self._lock:
            for ticket_id, action, version in rows:
                if self._local.get(ticket_id) == version:
                    continue  # the ticket is as this process left it
                by_action.setdefault(action, set()).add(ticket_id)
        return [RemoteChange("ticket", tuple(sorted(ids)), action) for action, ids in by_action.items()]

    def run(self, emit: Callable[[RemoteChange], None], stop: threading.Event, *,
            timeout: float = WAIT_SECONDS) -> None:
        """Listen until `stop` is set; survives the database going away (reconnects with backoff)."""
        failures = 0
        lost = False
        while not stop.is_set():
            try:
                if self._source is None:
                    self.connect()
                    if lost:
                        lost, failures = False, 0
                        log.info("live updates: reconnected")
                        emit(RemoteChange(RECONNECTED))
                changes = self.poll(timeout, stop)
            except Exception as error:  # noqa: BLE001 - any failure of the connection: drop it and try again
                if not lost:
                    # The type only: a driver's message may quote the connection string.
                    log.warning("live updates: connection lost (%s); reconnecting", type(error).__name__)
                    emit(RemoteChange(LOST))
                lost = True
                self.close()
                stop.wait(BACKOFF_SECONDS[min(failures, len(BACKOFF_SECONDS) - 1)])
                failures += 1
                continue
            for change in changes:
                emit(change)
        self.close()

    def close(self) -> None:
        source, self._source = self._source, None
        if source is not None:
            try:
                source.close()
            except Exception:  # noqa: BLE001 - closing a connection that is already gone
                log.debug("closing the listener's connection failed", exc_info=True)
