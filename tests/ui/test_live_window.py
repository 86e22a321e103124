"""Live updates in the window: a ticket another desk (another process) creates or changes shows in the open queue
within 2 s, without F5; this desk's own changes are not heard back; the listener stops with the window."""

from __future__ import annotations

import threading
import time

import pytest
from desk_support import IGNORE_OFFSCREEN
from PySide6.QtCore import Qt
from pane_waits import settle

from desk_app.core.queues import Queue
from desk_app.core.states import State
from desk_app.models.schema import Ticket
from desk_app.services.desk import Actor
from desk_app.services.live import LOST, RECONNECTED, RemoteChange
from desk_app.services.queries import staff_by_username
from desk_app.ui.common import label
from desk_app.ui.live import LiveUpdates, RemoteTickets
from desk_app.ui.main_window.window import MainWindow
from desk_app.ui.queue_model import COLUMNS
from tests.services.test_live_updates import LATENCY_LIMIT, OtherDesk

NUMBER, STATE = COLUMNS.index("number"), COLUMNS.index("state")


@pytest.fixture(autouse=True)
def no_background_scan(monkeypatch):
    monkeypatch.setattr(MainWindow, "SCAN_FIRST_DELAY_MS", 3_600_000)


@pytest.fixture
def window(qtbot, ctx, demo_db):
    win = MainWindow(ctx, database_url=demo_db, live_updates=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


@pytest.fixture
def other_desk(demo_db):
    desk = OtherDesk(demo_db)
    yield desk
    desk.close()


def shown_rows(win: MainWindow) -> dict[str, str]:
    """Number → state as the table on screen shows them (its visible rows)."""
    view = win.current_view()
    model = view.queue_model()
    first, last = view.visible_rows()
    if first < 0:
        return {}
    return {model.index(row, NUMBER).data(): model.index(row, STATE).data() for row in range(first, last + 1)}


def test_a_ticket_another_desk_creates_appears_in_the_open_queue_within_two_seconds(qtbot, window, other_desk):
    assert window.show_queue(Queue.ALL)
    assert window.live is not None and window.live.running
    made = other_desk.do("create")
    number = Ticket.get_by_id(made["id"]).number
    qtbot.waitUntil(lambda: number in shown_rows(window), timeout=int(LATENCY_LIMIT * 1000))
    assert time.time() - made["started"] < LATENCY_LIMIT
    assert window.queue_count(Queue.ALL) == window.current_view().queue_model().rowCount()


def test_a_ticket_another_desk_changes_is_shown_changed_within_two_seconds(qtbot, window, other_desk):
    assert window.show_queue(Queue.ALL)
    made = other_desk.do("create")
    number = Ticket.get_by_id(made["id"]).number
    qtbot.waitUntil(lambda: number in shown_rows(window), timeout=int(LATENCY_LIMIT * 1000))
    waiting = shown_rows(window)[number]
    with qtbot.waitSignal(window.live.tickets_changed, timeout=int(LATENCY_LIMIT * 1000)) as heard:
        changed = other_desk.do(f"dispatch {made['id']}")
    assert made["id"] in heard.args[0].ids
    dispatched = label(State(Ticket.get_by_id(made["id"]).state))
    qtbot.waitUntil(lambda: shown_rows(window).get(number) == dispatched, timeout=int(LATENCY_LIMIT * 1000))
    assert dispatched != waiting
    assert time.time() - changed["started"] < LATENCY_LIMIT


def test_the_ticket_in_the_detail_pane_is_read_again_when_another_desk_changes_it(qtbot, window, other_desk):
    made = other_desk.do("create")
    window.show_ticket(made["id"])
    settle(qtbot, window.detail)
    assert window.detail.current_ticket_id == made["id"]
    version = window.detail.detail.version
    other_desk.do(f"dispatch {made['id']}")
    qtbot.waitUntil(lambda: window.detail.detail.version > version, timeout=int(LATENCY_LIMIT * 1000))


def test_the_desks_own_changes_are_not_heard_back(qtbot, ctx, demo_db):
    live = LiveUpdates(demo_db, ctx.service.events)
    heard: list[RemoteTickets] = []
    live.tickets_changed.connect(heard.append)
    live.start()
    try:
        ticket = Ticket.select().where(Ticket.state == State.NEW.value).order_by(Ticket.id).first()
        ctx.service.set_sensitive(Actor.of(staff_by_username("supervisor")), ticket.id, True, "舆情")
        other = OtherDesk(demo_db)
        try:
            theirs = other.do("create")["id"]
        finally:
            other.close()
        qtbot.waitUntil(lambda: any(theirs in batch.ids for batch in heard), timeout=int(LATENCY_LIMIT * 1000))
    finally:
        live.stop()
    assert all(ticket.id not in batch.ids for batch in heard)
    assert not live.running


def test_closing_the_window_stops_the_listener(qtbot, ctx, demo_db):
    win = MainWindow(ctx, database_url=demo_db, live_updates=True)
    qtbot.addWidget(win)
    win.show()
    assert win.live.running
    before = {t.name for t in threading.enumerate()}
    assert "desk-live-updates" in before
    win.close()
    assert not win.live.running
    assert "desk-live-updates" not in {t.name for t in threading.enumerate()}


def test_without_live_updates_the_window_starts_no_listener(qtbot, ctx, demo_db):
    win = MainWindow(ctx, database_url=demo_db)
    qtbot.addWidget(win)
    assert win.live is None


def test_a_reconnection_counts_every_queue_again(qtbot, window):
    """What other desks did while the listener was cut off is unknown: the window reads everything again."""
    with qtbot.waitSignal(window.live.reconnected, timeout=5000), \
            qtbot.waitSignal(window.counts_refreshed, timeout=5000):
        window.live._on_posted(RemoteChange(RECONNECTED))


def test_a_lost_listener_makes_the_window_try_the_database(qtbot, window, monkeypatch):
    """The listener is the first to notice a server gone while the desk is idle: the window tries the database
    (on a worker; the banner shows only if that fails too)."""
    from desk_app.ui import banner

    tried = []

    def probe(_report):
        tried.append(True)
        return True

    monkeypatch.setattr(banner, "_probe", probe)
    with qtbot.waitSignal(window.live.lost, timeout=5000):
        window.live._on_posted(RemoteChange(LOST))
    qtbot.waitUntil(lambda: tried == [True], timeout=5000)
    assert not window.outage_banner.isVisible()


@IGNORE_OFFSCREEN
def test_a_ticket_that_leaves_the_queue_at_another_desk_keeps_the_pane_and_the_dialog_typed_into(
        qtbot, window, other_desk):
    """Another desk dispatches the ticket this desk is about to dispatch: it leaves the open queue, but the pane keeps
    showing it, the dialog stays with what was chosen, and OK is refused as stale (no silent overwrite)."""
    from desk_app.core.states import Action
    from desk_app.models.schema import Department

    assert window.show_queue(Queue.TO_DISPATCH)
    made = other_desk.do("create")
    number = Ticket.get_by_id(made["id"]).number
    qtbot.waitUntil(lambda: number in shown_rows(window), timeout=int(LATENCY_LIMIT * 1000))
    view = window.current_view()
    row = next(r for r in range(view.model().rowCount()) if view.model().index(r, NUMBER).data() == number)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(view.model().index(row, 0)).center())
    qtbot.waitUntil(lambda: window.detail.detail is not None and window.detail.detail.id == made["id"])
    dialog = window.detail.open_action_dialog(Action.DISPATCH)
    engineering = Department.get(Department.code == "engineering").id
    dialog.select_department(engineering)
    other_desk.do(f"dispatch {made['id']}")   # to finance
    qtbot.waitUntil(lambda: number not in shown_rows(window), timeout=int(LATENCY_LIMIT * 1000))
    qtbot.wait(300)
    assert window.detail.current_ticket_id == made["id"] and dialog.isVisible()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.isEnabled() and bool(dialog.errors.visible_errors()), timeout=5000)
    assert dialog.isVisible() and "changed by someone else" in " ".join(dialog.errors.visible_errors().values())
    assert Ticket.get_by_id(made["id"]).department_id == Department.get(Department.code == "finance").id
