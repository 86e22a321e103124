"""The detail pane on the seed's whole workflow: the approval chain with its path indicator, lateral transfer,
complaint level and escalation, sensitivity, 公告 circulation, paid repairs and FTTH construction tasks."""

from __future__ import annotations

import pytest
from desk_support import IGNORE_OFFSCREEN, leader_of, member, receiver_of, staff, table_texts, type_text
from pane_waits import closed, settle, show
from PySide6.QtCore import Qt

from desk_app.core.kinds import Escalation, Role, TicketKind
from desk_app.core.policies import Variant
from desk_app.core.states import Action, State
from desk_app.core.validation import TicketDraft
from desk_app.core.workflow import Step
from desk_app.models.schema import ConstructionTask, Department, Notification, Staff, Ticket
from desk_app.services.construction import DEFAULT_MARKETING
from desk_app.ui.detail.pane import DetailPane
from desk_app.ui.dialogs import FormDialog
from desk_app.ui.ticket_ops import CONSTRUCTION_OPS, TicketOp

pytestmark = [IGNORE_OFFSCREEN, pytest.mark.usefixtures("manual_routing")]

ASSIST = "客服助理"
ENGINEERING = "工程部"
NETWORK = "网络维护站"



@pytest.fixture
def pane(qtbot, ctx):
    widget = DetailPane(ctx)
    qtbot.addWidget(widget)
    widget.resize(860, 960)
    widget.show()
    return widget


def department_id(name: str) -> int:
    return Department.get(Department.name == name).id


def new_ticket(ctx, kind=TicketKind.COMPLAINT, *, phone="13600001111", sensitive=False, variant=Variant.NONE,
               description="楼上住户深夜噪音扰民，多次沟通无果") -> int:
    return ctx.service.create_ticket(staff("reception"), TicketDraft(
        kind=kind, description=description, phone=phone, caller_name="赵女士", sensitive=sensitive,
        variant=variant))


def drafted(ctx, ticket_id: int, department: str = ASSIST) -> None:
    """Dispatched, accepted, handled and the solution drafted (办结): the approval chain starts."""
    service, receiver = ctx.service, receiver_of(department)
    service.dispatch(staff("reception"), ticket_id, department_id(department))
    service.accept(receiver, ticket_id)
    service.start(receiver, ticket_id)
    service.resolve(receiver, ticket_id, "已与楼上住户沟通，承诺晚十点后不再施工")


def construction_ops(pane) -> list[TicketOp]:
    return [op for op in pane.available_operations() if op in CONSTRUCTION_OPS]


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(qtbot, button.window())  # the pane runs the action on a worker: wait for its answer


def submit(qtbot, dialog: FormDialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, dialog.parentWidget())  # the pane runs the change on a worker: wait for its answer


def done(qtbot, dialog: FormDialog) -> None:
    submit(qtbot, dialog)
    assert closed(dialog), dialog.errors.visible_errors()


def test_approve_and_send_back_are_offered_to_the_step_role_of_the_ticket_department(qtbot, pane, ctx):
    ticket = new_ticket(ctx)
    drafted(ctx, ticket)
    show(qtbot, pane, ticket)
    assert pane.state_label.text() == "Awaiting leader approval"
    approving = [Action.APPROVE, Action.SEND_BACK]
    for actor in (staff("reception"), receiver_of(ASSIST), leader_of(ENGINEERING), staff("audit"),
                  member("t.office", "孔主任", Role.OFFICE)):
        ctx.set_actor(actor)
        settle(qtbot, pane)
        assert not set(approving) & set(pane.available_actions()), actor
    assert pane.no_actions_label.text() == "Waiting for: Department leader approves (Department leader)."
    for actor in (leader_of(ASSIST), staff("supervisor")):
        ctx.set_actor(actor)
        settle(qtbot, pane)
        assert pane.available_actions() == approving, actor
        assert pane.action_button(Action.APPROVE).objectName() == "primaryAction"
    # The next step is the audit center's: the leader no longer sees the buttons, the audit center does.
    ctx.service.approve(leader_of(ASSIST), ticket)
    qtbot.waitUntil(lambda: pane.state_label.text() == "Awaiting audit confirmation")
    ctx.set_actor(leader_of(ASSIST))
    settle(qtbot, pane)
    assert pane.available_actions() == []
    ctx.set_actor(staff("audit"))
    settle(qtbot, pane)
    assert pane.available_actions() == approving


def test_a_consultation_goes_to_the_desk_for_the_reply_then_to_the_return_visit(qtbot, pane, ctx):
    ticket = new_ticket(ctx, TicketKind.CONSULTATION, description="咨询停车费月卡办理")
    drafted(ctx, ticket, "财务部")
    show(qtbot, pane, ticket)
    # Like a complaint, the drafted answer goes to the department leader and the audit center before the reply.
    assert pane.state_label.text() == "Awaiting leader approval"
    assert pane.path_view.keys == ["draft", Step.LEADER, Step.AUDIT, Step.REPLY, "visit"]
    assert pane.path_view.current() == Step.LEADER
    assert pane.available_actions() == []
    ctx.service.approve(leader_of("财务部"), ticket)
    ctx.service.approve(staff("audit"), ticket)
    qtbot.waitUntil(lambda: pane.state_label.text() == "Awaiting reply to customer")
    assert pane.path_view.current() == Step.REPLY
    assert pane.available_actions() == [Action.REPLY]
    dialog = pane.trigger(Action.REPLY)
    assert "承诺晚十点后" in dialog.solution_box.text()
    submit(qtbot, dialog)
    assert dialog.errors.label("note").text() == "Say what the customer was told."
    type_text(dialog.note_edit, "已电话告知办理流程及所需材料")
    done(qtbot, dialog)
    assert pane.state_label.text() == "Solved"
    assert pane.path_view.current() == "visit"
    assert pane.reply_label.text() == "已电话告知办理流程及所需材料" and pane.reply_label.isVisible()
    assert pane.available_actions() == [Action.VISIT, Action.REOPEN]


def test_a_repair_needs_no_approval_and_shows_no_path(qtbot, pane, ctx):
    ticket = new_ticket(ctx, TicketKind.REPAIR, description="厨房下水道堵塞")
    drafted(ctx, ticket, ENGINEERING)
    show(qtbot, pane, ticket)
    assert pane.state_label.text() == "Solved"
    assert pane.path_view.isHidden()


def test_send_back_needs_a_reason_and_returns_the_ticket_to_the_department(qtbot, pane, ctx):
    ticket = new_ticket(ctx)
    drafted(ctx, ticket)
    ctx.set_actor(leader_of(ASSIST))
    settle(qtbot, pane)
    show(qtbot, pane, ticket)
    dialog = pane.trigger(Action.SEND_BACK)
    submit(qtbot, dialog)
    assert dialog.errors.label("reason").text() == "Give a reason."
    type_text(dialog.reason_edit, "处理意见过于简单，请补充后续巡查安排")
    done(qtbot, dialog)
    assert pane.state_label.text() == "In progress"
    assert pane.path_view.current() == "draft"
    assert table_texts(pane.history_table)[-1][2:] == [
        "Send back", "Awaiting leader approval → In progress", "处理意见过于简单，请补充后续巡查安排"]
    ctx.set_actor(receiver_of(ASSIST))
    settle(qtbot, pane)
    assert Action.RESOLVE in pane.available_actions()


def test_marking_sensitive_adds_the_office_and_the_center_leader(qtbot, pane, ctx):
    ticket = new_ticket(ctx)
    show(qtbot, pane, ticket)
    assert pane.path_view.keys == ["draft", Step.LEADER, Step.AUDIT, Step.REPLY, "visit"]
    assert pane.sensitive_chip.isHidden()
    dialog = pane.trigger_operation(TicketOp.SENSITIVE)
    assert dialog.ok_button.text() == "Mark sensitive"
    type_text(dialog.note_edit, "业主称已联系电视台")
    done(qtbot, dialog)
    assert pane.sensitive_chip.isVisible()
    assert pane.message_label.text() == "Marked sensitive: the office and the center leader approve too."
    assert pane.path_view.keys == ["draft", Step.LEADER, Step.OFFICE, Step.CENTER, Step.AUDIT, Step.REPLY, "visit"]
    assert pane.operation_button(TicketOp.SENSITIVE).text() == "Not sensitive…"
    drafted(ctx, ticket)
    steps = [(leader_of(ASSIST), "Awaiting office review"),
             (member("t.office", "孔主任", Role.OFFICE), "Awaiting center leader"),
             (member("t.center", "严主任", Role.CENTER), "Awaiting audit confirmation"),
             (staff("audit"), "Awaiting reply to customer")]
    for actor, after in steps:
        ctx.set_actor(actor)
        settle(qtbot, pane)
        qtbot.waitUntil(lambda: Action.APPROVE in pane.available_actions())
        done(qtbot, pane.trigger(Action.APPROVE))
        assert pane.state_label.text() == after
    assert [row[1] for row in table_texts(pane.history_table) if row[2] == "Approve"] == [
        leader_of(ASSIST).name, "孔主任", "严主任", "审核中心"]


def test_transfer_names_the_one_receiver_and_needs_a_reason(qtbot, pane, ctx):
    ticket = new_ticket(ctx, TicketKind.REPAIR, description="小区门禁刷卡失灵")
    ctx.service.dispatch(staff("reception"), ticket, department_id(ENGINEERING))
    ctx.set_actor(receiver_of(ENGINEERING))
    settle(qtbot, pane)
    show(qtbot, pane, ticket)
    assert pane.available_actions() == [Action.ACCEPT, Action.RETURN, Action.APPOINT, Action.TRANSFER]
    dialog = pane.trigger(Action.TRANSFER)
    assert department_id(ENGINEERING) not in dialog.department_combo.department_ids()
    submit(qtbot, dialog)
    assert dialog.errors.label("department").text() == "Choose a department."
    dialog.select_department(department_id("安全部"))
    assert dialog.receiver_label.text() == "周强"
    submit(qtbot, dialog)
    assert dialog.errors.label("reason").text() == "Give a reason."
    type_text(dialog.reason_edit, "门禁系统归安全部管理")
    with qtbot.waitSignal(pane.ticket_changed):
        done(qtbot, dialog)
    # 工程部's receiver no longer holds it, nor may read it: the pane says so and offers nothing.
    assert pane.detail is None and pane.placeholder_label.isVisible()
    assert pane.placeholder_label.text() == "Not allowed: this ticket is not visible to you."
    assert pane.available_actions() == []
    ctx.set_actor(staff("reception"))  # the front desk sees where it went
    settle(qtbot, pane)
    assert pane.state_label.text() == "Not yet handled"
    assert (pane.values["department"].text(), pane.values["receiver"].text()) == ("安全部", "周强")
    assert table_texts(pane.history_table)[-1][2:] == [
        "Transfer to another department", "Not yet handled", "→ 安全部 / 周强; 门禁系统归安全部管理"]


def test_escalation_dialog_sets_the_level_chip_and_major_makes_it_sensitive(qtbot, pane, ctx):
    ticket = new_ticket(ctx)
    show(qtbot, pane, ticket)
    assert pane.escalation_chip.isHidden()
    dialog = pane.trigger_operation(TicketOp.ESCALATE)
    submit(qtbot, dialog)
    assert dialog.errors.label("level").text() == "Choose the level."
    dialog.choose(Escalation.EMERGENCY)
    done(qtbot, dialog)
    assert pane.escalation_chip.isVisible() and pane.escalation_chip.text() == "Emergency / complex"
    assert not pane.sensitive_chip.isVisible()
    dialog = pane.trigger_operation(TicketOp.ESCALATE)
    assert dialog.level() == Escalation.EMERGENCY
    dialog.choose(Escalation.MAJOR)
    type_text(dialog.note_edit, "涉及经济损失")
    done(qtbot, dialog)
    assert pane.escalation_chip.text() == "Major complaint"
    assert "#c62828" in pane.escalation_chip.styleSheet()
    assert pane.sensitive_chip.isVisible()
    assert table_texts(pane.history_table)[-1][2:] == ["Escalated", "To dispatch", "Major complaint；涉及经济损失"]
    # Only complaints are escalated.
    show(qtbot, pane, new_ticket(ctx, TicketKind.REPAIR, phone="13600002222"))
    assert TicketOp.ESCALATE not in pane.available_operations()


def test_circulation_stays_inside_the_own_department(qtbot, pane, ctx):
    ticket = new_ticket(ctx, TicketKind.REPAIR)
    ctx.service.dispatch(staff("reception"), ticket, department_id(ENGINEERING))
    show(qtbot, pane, ticket)
    assert TicketOp.CIRCULATE not in pane.available_operations()  # the front desk has no department
    receiver = receiver_of(ENGINEERING)
    ctx.set_actor(receiver)
    settle(qtbot, pane)
    dialog = pane.trigger_operation(TicketOp.CIRCULATE)
    assert dialog.department_combo.department_ids() == [department_id(ENGINEERING)]
    assert not dialog.department_combo.isEnabled()
    others = Staff.select().where((Staff.department == department_id(ENGINEERING)) & Staff.active
                                  & (Staff.id != receiver.id)).count()
    assert others >= 2
    assert dialog.count_label.text() == f"{others} member(s) will be told."
    type_text(dialog.note_edit, "请各位注意该楼栋水压问题")
    done(qtbot, dialog)
    assert pane.message_label.text() == f"Circulated in 工程部: {others} member(s) told."
    told = Notification.select().where((Notification.ticket == ticket) & (Notification.kind == "circulate"))
    assert {n.recipient.department_id for n in told} == {department_id(ENGINEERING)}
    assert told.count() == others
    ctx.set_actor(staff("supervisor"))
    settle(qtbot, pane)
    dialog = pane.trigger_operation(TicketOp.CIRCULATE)
    assert len(dialog.department_combo.department_ids()) == Department.select().where(Department.active).count()
    dialog.reject()


def test_a_paid_repair_starts_only_after_the_quote_and_the_owners_consent(qtbot, pane, ctx):
    ticket = new_ticket(ctx, TicketKind.REPAIR, variant=Variant.PAID, description="户内热水器维修，需更换温控器")
    ctx.service.dispatch(staff("reception"), ticket, department_id(ENGINEERING))
    receiver = receiver_of(ENGINEERING)
    ctx.service.accept(receiver, ticket)
    ctx.set_actor(receiver)
    settle(qtbot, pane)
    show(qtbot, pane, ticket)
    start = pane.action_button(Action.START)
    assert start.isVisible() and not start.isEnabled()
    assert start.toolTip() == "A paid repair starts only after the owner agreed to the quoted price."
    assert TicketOp.CONSENT not in pane.available_operations()
    dialog = pane.trigger_operation(TicketOp.QUOTE)
    type_text(dialog.price_edit, "一百")
    submit(qtbot, dialog)
    assert dialog.errors.label("price").text() == "Not an amount: 一百"
    dialog.price_edit.clear()
    qtbot.keyClicks(dialog.price_edit, "180")
    done(qtbot, dialog)
    assert pane.values["quoted_price"].text() == "180.00 yuan"
    assert pane.values["owner_consent"].text() == "Answer awaited"
    # The front desk asks the owner and records the answer.
    ctx.set_actor(staff("reception"))
    settle(qtbot, pane)
    assert TicketOp.QUOTE not in pane.available_operations()
    dialog = pane.trigger_operation(TicketOp.CONSENT)
    submit(qtbot, dialog)
    assert dialog.errors.label("consent").text() == "Choose the owner's answer."
    dialog.agree_button.setChecked(True)
    done(qtbot, dialog)
    assert pane.values["owner_consent"].text() == "Agrees to the price"
    ctx.set_actor(receiver)
    settle(qtbot, pane)
    click(qtbot, pane.action_button(Action.START))
    assert pane.state_label.text() == "In progress"


def test_ftth_construction_task_from_sheet_to_install(qtbot, pane, ctx):
    network = department_id(NETWORK)
    Staff.update(phone="+8613907110023").where((Staff.department == network) & (Staff.role == "field")).execute()
    field_staff = [s.name for s in Staff.select().where((Staff.department == network) & (Staff.role == "field"))
                   .order_by(Staff.id)]
    marketing = Department.get_or_none(Department.code == DEFAULT_MARKETING) or Department.create(
        name="营销部", code=DEFAULT_MARKETING)
    seller = member("t.marketing", "钱敏", Role.RECEIVER, marketing.name)
    ticket = new_ticket(ctx, TicketKind.FTTH_INSTALL, variant=Variant.FTTH_SPLITTER,
                        description="光网宽带开通：分光器端口不足")
    ctx.service.dispatch(staff("reception"), ticket, network)
    station = receiver_of(NETWORK)
    ctx.service.accept(station, ticket)
    ctx.service.start(station, ticket)
    show(qtbot, pane, ticket)
    assert pane.construction.isVisible()
    assert pane.construction.empty_label.isVisible()
    assert construction_ops(pane) == []  # the front desk does not issue construction tasks
    ctx.set_actor(station)
    settle(qtbot, pane)
    assert construction_ops(pane) == [TicketOp.CONSTRUCTION_OPEN]
    dialog = pane.trigger_operation(TicketOp.CONSTRUCTION_OPEN)
    assert dialog.item_combo.currentText() == "分光器"
    assert [dialog.maintainer_combo.itemText(i) for i in range(dialog.maintainer_combo.count())] == field_staff
    assert dialog.phone_edit.text() == "139 0711 0023"
    assert dialog.contractor_combo.currentText() == "世康通信有限责任公司"
    dialog.cores_spin.setValue(12)
    dialog.metres_spin.setValue(180)
    dialog.phone_edit.setText("12345")
    submit(qtbot, dialog)
    assert dialog.errors.label("phone").text() == "Not a valid phone number: 12345"
    dialog.phone_edit.setText("13907110023")
    done(qtbot, dialog)
    task = ConstructionTask.get(ConstructionTask.ticket == ticket)
    rows = table_texts(pane.construction.table)
    assert rows == [[task.number, "世康通信有限责任公司", "分光器", "12-core, 180 m", task.due_date.isoformat(),
                     "Awaiting marketing confirmation"]]
    resolve = pane.action_button(Action.RESOLVE)
    assert resolve.isVisible() and not resolve.isEnabled()
    assert construction_ops(pane) == []  # marketing confirms, not the station
    ctx.set_actor(seller)
    settle(qtbot, pane)
    assert construction_ops(pane) == [TicketOp.CONSTRUCTION_CONFIRM]
    click(qtbot, pane.operation_button(TicketOp.CONSTRUCTION_CONFIRM))
    assert table_texts(pane.construction.table, 5) == ["Confirmed by marketing (钱敏), under construction"]
    ctx.set_actor(station)
    settle(qtbot, pane)
    dialog = pane.trigger_operation(TicketOp.CONSTRUCTION_DONE)
    submit(qtbot, dialog)
    assert dialog.errors.label("resources_entered").text() == "The new resources must be entered before the task is done."
    dialog.resources_check.setChecked(True)
    done(qtbot, dialog)
    assert table_texts(pane.construction.table, 5) == [f"Done, {field_staff[0]} notified"]
    notified = Staff.get(Staff.name == field_staff[0])
    assert Notification.select().where((Notification.recipient == notified.id)
                                       & (Notification.kind == "construction_done")).count() == 1
    dialog = pane.trigger(Action.RESOLVE)
    type_text(dialog.solution_edit, "分光器已更换，装机完成")
    done(qtbot, dialog)
    assert pane.state_label.text() == "Solved"


def test_a_repeat_complaint_shows_formal_and_links_to_the_first(qtbot, pane, ctx, clock):
    first = new_ticket(ctx, phone="13600003333")
    clock.advance(hours=3)
    second = new_ticket(ctx, phone="13600003333", description="第二次投诉：噪音仍未解决")
    first_number, second_number = Ticket.get_by_id(first).number, Ticket.get_by_id(second).number
    show(qtbot, pane, second)
    assert pane.level_chip.isVisible() and pane.level_chip.text() == "Formal complaint"
    assert pane.values["complaint_level"].text() == "Formal complaint"
    linked = pane.values["linked"]
    assert linked.isVisible() and first_number in linked.text()
    with qtbot.waitSignal(pane.ticket_activated) as opened:
        linked.linkActivated.emit(f"ticket:{first}")
    assert opened.args == [first]
    settle(qtbot, pane)
    assert pane.number_label.text() == first_number
    assert pane.values["complaint_level"].text() == "Appeal"
    assert not pane.level_chip.isVisible()
    assert second_number in pane.values["linked"].text()
    # After more than 4 hours it is an appeal again, with no link.
    clock.advance(hours=5)
    show(qtbot, pane, new_ticket(ctx, phone="13600003333", description="第三次"))
    assert pane.values["complaint_level"].text() == "Appeal"
    assert pane.values["linked"].isHidden()


def test_quarantined_ticket_says_so_and_offers_no_dispatch(qtbot, pane, ctx):
    ctx.service.forget_cached()
    from desk_app.services.config import put_setting

    put_setting("terminal.quarantine_unregistered", "1")
    ticket = new_ticket(ctx, phone="13600004444")
    show(qtbot, pane, ticket)
    assert pane.quarantine_label.isVisible()
    assert Action.DISPATCH not in pane.available_actions()
    # Dispatch waits for the registration: a disabled button that says why.
    dispatch = pane.action_button(Action.DISPATCH)
    assert dispatch.isVisible() and not dispatch.isEnabled()
    assert dispatch.toolTip() == "In quarantine until the caller is registered as a customer."
    assert pane.values["routed"].isHidden()
    ctx.service.register_customer(staff("reception"), "孙先生", "13600004444")
    qtbot.waitUntil(lambda: not pane.quarantine_label.isVisible())
    assert pane.values["routed"].text() == "Transfer dispatch (second-level dispatcher)"
    assert pane.available_actions() == [Action.DISPATCH, Action.APPOINT]
    assert table_texts(pane.history_table, 2)[-1] == "Released from quarantine"


def test_nothing_to_operate_on_an_archived_ticket(qtbot, pane, ctx, demo_db):
    archived = Ticket.select().where(Ticket.state == State.ARCHIVED.value).first()
    ctx.set_actor(staff("supervisor"))
    settle(qtbot, pane)
    show(qtbot, pane, archived.id)
    assert pane.available_operations() == []
    assert pane.ops_bar.isHidden()


def test_a_version_conflict_in_an_operation_dialog_keeps_the_input(qtbot, pane, ctx, clock):
    from desk_app.services.desk import DeskService

    ticket = new_ticket(ctx)
    show(qtbot, pane, ticket)
    dialog = pane.trigger_operation(TicketOp.ESCALATE)
    dialog.choose(Escalation.GENERAL)
    type_text(dialog.note_edit, "客户要求主管回电")
    DeskService(now=clock).set_sensitive(staff("reception"), ticket, True)  # another desk, no event here
    submit(qtbot, dialog)
    assert dialog.isVisible() and "changed by someone else" in dialog.errors.general.text()
    assert dialog.note_edit.toPlainText() == "客户要求主管回电"
    assert pane.sensitive_chip.isVisible()  # reloaded
    done(qtbot, dialog)
    assert pane.escalation_chip.text() == "General complaint"


def test_the_approval_dialog_keeps_an_optional_note(qtbot, pane, ctx):
    ticket = new_ticket(ctx)
    drafted(ctx, ticket)
    ctx.set_actor(leader_of(ASSIST))
    settle(qtbot, pane)
    show(qtbot, pane, ticket)
    dialog = pane.trigger(Action.APPROVE)
    assert dialog.step_label.text() == "Department leader approves"
    assert dialog.ok_button.text() == "Approve"
    type_text(dialog.note_edit, "同意")
    done(qtbot, dialog)
    assert table_texts(pane.history_table)[-1][2:] == [
        "Approve", "Awaiting leader approval → Awaiting audit confirmation", "同意"]
    assert pane.path_view.current() == Step.AUDIT
    assert pane.path_view.statuses[Step.LEADER] == "done"


def test_an_operation_dialog_closes_when_another_ticket_is_shown(qtbot, pane, ctx):
    show(qtbot, pane, new_ticket(ctx))
    pane.trigger_operation(TicketOp.ESCALATE)
    assert len(pane.findChildren(FormDialog)) == 1
    show(qtbot, pane, new_ticket(ctx, TicketKind.REPAIR, phone="13600005555"))
    qtbot.waitUntil(lambda: not pane.findChildren(FormDialog))


def test_waiting_for_the_reply_is_said_to_others(qtbot, pane, ctx):
    ticket = new_ticket(ctx, TicketKind.CONSULTATION)
    drafted(ctx, ticket)
    ctx.service.approve(leader_of(ASSIST), ticket)  # a consultation's answer is approved like a complaint's
    ctx.service.approve(staff("audit"), ticket)
    ctx.set_actor(receiver_of(ASSIST))
    settle(qtbot, pane)
    show(qtbot, pane, ticket)
    assert pane.no_actions_label.text() == "Waiting for the front desk to tell the customer."
