"""Many desks writing at once: 10 processes × 200 intakes on SQLite and on PostgreSQL give 2,000 tickets numbered
without a gap or a repeat; 30 writers on one SQLite file wait instead of failing; a calendar change that recomputes
10,000 open tickets lets intakes through; desks killed with SIGKILL in the middle of a batch leave a sound file
holding every ticket they committed.

Run as `python -m tests.services.test_concurrent_desks URL COUNT [TAG]`, this module is one desk: it makes COUNT
intakes and prints the number of each ticket once its transaction has committed.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import peewee as pw
import pytest

from desk_app.core.errors import DeskError
from desk_app.core.kinds import TicketKind
from desk_app.core.validation import CallDraft, TicketDraft
from desk_app.models.db import close_database, database, open_database
from desk_app.models.schema import CallRecord, Clock, Staff, Ticket
from desk_app.services.demo import create_organization
from desk_app.services.desk import Actor, DeskService
from desk_app.services.setup import init_database

ROOT = Path(__file__).resolve().parents[2]
NOW = dt.datetime(2026, 11, 17, 9, 0, 0)


def intake(tag: str) -> tuple[CallDraft, TicketDraft]:
    text = f"卫生间水管漏水 {tag}"
    return (CallDraft(content=text, phone="13812345678", caller_name="张三"),
            TicketDraft(kind=TicketKind.REPAIR, description=text, phone="13812345678", caller_name="张三",
                        area="城北片区"))


def desk_process(url: str, count: int, tag: str) -> None:
    """One desk in its own process: `count` intakes, each committed ticket's number printed and flushed."""
    open_database(url)
    actor = Actor.of(Staff.get(Staff.username == "reception"))
    service = DeskService(now=lambda: NOW)
    for n in range(count):
        _, ticket_id = service.create_ticket_from_intake(actor, *intake(f"{tag}-{n}"))
        print(Ticket.get_by_id(ticket_id).number, flush=True)
    close_database()


def start_desks(url: str, desks: int, count: int) -> list[subprocess.Popen]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return [subprocess.Popen([sys.executable, "-m", "tests.services.test_concurrent_desks", url, str(count), str(d)],
                             cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for d in range(desks)]


def expected_numbers(count: int) -> list[str]:
    return [f"2026-{n:06d}" for n in range(1, count + 1)]


@pytest.fixture
def any_url(shared_database):
    close_database()   # the desks are other processes; this one looks afterwards
    return shared_database


@pytest.fixture
def sqlite_url(tmp_path, monkeypatch):
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    init_database(url)
    yield url
    close_database()


def test_ten_desks_make_two_thousand_tickets_numbered_without_gaps(any_url):
    desks = start_desks(any_url, 10, 200)
    printed = []
    for desk in desks:
        out, err = desk.communicate(timeout=300)
        assert desk.returncode == 0, err
        printed += out.split()
    open_database(any_url)
    numbers = sorted(t.number for t in Ticket.select(Ticket.number))
    assert numbers == expected_numbers(2000)
    assert sorted(printed) == numbers
    assert CallRecord.select().where(CallRecord.ticket.is_null(False)).count() == 2000


def test_desks_killed_in_the_middle_of_a_batch_leave_a_sound_database_with_every_committed_ticket(any_url):
    desks = start_desks(any_url, 6, 100000)
    committed: list[str] = []

    def read(desk: subprocess.Popen) -> None:
        for line in desk.stdout:
            committed.append(line.strip())

    readers = [threading.Thread(target=read, args=(desk,)) for desk in desks]
    for reader in readers:
        reader.start()
    deadline = time.monotonic() + 60
    while len(committed) < 300 and time.monotonic() < deadline:
        time.sleep(0.05)   # polling another process's progress: no Qt event loop here to wait on
    for desk in desks:
        desk.send_signal(signal.SIGKILL)
    for desk in desks:
        desk.wait(timeout=30)
        desk.stderr.close()
    for reader in readers:
        reader.join()
    for desk in desks:
        desk.stdout.close()
    assert all(desk.returncode == -signal.SIGKILL for desk in desks)
    assert len(committed) >= 300
    open_database(any_url)
    if any_url.startswith("sqlite"):
        assert database.execute_sql("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert database.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    numbers = sorted(t.number for t in Ticket.select(Ticket.number))
    assert set(committed) <= set(numbers)
    # A transaction cut off by the kill took no number: the ones that are there run from 1 without a gap.
    assert numbers == expected_numbers(len(numbers))
    # Every ticket is whole: its register line and its clocks were committed with it.
    assert CallRecord.select().where(CallRecord.ticket.is_null(False)).count() == len(numbers)
    assert Ticket.select().where(~Ticket.id.in_(Clock.select(Clock.ticket))).count() == 0


def test_thirty_writers_on_one_sqlite_file_wait_their_turn(sqlite_url):
    people = create_organization()
    service = DeskService(now=lambda: NOW)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(10):
                service.create_ticket_from_intake(people["reception"], *intake(f"{n}-{i}"))
        except BaseException as error:  # collected and asserted below
            errors.append(error)
        finally:
            database.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(t.number for t in Ticket.select(Ticket.number)) == expected_numbers(300)


def seed_open_tickets(service: DeskService, actor: Actor, count: int) -> None:
    """`count` open tickets with running clocks: one made by the service, copied in SQL (fast to set up)."""
    service.create_ticket_from_intake(actor, *intake("template"))
    ticket_columns = [f'"{f.column_name}"' for f in Ticket._meta.sorted_fields if f.name not in ("id", "number")]
    clock_columns = [f'"{f.column_name}"' for f in Clock._meta.sorted_fields if f.name not in ("id", "ticket")]
    with database.atomic():
        database.execute_sql(
            f"WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < {count}) "
            f"INSERT INTO ticket (number, {', '.join(ticket_columns)}) "
            f"SELECT printf('2026-%06d', i), {', '.join('ticket.' + c for c in ticket_columns)} FROM n, ticket "
            f"WHERE ticket.id = 1")
        database.execute_sql(
            f"INSERT INTO clock (ticket_id, {', '.join(clock_columns)}) "
            f"SELECT t.id, {', '.join('c.' + c for c in clock_columns)} FROM ticket t, clock c "
            f"WHERE c.ticket_id = 1 AND t.id > 1")
        database.execute_sql("UPDATE number_sequence SET value = ? WHERE name = 'ticket'", [count])


def test_intakes_go_through_while_a_calendar_change_recomputes_ten_thousand_open_tickets(sqlite_url):
    people = create_organization()
    service = DeskService(now=lambda: NOW)
    seed_open_tickets(service, people["reception"], 10000)
    admin = Actor.of(Staff.get(Staff.username == "admin"))
    latest = Clock.select(Clock.ticket, pw.fn.MAX(Clock.deadline)).group_by(Clock.ticket)
    before = dict(latest.tuples())
    finished = threading.Event()
    recomputed: list[object] = []

    def recompute() -> None:
        try:
            # The day after the tickets came in becomes a holiday: every deadline moves.
            recomputed.append(service.set_calendar_day(admin, dt.date(2026, 11, 18), False, "停电"))
        except BaseException as error:  # collected and asserted below
            recomputed.append(error)
        finally:
            database.close()
            finished.set()

    worker = threading.Thread(target=recompute)
    worker.start()
    waits, made = [], 0
    desk = DeskService(now=lambda: NOW)
    while not finished.is_set() or made < 3:
        started = time.monotonic()
        try:
            desk.create_ticket_from_intake(people["reception"], *intake(f"during-{made}"))
        except DeskError as error:
            pytest.fail(f"an intake during the recompute was refused: {error}")
        waits.append(time.monotonic() - started)
        made += 1
        finished.wait(0.2)   # a receptionist's pace: an intake every fraction of a second, all through the recompute
    worker.join()
    # The 10,000 and the intakes saved before the recompute reached them (they are open tickets too).
    assert len(recomputed) == 1 and 10000 <= recomputed[0] <= 10000 + made, recomputed
    # Intakes were saved while the recompute ran, none waiting long: the recompute commits in short batches.
    assert made >= 3
    assert max(waits) < 2.0, max(waits)
    # Every seeded ticket's last deadline moved past the new holiday.
    after = dict(latest.tuples())
    assert all(after[i] > before[i] for i in before)
    assert sorted(t.number for t in Ticket.select(Ticket.number)) == expected_numbers(10000 + made)


if __name__ == "__main__":
    desk_process(sys.argv[1], int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else "0")
