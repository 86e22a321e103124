"""SQLite's planner statistics: a connection that closes brings them up to date (PRAGMA optimize, as SQLite advises).
The benchmark's 1,000,000 tickets had been analysed before schema 8 added the (state, id) index: with no statistics
for it, the planner read the first page of 已归档 through it and sorted every archived ticket (2.4 s); with them it
reads the page in order from (state, created_at) (4 ms).
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3

import pytest

from desk_app.core.queues import Queue
from desk_app.models.db import _optimize, close_database, database
from desk_app.models.schema import Staff, Ticket
from desk_app.services import queries
from desk_app.services.desk import Actor, DeskService
from desk_app.ui.queue_model import default_sort

pytestmark = pytest.mark.sqlite_only("SQLite's own statistics table and its planner")

TICKETS = 3000


def _grow_archive() -> None:
    """The demo's tickets copied until there are TICKETS, all but the demo's own archived (a desk after years)."""
    rows = list(Ticket.select().dicts())
    copies = []
    for serial in range(TICKETS - len(rows)):
        copy = dict(rows[serial % len(rows)], number=f"2023-{serial:06d}", state="archived")
        copy.pop("id")
        copy["created_at"] -= dt.timedelta(hours=serial + 1)
        copies.append(copy)
    with database.atomic():
        for start in range(0, len(copies), 200):
            Ticket.insert_many(copies[start:start + 200]).execute()


def _archive_first_page_plan(caplog: pytest.LogCaptureFixture) -> str:
    """EXPLAIN QUERY PLAN of the statement that reads the first page of 已归档, as the window asks for it."""
    service = DeskService()
    admin = Actor.of(Staff.get(Staff.username == "admin"))
    flt = queries.QueueFilter(Queue.ARCHIVED, dt.datetime.now(), viewer=service.viewer(admin))
    sort, descending = default_sort(Queue.ARCHIVED)
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="peewee"):
        page = queries.queue_seek(flt, limit=100, sort=sort, descending=descending)
    assert len(page.rows) == 100
    sql, params = next(r.msg for r in caplog.records if str(r.msg[0]).startswith("SELECT") and "LIMIT" in r.msg[0])
    return " / ".join(row[-1] for row in database.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall())


def _ticket_statistics() -> list[tuple[str, str]]:
    return database.execute_sql("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'ticket'").fetchall()


def test_a_closing_connection_analyses_the_tickets_and_the_archive_is_read_in_order(demo_db, caplog):
    _grow_archive()
    close_database()
    # A desk analysed before schema 8 added the (state, id) index (the benchmark's database of 1,000,000 tickets):
    # statistics for every index but that one, which the planner then takes for a few rows a state.
    never_analysed = sqlite3.connect(demo_db.removeprefix("sqlite:///"))
    never_analysed.execute("ANALYZE")
    never_analysed.execute("DELETE FROM sqlite_stat1 WHERE idx = 'ticket_state_id'")
    never_analysed.commit()
    never_analysed.close()
    database.connect()
    assert "ticket_state_id" not in dict(_ticket_statistics())
    guessed = _archive_first_page_plan(caplog)
    assert "TEMP B-TREE" in guessed   # the guess: every archived ticket read and sorted for one page

    close_database()   # the window's workers close their connections like this after every read
    database.connect()

    statistics = dict(_ticket_statistics())
    assert "ticket_state_id" in statistics   # analysed again (analysis_limit: an estimate of the rows, not a count)
    planned = _archive_first_page_plan(caplog)
    assert "ticket_state_created_at" in planned and "TEMP B-TREE" not in planned, planned


def test_a_read_only_database_closes_without_statistics_and_without_an_error(demo_db):
    path = demo_db.removeprefix("sqlite:///")
    close_database()
    writer = sqlite3.connect(path)
    writer.execute("DELETE FROM sqlite_stat1")   # nothing analysed: PRAGMA optimize wants to analyse the tickets
    writer.commit()
    writer.close()
    reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    reader.execute("SELECT COUNT(*) FROM ticket WHERE state = 'archived'").fetchone()
    _optimize(reader)   # cannot write the statistics: no error, the close goes on
    reader.close()
    checker = sqlite3.connect(path)
    assert checker.execute("SELECT COUNT(*) FROM sqlite_stat1").fetchone() == (0,)
    checker.close()
