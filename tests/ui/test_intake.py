"""The intake panel: phone first, the customer card, Chinese input, errors next to their field, Ctrl+Enter."""

from __future__ import annotations

import pytest
from desk_support import IGNORE_OFFSCREEN, customer_with_open_tickets, staff, table_texts, type_text
from pane_waits import create, look_up
from PySide6.QtCore import Qt, QTranslator

from desk_app.core.kinds import CallOutcome, Channel, Level, Severity, TicketKind
from desk_app.core.policies import Variant
from desk_app.core.states import State
from desk_app.core.timelimits import LimitSpec
from desk_app.models.schema import CallRecord, Ticket
from desk_app.ui.forms import limit_text
from desk_app.ui.intake.panel import IntakePanel

pytestmark = IGNORE_OFFSCREEN

CONTENT = "卫生间水管漏水，楼下住户天花板渗水"


@pytest.fixture
def panel(qtbot, ctx):
    widget = IntakePanel(ctx)
    qtbot.addWidget(widget)
    widget.resize(760, 720)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    widget.phone_edit.setFocus()
    return widget


@pytest.fixture
def customer(demo_db):
    return customer_with_open_tickets()


def national(phone: str) -> str:
    return phone.removeprefix("+86")


def choose(combo, value) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def fill(qtbot, panel, *, phone="13812345678", content=CONTENT, kind=TicketKind.REPAIR) -> None:
    qtbot.keyClicks(panel.phone_edit, phone)
    type_text(panel.content_edit, content)
    if kind is not None:
        choose(panel.kind_combo, kind)


@pytest.mark.parametrize(("spec", "text"), [
    ("3wd", "3 working days"), ("1wd", "1 working day"), ("20m", "20 min"), ("8h", "8 h"),
    ("4wh", "4 working hours"), ("1wh", "1 working hour"), ("2d", "2 days"), ("1d", "1 day"),
])
def test_limit_text_reads_naturally(qapp, spec, text):
    assert limit_text(LimitSpec.parse(spec)) == text
    assert limit_text(spec) == text


def test_typing_a_known_number_shows_the_card_and_fills_empty_fields(qtbot, panel, customer):
    qtbot.keyClicks(panel.phone_edit, national(customer.phone))
    qtbot.waitUntil(lambda: panel.customer is not None)
    card = panel.card_view
    assert card.isVisible()
    assert card.name_label.text() == customer.name
    assert customer.address in card.address_label.text()
    numbers = table_texts(card.tickets_table, 0)
    open_numbers = [t.number for t in Ticket.select().where(
        (Ticket.customer == customer.id) & Ticket.state.not_in([State.VISITED.value, State.ARCHIVED.value]))]
    assert open_numbers and set(open_numbers) <= set(numbers)
    assert panel.caller_edit.text() == customer.name
    assert panel.address_edit.text() == customer.address
    assert panel.area_edit.text() == customer.area


def test_the_card_never_overwrites_what_was_typed(qtbot, panel, customer):
    type_text(panel.caller_edit, "李先生")
    qtbot.keyClicks(panel.phone_edit, national(customer.phone))
    look_up(qtbot, panel)
    assert panel.caller_edit.text() == "李先生"
    assert panel.address_edit.text() == customer.address


def test_a_new_number_says_new_caller_and_clears_what_the_card_filled(qtbot, panel, customer):
    qtbot.keyClicks(panel.phone_edit, national(customer.phone))
    look_up(qtbot, panel)
    assert panel.caller_edit.text() == customer.name
    panel.phone_edit.clear()
    qtbot.keyClicks(panel.phone_edit, "13900001111")
    assert look_up(qtbot, panel) is None
    assert panel.card_view.isVisible()
    assert panel.card_view.empty_label.text() == "New caller: this number is not in the customer archive."
    assert panel.caller_edit.text() == ""


def test_double_clicking_a_card_ticket_asks_to_open_it(qtbot, panel, customer):
    qtbot.keyClicks(panel.phone_edit, national(customer.phone))
    look_up(qtbot, panel)
    table = panel.card_view.tickets_table
    first_id = panel.card_view.ticket_ids()[0]
    with qtbot.waitSignal(panel.ticket_activated) as signal:
        table.itemDoubleClicked.emit(table.item(0, 0))
    assert signal.args == [first_id]


def test_chinese_content_and_ctrl_enter_make_a_ticket(qtbot, panel, customer):
    calls_before = CallRecord.select().count()
    qtbot.keyClicks(panel.phone_edit, national(customer.phone))
    qtbot.waitUntil(lambda: panel.customer is not None)
    type_text(panel.content_edit, CONTENT)
    assert panel.content_edit.toPlainText() == CONTENT
    choose(panel.kind_combo, TicketKind.REPAIR)
    panel.content_edit.setFocus()
    with qtbot.waitSignal(panel.ticket_created) as created, qtbot.waitSignal(panel.call_recorded) as recorded:
        qtbot.keyClick(panel.content_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    ticket = Ticket.get_by_id(created.args[0])
    assert ticket.description == CONTENT
    assert ticket.customer_id == customer.id
    assert ticket.caller_name == customer.name
    assert panel.status_label.text() == f"Ticket {ticket.number} created"
    call = CallRecord.get_by_id(recorded.args[0])
    assert (call.outcome, call.ticket_id) == (CallOutcome.TICKET.value, ticket.id)
    assert CallRecord.select().count() == calls_before + 1
    # The form is empty again and the phone field has the focus for the next caller.
    assert (panel.phone_edit.text(), panel.content_edit.toPlainText(), panel.caller_edit.text()) == ("", "", "")
    assert panel.kind_combo.currentData() is None
    assert panel.card_view.isHidden()
    assert panel.phone_edit.hasFocus()


def test_ctrl_enter_on_the_keypad_also_creates(qtbot, panel):
    fill(qtbot, panel)
    with qtbot.waitSignal(panel.ticket_created):
        qtbot.keyClick(panel.kind_combo, Qt.Key.Key_Enter,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier)


def test_an_invalid_phone_is_shown_next_to_the_field_and_nothing_is_written(qtbot, panel):
    calls_before, tickets_before = CallRecord.select().count(), Ticket.select().count()
    fill(qtbot, panel, phone="12345")
    panel.create_button.click()
    error = panel.errors.label("phone")
    assert error.isVisible()
    assert error.text() == "Not a valid phone number: 12345"
    assert panel.errors.visible_errors().keys() == {"phone"}
    assert panel.phone_edit.property("invalid") is True
    assert panel.phone_edit.hasFocus()
    # What was typed is kept; nothing half-written.
    assert panel.phone_edit.text() == "12345"
    assert panel.content_edit.toPlainText() == CONTENT
    assert (CallRecord.select().count(), Ticket.select().count()) == (calls_before, tickets_before)
    # Typing again clears the error.
    qtbot.keyClicks(panel.phone_edit, "6")
    assert not error.isVisible()


def test_leaving_the_phone_field_with_a_bad_number_says_so_at_once(qtbot, panel):
    qtbot.keyClicks(panel.phone_edit, "99999")
    panel.caller_edit.setFocus()
    qtbot.waitUntil(lambda: panel.errors.label("phone").isVisible())


@pytest.mark.parametrize(("kind", "content", "field", "message"), [
    (None, CONTENT, "kind", "Choose a ticket kind."),
    (TicketKind.REPAIR, "", "description", "This field is required."),
])
def test_missing_input_is_shown_next_to_its_field(qtbot, panel, kind, content, field, message):
    fill(qtbot, panel, content=content, kind=kind)
    assert panel.create_ticket() is None
    assert panel.errors.label(field).text() == message
    assert panel.errors.label(field).isVisible()


def test_every_input_error_is_shown_at_once_and_the_first_field_gets_the_focus(qtbot, panel):
    fill(qtbot, panel, phone="1380013", content="", kind=None)
    panel.caller_edit.setFocus()
    assert panel.create_ticket() is None
    assert panel.errors.visible_errors() == {
        "phone": "Not a valid phone number: 1380013",
        "content": "This field is required.",
        "kind": "Choose a ticket kind.",
    }
    assert panel.phone_edit.hasFocus()
    # Solved-at-once needs the content and a valid number too, but no kind.
    type_text(panel.content_edit, "咨询物业费缴费方式")
    assert panel.record_solved() is None
    assert panel.errors.visible_errors() == {"phone": "Not a valid phone number: 1380013"}


def test_the_kind_sets_urgency_impact_priority_and_limits(qtbot, panel):
    assert panel.limits_label.text() == "Choose the kind to see the time limits."
    choose(panel.kind_combo, TicketKind.CONSULTATION)
    assert (panel.urgency_combo.currentData(), panel.impact_combo.currentData()) == (Level.LOW, Level.MEDIUM)
    assert panel.priority_label.text() == "P4"
    assert "3 working days" in panel.limits_label.text()
    assert panel.variant_combo.isHidden() and panel.severity_combo.isHidden()
    # Raising the urgency changes the priority at once.
    choose(panel.urgency_combo, Level.HIGH)
    assert panel.priority_label.text() == "P2"


def test_emergency_repair_shows_its_on_site_and_repair_limits(qtbot, panel):
    choose(panel.kind_combo, TicketKind.REPAIR)
    assert panel.variant_combo.isVisible() and panel.severity_combo.isHidden()
    assert [panel.variant_combo.itemData(i) for i in range(panel.variant_combo.count())] == [
        Variant.NONE, Variant.EMERGENCY, Variant.PAID]
    choose(panel.variant_combo, Variant.EMERGENCY)
    assert panel.priority_label.text() == "P1"
    assert "20 min" in panel.limits_label.text() and "8 h" in panel.limits_label.text()


def test_ftth_variants_and_complaint_severities(qtbot, panel):
    choose(panel.kind_combo, TicketKind.FTTH_INSTALL)
    choose(panel.variant_combo, Variant.FTTH_SPLITTER)
    assert "5 working days" in panel.limits_label.text()
    choose(panel.kind_combo, TicketKind.COMPLAINT)
    assert panel.variant_combo.isHidden() and panel.severity_combo.isVisible()
    assert "7 working days" in panel.limits_label.text()
    choose(panel.severity_combo, Severity.URGENT)
    assert "1 h" in panel.limits_label.text() and "4 h" in panel.limits_label.text()


def test_a_10086_complaint_is_created_with_its_severity(qtbot, panel):
    choose(panel.channel_combo, Channel.HOTLINE_10086)
    fill(qtbot, panel, content="10086转来：整个小区宽带中断", kind=TicketKind.COMPLAINT)
    choose(panel.severity_combo, Severity.IMPORTANT)
    ticket = Ticket.get_by_id(create(qtbot, panel))
    assert (ticket.channel, ticket.severity, ticket.policy_code) == ("10086", "important", "c10086_important")
    # The channel stays for the next call at this desk.
    assert panel.channel_combo.currentData() == Channel.HOTLINE_10086


def test_solved_at_once_logs_the_call_without_a_ticket(qtbot, panel):
    tickets_before = Ticket.select().count()
    fill(qtbot, panel, content="询问停水通知，已告知恢复时间", kind=None)
    with qtbot.waitSignal(panel.call_recorded) as recorded:
        panel.solved_button.click()
    call = CallRecord.get_by_id(recorded.args[0])
    assert (call.outcome, call.ticket_id) == (CallOutcome.SOLVED.value, None)
    assert call.content == "询问停水通知，已告知恢复时间"
    assert Ticket.select().count() == tickets_before
    assert panel.status_label.text() == "Call logged as solved at first contact"
    assert panel.phone_edit.text() == ""


def test_tab_leaves_the_content_field_instead_of_typing_a_tab(qtbot, panel):
    panel.content_edit.setFocus()
    type_text(panel.content_edit, "漏水")
    qtbot.keyClick(panel.content_edit, Qt.Key.Key_Tab)
    assert panel.content_edit.toPlainText() == "漏水"
    assert panel.kind_combo.hasFocus()


def test_escape_clears_only_after_a_second_press(qtbot, panel):
    fill(qtbot, panel)
    qtbot.keyClick(panel.content_edit, Qt.Key.Key_Escape)
    assert panel.content_edit.toPlainText() == CONTENT
    assert panel.message_label.text().startswith("Press Esc again")
    # Typing in between disarms it.
    type_text(panel.content_edit, "。")
    qtbot.keyClick(panel.content_edit, Qt.Key.Key_Escape)
    assert panel.content_edit.toPlainText() == CONTENT + "。"
    qtbot.keyClick(panel.content_edit, Qt.Key.Key_Escape)
    assert panel.content_edit.toPlainText() == ""
    assert panel.phone_edit.text() == ""
    assert panel.phone_edit.hasFocus()


class _Chinese(QTranslator):
    """A stand-in for the zh_CN translation: only what this test looks at."""

    WORDS = {("IntakePanel", "Create ticket"): "生成工单", ("Label", "Repair"): "报修"}

    def translate(self, context, source, disambiguation=None, n=-1):
        return self.WORDS.get((context, source), "")

    def isEmpty(self):  # noqa: N802 - Qt override; an empty translator sends no LanguageChange
        return False


def test_a_language_change_retranslates_the_panel(qtbot, qapp, panel):
    translator = _Chinese()
    qapp.installTranslator(translator)
    try:
        qtbot.waitUntil(lambda: panel.create_button.text() == "生成工单")
        assert panel.kind_combo.itemText(panel.kind_combo.findData(TicketKind.REPAIR)) == "报修"
    finally:
        qapp.removeTranslator(translator)
    qtbot.waitUntil(lambda: panel.create_button.text() == "Create ticket")


def test_a_department_receiver_cannot_take_calls_here(qtbot, panel, ctx):
    ctx.set_actor(staff("engineering.recv"))
    assert not panel.create_button.isEnabled() and not panel.solved_button.isEnabled()
    ctx.set_actor(staff("reception"))
    assert panel.create_button.isEnabled() and panel.solved_button.isEnabled()
