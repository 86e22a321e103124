"""The main window on the demo data: queue tabs with counts, selection into the detail pane, the one timer, settings,
signing out and in again, the start-up with its sign-in."""

from __future__ import annotations

import argparse

import pytest
from pane_waits import counted, rows_shown
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desk_app.core.kinds import Role, TicketKind
from desk_app.core.queues import QUEUES_FOR_ROLE, Queue
from desk_app.core.validation import TicketDraft
from desk_app.services import auth, queries
from desk_app.services.demo import DEMO_PASSWORD, set_demo_passwords
from desk_app.services.desk import Actor
from desk_app.services.queries import QueueFilter, count_queue
from desk_app.ui import deadlines_dock, queue_model
from desk_app.ui import settings as app_settings
from desk_app.ui.main_window import window as window_module
from desk_app.ui.main_window.menus import describe_database
from desk_app.ui.main_window.window import MainWindow
from desk_app.ui.common import label as queue_label
from desk_app.ui.queue_model import COLUMNS, TIME_LEFT

ADDRESS = COLUMNS.index("address")


@pytest.fixture(autouse=True)
def no_background_scan(monkeypatch):
    """The deadline scan writes notices on a worker thread; these tests start it themselves when they need it."""
    monkeypatch.setattr(MainWindow, "SCAN_FIRST_DELAY_MS", 3_600_000)


def consultation(description: str = "测试：咨询物业费发票") -> TicketDraft:
    # The demo routes repairs straight to a department (直派); a consultation waits in 待派单.
    return TicketDraft(kind=TicketKind.CONSULTATION, description=description, phone="13800138000",
                       caller_name="测试用户")


@pytest.fixture
def window(qtbot, ctx, demo_db):
    win = MainWindow(ctx, database_url=demo_db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    counted(qtbot, win)   # the queues are counted on a worker
    yield win
    win.close()


def open_window(qtbot, ctx, url: str) -> MainWindow:
    win = MainWindow(ctx, database_url=url)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    counted(qtbot, win)
    return win


class QueryCounter:
    def __init__(self, monkeypatch, module, *names: str) -> None:
        self.calls: list[str] = []
        for name in names:
            original = getattr(module, name)
            monkeypatch.setattr(module, name, self._wrap(name, original))

    def _wrap(self, name, original):
        def counting(*args, **kwargs):
            self.calls.append(name)
            return original(*args, **kwargs)
        return counting


def test_tabs_show_the_front_desks_queues_with_their_counts(window, ctx):
    assert window.queues == tuple(QUEUES_FOR_ROLE[Role.RECEPTIONIST])
    assert window.tabs.count() == len(window.queues)
    for index, queue in enumerate(window.queues):
        count = count_queue(QueueFilter(queue, ctx.now(), viewer=ctx.viewer()))
        assert window.tabs.tabText(index) == f"{queue_label(queue)} ({count})"
        assert window.views[queue].model().rowCount() == count
    everything = count_queue(QueueFilter(Queue.ALL, ctx.now(), viewer=ctx.viewer()))
    assert window.tabs.tabText(window.queues.index(Queue.ALL)) == f"All ({everything})"


def test_another_role_gets_its_own_queues(qtbot, window, ctx):
    receiver = queries.staff_by_username("engineering.recv")
    window.show_queue(Queue.ALL)
    with qtbot.waitSignal(ctx.actor_changed):
        ctx.set_actor(Actor.of(receiver))
    assert window.queues == tuple(QUEUES_FOR_ROLE[Role.RECEIVER])
    assert window.tabs.count() == len(window.queues)
    assert window.current_queue() == Queue.ALL  # still there for the new role: stays current
    assert window.tabs.tabText(0).startswith("Awaiting acceptance (")


def test_selecting_a_row_shows_the_ticket_in_the_detail_pane(qtbot, window):
    window.show_queue(Queue.ALL)
    view = window.current_view()
    rows_shown(qtbot, view)   # its pages are read on workers as they are painted
    model = view.queue_model()
    rect = view.visualRect(model.index(1, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.detail.current_ticket_id == model.row_at(1).id
    assert view.selected_id == model.row_at(1).id


def test_the_timer_ticks_the_countdown_without_a_query(monkeypatch, qtbot, window, clock):
    window.show_queue(Queue.IN_HAND)
    view = window.current_view()
    rows_shown(qtbot, view)   # its pages are read on workers as they are painted
    model = view.queue_model()
    first, last = view.visible_rows()
    assert (first, last) == (0, model.rowCount() - 1)
    before = model.data(model.index(0, TIME_LEFT))
    calls = QueryCounter(monkeypatch, queue_model, "queue_seek", "queue_key_at", "count_queue")
    dock_calls = QueryCounter(monkeypatch, deadlines_dock, "nearest_deadlines", "count_queue")
    clock.advance(hours=3)

    ticked = []
    model.dataChanged.connect(lambda a, b, roles: ticked.append((a.column(), b.column(), a.row(), b.row())))
    with qtbot.waitSignal(window.timer.timeout, timeout=3000):
        pass
    assert ticked and all(c == (TIME_LEFT, TIME_LEFT, first, last) for c in ticked)
    assert model.data(model.index(0, TIME_LEFT)) != before
    assert calls.calls == [] and dock_calls.calls == []


def test_a_change_refreshes_counts_and_the_dock(qtbot, window, ctx):
    before = window.queue_count(Queue.TO_DISPATCH)
    ctx.service.create_ticket(ctx.actor, consultation())
    qtbot.waitUntil(lambda: window.queue_count(Queue.TO_DISPATCH) == before + 1)
    assert window.tabs.tabText(0) == f"To dispatch ({before + 1})"  # the receptionist's first tab
    assert window.current_view().model().rowCount() == before + 1


def test_a_created_ticket_is_shown_and_selected(qtbot, window, ctx):
    draft = TicketDraft(kind=TicketKind.REPAIR, description="测试：楼道灯不亮", phone="13800138000",
                        caller_name="测试用户")
    ticket_id = ctx.service.create_ticket(ctx.actor, draft)
    window.intake.ticket_created.emit(ticket_id)
    assert window.detail.current_ticket_id == ticket_id
    # Counted on a worker: the new ticket is selected in its tab once the counts are in.
    qtbot.waitUntil(lambda: window.current_view().selected_id == ticket_id)
    view = window.current_view()
    assert view.queue_model().row_at(view.currentIndex()).id == ticket_id


def test_deadlines_dock_opens_a_ticket_and_shows_the_overdue_queue(qtbot, window):
    dock = window.deadlines_dock
    ticket_id = dock.model.row_at(0).id
    dock.ticket_activated.emit(ticket_id)
    assert window.detail.current_ticket_id == ticket_id
    dock.summary.linkActivated.emit("overdue")
    assert window.current_queue() == Queue.OVERDUE


def test_search_is_debounced_and_applies_to_the_current_queue(qtbot, window):
    model = window.models[Queue.ALL]
    window.show_queue(Queue.ALL)
    sample = model.row_at(3)
    window.find_action.trigger()
    assert QApplication.focusWidget() is window.search_edit
    qtbot.keyClicks(window.search_edit, sample.number)
    assert model.search == ""  # nothing yet: the search waits for typing to pause
    qtbot.waitUntil(lambda: model.search == sample.number, timeout=2000)
    assert model.rowCount() == 1 and model.row_at(0).id == sample.id
    assert window.search_result_label.text() == "1 found"
    total = count_queue(QueueFilter(Queue.ALL, window.ctx.now(), viewer=window.ctx.viewer()))
    assert window.tabs.tabText(window.queues.index(Queue.ALL)) == f"All ({total})"  # the tab keeps the total
    window.tabs.setCurrentIndex(0)  # the search follows the tab (counted on a worker)
    qtbot.waitUntil(lambda: window.models[Queue.TO_DISPATCH].search == sample.number, timeout=2000)
    window.search_edit.clear()
    qtbot.waitUntil(lambda: window.models[Queue.TO_DISPATCH].search == "", timeout=2000)


def test_the_title_and_the_toolbar_name_the_organisation_the_person_and_the_role(window):
    assert window.windowTitle() == "工单台服务中心 – 王芳 (Receptionist) – Service Desk"
    assert window.account_label.text() == "王芳 · Receptionist"
    assert window.user_label.text() == "Signed in as 王芳 (Receptionist)"
    assert window.findChild(QWidget, "user_combo") is None  # nobody picks who they are: they sign in
    toolbar_actions = window.toolbar.actions()
    assert window.sign_out_action in toolbar_actions and window.password_action in toolbar_actions


def sign_in_through(qtbot, dialog, username: str, password: str) -> None:
    dialog.username_edit.clear()
    qtbot.keyClicks(dialog.username_edit, username)
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.signing_in, timeout=10_000)  # the password check's worker


def test_signing_out_asks_who_comes_next_and_rebuilds_for_them(qtbot, window, ctx):
    set_demo_passwords()
    window.show_ticket(window.models[Queue.ALL].row_at(0).id)
    dialog = window.sign_out_action.trigger() or window.sign_in_dialog
    assert dialog is not None and dialog.isVisible()
    assert not window.isVisible()  # the last person's work is not on screen while the next one signs in
    assert window.detail.current_ticket_id is None
    sign_in_through(qtbot, dialog, "engineering.recv", "wrong-password")
    assert dialog.isVisible() and ctx.actor.name == "王芳"
    with qtbot.waitSignal(ctx.actor_changed):
        sign_in_through(qtbot, dialog, "engineering.recv", DEMO_PASSWORD)
    assert window.isVisible() and window.sign_in_dialog is None
    assert ctx.actor.name == "张伟" and ctx.actor.role == Role.RECEIVER
    assert window.queues == tuple(QUEUES_FOR_ROLE[Role.RECEIVER])
    assert window.windowTitle().startswith("工单台服务中心 – 张伟 (Department receiver)")
    assert not window.intake_dock.isVisible()


def test_cancelling_the_sign_in_after_signing_out_closes_the_window(qtbot, window, ctx):
    window.sign_out()
    qtbot.mouseClick(window.sign_in_dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert window.sign_in_dialog is None and not window.isVisible()
    assert ctx.actor.name == "王芳"
    assert QApplication.instance().quitOnLastWindowClosed()  # suspended only while the dialog was up


def test_change_password_from_the_menu(qtbot, window, ctx, clock):
    auth.force_password("reception", "Old-password-1", must_change=False)
    dialog = window.open_password_dialog()
    assert dialog.isVisible() and dialog.old_edit.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.old_edit, "Old-password-1")
    qtbot.keyClicks(dialog.new_edit, "New-password-2")
    qtbot.keyClicks(dialog.repeat_edit, "New-password-2")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.changing and not dialog.ok_button.isEnabled()   # argon2 hashes it on a worker
    qtbot.waitUntil(lambda: window.password_dialog is None, timeout=10_000)   # closed and let go
    assert window.statusBar().currentMessage() == "Your password was changed."
    assert auth.sign_in("reception", "New-password-2", now=clock()).id == ctx.actor.id


def test_ctrl_n_focuses_the_intake_phone_field(qtbot, window):
    window.new_call_action.trigger()
    assert QApplication.focusWidget() is window.intake.phone_edit


def test_the_status_bar_names_the_database_and_warns_about_2027(window, demo_db):
    assert describe_database(demo_db) in window.database_label.text()
    warning = window.calendar_label
    assert warning.isVisible()
    assert "2027" in warning.text() and "2026" not in warning.text()
    assert "provisional" in warning.text()


def test_the_calendar_warning_goes_once_the_schedule_is_imported(qtbot, window, ctx):
    admin = queries.staff_by_username("admin")
    from desk_app.services.desk import Actor

    ctx.service.import_official_schedule(Actor.of(admin), 2027, "2027-01-01,休")
    qtbot.waitUntil(lambda: not window.calendar_label.isVisible())


def test_describe_database_hides_passwords():
    assert describe_database("sqlite:////srv/desk/desk.db") == "/srv/desk/desk.db"
    assert describe_database("sqlite:///desk.db") == "desk.db"
    assert describe_database("postgresql://desk:secret@db.example:5433/desk") == "PostgreSQL desk @ db.example:5433"


def test_geometry_docks_tab_and_column_widths_are_restored(qtbot, ctx, demo_db):
    first = open_window(qtbot, ctx, demo_db)
    first.resize(first.width(), 540)
    first.views[Queue.IN_HAND].horizontalHeader().resizeSection(ADDRESS, 321)
    first.show_queue(Queue.IN_HAND)
    first.deadlines_dock.hide()
    first.close()

    second = open_window(qtbot, ctx, demo_db)
    # Only the height: the offscreen screen is 800 px wide and restoreGeometry clamps to it, while the docks
    # make the window wider than that.
    assert second.height() == 540
    assert second.current_queue() == Queue.IN_HAND
    assert second.views[Queue.IN_HAND].horizontalHeader().sectionSize(ADDRESS) == 321
    assert second.views[Queue.TO_DISPATCH].horizontalHeader().sectionSize(ADDRESS) != 321  # widths are per queue
    assert not second.deadlines_dock.isVisible()
    second.close()


def test_sort_order_is_remembered_per_queue(qtbot, ctx, demo_db):
    first = open_window(qtbot, ctx, demo_db)
    first.views[Queue.ALL].sortByColumn(COLUMNS.index("number"), Qt.SortOrder.AscendingOrder)
    first.close()
    second = open_window(qtbot, ctx, demo_db)
    model = second.models[Queue.ALL]
    assert (model.sort_key, model.descending) == ("number", False)
    second.close()


def test_clicking_an_unsortable_header_keeps_the_order(qtbot, window):
    view = window.current_view()
    model = view.queue_model()
    before = (model.sort_key, model.descending, model.sort_column())
    view.horizontalHeader().setSortIndicator(ADDRESS, Qt.SortOrder.AscendingOrder)
    assert (model.sort_key, model.descending, model.sort_column()) == before
    assert view.horizontalHeader().sortIndicatorSection() == model.sort_column()


def test_choosing_another_language_saves_it_and_reopens_the_window(monkeypatch, qtbot, window):
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    assert app_settings.language() == "zh_CN"
    window.language_actions["en"].trigger()
    assert app_settings.language() == "en"
    assert window.restart_requested and not window.isVisible()  # run_gui builds it again in English


def test_declining_the_restart_keeps_the_window(monkeypatch, qtbot, window):
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.No)
    window.language_actions["en"].trigger()
    assert app_settings.language() == "en"
    assert not window.restart_requested and window.isVisible()


def test_run_gui_signs_in_opens_the_window_and_returns(monkeypatch, qtbot, qapp, demo_db):
    """The whole start-up path: the sign-in dialog (--user fills the name in, the password is typed), the window,
    ended by the start-up benchmark's first-paint hook."""
    from desk_app.ui import app as app_module

    set_demo_passwords()
    seen = {}

    def drive(dialog):
        if type(dialog).__name__ != "SignInDialog":
            return dialog.exec()
        seen["prefilled"] = dialog.username_edit.text()
        seen["ready before shown"] = dialog.ready
        qtbot.keyClicks(dialog.password_edit, DEMO_PASSWORD)
        # Clicked before the database is open (it opens once the dialog has painted): held, then run.
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        seen["held"] = dialog.signing_in and not dialog.sign_in_button.isEnabled()
        return dialog.exec()

    font = qapp.font()
    monkeypatch.setattr(app_module, "run_dialog", drive)
    monkeypatch.setenv(app_module.ENV_EXIT_AFTER_FIRST_PAINT, app_module.MAIN_WINDOW_PAINT)
    windows = []
    monkeypatch.setattr(MainWindow, "start_session", lambda self: windows.append(self.ctx.actor))
    args = argparse.Namespace(database=demo_db, lang="en", user="dispatcher", no_demo=True)
    try:
        assert app_module.run_gui(args) == 0
    finally:
        qapp.setFont(font)
    assert seen["prefilled"] == "dispatcher"
    assert seen["ready before shown"] is False and seen["held"] is True
    assert [actor.name for actor in windows] == ["何平"]


def test_run_gui_ends_when_the_sign_in_is_cancelled(monkeypatch, qapp, demo_db):
    from desk_app.ui import app as app_module

    set_demo_passwords()

    def cancel(dialog):
        dialog.reject()
        return dialog.result()

    font = qapp.font()
    monkeypatch.setattr(app_module, "run_dialog", cancel)
    built = []
    monkeypatch.setattr(MainWindow, "__init__", lambda *a, **k: built.append(a))
    try:
        assert app_module.run_gui(argparse.Namespace(database=demo_db, lang="en", user=None, no_demo=True)) == 0
    finally:
        qapp.setFont(font)
    assert built == []


def test_every_thirty_seconds_the_counts_are_read_again(monkeypatch, qtbot, window):
    """Every queue once, by the count job (tests/ui/test_count_job.py: on its thread); none by a model here."""
    calls = QueryCounter(monkeypatch, queue_model, "count_queue")
    counted: list[list[Queue]] = []
    original = window_module.count_filters
    monkeypatch.setattr(window_module, "count_filters",
                        lambda filters: counted.append([f.queue for f in filters]) or original(filters))
    window._last_refresh -= 31  # as if half a minute had passed since the last refresh
    with qtbot.waitSignal(window.counts_refreshed, timeout=5000):
        pass
    assert counted == [list(window.queues)]
    assert calls.calls == []


def test_the_selection_follows_its_ticket_when_rows_move(qtbot, window, ctx):
    window.show_queue(Queue.ALL)  # newest first: a new ticket pushes every row down by one
    view = window.current_view()
    rows_shown(qtbot, view)   # its pages are read on workers as they are painted
    view.selectRow(2)
    selected = view.selected_id
    ctx.service.create_ticket(ctx.actor, consultation("测试：水管漏水"))
    qtbot.waitUntil(lambda: view.currentIndex().row() == 3)
    assert view.queue_model().row_at(view.currentIndex()).id == selected
    assert window.detail.current_ticket_id == selected


def test_moving_onto_rows_still_being_read_chooses_the_ticket_once_they_are_in(monkeypatch, qtbot, ctx, demo_db):
    """A page the window reads on a worker (every page on PostgreSQL, a far one on SQLite; here every one): Ctrl+End
    lands on a row whose page is not read yet; the pane follows when its rows are in, and nothing was read on the
    window's thread."""
    import threading

    real_init = queue_model.QueueModel.__init__   # pages of 8 rows (the demo's queue has several), all on workers
    monkeypatch.setattr(queue_model.QueueModel, "__init__",
                        lambda self, *args, **kwargs: real_init(self, *args,
                                                                **{**kwargs, "page_size": 8}))
    window = open_window(qtbot, ctx, demo_db)
    window.show_queue(Queue.ALL)
    view = window.current_view()
    model = view.queue_model()
    rows_shown(qtbot, view)
    last = model.rowCount() - 1
    assert not model.is_loaded(last)
    read_on: list[threading.Thread] = []
    real_seek = queue_model.queue_seek
    monkeypatch.setattr(queue_model, "queue_seek",
                        lambda *a, **k: read_on.append(threading.current_thread()) or real_seek(*a, **k))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert view.currentIndex().row() == last
    qtbot.waitUntil(lambda: view.selected_id is not None and model.is_loaded(last))
    assert read_on and threading.main_thread() not in read_on
    assert view.selected_id == model.row_at(last).id
    qtbot.waitUntil(lambda: window.detail.current_ticket_id == view.selected_id)
    window.close()
