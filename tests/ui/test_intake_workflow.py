"""The intake panel's fields for the seed's workflow: catalogue, where, station, sensitivity, escalation, patrol
deadlines, where the new ticket went (直派 / 转派 / 隔离区), registering a new customer, paid repairs."""

from __future__ import annotations

import datetime as dt

import pytest
from desk_support import IGNORE_OFFSCREEN, staff, type_text
from pane_waits import closed, create, look_up, looked_up, registered, settle
from PySide6.QtCore import Qt

from desk_app.core.kinds import Channel, ComplaintLevel, Escalation, TicketKind
from desk_app.core.policies import Variant
from desk_app.core.routing import Routed, Scope
from desk_app.core.states import State
from desk_app.models.schema import CatalogueEntry, Clock, Department, RoutingRule, Ticket
from desk_app.services.customer_store import NumberLine, insert_customer
from desk_app.services.config import put_setting
from desk_app.ui.detail.pane import DetailPane
from desk_app.ui.dialogs import RegisterCustomerDialog
from desk_app.ui.intake.panel import IntakePanel

pytestmark = [IGNORE_OFFSCREEN, pytest.mark.usefixtures("manual_routing")]

NEW_CALLER = "13700001234"



@pytest.fixture
def panel(qtbot, ctx):
    widget = IntakePanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(780, 900)
    widget.show()
    return widget


def choose(combo, value) -> None:
    index = combo.findData(value.value if hasattr(value, "value") else value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def fill(qtbot, panel, *, phone=NEW_CALLER, content="小区东门道闸损坏", kind=TicketKind.REPAIR) -> None:
    qtbot.keyClicks(panel.phone_edit, phone)
    type_text(panel.content_edit, content)
    choose(panel.kind_combo, kind)


def rule(ctx, name: str, department: str, **conditions) -> None:
    RoutingRule.create(position=0, name=name, department=Department.get(Department.name == department), **conditions)
    ctx.service.forget_cached()


def entries(kind: TicketKind, *names: str) -> None:
    for position, name in enumerate(names, start=1):
        CatalogueEntry.create(kind=kind.value, name=name, position=position)


def combo_texts(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_a_matching_routing_rule_dispatches_directly_and_says_where(qtbot, panel, ctx):
    rule(ctx, "报修 → 工程部", "工程部", kind=TicketKind.REPAIR.value)
    fill(qtbot, panel)
    ticket = Ticket.get_by_id(create(qtbot, panel))
    assert (ticket.state, ticket.routed) == (State.DISPATCHED.value, Routed.DIRECT.value)
    assert panel.status_label.text() == f"Ticket {ticket.number} created"
    assert panel.route_label.text() == "Dispatched directly to 工程部 (张伟)."
    # Typing the next call clears it.
    qtbot.keyClicks(panel.phone_edit, "1")
    assert panel.route_label.text() == ""


def test_no_rule_leaves_the_ticket_for_the_second_level_dispatcher(qtbot, panel):
    fill(qtbot, panel)
    ticket = Ticket.get_by_id(create(qtbot, panel))
    assert (ticket.state, ticket.routed) == (State.NEW.value, Routed.TRANSFER.value)
    assert panel.route_label.text() == "Waiting for the second-level dispatcher (transfer dispatch)."


def test_catalogue_entries_of_the_kind_with_free_text(qtbot, panel):
    entries(TicketKind.REPAIR, "水电维修", "门窗维修")
    entries(TicketKind.COMPLAINT, "噪音扰民")
    choose(panel.kind_combo, TicketKind.REPAIR)
    assert combo_texts(panel.category_combo) == ["", "水电维修", "门窗维修"]
    choose(panel.kind_combo, TicketKind.COMPLAINT)
    assert combo_texts(panel.category_combo) == ["", "噪音扰民"]
    choose(panel.kind_combo, TicketKind.SUGGESTION)
    assert combo_texts(panel.category_combo) == [""]
    type_text(panel.category_combo.lineEdit(), "绿化建议")
    qtbot.keyClicks(panel.phone_edit, NEW_CALLER)
    type_text(panel.content_edit, "建议增加儿童游乐设施")
    ticket = Ticket.get_by_id(create(qtbot, panel))
    assert ticket.category == "绿化建议"


def test_a_catalogue_entry_routes_the_ticket(qtbot, panel, ctx):
    entries(TicketKind.REPAIR, "水电维修", "门窗维修")
    rule(ctx, "门窗 → 客服助理", "客服助理", category="门窗维修")
    fill(qtbot, panel)
    panel.category_combo.setCurrentIndex(2)
    ticket = Ticket.get_by_id(create(qtbot, panel))
    assert (ticket.category, ticket.department.name) == ("门窗维修", "客服助理")
    assert panel.route_label.text() == "Dispatched directly to 客服助理 (李静)."


def test_where_is_asked_only_when_a_rule_uses_it(qtbot, panel, ctx):
    choose(panel.kind_combo, TicketKind.REPAIR)
    assert panel.scope_combo.isHidden()
    rule(ctx, "公共区域 → 安全部", "安全部", kind=TicketKind.REPAIR.value, scope=Scope.PUBLIC.value)
    choose(panel.kind_combo, TicketKind.COMPLAINT)
    assert panel.scope_combo.isVisible()
    choose(panel.kind_combo, TicketKind.CONSULTATION)
    assert panel.scope_combo.isHidden()
    choose(panel.kind_combo, TicketKind.REPAIR)
    assert combo_texts(panel.scope_combo) == ["(not given)", "Inside a home", "Public area"]
    choose(panel.scope_combo, Scope.PUBLIC)
    qtbot.keyClicks(panel.phone_edit, NEW_CALLER)
    type_text(panel.content_edit, "单元门禁损坏")
    ticket = Ticket.get_by_id(create(qtbot, panel))
    assert (ticket.scope, ticket.department.name) == ("public", "安全部")


def test_station_from_the_stations_setting_for_complaints_and_faults(qtbot, panel, ctx):
    choose(panel.kind_combo, TicketKind.COMPLAINT)
    assert panel.station_combo.isHidden()
    put_setting("stations", "城北维护站;交换站")
    ctx.service.forget_cached()  # settings are cached now; a change made behind the service's back is read after this
    choose(panel.kind_combo, TicketKind.FAULT)
    assert panel.station_combo.isVisible()
    assert combo_texts(panel.station_combo) == ["", "城北维护站", "交换站"]
    choose(panel.kind_combo, TicketKind.REPAIR)
    assert panel.station_combo.isHidden()
    fill(qtbot, panel, kind=TicketKind.COMPLAINT, content="室内手机信号差")
    panel.station_combo.setCurrentIndex(2)
    choose(panel.escalation_combo, Escalation.EMERGENCY)
    panel.sensitive_check.setChecked(True)
    ticket = Ticket.get_by_id(create(qtbot, panel))
    assert (ticket.station, ticket.escalation, ticket.sensitive) == ("交换站", "emergency", True)
    assert not panel.sensitive_check.isChecked() and panel.escalation_combo.currentData() is None


def test_escalation_is_asked_for_complaints_only(qtbot, panel):
    choose(panel.kind_combo, TicketKind.COMPLAINT)
    assert panel.escalation_combo.isVisible()
    assert combo_texts(panel.escalation_combo) == ["(not escalated)", "General complaint", "Emergency / complex",
                                                   "Major complaint"]
    choose(panel.escalation_combo, Escalation.MAJOR)
    choose(panel.kind_combo, TicketKind.REPAIR)
    assert panel.escalation_combo.isHidden() and panel.escalation_combo.currentData() is None


def test_a_patrol_finding_needs_its_rectification_deadline(qtbot, panel, ctx, clock):
    choose(panel.kind_combo, TicketKind.REPAIR)
    assert panel.rectify_edit.isHidden()
    choose(panel.channel_combo, Channel.PATROL)
    assert panel.rectify_edit.isVisible()  # optional on any patrol ticket
    type_text(panel.content_edit, "3号楼消防通道堆放杂物")
    choose(panel.kind_combo, TicketKind.INSPECTION)
    assert panel.rectify_edit.text() == "(no deadline)"
    assert panel.rectify_by() is None
    assert panel.create_ticket() is None
    assert panel.errors.visible_errors() == {"rectify_by": "A patrol finding needs a rectification deadline."}
    deadline = clock() + dt.timedelta(days=2)
    panel.set_rectify_by(deadline)
    assert panel.errors.label("rectify_by").isHidden()
    assert f"Resolution limit until {deadline:%Y-%m-%d %H:%M}" in panel.limits_label.text()
    ticket = Ticket.get_by_id(create(qtbot, panel))
    assert (ticket.kind, ticket.channel, ticket.rectify_by) == ("inspection", "patrol", deadline)
    assert Clock.get((Clock.ticket == ticket.id) & (Clock.kind == "resolve")).deadline == deadline
    assert panel.rectify_by() is None  # reset for the next one


def test_quarantine_and_registering_the_caller_releases_the_ticket(qtbot, panel, ctx):
    put_setting("terminal.quarantine_unregistered", "1")
    rule(ctx, "报修 → 工程部", "工程部", kind=TicketKind.REPAIR.value)
    fill(qtbot, panel)
    look_up(qtbot, panel)
    assert panel.card_view.register_button.isVisible()
    type_text(panel.caller_edit, "钱先生")
    type_text(panel.address_edit, "和平里小区5栋101")
    ticket_id = create(qtbot, panel)
    ticket = Ticket.get_by_id(ticket_id)
    assert ticket.quarantined and ticket.state == State.NEW.value
    assert panel.route_label.text() == ("In quarantine: the caller is not a registered customer yet. Register the "
                                        "customer to release it.")
    assert panel.route_label.property("quarantine") is True
    # The next call from the same number: register them from the card.
    qtbot.keyClicks(panel.phone_edit, NEW_CALLER)
    look_up(qtbot, panel)
    qtbot.mouseClick(panel.card_view.register_button, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(RegisterCustomerDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.phone_label.text() == "137 0000 1234"
    assert dialog.waiting_label.text().startswith("1 ticket(s) of this number wait in quarantine")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    registered(qtbot, panel)   # saved on a worker: the service says what is missing
    assert dialog.errors.label("name").text() == "This field is required."
    type_text(dialog.name_edit, "钱先生")
    type_text(dialog.address_edit, "和平里小区5栋101")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    registered(qtbot, panel)
    assert closed(dialog)
    assert panel.status_label.text() == "Customer 钱先生 registered; 1 ticket(s) released from quarantine."
    looked_up(qtbot, panel)   # the card reads the new archive on a worker
    assert panel.customer is not None and panel.card_view.name_label.text() == "钱先生"
    assert not panel.card_view.register_button.isVisible()
    ticket = Ticket.get_by_id(ticket_id)
    assert not ticket.quarantined and ticket.customer.name == "钱先生"
    assert (ticket.state, ticket.routed, ticket.department.name) == (State.DISPATCHED.value, "direct", "工程部")


def test_registering_an_existing_number_is_refused_next_to_the_phone(qtbot, panel, ctx):
    qtbot.keyClicks(panel.phone_edit, NEW_CALLER)
    look_up(qtbot, panel)
    dialog = panel.open_register_dialog()
    insert_customer("已有客户", [NumberLine("+86" + NEW_CALLER)], created_at=dt.datetime(2026, 11, 26))  # another desk was quicker
    type_text(dialog.name_edit, "钱先生")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    registered(qtbot, panel)
    assert dialog.isVisible() and dialog.isEnabled()
    assert dialog.errors.label("phone").text() == "A customer with this number exists already."
    assert dialog.name_edit.text() == "钱先生"
    dialog.reject()


def test_only_desk_roles_register_customers(qtbot, panel, ctx):
    qtbot.keyClicks(panel.phone_edit, NEW_CALLER)
    look_up(qtbot, panel)
    assert panel.card_view.register_button.isVisible()
    ctx.set_actor(staff("engineering.recv"))
    assert not panel.card_view.register_button.isVisible()


def test_a_second_complaint_within_four_hours_is_formal_and_linked(qtbot, panel, ctx, clock):
    detail = DetailPane(ctx)
    qtbot.addWidget(detail)
    panel.ticket_created.connect(detail.show_ticket)
    fill(qtbot, panel, kind=TicketKind.COMPLAINT, content="物业人员服务态度差")
    first = Ticket.get_by_id(create(qtbot, panel))
    assert first.complaint_level == ComplaintLevel.APPEAL.value
    assert panel.route_label.text() == "Waiting for the second-level dispatcher (transfer dispatch)."
    clock.advance(hours=2)
    fill(qtbot, panel, kind=TicketKind.COMPLAINT, content="再次投诉：仍无人处理")
    second = Ticket.get_by_id(create(qtbot, panel))
    assert (second.complaint_level, second.linked_ticket_id) == (ComplaintLevel.FORMAL.value, first.id)
    assert panel.route_label.text().endswith(f"Formal complaint: repeats {first.number}.")
    assert detail.current_ticket_id == second.id
    settle(qtbot, detail)   # the pane reads the ticket on a worker
    assert detail.level_chip.text() == "Formal complaint" and not detail.level_chip.isHidden()
    assert first.number in detail.values["linked"].text()


def test_a_business_hall_complaint_starts_formal(qtbot, panel):
    choose(panel.channel_combo, Channel.BUSINESS_HALL)
    fill(qtbot, panel, kind=TicketKind.COMPLAINT, content="营业厅办理业务排队两小时")
    ticket = Ticket.get_by_id(create(qtbot, panel))
    assert ticket.complaint_level == ComplaintLevel.FORMAL.value
    assert panel.route_label.text().endswith("Formal complaint.")


def test_paid_variant_and_paid_catalogue_entry_follow_each_other(qtbot, panel):
    entries(TicketKind.REPAIR, "公共设施维修", "户内有偿维修")
    choose(panel.kind_combo, TicketKind.REPAIR)
    choose(panel.variant_combo, Variant.PAID)
    assert panel.category_combo.currentText() == "户内有偿维修"
    panel.category_combo.setCurrentIndex(1)  # 公共设施维修
    assert panel.variant_combo.currentData() == Variant.NONE.value
    panel.category_combo.setCurrentIndex(2)  # 户内有偿维修
    assert panel.variant_combo.currentData() == Variant.PAID.value
    choose(panel.variant_combo, Variant.EMERGENCY)
    assert panel.category_combo.currentText() == ""
    # Without a paid entry in the catalogue, the variant alone is enough.
    choose(panel.kind_combo, TicketKind.FAULT)
    choose(panel.kind_combo, TicketKind.REPAIR)
    CatalogueEntry.delete().where(CatalogueEntry.name == "户内有偿维修").execute()
    choose(panel.kind_combo, TicketKind.SUGGESTION)
    choose(panel.kind_combo, TicketKind.REPAIR)
    choose(panel.variant_combo, Variant.PAID)
    assert panel.category_combo.currentText() == ""
    qtbot.keyClicks(panel.phone_edit, NEW_CALLER)
    type_text(panel.content_edit, "热水器不出热水")
    ticket = Ticket.get_by_id(create(qtbot, panel))
    assert ticket.variant == Variant.PAID.value
