"""The intake saves on a worker: 生成工单, 当场解决 and 登记客户 never write on the window's thread, the buttons (or the
dialog) are off until the answer is back so nothing is sent twice, and in the main window the new ticket is counted
and selected without a count on the window's thread."""

from __future__ import annotations

import os
import threading

import pytest
from desk_support import IGNORE_OFFSCREEN, type_text
from pane_waits import WAIT_MS, closed, counted, create, look_up, registered, saved
from PySide6.QtCore import Qt

from desk_app.core.kinds import TicketKind
from desk_app.models.schema import CallRecord, Customer, Staff, Ticket
from desk_app.services import queries
from desk_app.services.desk import DeskService
from desk_app.ui import queue_model
from desk_app.ui.dialogs import RegisterCustomerDialog
from desk_app.ui.intake.panel import IntakePanel
from desk_app.ui.main_window import window as window_module
from desk_app.ui.main_window.window import MainWindow

pytestmark = IGNORE_OFFSCREEN

CONTENT = "卫生间水管漏水，楼下住户天花板渗水"
NEW_CALLER = "13700004321"


class Threads:
    """On which thread each of some functions ran."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *targets: tuple[object, str]) -> None:
        self.calls: list[tuple[str, bool]] = []
        for owner, name in targets:
            monkeypatch.setattr(owner, name, self._wrap(name, getattr(owner, name)))

    def _wrap(self, name, original):
        def watched(*args, **kwargs):
            self.calls.append((name, threading.current_thread() is threading.main_thread()))
            return original(*args, **kwargs)
        return watched

    def names(self) -> list[str]:
        return [name for name, _main in self.calls]

    def on_main_thread(self) -> list[str]:
        return [name for name, main in self.calls if main]


@pytest.fixture
def panel(qtbot, ctx):
    widget = IntakePanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(760, 720)
    widget.show()
    qtbot.waitExposed(widget)
    widget.phone_edit.setFocus()
    return widget


def fill(qtbot, panel, phone: str = "13812345678") -> None:
    qtbot.keyClicks(panel.phone_edit, phone)
    type_text(panel.content_edit, CONTENT)
    panel.kind_combo.setCurrentIndex(panel.kind_combo.findData(TicketKind.REPAIR))


def test_a_ticket_is_saved_on_a_worker_with_the_buttons_off_and_sent_once(monkeypatch, qtbot, panel):
    threads = Threads(monkeypatch, (DeskService, "create_ticket_from_intake"), (DeskService, "record_call"))
    tickets, calls = Ticket.select().count(), CallRecord.select().count()
    fill(qtbot, panel)
    with qtbot.waitSignal(panel.save_finished, timeout=WAIT_MS) as finished:
        assert panel.create_ticket() is True
        # On its way: the buttons and Ctrl+Enter are off, and nothing more is sent.
        assert not panel.create_button.isEnabled() and not panel.solved_button.isEnabled()
        assert not any(shortcut.isEnabled() for shortcut in panel._create_shortcuts)
        assert panel.create_ticket() is None and panel.record_solved() is None
        assert panel.content_edit.toPlainText() == CONTENT   # the form is cleared only once it is saved
    assert finished.args == [True]
    qtbot.waitUntil(lambda: panel.idle, timeout=WAIT_MS)
    assert threads.names() == ["create_ticket_from_intake"] and threads.on_main_thread() == []
    assert (Ticket.select().count(), CallRecord.select().count()) == (tickets + 1, calls + 1)
    number = Ticket.select().order_by(Ticket.id.desc()).first().number
    assert panel.status_label.text() == f"Ticket {number} created"
    assert panel.content_edit.toPlainText() == "" and panel.phone_edit.hasFocus()
    assert panel.create_button.isEnabled() and panel.solved_button.isEnabled()


def test_a_call_solved_at_once_is_logged_on_a_worker(monkeypatch, qtbot, panel):
    threads = Threads(monkeypatch, (DeskService, "record_call"))
    calls = CallRecord.select().count()
    qtbot.keyClicks(panel.phone_edit, "13812345678")
    type_text(panel.content_edit, "询问停水通知，已告知恢复时间")
    assert saved(qtbot, panel, panel.solved_button.click)
    assert threads.names() == ["record_call"] and threads.on_main_thread() == []
    assert CallRecord.select().count() == calls + 1
    assert panel.status_label.text() == "Call logged as solved at first contact"


def test_a_refused_ticket_keeps_the_form_and_says_why(qtbot, panel, ctx):
    tickets = Ticket.select().count()
    fill(qtbot, panel)
    # Only the service can know: the receptionist's account was switched off meanwhile (at another desk).
    Staff.update(active=False).where(Staff.id == ctx.actor.id).execute()
    assert not saved(qtbot, panel, panel.create_ticket)
    assert panel.errors.visible_errors().get("")   # why, in the panel's message line
    assert panel.content_edit.toPlainText() == CONTENT and panel.phone_edit.text()
    assert Ticket.select().count() == tickets
    assert panel.create_button.isEnabled()
    # Switched on again, the same form is saved.
    Staff.update(active=True).where(Staff.id == ctx.actor.id).execute()
    assert Ticket.get_by_id(create(qtbot, panel)).description == CONTENT


def test_registering_a_caller_runs_on_a_worker_with_the_dialog_off(monkeypatch, qtbot, panel):
    threads = Threads(monkeypatch, (DeskService, "register_customer"), (queries, "quarantined_count"))
    qtbot.keyClicks(panel.phone_edit, NEW_CALLER)
    look_up(qtbot, panel)
    dialog = panel.open_register_dialog()
    assert isinstance(dialog, RegisterCustomerDialog)
    opened = len(threads.calls)   # the dialog's own small read of the waiting tickets, when it opens
    type_text(dialog.name_edit, "钱先生")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isEnabled()   # on its way: nothing can be sent twice
    dialog.submitted.emit()
    registered(qtbot, panel)
    assert closed(dialog)
    assert threads.names()[opened:] == ["quarantined_count", "register_customer"]
    assert [main for _name, main in threads.calls[opened:]] == [False, False]
    assert Customer.select().where(Customer.name == "钱先生").count() == 1
    assert panel.status_label.text() == "Customer 钱先生 registered."
    assert panel.customer is not None and panel.customer.name == "钱先生"


@pytest.fixture
def window(qtbot, monkeypatch, ctx, demo_db):
    monkeypatch.setattr(MainWindow, "SCAN_FIRST_DELAY_MS", 3_600_000)
    win = MainWindow(ctx, database_url=demo_db)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    counted(qtbot, win)
    yield win
    win.close()


def test_a_ticket_taken_in_at_the_window_is_counted_off_its_thread_and_selected(monkeypatch, qtbot, window):
    threads = Threads(monkeypatch, (queue_model, "count_queue"), (window_module, "count_filters"),
                      (queries, "count_queue"))
    intake = window.intake
    window.new_call_action.trigger()
    fill(qtbot, intake)
    intake.kind_combo.setCurrentIndex(intake.kind_combo.findData(TicketKind.CONSULTATION))   # waits in 待派单
    shots = os.environ.get("DESK_INTAKE_SCREENSHOTS")   # a folder: the window while saving and once saved
    if shots:
        intake.create_ticket()
        window.grab().save(os.path.join(shots, "intake_saving.png"))
        with qtbot.waitSignal(intake.ticket_created, timeout=WAIT_MS) as created:
            pass
        qtbot.waitUntil(lambda: intake.idle, timeout=WAIT_MS)
        ticket_id = created.args[0]
    else:
        ticket_id = create(qtbot, intake)
    assert window.detail.current_ticket_id == ticket_id
    qtbot.waitUntil(lambda: window.current_view().selected_id == ticket_id, timeout=WAIT_MS)
    if shots:
        qtbot.wait(300)   # the pane's read of the ticket
        window.grab().save(os.path.join(shots, "intake_saved.png"))
    counted(qtbot, window)
    assert "count_filters" in threads.names() and threads.on_main_thread() == []
    view = window.current_view()
    assert view.queue_model().row_at(view.currentIndex()).id == ticket_id
    assert window.queue_count(window.current_queue()) == view.queue_model().rowCount()
