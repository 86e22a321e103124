"""The walking skeleton with real widgets: a call becomes a ticket and goes all the way to the archive.

Intake panel and detail pane side by side, as the main window will hold them; every step is checked through what
the widgets show, and the history table tells the whole story at the end.
"""

from __future__ import annotations

import datetime as dt

import pytest
from desk_support import IGNORE_OFFSCREEN, customer_with_open_tickets, receiver_of, table_texts, type_text
from pane_waits import closed, look_up, settle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QWidget

from desk_app.core.errors import PermissionDenied
from desk_app.core.kinds import Satisfaction, TicketKind
from desk_app.core.policies import ClockKind
from desk_app.core.states import Action
from desk_app.models.schema import Department, Staff, Ticket
from desk_app.services.desk import Actor
from desk_app.ui.common import label
from desk_app.ui.detail.pane import DetailPane
from desk_app.ui.intake.panel import IntakePanel

pytestmark = [IGNORE_OFFSCREEN, pytest.mark.usefixtures("manual_routing")]

CONTENT = "卫生间水管漏水，楼下住户天花板渗水，请尽快派人维修"



@pytest.fixture
def desk(qtbot, ctx):
    window = QWidget()
    qtbot.addWidget(window)
    intake = IntakePanel(ctx)
    detail = DetailPane(ctx)
    layout = QHBoxLayout(window)
    layout.addWidget(intake, 1)
    layout.addWidget(detail, 1)
    intake.ticket_created.connect(detail.show_ticket)
    intake.ticket_activated.connect(detail.show_ticket)
    window.resize(1500, 900)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window, intake, detail  # the window too: qtbot holds only a weak reference


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(qtbot, button.window().findChild(DetailPane))   # actions run on a worker: wait for the answer


def ok(qtbot, dialog) -> None:
    pane = dialog.parentWidget()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, pane)   # the action runs on a worker: wait for the answer
    assert closed(dialog), dialog.errors.visible_errors()


def last_history(detail) -> list[str]:
    return table_texts(detail.history_table)[-1]


def test_a_call_goes_from_intake_to_the_archive(qtbot, desk, ctx, clock):
    _window, intake, detail = desk
    receptionist = ctx.actor
    customer = customer_with_open_tickets()

    # 受理: the number first; the card shows who it is and their open tickets.
    intake.phone_edit.setFocus()
    qtbot.keyClicks(intake.phone_edit, customer.phone.removeprefix("+86"))
    qtbot.waitUntil(lambda: intake.card_view.isVisible() and intake.customer is not None)
    assert intake.card_view.name_label.text() == customer.name
    open_before = intake.customer.open_tickets
    assert open_before
    assert table_texts(intake.card_view.tickets_table, 0)[:len(open_before)] == [t.number for t in open_before]
    # Opening one of them from the card shows it in the detail pane.
    table = intake.card_view.tickets_table
    table.itemDoubleClicked.emit(table.item(0, 0))
    settle(qtbot, detail)
    assert detail.number_label.text() == open_before[0].number

    # What they want, in Chinese through the input method; kind; Ctrl+Enter.
    intake.content_edit.setFocus()
    type_text(intake.content_edit, CONTENT)
    intake.kind_combo.setCurrentIndex(intake.kind_combo.findData(TicketKind.REPAIR))
    assert intake.priority_label.text() == "P3"
    with qtbot.waitSignal(intake.ticket_created) as created:
        qtbot.keyClick(intake.kind_combo, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    ticket_id = created.args[0]
    number = Ticket.get_by_id(ticket_id).number
    assert intake.status_label.text() == f"Ticket {number} created"
    assert intake.route_label.text() == "Waiting for the second-level dispatcher (transfer dispatch)."
    assert intake.phone_edit.text() == "" and intake.phone_edit.hasFocus()
    assert detail.current_ticket_id == ticket_id
    settle(qtbot, detail)
    assert detail.number_label.text() == number
    assert detail.state_label.text() == "To dispatch"
    assert detail.description_label.text() == CONTENT
    assert detail.values["caller"].text() == customer.name

    # 派单 to 工程部: its one receiver is named in the dialog.
    clock.advance(minutes=5)
    dialog = detail.trigger(Action.DISPATCH)
    dialog.select_department(Department.get(Department.name == "工程部").id)
    assert dialog.receiver_label.text() == "张伟"
    type_text(dialog.note_edit, "请今天安排")
    ok(qtbot, dialog)
    assert detail.state_label.text() == "Not yet handled"
    assert detail.values["department"].text() == "工程部"
    # The front desk may not accept or resolve; the service says so too.
    assert detail.action_button(Action.ACCEPT).isHidden()
    assert detail.action_button(Action.RESOLVE).isHidden()
    with pytest.raises(PermissionDenied):
        ctx.service.accept(receptionist, ticket_id)

    # The department receiver takes over this desk.
    receiver = receiver_of("工程部")
    ctx.set_actor(Actor.of(Staff.get_by_id(receiver.id)))
    settle(qtbot, detail)
    clock.advance(minutes=20)
    click(qtbot, detail.action_button(Action.ACCEPT))
    assert detail.state_label.text() == "Accepted"
    assert last_history(detail)[1] == "张伟"

    clock.advance(minutes=10)
    dialog = detail.trigger(Action.APPOINT)
    visit_at = (clock() + dt.timedelta(hours=3)).replace(second=0)
    dialog.set_time(visit_at)
    ok(qtbot, dialog)
    assert detail.state_label.text() == "Appointment agreed"
    assert detail.values["appointment_at"].text() == visit_at.strftime("%Y-%m-%d %H:%M")

    clock.advance(hours=3)
    click(qtbot, detail.action_button(Action.START))
    assert detail.state_label.text() == "In progress"

    # 未完结: waiting for an outside party; the clocks pause.
    clock.advance(minutes=40)
    dialog = detail.trigger(Action.BLOCK)
    ok_button_text = dialog.ok_button.text()
    assert ok_button_text == "Block"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, detail)   # the service refuses it on a worker; the answer shows beside the field
    assert dialog.errors.label("reason").text() == "Give a reason."
    type_text(dialog.reason_edit, "等待厂家配件到货")
    ok(qtbot, dialog)
    assert detail.state_label.text() == "Blocked (outside party)"
    clocks = table_texts(detail.clocks_table)
    # The response clock was met at 接单; the resolution clock stands still and has no deadline meanwhile.
    assert [row[0] for row in clocks] == [label(ClockKind.RESPOND), label(ClockKind.RESOLVE)]
    assert clocks[0][3].startswith("met ")
    assert clocks[1][2:] == ["— (set again on resume)", "paused"]
    clock.advance(days=1)
    detail.tick()
    assert table_texts(detail.clocks_table)[1][3] == "paused"

    click(qtbot, detail.action_button(Action.UNBLOCK))
    assert detail.state_label.text() == "In progress"
    assert table_texts(detail.clocks_table)[1][2].startswith("2026-")  # the deadline is back, moved by the pause
    assert table_texts(detail.clocks_table)[1][3] not in ("paused", "")

    clock.advance(hours=2)
    dialog = detail.trigger(Action.RESOLVE)
    type_text(dialog.solution_edit, "已更换破裂水管及阀门，试水正常，住户确认")
    ok(qtbot, dialog)
    assert detail.state_label.text() == "Solved"
    assert detail.solution_label.text() == "已更换破裂水管及阀门，试水正常，住户确认"
    assert label(ClockKind.VISIT) in table_texts(detail.clocks_table, 0)

    # Back at the front desk: 返单 (the repair's slip comes back), 回访 满意, then 归档.
    ctx.set_actor(receptionist)
    settle(qtbot, detail)
    clock.advance(hours=1)
    visit = detail.action_button(Action.VISIT)
    assert visit.isVisible() and not visit.isEnabled()
    assert visit.toolTip() == "The dispatch slip has not come back yet (返单)."
    click(qtbot, detail.action_button(Action.RETURN_SLIP))
    assert detail.state_label.text() == "Solved"
    assert detail.action_button(Action.RETURN_SLIP).isHidden()
    dialog = detail.trigger(Action.VISIT)
    dialog.choose(Satisfaction.SATISFIED)
    type_text(dialog.note_edit, "客户表示满意")
    ok(qtbot, dialog)
    assert detail.state_label.text() == "Return-visited"
    assert detail.values["satisfaction"].text() == "Satisfied"

    clock.advance(minutes=5)
    click(qtbot, detail.action_button(Action.ARCHIVE))
    assert detail.state_label.text() == "Archived"
    assert detail.archived_label.isVisible()
    assert detail.actions_bar.isHidden()

    history = table_texts(detail.history_table)
    assert [row[2] for row in history] == [
        "Created", "Dispatch", "Accept", "Appointment", "Start handling", "Block", "Unblock", "Resolve",
        "Slip returned", "Return visit", "Archive"]
    assert [row[1] for row in history] == ["王芳"] * 2 + ["张伟"] * 6 + ["王芳"] * 3
    assert history[1][3:] == ["To dispatch → Not yet handled", "→ 工程部 / 张伟; 请今天安排"]
    assert history[5][3:] == ["In progress → Blocked (outside party)", "等待厂家配件到货"]
    assert history[9][3:] == ["Solved → Return-visited", "Satisfied; 客户表示满意"]
    assert history[10][3] == "Return-visited → Archived"
    # The caller's archive on the intake card now has the ticket in its history, closed.
    qtbot.keyClicks(intake.phone_edit, customer.phone.removeprefix("+86"))
    card = look_up(qtbot, intake)
    assert number in [e.ticket_number for e in card.events]
    assert number not in [t.number for t in card.open_tickets]


def test_a_complaint_goes_through_the_approval_chain_to_the_reply(qtbot, desk, ctx, clock):
    """投诉: drafted by 客服助理's receiver, approved by its leader, confirmed by the audit center, replied by the desk;
    every step through the pane's buttons and dialogs, each person at this desk in turn."""
    _window, intake, detail = desk
    receptionist = ctx.actor

    intake.phone_edit.setFocus()
    qtbot.keyClicks(intake.phone_edit, "13611112222")
    type_text(intake.content_edit, "楼上住户深夜装修噪音，影响老人休息")
    intake.kind_combo.setCurrentIndex(intake.kind_combo.findData(TicketKind.COMPLAINT))
    with qtbot.waitSignal(intake.ticket_created) as created:
        qtbot.keyClick(intake.kind_combo, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    ticket_id = created.args[0]
    assert intake.route_label.text() == "Waiting for the second-level dispatcher (transfer dispatch)."
    settle(qtbot, detail)
    assert detail.path_view.keys == ["draft", "leader", "audit", "reply", "visit"]
    assert detail.path_view.current() is None

    assist = Department.get(Department.name == "客服助理")
    dialog = detail.trigger(Action.DISPATCH)
    dialog.select_department(assist.id)
    ok(qtbot, dialog)

    ctx.set_actor(Actor.of(Staff.get_by_id(assist.receiver_id)))

    settle(qtbot, detail)
    clock.advance(minutes=15)
    click(qtbot, detail.action_button(Action.ACCEPT))
    click(qtbot, detail.action_button(Action.START))
    assert detail.path_view.current() == "draft"
    clock.advance(hours=2)
    dialog = detail.trigger(Action.RESOLVE)
    type_text(dialog.solution_edit, "已上门劝阻，对方承诺晚八点后停止施工")
    ok(qtbot, dialog)
    assert detail.state_label.text() == "Awaiting leader approval"
    assert detail.path_view.current() == "leader"
    assert detail.available_actions() == []  # the receiver drafted; the leader approves

    leader = Staff.get((Staff.department == assist.id) & (Staff.role == "leader"))
    ctx.set_actor(Actor.of(leader))
    settle(qtbot, detail)
    clock.advance(minutes=30)
    dialog = detail.trigger(Action.APPROVE)
    type_text(dialog.note_edit, "同意，请加强夜间巡查")
    ok(qtbot, dialog)
    assert detail.state_label.text() == "Awaiting audit confirmation"
    assert detail.path_view.current() == "audit"

    ctx.set_actor(Actor.of(Staff.get(Staff.username == "audit")))

    settle(qtbot, detail)
    clock.advance(minutes=30)
    ok(qtbot, detail.trigger(Action.APPROVE))
    assert detail.state_label.text() == "Awaiting reply to customer"

    ctx.set_actor(receptionist)

    settle(qtbot, detail)
    assert detail.action_button(Action.REPLY).objectName() == "primaryAction"
    clock.advance(minutes=10)
    dialog = detail.trigger(Action.REPLY)
    type_text(dialog.note_edit, "已电话告知业主处理结果，业主表示认可")
    ok(qtbot, dialog)
    assert detail.state_label.text() == "Solved"
    assert detail.path_view.current() == "visit"
    assert label(ClockKind.VISIT) in table_texts(detail.clocks_table, 0)

    dialog = detail.trigger(Action.VISIT)
    dialog.choose(Satisfaction.SATISFIED)
    ok(qtbot, dialog)
    click(qtbot, detail.action_button(Action.ARCHIVE))
    assert detail.state_label.text() == "Archived"

    history = table_texts(detail.history_table)
    assert [row[2] for row in history] == [
        "Created", "Dispatch", "Accept", "Start handling", "Resolve", "Approve", "Approve", "Reply to customer",
        "Return visit", "Archive"]
    assert [row[1] for row in history] == (["王芳"] * 2 + [Staff.get_by_id(assist.receiver_id).name] * 3
                                           + [leader.name, "审核中心"] + ["王芳"] * 3)
    assert history[5][3:] == ["Awaiting leader approval → Awaiting audit confirmation", "同意，请加强夜间巡查"]
    assert history[7][3] == "Awaiting reply to customer → Solved"
    ticket = Ticket.get_by_id(ticket_id)
    assert ticket.reply_note == "已电话告知业主处理结果，业主表示认可"
