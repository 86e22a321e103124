"""A local number typed at intake (本地区号): with the center's area code set, the eight digits the caller gives find
their archive and the ticket keeps the whole number; without it they are refused beside the phone field.

The seed, 客服前台工作流程: "将来电来访人的姓名、反应内容、联系方式、流转人及跟进情况详细填写".
"""

from __future__ import annotations

import pytest
from desk_support import type_text
from pane_waits import closed, create, look_up, looked_up, registered
from PySide6.QtCore import Qt

from desk_app.core.customers import CustomerDraft, NumberDraft
from desk_app.core.kinds import TicketKind
from desk_app.models.schema import CallRecord, Customer, CustomerNumber, Staff, Ticket
from desk_app.services import customers
from desk_app.services.desk import Actor
from desk_app.ui.dialogs import RegisterCustomerDialog
from desk_app.ui.intake.panel import IntakePanel

LOCAL = "62345678"
FULL = "+861062345678"
CONTENT = "卫生间水管漏水，楼下住户天花板渗水"


@pytest.fixture
def panel(qtbot, ctx):
    widget = IntakePanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(760, 900)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    widget.phone_edit.setFocus()
    return widget


@pytest.fixture
def landline_customer(ctx) -> int:
    """A caller whose archive has the number written the long way."""
    return customers.create_customer(ctx.service, ctx.actor, CustomerDraft("潘洋", (NumberDraft("010-6234 5678"),)))


def set_area_code(ctx, code: str) -> None:
    customers.set_area_code(ctx.service, Actor.of(Staff.get(Staff.username == "admin")), code)


def fill_ticket(panel) -> None:
    type_text(panel.content_edit, CONTENT)
    panel.kind_combo.setCurrentIndex(panel.kind_combo.findData(TicketKind.REPAIR))


def test_a_local_number_finds_the_archive_and_the_ticket_keeps_the_whole_number(qtbot, panel, ctx,
                                                                                landline_customer):
    set_area_code(ctx, "010")
    with qtbot.waitSignal(panel.customer_looked_up):
        qtbot.keyClicks(panel.phone_edit, LOCAL)
    qtbot.waitUntil(lambda: panel.card_view.card is not None)
    assert panel.card_view.card.id == landline_customer and panel.card_view.card.name == "潘洋"
    assert panel.card_view.isVisible()

    panel.caller_edit.setFocus()          # leaving the field checks the number: no complaint
    assert not panel.errors.label("phone").isVisible()
    fill_ticket(panel)
    ticket_id = create(qtbot, panel)
    ticket = Ticket.get_by_id(ticket_id)
    assert (ticket.phone, ticket.customer_id) == (FULL, landline_customer)
    call = CallRecord.get(CallRecord.ticket == ticket_id)
    assert (call.phone, call.customer_id) == (FULL, landline_customer)


def test_without_an_area_code_the_local_number_is_refused_beside_the_field(qtbot, panel, ctx, landline_customer):
    tickets = Ticket.select().count()
    qtbot.keyClicks(panel.phone_edit, LOCAL)
    panel.caller_edit.setFocus()
    qtbot.waitUntil(lambda: panel.errors.label("phone").isVisible())
    assert panel.errors.label("phone").text() == f"Not a valid phone number: {LOCAL}"
    fill_ticket(panel)
    assert panel.create_ticket() is None
    assert panel.errors.visible_errors() == {"phone": f"Not a valid phone number: {LOCAL}"}
    assert Ticket.select().count() == tickets


def test_a_new_caller_with_a_local_number_is_registered_under_the_whole_number(qtbot, panel, ctx):
    set_area_code(ctx, "010")
    qtbot.keyClicks(panel.phone_edit, "8765 4321")
    look_up(qtbot, panel)
    assert panel.card_view.empty_label.text() == "New caller: this number is not in the customer archive."
    type_text(panel.caller_edit, "赵敏")
    qtbot.mouseClick(panel.card_view.register_button, Qt.MouseButton.LeftButton)
    dialog = panel.findChild(RegisterCustomerDialog)
    assert dialog.phone_label.text() == "010 8765 4321"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    registered(qtbot, panel)   # saved on a worker
    assert closed(dialog)
    looked_up(qtbot, panel)   # the card reads the new archive on a worker
    saved = Customer.get(Customer.name == "赵敏")
    assert [n.number for n in CustomerNumber.select().where(CustomerNumber.customer == saved.id)] == ["+861087654321"]
    assert panel.customer is not None and panel.customer.id == saved.id
