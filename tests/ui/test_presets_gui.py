"""Done when: an administrator can start from any preset, and the path of each kind works through the window as the
role that owns each step.

Each test sets a fresh database up from a preset (as `desk-app init-db --preset` does), opens the main window as the
preset's front desk, takes the call in the intake panel, and then hands the window from person to person
(ctx.set_actor, as a sign-in does): each finds the ticket in a queue tab of their own role and takes their step with
the detail pane's buttons and dialogs.
"""

from __future__ import annotations

import datetime as dt

import pytest
from desk_support import table_texts, type_text
from pane_waits import closed, look_up, registered, settle
from PySide6.QtCore import Qt

from desk_app.core.kinds import Channel, Role, Satisfaction, Severity, TicketKind
from desk_app.core.policies import Variant
from desk_app.core.queues import Queue
from desk_app.core.routing import Scope
from desk_app.core.states import Action, State
from desk_app.models.schema import ConstructionTask, Notification, Staff, Ticket
from desk_app.services.desk import Actor, DeskService
from desk_app.services.presets import apply_preset
from desk_app.services.queries import organization_name
from desk_app.ui.common import label
from desk_app.ui.context import DeskContext
from desk_app.ui.detail.actions import DIALOG_ACTIONS
from desk_app.ui.dialogs import FormDialog, RegisterCustomerDialog
from desk_app.ui.main_window.window import MainWindow
from desk_app.ui.ticket_ops import TicketOp

PASSWORD = "Test-pass-1"
CALLER = "13700001234"


@pytest.fixture(autouse=True)
def no_background_scan(monkeypatch):
    monkeypatch.setattr(MainWindow, "SCAN_FIRST_DELAY_MS", 3_600_000)


def set_up(name: str) -> None:
    """An administrator's start: init-db --preset NAME; the test accounts need not change their passwords."""
    apply_preset(name, password=PASSWORD)
    Staff.update(must_change_password=False).execute()


def person(username: str) -> Actor:
    return Actor.of(Staff.get(Staff.username == username))


@pytest.fixture
def desk(qtbot, desk_db, clock):
    """Returns a function: set the preset up and open the window as its front desk."""
    contexts = []

    def open_desk(preset: str, receptionist: str) -> MainWindow:
        set_up(preset)
        ctx = DeskContext(DeskService(now=clock), person(receptionist))
        contexts.append(ctx)
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.resize(1600, 1000)
        window.show()
        qtbot.waitExposed(window)
        return window

    yield open_desk
    for ctx in contexts:
        ctx.close()


# ----- driving the window --------------------------------------------------------------------------------------


def choose(combo, value) -> None:
    index = combo.findData(value.value if hasattr(value, "value") else value)
    assert index >= 0, (value, [combo.itemData(i) for i in range(combo.count())])
    combo.setCurrentIndex(index)


def choose_text(combo, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, (text, [combo.itemText(i) for i in range(combo.count())])
    combo.setCurrentIndex(index)


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def take_call(qtbot, window: MainWindow, *, kind: TicketKind, content: str, channel: Channel = Channel.PHONE,
              caller: str = "钱女士", address: str = "", area: str = "", category: str = "",
              scope: Scope | None = None, station: str = "", severity: Severity | None = None,
              variant: Variant | None = None) -> int:
    """受理 in the intake panel: the number, the caller, what they want; 生成工单. Returns the new ticket's id."""
    intake = window.intake
    assert window.intake_dock.isVisible()
    window.new_call_action.trigger()
    choose(intake.channel_combo, channel)
    qtbot.keyClicks(intake.phone_edit, CALLER)
    look_up(qtbot, intake)
    type_text(intake.caller_edit, caller)
    if address:
        type_text(intake.address_edit, address)
    if area:
        type_text(intake.area_edit, area)
    type_text(intake.content_edit, content)
    choose(intake.kind_combo, kind)
    if variant is not None:
        choose(intake.variant_combo, variant)
    if category:
        choose_text(intake.category_combo, category)
    if scope is not None:
        assert intake.scope_combo.isVisible()
        choose(intake.scope_combo, scope)
    if station:
        assert intake.station_combo.isVisible()
        choose_text(intake.station_combo, station)
    if severity is not None:
        choose(intake.severity_combo, severity)
    with qtbot.waitSignal(intake.ticket_created, timeout=3000) as created:
        click(qtbot, intake.create_button)
    ticket_id = created.args[0]
    assert window.detail.current_ticket_id == ticket_id  # the new ticket opens in the detail pane
    settle(qtbot, window.detail)   # read on a worker
    return ticket_id


def sign_in_as(window: MainWindow, username: str) -> Actor:
    """The next person at the desk (what a sign-in does to the window)."""
    actor = person(username)
    window.ctx.set_actor(actor)
    assert window.windowTitle().endswith(f"{actor.name} ({label(actor.role)}) – Service Desk")
    return actor


def open_from_queue(qtbot, window: MainWindow, queue: Queue, ticket_id: int) -> None:
    """Find the ticket in one of the signed-in person's queue tabs and click it open."""
    assert window.show_queue(queue), f"{queue} is not a tab of {window.ctx.actor.role}"
    window.refresh_action.trigger()
    qtbot.waitUntil(lambda: not window.counting)  # F5 counts on a worker thread
    model, view = window.models[queue], window.views[queue]
    row = model.find_row(ticket_id, fetch_first_page=True)
    assert row is not None, f"ticket {ticket_id} is not in {queue} of {window.ctx.actor.name}"
    index = model.index(row, 0)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert window.detail.current_ticket_id == ticket_id
    settle(qtbot, window.detail)   # read on a worker


def act(qtbot, window: MainWindow, action: Action, fill=None) -> None:
    """Click the action's button in the detail pane; fill its dialog (if it has one) and press OK."""
    pane = window.detail
    settle(qtbot, pane)   # a sign-in reads the ticket again for the new person
    assert action in pane.available_actions(), (action, pane.available_actions(), window.ctx.actor.name)
    click(qtbot, pane.action_button(action))
    if action in DIALOG_ACTIONS:
        dialogs = [d for d in pane.findChildren(FormDialog) if d.isVisible()]
        assert len(dialogs) == 1
        dialog = dialogs[0]
        if fill is not None:
            fill(dialog)
        click(qtbot, dialog.ok_button)
        settle(qtbot, pane)   # the action runs on a worker
        assert closed(dialog), dialog.errors.visible_errors()
    settle(qtbot, pane)
    assert not pane.message_label.isVisible() or "done" in pane.message_label.text(), pane.message_label.text()


def operate(qtbot, window: MainWindow, op: TicketOp, fill=None) -> None:
    pane = window.detail
    settle(qtbot, pane)   # a sign-in reads the ticket again for the new person
    assert op in pane.available_operations(), (op, pane.available_operations(), window.ctx.actor.name)
    button = pane.operation_button(op)
    click(qtbot, button)
    settle(qtbot, pane)   # an operation without input runs on a worker at once
    dialogs = [d for d in pane.findChildren(FormDialog) if d.isVisible()]
    if dialogs:
        if fill is not None:
            fill(dialogs[0])
        click(qtbot, dialogs[0].ok_button)
        settle(qtbot, pane)   # the operation runs on a worker
        assert closed(dialogs[0]), dialogs[0].errors.visible_errors()


def state_of(ticket_id: int) -> State:
    return State(Ticket.get_by_id(ticket_id).state)


def notices_of(qtbot, window: MainWindow) -> list:
    """The dock's notices once its reads (on workers) are in."""
    dock = window.notifications_dock
    qtbot.waitUntil(lambda: not dock.reading, timeout=10_000)
    return dock.notices()


def resolve_with(text: str):
    return lambda dialog: type_text(dialog.solution_edit, text)


def satisfied(dialog) -> None:
    dialog.choose(Satisfaction.SATISFIED)


def visit_and_archive(qtbot, window: MainWindow, receptionist: str, ticket_id: int, *, slip: bool = False) -> None:
    """回访 (满意) and 归档 at the front desk; with `slip`, a repair-like ticket's 返单 first (the visit waits for it)."""
    sign_in_as(window, receptionist)
    open_from_queue(qtbot, window, Queue.TO_VISIT, ticket_id)
    if slip:
        visit = window.detail.action_button(Action.VISIT)
        assert visit.isVisible() and not visit.isEnabled()
        assert visit.toolTip() == "The dispatch slip has not come back yet (返单)."
        act(qtbot, window, Action.RETURN_SLIP)
    act(qtbot, window, Action.VISIT, satisfied)
    assert state_of(ticket_id) == State.VISITED
    open_from_queue(qtbot, window, Queue.TO_ARCHIVE, ticket_id)
    act(qtbot, window, Action.ARCHIVE)
    assert state_of(ticket_id) == State.ARCHIVED
    open_from_queue(qtbot, window, Queue.ARCHIVED, ticket_id)
    assert window.detail.archived_label.isVisible()


def history(window: MainWindow) -> list[tuple[str, str]]:
    """(who, action) of each line of the shown ticket's history."""
    return [(row[1], row[2]) for row in table_texts(window.detail.history_table)]


# ----- property: 锦绣家园物业服务中心 -----------------------------------------------------------------------------


def test_property_a_home_repair_is_routed_directly_handled_visited_and_archived(qtbot, desk):
    window = desk("property", "wangfang")
    assert window.windowTitle().startswith(f"{organization_name()} – 王芳")
    ticket_id = take_call(qtbot, window, kind=TicketKind.REPAIR, content="卫生间水管漏水，楼下天花板渗水",
                          address="锦绣家园2栋1单元302", area="一期", category="水管", scope=Scope.PRIVATE)
    # 直派 by the rule "非公共区域(户内) → 客服助理": the receiver has it, and is told.
    assert window.intake.route_label.text() == "Dispatched directly to 客服助理 (张晓燕)."
    assert state_of(ticket_id) == State.DISPATCHED

    sign_in_as(window, "zhangxiaoyan")
    assert any(n.ticket_id == ticket_id and n.kind == "dispatch" for n in notices_of(qtbot, window))
    open_from_queue(qtbot, window, Queue.TO_ACCEPT, ticket_id)
    act(qtbot, window, Action.ACCEPT)
    open_from_queue(qtbot, window, Queue.IN_HAND, ticket_id)
    act(qtbot, window, Action.START)
    act(qtbot, window, Action.RESOLVE, resolve_with("已更换卫生间进水软管，业主确认不再渗水"))
    assert state_of(ticket_id) == State.RESOLVED  # a repair needs no approval

    visit_and_archive(qtbot, window, "wangfang", ticket_id, slip=True)
    assert history(window) == [("王芳", "Created"), ("王芳", "Dispatch"), ("张晓燕", "Accept"),
                               ("张晓燕", "Start handling"), ("张晓燕", "Resolve"), ("王芳", "Slip returned"),
                               ("王芳", "Return visit"), ("王芳", "Archive")]


def test_property_a_complaint_goes_through_the_leader_and_the_desks_reply(qtbot, desk):
    window = desk("property", "wangfang")
    ticket_id = take_call(qtbot, window, kind=TicketKind.COMPLAINT, content="楼上住户深夜装修噪音扰民",
                          address="锦绣家园5栋2单元801", category="噪音")
    assert window.intake.route_label.text().startswith("Dispatched directly to 客服助理 (张晓燕).")

    sign_in_as(window, "zhangxiaoyan")
    open_from_queue(qtbot, window, Queue.TO_ACCEPT, ticket_id)
    act(qtbot, window, Action.ACCEPT)
    act(qtbot, window, Action.START)
    act(qtbot, window, Action.RESOLVE, resolve_with("已上门与楼上住户沟通，承诺晚八点后停止装修"))
    assert state_of(ticket_id) == State.PENDING_LEADER

    sign_in_as(window, "liuting")  # 客服助理's leader: the ticket waits in her 待审批
    assert any(n.ticket_id == ticket_id for n in notices_of(qtbot, window))
    open_from_queue(qtbot, window, Queue.APPROVAL, ticket_id)
    act(qtbot, window, Action.APPROVE, lambda d: type_text(d.note_edit, "同意"))
    assert state_of(ticket_id) == State.PENDING_REPLY  # property complaints skip the audit center

    sign_in_as(window, "wangfang")
    open_from_queue(qtbot, window, Queue.TO_REPLY, ticket_id)
    act(qtbot, window, Action.REPLY, lambda d: type_text(d.note_edit, "已电话告知业主处理结果"))
    assert state_of(ticket_id) == State.RESOLVED
    visit_and_archive(qtbot, window, "wangfang", ticket_id)
    assert [who for who, _action in history(window)] == ["王芳", "王芳", "张晓燕", "张晓燕", "张晓燕", "刘婷", "王芳",
                                                         "王芳", "王芳"]


# ----- telecom: 锦城通信分公司客户服务中心 ------------------------------------------------------------------------


def test_telecom_a_10086_complaint_goes_to_its_station_and_up_the_approval_chain(qtbot, desk, clock):
    window = desk("telecom", "lina")
    ticket_id = take_call(qtbot, window, kind=TicketKind.COMPLAINT, channel=Channel.HOTLINE_10086,
                          content="10086转来：小区室内手机信号差，无法正常通话", address="城北片区锦城花园3栋",
                          category="覆盖类", station="维护站点", severity=Severity.IMPORTANT)
    assert window.intake.route_label.text().startswith("Dispatched directly to 维护站点 (刘畅).")
    # The 10086 clocks of an important complaint: transfer 2 h (met by the direct dispatch), feedback 14 h.
    clocks = {row[0]: row[2] for row in table_texts(window.detail.clocks_table)}
    now = clock()
    assert clocks["Transfer limit"] == (now + dt.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
    assert clocks["Resolution limit"] == (now + dt.timedelta(hours=14)).strftime("%Y-%m-%d %H:%M")

    sign_in_as(window, "liuchang")
    open_from_queue(qtbot, window, Queue.TO_ACCEPT, ticket_id)
    act(qtbot, window, Action.ACCEPT)
    act(qtbot, window, Action.START)
    act(qtbot, window, Action.RESOLVE, resolve_with("已调整基站天线方位角，室内信号恢复"))
    # A 10086 complaint: the coordination group analyses, the quality department checks, then the desk replies.
    assert state_of(ticket_id) == State.PENDING_COORDINATION

    sign_in_as(window, "fanting")  # 协调小组's receiver: the step waits in her 待审批
    open_from_queue(qtbot, window, Queue.APPROVAL, ticket_id)
    act(qtbot, window, Action.APPROVE)
    assert state_of(ticket_id) == State.PENDING_QUALITY

    sign_in_as(window, "jialin")  # 质检部 checks (质检审核)
    open_from_queue(qtbot, window, Queue.APPROVAL, ticket_id)
    act(qtbot, window, Action.APPROVE)
    assert state_of(ticket_id) == State.PENDING_REPLY

    sign_in_as(window, "lina")
    open_from_queue(qtbot, window, Queue.TO_REPLY, ticket_id)
    act(qtbot, window, Action.REPLY, lambda d: type_text(d.note_edit, "已回复10086，客户认可"))
    assert state_of(ticket_id) == State.RESOLVED
    visit_and_archive(qtbot, window, "lina", ticket_id)
    assert [who for who, _action in history(window)] == ["李娜", "李娜", "刘畅", "刘畅", "刘畅", "范婷", "贾琳", "李娜",
                                                         "李娜", "李娜"]


def test_telecom_an_ftth_install_with_a_construction_task(qtbot, desk):
    window = desk("telecom", "lina")
    ticket_id = take_call(qtbot, window, kind=TicketKind.FTTH_INSTALL, variant=Variant.FTTH_BOX,
                          content="光网宽带开通：现场查勘分纤箱资源已用完", address="城北片区锦城花园7栋",
                          area="城北片区", category="增加分纤箱")
    assert window.intake.route_label.text() == "Dispatched directly to 城北装维班 (吕波)."

    sign_in_as(window, "lvbo")
    open_from_queue(qtbot, window, Queue.TO_ACCEPT, ticket_id)
    act(qtbot, window, Action.ACCEPT)
    act(qtbot, window, Action.START)

    def sheet(dialog) -> None:
        assert dialog.item_combo.currentText() == "分纤箱"
        assert dialog.contractor_combo.currentText() == "世康通信有限责任公司"
        assert dialog.maintainer_combo.currentText() == "董清文"
        dialog.cores_spin.setValue(24)
        dialog.metres_spin.setValue(350)

    operate(qtbot, window, TicketOp.CONSTRUCTION_OPEN, sheet)
    task = ConstructionTask.get(ConstructionTask.ticket == ticket_id)
    assert (task.item, task.cable_cores, task.cable_metres) == ("分纤箱", 24, 350)
    assert not window.detail.action_button(Action.RESOLVE).isEnabled()  # not before the construction is done

    sign_in_as(window, "wangpei")  # 市场营销部 confirms the task sheet
    window.show_ticket(ticket_id)
    operate(qtbot, window, TicketOp.CONSTRUCTION_CONFIRM)
    assert ConstructionTask.get_by_id(task.id).marketing_confirmed_by == "王佩"

    sign_in_as(window, "lvbo")
    open_from_queue(qtbot, window, Queue.IN_HAND, ticket_id)
    operate(qtbot, window, TicketOp.CONSTRUCTION_DONE, lambda d: d.resources_check.setChecked(True))
    maintainer = Staff.get(Staff.username == "dongqingwen")
    assert Notification.select().where((Notification.recipient == maintainer.id)
                                       & (Notification.kind == "construction_done")).count() == 1
    act(qtbot, window, Action.RESOLVE, resolve_with("分纤箱已增加，光猫已安装，宽带开通"))
    assert state_of(ticket_id) == State.RESOLVED
    visit_and_archive(qtbot, window, "lina", ticket_id)


# ----- terminal: 汇通支付终端服务有限公司 --------------------------------------------------------------------------


def test_terminal_an_unknown_merchant_is_quarantined_registered_released_and_served(qtbot, desk, clock):
    window = desk("terminal", "qinyue")
    ticket_id = take_call(qtbot, window, kind=TicketKind.REQUEST, content="商户申请配送打印纸20卷",
                          caller="张老板", address="长沙市岳麓区麓山路88号", area="长沙市", category="耗材配送")
    assert window.intake.route_label.text().startswith("In quarantine:")
    open_from_queue(qtbot, window, Queue.QUARANTINE, ticket_id)
    assert window.detail.quarantine_label.isVisible()

    # 客户登记: the next look-up of the number offers to register the merchant; that releases the ticket.
    intake = window.intake
    qtbot.keyClicks(intake.phone_edit, CALLER)
    look_up(qtbot, intake)
    click(qtbot, intake.card_view.register_button)
    dialog = intake.findChild(RegisterCustomerDialog)
    assert dialog is not None and dialog.isVisible()
    if not dialog.name_edit.text():
        type_text(dialog.name_edit, "张老板")
    click(qtbot, dialog.ok_button)
    registered(qtbot, intake)   # saved on a worker
    assert closed(dialog), dialog.errors.visible_errors()
    ticket = Ticket.get_by_id(ticket_id)
    assert not ticket.quarantined and ticket.state == State.DISPATCHED.value
    assert ticket.department.name == "长沙巡检组"

    sign_in_as(window, "penglixin")  # the city's inspector team receives it
    assert any(n.ticket_id == ticket_id and n.kind == "dispatch" for n in notices_of(qtbot, window))
    open_from_queue(qtbot, window, Queue.TO_ACCEPT, ticket_id)
    act(qtbot, window, Action.ACCEPT)

    sign_in_as(window, "liuzhen")  # the team's field inspector does the visit
    assert window.queues == (Queue.IN_HAND, Queue.APPROACHING, Queue.OVERDUE, Queue.ALL)
    open_from_queue(qtbot, window, Queue.IN_HAND, ticket_id)
    visit_at = (clock() + dt.timedelta(days=1)).replace(hour=14, minute=0)
    act(qtbot, window, Action.APPOINT, lambda d: d.set_time(visit_at))
    assert Ticket.get_by_id(ticket_id).appointment_at == visit_at
    act(qtbot, window, Action.START)
    act(qtbot, window, Action.BLOCK, lambda d: type_text(d.reason_edit, "商户门店装修暂停营业，等待重新开业"))
    assert state_of(ticket_id) == State.BLOCKED  # 未完结: the clocks pause
    act(qtbot, window, Action.UNBLOCK)
    assert state_of(ticket_id) == State.IN_PROGRESS
    act(qtbot, window, Action.RESOLVE, resolve_with("已送达打印纸20卷，商户签收"))
    assert state_of(ticket_id) == State.RESOLVED

    visit_and_archive(qtbot, window, "qinyue", ticket_id)
    whos = [who for who, _action in history(window)]
    assert whos[0] == "秦悦" and "彭立新" in whos and whos.count("刘振") == 5 and whos[-2:] == ["秦悦", "秦悦"]


@pytest.mark.parametrize("preset", ["property", "telecom", "terminal"])
def test_every_role_of_a_preset_gets_its_window(qtbot, desk, preset):
    window = desk(preset, {"property": "wangfang", "telecom": "lina", "terminal": "qinyue"}[preset])
    seen = set()
    for staff in Staff.select().where(Staff.active).order_by(Staff.id):
        if staff.role in seen:
            continue
        seen.add(staff.role)
        actor = sign_in_as(window, staff.username)
        assert window.intake_dock.isVisible() == (actor.role in (Role.RECEPTIONIST, Role.DISPATCHER,
                                                                 Role.SUPERVISOR, Role.ADMIN))
        assert window.admin_menu.menuAction().isVisible() == (actor.role == Role.ADMIN)
    assert seen >= {"receptionist", "receiver", "leader", "audit", "supervisor", "admin"}
