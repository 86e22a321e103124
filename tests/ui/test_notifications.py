"""Notices in the window: a dispatch tells the receiver (dock, window title, tray or status bar), a double-click opens
the ticket, 全部已读, the deadline scan on a worker thread, and the failed e-mail/SMS list with 重试."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSystemTrayIcon

from desk_app.core.kinds import TicketKind
from desk_app.core.validation import TicketDraft
from desk_app.models.schema import Department, Notification, Outbox
from desk_app.services.desk import Actor, DeskService
from desk_app.services.notify import Notifier
from desk_app.services.queries import staff_by_username
from desk_app.ui.context import DeskContext
from desk_app.ui.main_window.window import MainWindow
from desk_app.ui.notifications import FAILED_PAGE


@pytest.fixture(autouse=True)
def no_automatic_scan(monkeypatch):
    monkeypatch.setattr(MainWindow, "SCAN_FIRST_DELAY_MS", 3_600_000)


def actor(username: str) -> Actor:
    return Actor.of(staff_by_username(username))


@pytest.fixture
def receiver_ctx(qapp, demo_db, clock):
    context = DeskContext(DeskService(now=clock), actor("engineering.recv"))
    yield context
    context.close()


def open_window(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    read(qtbot, window.notifications_dock)
    return window


def read(qtbot, dock) -> None:
    """Wait until the dock's reads and read marks (on workers) are in."""
    qtbot.waitUntil(lambda: not dock.reading, timeout=10_000)


def dispatch_to_engineering(ctx: DeskContext) -> int:
    """The front desk (王芳) makes a consultation and dispatches it to 工程部, through the services."""
    reception = actor("reception")
    ticket_id = ctx.service.create_ticket(reception, TicketDraft(
        kind=TicketKind.CONSULTATION, description="测试：咨询公共区域灯具更换", phone="13800138000",
        caller_name="测试用户"))
    engineering = Department.get(Department.code == "engineering")
    ctx.service.dispatch(reception, ticket_id, engineering.id)
    return ticket_id


def test_a_dispatch_reaches_the_receivers_dock_title_and_announcement(qtbot, receiver_ctx):
    window = open_window(qtbot, receiver_ctx)
    dock = window.notifications_dock
    assert dock.unread_count == 0 and "(" not in window.windowTitle().split("–")[0]
    with qtbot.waitSignal(window.notices_announced, timeout=3000) as announced:
        ticket_id = dispatch_to_engineering(receiver_ctx)
    title, text = announced.args
    notice = dock.notices()[0]
    assert notice.ticket_id == ticket_id and notice.kind == "dispatch"
    assert title == notice.title and title.startswith("新工单 ") and title.endswith("已派给您")
    assert "请及时接单处理" in text
    assert dock.unread_count == 1
    assert window.windowTitle().startswith("(1) 工单台服务中心 – 张伟")
    assert window.statusBar().currentMessage() == title  # no tray offscreen: the status bar says it
    assert dock.list.item(0).font().bold()


def test_double_click_opens_the_ticket_and_marks_the_notice_read(qtbot, receiver_ctx):
    window = open_window(qtbot, receiver_ctx)
    dock = window.notifications_dock
    with qtbot.waitSignal(window.notices_announced, timeout=3000):
        ticket_id = dispatch_to_engineering(receiver_ctx)
    rect = dock.list.visualItemRect(dock.list.item(0))
    # A real double-click starts with a press (QTest's double-click alone would not be one for the view).
    qtbot.mouseClick(dock.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.detail.current_ticket_id is None and dock.unread_count == 1  # one click only selects
    qtbot.mouseDClick(dock.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.detail.current_ticket_id == ticket_id
    read(qtbot, dock)   # the read mark is written on a worker, then the list is read again
    assert dock.unread_count == 0 and not dock.list.item(0).font().bold()
    assert not window.windowTitle().startswith("(")


def test_mark_all_read(qtbot, receiver_ctx):
    window = open_window(qtbot, receiver_ctx)
    dock = window.notifications_dock
    for _ in range(2):
        with qtbot.waitSignal(window.notices_announced, timeout=3000):
            dispatch_to_engineering(receiver_ctx)
    assert dock.unread_count == 2 and window.windowTitle().startswith("(2) ")
    assert dock.mark_all_button.isEnabled()
    qtbot.mouseClick(dock.mark_all_button, Qt.MouseButton.LeftButton)
    read(qtbot, dock)
    assert dock.unread_count == 0 and not dock.mark_all_button.isEnabled()
    assert Notification.select().where(Notification.read_at.is_null()
                                       & (Notification.recipient == receiver_ctx.actor.id)).count() == 0
    assert not window.windowTitle().startswith("(")


def test_notices_of_another_desk_are_found_by_the_poll(qtbot, receiver_ctx, clock):
    window = open_window(qtbot, receiver_ctx)
    # Another desk's notifier writes it: no change reaches this window, only the database has it.
    Notifier(clock).notify(receiver_ctx.actor.id, "circulate", "公告：测试", "请传阅")
    window._last_poll -= 10  # as if the poll interval had passed
    with qtbot.waitSignal(window.notices_announced, timeout=3000) as announced:
        pass
    assert announced.args[0] == "公告：测试"
    assert window.notifications_dock.unread_count == 1


def test_the_dock_reads_and_marks_on_workers(qtbot, receiver_ctx, clock, monkeypatch):
    """The poll every few seconds, the list, the counts and the read marks never wait on the window's thread."""
    window = open_window(qtbot, receiver_ctx)
    dock = window.notifications_dock
    threads: list[int] = []
    for name in ("list_for", "unread_count"):   # static methods
        real = getattr(Notifier, name)
        monkeypatch.setattr(Notifier, name, staticmethod(
            lambda *a, _real=real, **k: threads.append(threading.get_ident()) or _real(*a, **k)))
    real_mark = Notifier.mark_read
    monkeypatch.setattr(Notifier, "mark_read",
                        lambda self, *a, **k: threads.append(threading.get_ident()) or real_mark(self, *a, **k))
    Notifier(clock).notify(receiver_ctx.actor.id, "circulate", "公告：测试", "请传阅")
    with qtbot.waitSignal(window.notices_announced, timeout=3000):
        dock.poll()
    qtbot.mouseClick(dock.mark_all_button, Qt.MouseButton.LeftButton)
    read(qtbot, dock)
    assert dock.unread_count == 0 and threads
    assert threading.get_ident() not in threads


def test_the_next_person_never_sees_the_last_ones_notices_or_count(qtbot, receiver_ctx, clock):
    """Their notices are read on a worker after a sign-in as someone else: meanwhile the dock and the title show
    nothing of the last person's (and no made-up count)."""
    window = open_window(qtbot, receiver_ctx)
    dock = window.notifications_dock
    with qtbot.waitSignal(window.notices_announced, timeout=3000):
        dispatch_to_engineering(receiver_ctx)
    assert dock.unread_count == 1 and dock.notices()
    receiver_ctx.set_actor(actor("reception"))
    assert dock.notices() == [] and dock.unread_count == 0 and not window.windowTitle().startswith("(")
    with qtbot.waitSignal(dock.unread_changed, timeout=3000):   # theirs, announced once read
        pass
    read(qtbot, dock)
    assert all(n.title for n in dock.notices()) and not window.windowTitle().startswith("(-")


def test_several_new_notices_are_announced_together_in_the_tray(qtbot, receiver_ctx, clock, monkeypatch):
    shown = []
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    monkeypatch.setattr(QSystemTrayIcon, "show", lambda self: None)
    monkeypatch.setattr(QSystemTrayIcon, "isVisible", lambda self: True)
    monkeypatch.setattr(QSystemTrayIcon, "showMessage", lambda self, title, text, *a: shown.append((title, text)))
    window = open_window(qtbot, receiver_ctx)
    assert window.tray is not None
    notifier = Notifier(clock)
    for n in range(3):
        notifier.notify(receiver_ctx.actor.id, "circulate", f"公告：第{n + 1}条", "")
    window._last_poll -= 10
    with qtbot.waitSignal(window.notices_announced, timeout=3000):
        pass
    assert shown == [("3 new notices", "公告：第3条\n公告：第2条\n公告：第1条")]
    assert window.tray.toolTip() == "Service Desk – 张伟: 3 unread"
    window.close()


def test_the_deadline_scan_runs_on_a_worker_and_the_dock_follows(qtbot, ctx, clock, monkeypatch):
    ctx.set_actor(actor("supervisor"))
    window = open_window(qtbot, ctx)
    dock = window.notifications_dock
    assert dock.unread_count == 0
    threads = {}
    real_scan = Notifier.scan_deadlines

    def scan(self, *args, **kwargs):
        threads["scan"] = threading.get_ident()
        return real_scan(self, *args, **kwargs)

    monkeypatch.setattr(Notifier, "scan_deadlines", scan)
    with qtbot.waitSignal(window.background_scan_finished, timeout=10_000):
        job = window.run_background_scan()
        assert job is not None and window.run_background_scan() is None  # one scan at a time
    assert threads["scan"] != threading.get_ident()
    assert not window.scan_running
    # Overdue clocks are told to the supervisors: the dock and the title show them.
    qtbot.waitUntil(lambda: dock.unread_count > 0, timeout=3000)
    assert any("已超时" in n.title for n in dock.notices())
    assert window.windowTitle().startswith(f"({dock.unread_count}) ")


def test_the_scan_starts_by_itself_shortly_after_the_window_opens(qtbot, ctx, monkeypatch):
    monkeypatch.setattr(MainWindow, "SCAN_FIRST_DELAY_MS", 0)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.background_scan_finished, timeout=10_000):
        window.show()
    assert window.scan_timer.interval() == MainWindow.SCAN_INTERVAL_MS and window.scan_timer.isActive()
    window.close()


def test_closing_the_window_stops_a_running_scan(qtbot, ctx, monkeypatch):
    started, release = threading.Event(), threading.Event()

    def slow_scan(self, *args, **kwargs):
        started.set()
        release.wait(5)
        return 0

    monkeypatch.setattr(Notifier, "scan_deadlines", slow_scan)
    window = open_window(qtbot, ctx)
    window.run_background_scan()
    assert started.wait(5)
    threading.Timer(0.05, release.set).start()
    window.close()
    assert not window.scan_running  # the job was waited for and its end delivered at once


def test_failed_messages_are_listed_for_supervisors_and_retried(qtbot, ctx, clock, monkeypatch):
    made_due_on: list[threading.Thread] = []
    real_retry = Notifier.retry_now
    monkeypatch.setattr(Notifier, "retry_now",
                        lambda self, outbox_id: made_due_on.append(threading.current_thread())
                        or real_retry(self, outbox_id))
    now = clock()
    Outbox.create(channel="email", address="zhangwei@example.com", subject="新工单", body="…", created_at=now,
                  attempts=3, last_error="SMTP 550 mailbox unavailable",
                  next_attempt_at=now + dt.timedelta(hours=1))
    window = open_window(qtbot, ctx)
    assert not window.notifications_dock.pages.isTabVisible(FAILED_PAGE)  # not the front desk's business
    ctx.set_actor(actor("supervisor"))
    dock = window.notifications_dock
    read(qtbot, dock)
    assert dock.pages.isTabVisible(FAILED_PAGE) and dock.pages.tabText(FAILED_PAGE) == "Failed to send (1)"
    assert dock.show_failed() and dock.failed_box.isVisible()
    assert [(m.address, m.attempts) for m in dock.failed()] == [("zhangwei@example.com", 3)]
    assert dock.failed_table.item(0, 4).text() == "SMTP 550 mailbox unavailable"
    assert not dock.retry_button.isEnabled()
    dock.failed_table.selectRow(0)
    with qtbot.waitSignal(window.background_scan_finished, timeout=10_000):
        qtbot.mouseClick(dock.retry_button, Qt.MouseButton.LeftButton)
    assert len(made_due_on) == 1 and made_due_on[0] is not threading.main_thread()
    read(qtbot, dock)
    # No e-mail sender is configured: the retry happened and failed again, visibly.
    assert [(m.address, m.attempts) for m in dock.failed()] == [("zhangwei@example.com", 4)]
    assert "no email sender" in dock.failed_table.item(0, 4).text()
