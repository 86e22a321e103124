"""The detail pane: what it shows, which actions it offers to whom, dialogs that keep input, conflicts, the slip."""

from __future__ import annotations

import datetime as dt

import pytest
from desk_support import IGNORE_OFFSCREEN, receiver_of, staff, table_texts, type_text
from pane_waits import settle, show
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter

from desk_app.core.errors import PermissionDenied
from desk_app.core.kinds import Satisfaction, TicketKind
from desk_app.core.policies import ClockKind
from desk_app.core.states import Action, State
from desk_app.core.timelimits import ClockStatus
from desk_app.core.validation import TicketDraft
from desk_app.models.schema import Department, Staff, Ticket
from desk_app.services.desk import Actor, DeskService
from desk_app.ui.common import STATUS_COLORS, label
from desk_app.ui.detail.pane import DetailPane
from desk_app.ui.dialogs import ActionDialog, SlipPreviewDialog

pytestmark = [IGNORE_OFFSCREEN, pytest.mark.usefixtures("manual_routing")]

ENGINEERING = "工程部"



@pytest.fixture
def pane(qtbot, ctx):
    widget = DetailPane(ctx)
    qtbot.addWidget(widget)
    widget.resize(820, 900)
    widget.show()
    return widget


@pytest.fixture
def engineering(demo_db):
    return Department.get(Department.name == ENGINEERING).id


@pytest.fixture
def new_ticket(ctx):
    """A fresh repair ticket made by the receptionist, not yet dispatched."""
    return ctx.service.create_ticket(ctx.actor, TicketDraft(
        kind=TicketKind.REPAIR, description="楼道声控灯不亮，已有一周", phone="13812345678", caller_name="张三",
        address="阳光花园3栋2单元501", area="城北片区"))


def in_progress(ctx, ticket_id: int, department_id: int) -> None:
    """Move a ticket to 处理中 through the services, as its department would."""
    receiver = receiver_of(ENGINEERING)
    ctx.service.dispatch(ctx.actor, ticket_id, department_id)
    ctx.service.accept(receiver, ticket_id)
    ctx.service.start(receiver, ticket_id)


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(qtbot, button.window())  # the pane runs the action on a worker: wait for its answer


def submit(qtbot, dialog: ActionDialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, dialog.parentWidget())  # the pane runs the change on a worker: wait for its answer


def test_nothing_shown_until_a_ticket_is_chosen(qtbot, pane):
    assert pane.current_ticket_id is None
    assert pane.placeholder_label.isVisible()


def test_shows_the_ticket_its_clocks_and_history(qtbot, pane, new_ticket):
    show(qtbot, pane, new_ticket)
    ticket = Ticket.get_by_id(new_ticket)
    assert pane.current_ticket_id == new_ticket
    assert pane.number_label.text() == ticket.number
    assert pane.state_label.text() == "To dispatch"
    assert pane.priority_label.text() == f"P{ticket.priority}"
    assert pane.kind_label.text() == "Repair"
    assert pane.values["caller"].text() == "张三"
    assert pane.values["phone"].text() == "138 1234 5678"
    assert pane.values["department"].text() == "—"
    assert pane.description_label.text() == "楼道声控灯不亮，已有一周"
    clocks = table_texts(pane.clocks_table)
    assert [row[1] for row in clocks] == ["4 working hours", "3 working days"]
    assert all(row[3] for row in clocks)  # time left shown
    assert table_texts(pane.history_table, 2) == ["Created"]


def test_a_receptionist_gets_dispatch_but_not_the_departments_buttons(qtbot, pane, ctx, new_ticket, engineering):
    show(qtbot, pane, new_ticket)
    # The front desk may agree the visit time with the customer before the department accepts.
    assert pane.available_actions() == [Action.DISPATCH, Action.APPOINT]
    ctx.service.dispatch(ctx.actor, new_ticket, engineering)
    qtbot.waitUntil(lambda: pane.state_label.text() == "Not yet handled")  # ctx.changed reloads the pane
    assert pane.available_actions() == [Action.APPOINT]
    assert pane.action_button(Action.ACCEPT).isHidden()
    assert pane.action_button(Action.RESOLVE).isHidden()
    with pytest.raises(PermissionDenied):
        ctx.service.accept(ctx.actor, new_ticket)
    # While the department waits on an outside party, the desk has nothing to do.
    receiver = receiver_of(ENGINEERING)
    ctx.service.accept(receiver, new_ticket)
    ctx.service.start(receiver, new_ticket)
    ctx.service.block(receiver, new_ticket, "等待厂家配件到货")
    qtbot.waitUntil(lambda: pane.state_label.text() == "Blocked (outside party)")
    assert pane.available_actions() == []
    assert pane.action_button(Action.UNBLOCK).isHidden()
    assert pane.no_actions_label.text() == "With 工程部: nothing for you to do now."


def test_the_receiver_of_another_department_gets_no_buttons(qtbot, pane, ctx, new_ticket, engineering):
    ctx.service.dispatch(ctx.actor, new_ticket, engineering)
    show(qtbot, pane, new_ticket)
    ctx.set_actor(receiver_of("财务部"))
    settle(qtbot, pane)
    assert pane.available_actions() == []
    ctx.set_actor(receiver_of(ENGINEERING))
    settle(qtbot, pane)
    assert pane.available_actions() == [Action.ACCEPT, Action.RETURN, Action.APPOINT, Action.TRANSFER]


def test_dispatch_needs_a_department_and_names_its_one_receiver(qtbot, pane, new_ticket, engineering):
    show(qtbot, pane, new_ticket)
    dialog = pane.trigger(Action.DISPATCH)
    assert dialog.isVisible()
    submit(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.errors.label("department").text() == "Choose a department."
    dialog.select_department(engineering)
    assert dialog.receiver_label.text() == "张伟"
    assert dialog.errors.label("department").isHidden()
    assert "沈师傅" in [dialog.worker_combo.itemText(i) for i in range(dialog.worker_combo.count())]
    dialog.worker_combo.setEditText("沈师傅")
    type_text(dialog.note_edit, "住户下午在家")
    with qtbot.waitSignal(pane.ticket_changed) as changed:
        submit(qtbot, dialog)
    assert changed.args == [new_ticket]
    assert pane.state_label.text() == "Not yet handled"
    assert (pane.values["department"].text(), pane.values["receiver"].text(), pane.values["worker"].text()) == (
        ENGINEERING, "张伟", "沈师傅")
    assert table_texts(pane.history_table)[-1][2:] == [
        "Dispatch", "To dispatch → Not yet handled", "→ 工程部 / 张伟; 住户下午在家"]


def test_a_department_without_receiver_is_refused_next_to_the_field(qtbot, pane, new_ticket, engineering):
    Department.update(receiver=None).where(Department.id == engineering).execute()
    show(qtbot, pane, new_ticket)
    dialog = pane.open_action_dialog(Action.DISPATCH)
    dialog.select_department(engineering)
    submit(qtbot, dialog)
    assert dialog.errors.label("department").text() == "工程部 has no receiver: the administrator must name one."
    assert Ticket.get_by_id(new_ticket).state == State.NEW.value


def test_return_needs_a_reason_and_keeps_the_dialog_open(qtbot, pane, ctx, new_ticket, engineering):
    ctx.service.dispatch(ctx.actor, new_ticket, engineering)
    ctx.set_actor(receiver_of(ENGINEERING))
    settle(qtbot, pane)
    show(qtbot, pane, new_ticket)
    dialog = pane.trigger(Action.RETURN)
    submit(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.errors.label("reason").text() == "Give a reason."
    type_text(dialog.reason_edit, "不属于本部门处理范围")
    submit(qtbot, dialog)
    # Returned to the audit center: the department lets go of it (and no longer reads it); the audit center does.
    ticket = Ticket.get_by_id(new_ticket)
    assert (ticket.state, ticket.department_id) == (State.RETURNED.value, None)
    assert "not visible to you" in pane.placeholder_label.text()
    ctx.set_actor(Actor.of(Staff.get(Staff.username == "audit")))
    settle(qtbot, pane)
    show(qtbot, pane, new_ticket)
    assert pane.state_label.text() == "Returned"
    assert table_texts(pane.history_table)[-1][4] == "不属于本部门处理范围"


def test_resolve_needs_a_solution(qtbot, pane, ctx, new_ticket, engineering):
    in_progress(ctx, new_ticket, engineering)
    ctx.set_actor(receiver_of(ENGINEERING))
    settle(qtbot, pane)
    show(qtbot, pane, new_ticket)
    dialog = pane.trigger(Action.RESOLVE)
    submit(qtbot, dialog)
    assert dialog.errors.label("solution").text() == "Describe how it was solved."
    type_text(dialog.solution_edit, "已更换声控开关，恢复正常")
    submit(qtbot, dialog)
    assert pane.state_label.text() == "Solved"
    assert pane.solution_label.text() == "已更换声控开关，恢复正常"


def test_an_appointment_in_the_past_is_refused_next_to_the_time(qtbot, pane, ctx, clock, new_ticket, engineering):
    ctx.service.dispatch(ctx.actor, new_ticket, engineering)
    ctx.service.accept(receiver_of(ENGINEERING), new_ticket)
    ctx.set_actor(receiver_of(ENGINEERING))
    settle(qtbot, pane)
    show(qtbot, pane, new_ticket)
    dialog = pane.trigger(Action.APPOINT)
    dialog.set_time(clock() - dt.timedelta(days=3))
    submit(qtbot, dialog)
    assert dialog.errors.label("appointment").text() == "The visit time is in the past."
    dialog.set_time(clock() + dt.timedelta(hours=5))
    submit(qtbot, dialog)
    assert pane.state_label.text() == "Appointment agreed"
    assert pane.values["appointment_at"].text() == (clock() + dt.timedelta(hours=5)).strftime("%Y-%m-%d %H:%M")


def test_a_change_by_another_desk_gives_a_conflict_and_a_reload(qtbot, pane, ctx, clock, new_ticket, engineering):
    in_progress(ctx, new_ticket, engineering)
    receiver = receiver_of(ENGINEERING)
    ctx.set_actor(receiver)
    settle(qtbot, pane)
    show(qtbot, pane, new_ticket)
    # Another PC changes the ticket: no event reaches this desk.
    DeskService(now=clock).block(receiver, new_ticket, "等待业主回复")
    assert pane.state_label.text() == "In progress"
    dialog = pane.trigger(Action.RESOLVE)
    type_text(dialog.solution_edit, "已处理")
    submit(qtbot, dialog)
    number = Ticket.get_by_id(new_ticket).number
    expected = (f"Ticket {number} was changed by someone else meanwhile. Reload it and try again; "
                "what you typed is kept.")
    assert dialog.isVisible()
    assert dialog.errors.general.text() == expected
    assert dialog.solution_edit.toPlainText() == "已处理"
    assert pane.message_label.text() == expected
    assert pane.state_label.text() == "Blocked (outside party)"  # reloaded
    assert Action.UNBLOCK in pane.available_actions()


def test_a_conflict_in_a_dialog_keeps_the_text_and_the_retry_works(qtbot, pane, ctx, clock, new_ticket, engineering):
    in_progress(ctx, new_ticket, engineering)
    receiver = receiver_of(ENGINEERING)
    ctx.set_actor(receiver)
    settle(qtbot, pane)
    show(qtbot, pane, new_ticket)
    dialog = pane.trigger(Action.BLOCK)
    type_text(dialog.reason_edit, "等待厂家配件到货")
    DeskService(now=clock).appoint(receiver, new_ticket, clock() + dt.timedelta(hours=3))
    submit(qtbot, dialog)
    assert dialog.isVisible() and "changed by someone else" in dialog.errors.general.text()
    assert pane.state_label.text() == "Appointment agreed"
    submit(qtbot, dialog)  # retry: the same text, now against the reloaded version
    assert pane.state_label.text() == "Blocked (outside party)"
    assert table_texts(pane.history_table)[-1][4] == "等待厂家配件到货"


def test_a_direct_action_after_a_change_elsewhere_reloads(qtbot, pane, ctx, clock, new_ticket, engineering):
    ctx.service.dispatch(ctx.actor, new_ticket, engineering)
    receiver = receiver_of(ENGINEERING)
    ctx.set_actor(receiver)
    settle(qtbot, pane)
    show(qtbot, pane, new_ticket)
    DeskService(now=clock).accept(receiver, new_ticket)
    click(qtbot, pane.action_button(Action.ACCEPT))
    assert "changed by someone else" in pane.message_label.text()
    assert pane.state_label.text() == "Accepted"
    assert pane.action_button(Action.ACCEPT).isHidden()


def test_paused_and_overdue_clocks_and_the_tick(qtbot, pane, ctx, clock, new_ticket, engineering):
    in_progress(ctx, new_ticket, engineering)
    receiver = receiver_of(ENGINEERING)
    show(qtbot, pane, new_ticket)
    ctx.service.block(receiver, new_ticket, "需银行方面配合核实")
    qtbot.waitUntil(lambda: pane.state_label.text() == "Blocked (outside party)")
    resolve_row = table_texts(pane.clocks_table)[1]
    assert resolve_row == [label(ClockKind.RESOLVE), "3 working days", "— (set again on resume)", "paused"]
    ctx.service.unblock(receiver, new_ticket)
    qtbot.waitUntil(lambda: pane.state_label.text() == "In progress")
    before = table_texts(pane.clocks_table)[1][3]
    clock.advance(hours=2)
    pane.tick()
    assert table_texts(pane.clocks_table)[1][3] != before
    clock.advance(days=10)
    pane.tick()
    item = pane.clocks_table.item(1, 3)
    assert item.text().startswith("overdue ")
    assert item.foreground().color() == STATUS_COLORS[ClockStatus.OVERDUE]


def test_unsatisfied_visit_needs_a_reason_and_reopens(qtbot, pane, ctx, new_ticket, engineering):
    in_progress(ctx, new_ticket, engineering)
    ctx.service.resolve(receiver_of(ENGINEERING), new_ticket, "已更换开关")
    show(qtbot, pane, new_ticket)
    dialog = pane.trigger(Action.VISIT)
    submit(qtbot, dialog)
    assert dialog.errors.label("satisfaction").text() == "Choose how satisfied the customer is."
    dialog.choose(Satisfaction.UNSATISFIED)
    assert dialog.ok_button.text() == "Reopen"
    submit(qtbot, dialog)
    assert dialog.errors.label("reason").text() == "Give a reason."
    type_text(dialog.note_edit, "灯还是不亮")
    submit(qtbot, dialog)
    assert pane.state_label.text() == "In progress"
    assert pane.values["satisfaction"].text() == "Unsatisfied"
    assert table_texts(pane.history_table)[-1][2:] == [
        "Reopen", "Solved → In progress", "Unsatisfied; 灯还是不亮"]


def test_an_archived_ticket_is_read_only(qtbot, pane, demo_db):
    archived = Ticket.select().where(Ticket.state == State.ARCHIVED.value).first()
    show(qtbot, pane, archived.id)
    assert pane.archived_label.isVisible()
    assert pane.actions_bar.isHidden()
    assert pane.available_actions() == []


def test_the_slip_preview_has_three_pages_saves_and_prints(qtbot, pane, ctx, new_ticket, engineering, tmp_path):
    ctx.service.dispatch(ctx.actor, new_ticket, engineering, worker="沈师傅")
    show(qtbot, pane, new_ticket)
    pane.print_button.click()
    previews = pane.findChildren(SlipPreviewDialog)
    assert len(previews) == 1
    preview = previews[0]
    assert preview.isVisible()
    assert preview.document.pageCount() == 3
    number = Ticket.get_by_id(new_ticket).number
    assert preview.windowTitle() == f"Dispatch slip {number}"
    saved = tmp_path / "slip.pdf"
    preview.save_to(str(saved))
    assert saved.read_bytes().startswith(b"%PDF") and len(PdfReader(saved).pages) == 3
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert preview.print_to(printer) == 3
    assert len(PdfReader(printed).pages) == 3
    preview.close()
    qtbot.waitUntil(lambda: not pane.findChildren(SlipPreviewDialog))


def test_a_receptionist_cannot_accept_through_the_service(ctx, new_ticket, engineering):
    ctx.service.dispatch(ctx.actor, new_ticket, engineering)
    with pytest.raises(PermissionDenied):
        ctx.service.accept(staff("reception"), new_ticket)
