"""Live updates between desks: a change committed by one process reaches another process's listener within 2 s, on
PostgreSQL (NOTIFY sent in the change's transaction) and on one SQLite file (PRAGMA data_version and the history)."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desk_app.core.kinds import TicketKind
from desk_app.core.validation import TicketDraft
from desk_app.models.db import close_database, database
from desk_app.services import live
from desk_app.services.demo import create_organization
from desk_app.services.desk import DeskService
from desk_app.services.events import EventBus
from desk_app.services.live import ChangeListener, RemoteChange
from desk_app.services.setup import init_database
from tests.postgres import Cluster

ROOT = Path(__file__).resolve().parents[2]
LATENCY_LIMIT = 2.0
_names = itertools.count()

# Another desk: its own process and connection. Reads commands from stdin ("create", "sensitive <id>", "dispatch <id>"),
# answers one JSON line each with the ticket's id and the wall-clock times before the call and after its commit.
WRITER = r"""
import json, sys, time
from desk_app.core.kinds import TicketKind
from desk_app.core.validation import TicketDraft
from desk_app.models.db import open_database
from desk_app.models.schema import Department
from desk_app.services.desk import Actor, DeskService
from desk_app.services.queries import staff_by_username

open_database(sys.argv[1])
service = DeskService()
desk = Actor.of(staff_by_username("reception"))
print("ready", flush=True)
for line in sys.stdin:
    command, *args = line.split()
    started = time.time()
    if command == "create":
        ticket_id = service.create_ticket(desk, TicketDraft(kind=TicketKind.CONSULTATION, description="另一台的咨询",
                                                            phone="13800138000", caller_name="李四"))
    elif command == "sensitive":
        ticket_id = int(args[0])
        service.set_sensitive(Actor.of(staff_by_username("supervisor")), ticket_id, True, "舆情")
    elif command == "dispatch":
        ticket_id = int(args[0])
        service.dispatch(desk, ticket_id, Department.get(Department.code == "finance").id)
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps({"id": ticket_id, "started": started, "committed": time.time()}), flush=True)
"""


class OtherDesk:
    """The writer above in a process of its own."""

    def __init__(self, url: str) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", WRITER, url], cwd=ROOT, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self.process.stdout.readline().strip() == "ready"

    def do(self, command: str) -> dict:
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, "the other desk's process ended"
        return json.loads(line)

    def close(self) -> None:
        self.process.stdin.close()
        code = self.process.wait(timeout=30)
        self.process.stdout.close()
        assert code == 0




class Heard:
    """A listener's run() on a thread, collecting what it hears."""

    def __init__(self, listener: ChangeListener) -> None:
        self.listener = listener
        self.changes: list[RemoteChange] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=listener.run, args=(self.changes.append, self.stop),
                                       kwargs={"timeout": 0.2})

    def __enter__(self) -> "Heard":
        self.listener.connect()  # listening before the other desk writes
        self.thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.stop.set()
        self.thread.join(timeout=10)
        assert not self.thread.is_alive()

    def wait_for(self, ticket_id: int, timeout: float = 5.0) -> RemoteChange:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for change in list(self.changes):
                if ticket_id in change.ids:
                    return change
            time.sleep(0.01)
        raise AssertionError(f"ticket {ticket_id} was not heard of within {timeout} s: {self.changes}")


def test_a_ticket_created_at_another_desk_is_heard_within_two_seconds(shared_database):
    other = OtherDesk(shared_database)
    try:
        with Heard(ChangeListener(shared_database)) as heard:
            made = other.do("create")
            change = heard.wait_for(made["id"])
    finally:
        other.close()
    assert change.kind == "ticket"
    assert change.action in {"create", "dispatch"}
    assert change.received_at - made["started"] < LATENCY_LIMIT


def test_a_change_of_an_existing_ticket_at_another_desk_is_heard_with_its_action(shared_database):
    other = OtherDesk(shared_database)
    try:
        created = other.do("create")
        with Heard(ChangeListener(shared_database)) as heard:
            changed = other.do(f"sensitive {created['id']}")
            change = heard.wait_for(changed["id"])
    finally:
        other.close()
    assert (change.action, change.ids) == ("sensitive", (created["id"],))
    assert [c.ids for c in heard.changes] == [(created["id"],)]  # the changed ticket only, once
    assert change.received_at - changed["started"] < LATENCY_LIMIT


def test_a_desk_does_not_hear_its_own_changes(shared_database):
    events = EventBus()
    service = DeskService(events=events)
    listener = ChangeListener(shared_database)
    events.subscribe(lambda change: listener.note_local(change.ticket_id, change.version))
    other = OtherDesk(shared_database)
    try:
        with Heard(listener) as heard:
            from desk_app.services.desk import Actor
            from desk_app.services.queries import staff_by_username

            own = service.create_ticket(Actor.of(staff_by_username("reception2")), consultation())
            theirs = other.do("create")["id"]
            heard.wait_for(theirs)
    finally:
        other.close()
    assert all(own not in change.ids for change in heard.changes)


def test_a_rolled_back_change_is_not_announced(shared_database):
    listener = ChangeListener(shared_database, desk="someone-else")  # hears this process too
    with Heard(listener) as heard:
        with pytest.raises(RuntimeError), database.atomic():
            live.announce("ticket", (999_999,), "create")
            raise RuntimeError("the save failed")
        other = OtherDesk(shared_database)
        try:
            theirs = other.do("create")["id"]
            heard.wait_for(theirs)
        finally:
            other.close()
    assert all(999_999 not in change.ids for change in heard.changes)


def test_the_notify_is_sent_in_the_changes_own_transaction(cluster, monkeypatch, tmp_path):
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    url = cluster.create_database(f"live_{next(_names)}")
    init_database(url)
    try:
        people = create_organization()
        listener = ChangeListener(url, desk="someone-else")
        listener.connect()
        with database.atomic():
            ticket_id = DeskService().create_ticket(people["reception"], consultation())
            assert listener.poll(0.3) == []  # not before the commit
        heard = listener.poll(2.0)
        listener.close()
    finally:
        close_database()
    assert {c.action for c in heard} == {"create"} and heard[0].ids == (ticket_id,)
    assert heard[0].desk == live.DESK_TOKEN


def test_payloads_stay_below_postgresqls_limit_and_carry_every_id():
    ids = range(1, 5001)
    payloads = live.payloads("ticket", ids, "recompute", desk="d1", at=1.0)
    assert len(payloads) > 1
    assert all(len(p.encode()) < 8000 for p in payloads)
    parsed = [live.parse_payload(p) for p in payloads]
    assert sorted(i for c in parsed for i in c.ids) == list(ids)
    assert {(c.kind, c.action, c.desk, c.sent_at) for c in parsed} == {("ticket", "recompute", "d1", 1.0)}


def test_a_foreign_payload_on_the_channel_is_ignored(caplog):
    assert live.parse_payload("hello") is None
    assert live.parse_payload('{"ids": [1]}') is None
    assert "not a desk change" in caplog.text


def test_the_sqlite_listener_reads_the_history_by_its_key_not_the_table(tmp_path, monkeypatch):
    import sqlite3

    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "desk.db"
    init_database(f"sqlite:///{path}")
    close_database()
    with sqlite3.connect(path) as connection:
        plan = " ".join(row[-1] for row in connection.execute(
            "EXPLAIN QUERY PLAN " + live.HISTORY_SINCE, (0, 10)))
    connection.close()
    assert "USING INTEGER PRIMARY KEY" in plan and "SCAN h" not in plan


def test_the_listener_comes_back_after_the_server_restarts(monkeypatch, tmp_path):
    monkeypatch.setattr(live, "BACKOFF_SECONDS", (0.1, 0.2))
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    server = Cluster().start()  # a server of its own: it is stopped and started again
    try:
        url = server.create_database("restart")
        init_database(url)
        create_organization()
        close_database()
        with Heard(ChangeListener(url)) as heard:
            server.pause()
            time.sleep(0.5)  # the server is away for a while: the listener tries again and again meanwhile
            server.resume()
            deadline = time.monotonic() + 10
            while not any(c.kind == live.RECONNECTED for c in heard.changes) and time.monotonic() < deadline:
                time.sleep(0.05)
            # Lost once (the window tries the database then: the banner if it is away), back once.
            assert [c.kind for c in heard.changes] == [live.LOST, live.RECONNECTED]
            other = OtherDesk(url)
            try:
                theirs = other.do("create")["id"]
                heard.wait_for(theirs)  # listening again, on the new connection
            finally:
                other.close()
    finally:
        close_database()
        server.stop()


def consultation() -> TicketDraft:
    return TicketDraft(kind=TicketKind.CONSULTATION, description="本台的咨询", phone="13800138001",
                       caller_name="王五")


def test_a_url_without_its_password_listens_with_the_desks_own(cluster, monkeypatch, tmp_path):
    """The URL a window is given may have had its password taken out (kept in the keyring): the listener connects
    with the one the desk's own connection uses."""
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    url = cluster.create_database(f"live_{next(_names)}")
    init_database(url.replace("postgres@", "postgres:secret@"))
    try:
        listener = ChangeListener(url)
        assert listener._pg_params["password"] == "secret"
    finally:
        close_database()
