"""An outage in the window, on a real PostgreSQL server: the banner shows while the database cannot be reached, the
intake typed meanwhile is kept on this PC, and once the server is back it is saved exactly once and the banner goes."""

from __future__ import annotations

import itertools
import os

import pytest
from desk_support import IGNORE_OFFSCREEN, type_text
from pane_waits import saved

from desk_app.core.kinds import TicketKind
from desk_app.models.db import close_database, database
from desk_app.models.schema import CallRecord, ClientRequest, Ticket
from desk_app.services.demo import create_organization
from desk_app.services.desk import DeskService
from desk_app.services.setup import init_database
from desk_app.ui.banner import OutageWatch
from desk_app.ui.context import DeskContext
from desk_app.ui.main_window.window import MainWindow

pytestmark = IGNORE_OFFSCREEN
_names = itertools.count()
CONTENT = "卫生间水管漏水，楼下住户天花板渗水"


@pytest.fixture
def pg_ctx(qapp, server, clock, data_dir):
    url = server.create_database(f"banner_{next(_names)}")
    init_database(url)
    people = create_organization()
    context = DeskContext(DeskService(now=clock), people["reception"])
    yield url, context
    context.close()
    if not database.in_transaction():
        close_database()


@pytest.fixture
def window(qtbot, pg_ctx, monkeypatch):
    monkeypatch.setattr(MainWindow, "SCAN_FIRST_DELAY_MS", 3_600_000)
    monkeypatch.setattr(OutageWatch, "RETRY_MS", 200)
    url, ctx = pg_ctx
    win = MainWindow(ctx, database_url=url)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def fill_intake(qtbot, win: MainWindow) -> None:
    panel = win.intake
    qtbot.keyClicks(panel.phone_edit, "13812345678")
    type_text(panel.content_edit, CONTENT)
    panel.kind_combo.setCurrentIndex(panel.kind_combo.findData(TicketKind.REPAIR))
    panel.area_edit.setText("城北片区")


def test_an_intake_made_during_an_outage_is_kept_shown_in_the_banner_and_saved_once_when_back(
        qtbot, window, server, tmp_path):
    banner, watch = window.outage_banner, window.outage_watch
    assert not banner.isVisible()
    server.pause()
    try:
        fill_intake(qtbot, window)
        with qtbot.waitSignal(watch.went_down, timeout=5000):
            # The save meets the outage on a worker: not saved, kept on this PC.
            assert not saved(qtbot, window.intake, window.intake.create_ticket)
        assert banner.isVisible()
        assert "cannot be reached" in banner.title_label.text()
        assert "Kept on this PC: 1." in banner.waiting_label.text()
        assert watch.waiting() == 1
        # What she typed is kept: on disk, and the form is free for the next caller.
        assert window.intake.content_edit.toPlainText() == ""
        assert "kept on this PC" in window.intake.status_label.text()
        shot = os.environ.get("DESK_OUTAGE_SCREENSHOT")
        if shot:
            window.grab().save(shot)
        # Still down: the retries fail quietly and the banner stays.
        qtbot.waitUntil(lambda: watch.timer.isActive(), timeout=2000)
        assert banner.isVisible()
    finally:
        server.resume()
    with qtbot.waitSignal(watch.replayed, timeout=10_000) as replayed:
        pass
    result = replayed.args[0]
    assert len(result.saved) == 1 and result.left == 0
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=5000)
    assert watch.waiting() == 0
    assert [t.description for t in Ticket.select()] == [CONTENT]
    assert CallRecord.select().count() == ClientRequest.select().count() == 1
    # Nothing more is saved by later tries.
    assert watch.replay_now() is None
    assert Ticket.select().count() == 1


def test_the_banner_shows_when_the_queue_counts_meet_an_outage_and_goes_when_the_server_is_back(
        qtbot, window, server):
    server.pause()
    try:
        with qtbot.waitSignal(window.outage_watch.went_down, timeout=10_000):
            window.refresh_counts()
        assert window.outage_banner.isVisible()
    finally:
        server.resume()
    qtbot.waitUntil(lambda: not window.outage_banner.isVisible(), timeout=10_000)
    assert not window.outage_watch.is_down


def test_an_outage_escaping_a_slot_shows_the_banner_instead_of_a_traceback(qtbot, window, server):
    from PySide6.QtCore import QObject, Signal

    class Reader(QObject):
        asked = Signal()

    reader = Reader()
    reader.asked.connect(lambda: Ticket.select().count())   # a read on the GUI thread with no handler of its own
    server.pause()
    try:
        with qtbot.waitSignal(window.outage_watch.went_down, timeout=5000):
            reader.asked.emit()
        assert window.outage_banner.isVisible()
    finally:
        server.resume()
    qtbot.waitUntil(lambda: not window.outage_banner.isVisible(), timeout=10_000)


def test_a_call_solved_at_once_during_an_outage_is_logged_once_when_the_server_is_back(qtbot, window, server):
    watch = window.outage_watch
    server.pause()
    try:
        fill_intake(qtbot, window)
        assert not saved(qtbot, window.intake, window.intake.record_solved)   # kept on this PC, not saved
        assert watch.waiting() == 1 and window.outage_banner.isVisible()
    finally:
        server.resume()
    with qtbot.waitSignal(watch.replayed, timeout=10_000) as replayed:
        pass
    assert len(replayed.args[0].saved) == 1
    assert [(c.outcome, c.content) for c in CallRecord.select()] == [("solved", CONTENT)]
    assert Ticket.select().count() == 0


def test_a_dispatch_made_during_an_outage_is_kept_and_saved_once_as_done_then(qtbot, window, server, pg_ctx, clock):
    """派单… and OK while the server is away: the dialog closes, the pane and the banner say it is kept on this PC;
    when the server is back it is saved once, with the time it was done, not the time the server came back."""
    from PySide6.QtCore import Qt

    from desk_app.core.states import Action, State
    from desk_app.core.validation import TicketDraft
    from desk_app.models.schema import Department, History

    _, ctx = pg_ctx
    watch, pane = window.outage_watch, window.detail
    ticket_id = ctx.service.create_ticket(ctx.actor, TicketDraft(
        kind=TicketKind.CONSULTATION, description=CONTENT, phone="13812345678", caller_name="张三"))
    window.show_ticket(ticket_id)
    qtbot.waitUntil(lambda: pane.detail is not None and pane.detail.id == ticket_id and pane.actionable)
    dialog = pane.open_action_dialog(Action.DISPATCH)
    engineering = Department.get(Department.code == "engineering").id
    dialog.select_department(engineering)
    done_at = clock.at
    server.pause()
    try:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: watch.waiting() == 1, timeout=10_000)
        qtbot.waitUntil(lambda: pane._dialog is None, timeout=2000)   # accepted (and deleted)
        assert "kept on this PC" in pane.message_label.text()
        assert window.outage_banner.isVisible() and "Kept on this PC: 1." in window.outage_banner.waiting_label.text()
        [kept] = watch.outbox.pending()
        assert (kept.action.op, kept.action.ticket_id, kept.action.args["department_id"]) == (
            "dispatch", ticket_id, engineering)
        # The same ticket acted on again, still down: one action per ticket waits; the second is refused and said.
        assert pane.perform(Action.DISPATCH, {"department_id": engineering})
        qtbot.waitUntil(lambda: "already kept on this PC" in pane.message_label.text(), timeout=10_000)
        assert watch.waiting() == 1
        clock.advance(minutes=25)   # the server is back 25 minutes later
    finally:
        server.resume()
    with qtbot.waitSignal(watch.replayed, timeout=10_000) as replayed:
        pass
    assert replayed.args[0].saved == [(kept.key, ticket_id)] and replayed.args[0].refused == []
    ticket = Ticket.get_by_id(ticket_id)
    assert (ticket.state, ticket.department_id) == (State.DISPATCHED.value, engineering)
    [line] = History.select().where((History.ticket == ticket_id) & (History.action == "dispatch"))
    assert line.at == done_at
    qtbot.waitUntil(lambda: not window.outage_banner.isVisible(), timeout=5000)
    # The pane says so, and shows the ticket as the kept action left it.
    assert "saved now" in pane.message_label.text()
    qtbot.waitUntil(lambda: pane.detail.state == State.DISPATCHED.value, timeout=5000)
    assert watch.replay_now() is None and ClientRequest.select().count() == 1


def test_the_dispatch_dialog_opens_during_an_outage_from_the_directory(qtbot, window, server, pg_ctx):
    """派单… lists the departments and their field staff from the directory the window reads on a worker (when it
    opens, every 30 s, after an administrator's change): with the server away it still opens, complete."""
    from desk_app.core.states import Action
    from desk_app.core.validation import TicketDraft
    from desk_app.models.schema import Department, Staff
    from desk_app.services import queries

    _, ctx = pg_ctx
    pane = window.detail
    ticket_id = ctx.service.create_ticket(ctx.actor, TicketDraft(
        kind=TicketKind.CONSULTATION, description=CONTENT, phone="13812345678", caller_name="张三"))
    window.show_ticket(ticket_id)
    qtbot.waitUntil(lambda: pane.detail is not None and pane.detail.id == ticket_id and pane.actionable)
    with qtbot.waitSignal(ctx.directory_changed, timeout=10_000):
        ctx.refresh_directory()
    departments = queries.departments()
    engineering = Department.get(Department.code == "engineering").id
    field = [s.name for s in Staff.select().where((Staff.department == engineering) & (Staff.role == "field")
                                                  & Staff.active).order_by(Staff.id)]
    assert field
    server.pause()
    try:
        dialog = pane.open_action_dialog(Action.DISPATCH)
        combo = dialog.department_combo
        assert [combo.itemData(i) for i in range(1, combo.count())] == [d.id for d in departments]
        dialog.select_department(engineering)
        assert [dialog.worker_combo.itemText(i) for i in range(dialog.worker_combo.count())][-len(field):] == field
        dialog.reject()
    finally:
        server.resume()


def test_a_page_of_the_queue_read_during_an_outage_shows_empty_and_the_banner(qtbot, window, server, pg_ctx):
    """A table painted while the server is away asks for its page (read on a worker): the rows show empty, the
    banner shows, and the page is not asked for again at every paint until a count works."""
    from desk_app.core.queues import Queue
    from desk_app.core.validation import TicketDraft

    _, ctx = pg_ctx
    ctx.service.create_ticket(ctx.actor, TicketDraft(kind=TicketKind.CONSULTATION, description=CONTENT,
                                                     phone="13812345678", caller_name="张三"))
    window.show_queue(Queue.TO_DISPATCH)
    with qtbot.waitSignal(window.counts_refreshed, timeout=5000):
        window.refresh_counts()
    model = window.models[Queue.TO_DISPATCH]
    assert model.rowCount() == 1
    reads = []
    model.unreachable.connect(reads.append)
    server.pause()
    try:
        model._forget_pages()   # as after a count: the page must be read again
        assert model.data(model.index(0, 0)) is None   # empty while its worker tries
        qtbot.waitUntil(lambda: len(reads) == 1 and window.outage_banner.isVisible(), timeout=10_000)
        assert model.data(model.index(0, 1)) is None   # not asked again at the next paint
        assert model.wait_for_pages() and len(reads) == 1 and not model.loading()
    finally:
        server.resume()
    with qtbot.waitSignal(window.counts_refreshed, timeout=10_000):
        window.refresh_counts()
    qtbot.waitUntil(lambda: model.data(model.index(0, 0)) is not None, timeout=5000)
