"""The instruments of the window's timing tests catch what they are there for: the statement clock sees a statement the
window's thread runs inside a step (and only those), and the watch sees a block of the window's thread."""

from __future__ import annotations

import threading
import time

from desk_app.models.db import close_database
from desk_app.models.schema import Ticket
from tests.ui.thread_watch import StatementClock, ThreadWatch, in_loop


def test_the_statement_clock_counts_the_statements_the_windows_thread_runs_inside_a_step(qtbot, ctx):
    def on_a_worker() -> None:
        try:
            Ticket.select().count()
        finally:
            close_database()

    with ThreadWatch() as watch, StatementClock(watch) as statements:
        Ticket.select().count()   # between steps: the test's own work
        with watch.step("read on the window's thread"):
            in_loop(lambda: Ticket.select().count())
            qtbot.wait(30)
            worker = threading.Thread(target=on_a_worker)
            worker.start()
            worker.join()
    Ticket.select().count()   # the clock has stopped
    assert [statement.step for statement in statements.records] == ["read on the window's thread"]
    assert statements.records[0].sql.upper().startswith("SELECT COUNT(")
    assert statements.longest is statements.records[0]


def test_the_watch_sees_the_window_thread_blocked(qtbot):
    with ThreadWatch() as watch:
        with watch.step("blocked"):
            in_loop(lambda: time.sleep(0.1))
            qtbot.wait(150)
        with watch.step("idle"):
            qtbot.wait(150)
    # A sleep is not time spent waiting for a CPU: all of it counts, however busy the machine.
    assert watch.longest("blocked") >= 90
    assert watch.worst()[0] == "blocked"
