"""来电来访登记表 in its dialog, as the customer-service supervisor uses it at the end of the day: the day's lines, 签署,
the month's days and 归档本月; the front desk reads it, a department leader is told why not.

The seed, 项目客服工作梳理: "1.每天填写《来电来访登记表》，记录来电来访内容"; 客服前台工作流程: "客服主管每日审核签字，月度存档".
"""

from __future__ import annotations

import datetime as dt

import pytest
from desk_support import leader_of, staff, type_text
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtWidgets import QApplication

from desk_app.core.errors import ValidationError
from desk_app.core.followups import CallDirection
from desk_app.core.kinds import CallOutcome
from desk_app.core.validation import CallDraft
from desk_app.models.schema import CallRecord, RegisterDay, RegisterMonth, Ticket
from desk_app.services import register
from desk_app.ui import app as app_module
from desk_app.ui.batch_print import PaperJob
from desk_app.ui.register_dialog import LineTicketDialog, RegisterDialog, RegisterModel
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date()        # the demo's Thursday, 2026-11-26


def lines_on(day: dt.date) -> int:
    start = dt.datetime.combine(day, dt.time())
    return CallRecord.select().where((CallRecord.received_at >= start)
                                     & (CallRecord.received_at < start + dt.timedelta(days=1))).count()


@pytest.fixture
def open_dialog(qtbot, ctx):
    def make(username: str | None = None, day: dt.date | None = None) -> RegisterDialog:
        if username is not None:
            ctx.set_actor(staff(username))
        dialog = RegisterDialog(ctx, None, day)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_supervisor_signs_the_days_register_and_the_desk_can_add_no_line(qtbot, open_dialog, ctx, clock):
    clock.at = FIXED_NOW.replace(hour=17, minute=30)
    dialog = open_dialog("supervisor")
    assert dialog.day == TODAY and dialog.date_edit.date() == QDate(2026, 11, 26)
    count = lines_on(TODAY)
    assert count > 0 and dialog.model.rowCount() == count
    first = dialog.model.row_at(0)
    assert dialog.model.index(0, RegisterModel.COLUMNS.index("time")).data() == first.received_at.strftime("%H:%M")
    assert dialog.status_label.text().startswith("Not signed")
    assert dialog.sign_button.isEnabled()

    qtbot.keyClicks(dialog.note_edit, "checked")
    with qtbot.waitSignal(ctx.changed, check_params_cb=lambda change: change.topic == "register"):
        click(qtbot, dialog.sign_button)
    signature = RegisterDay.get(RegisterDay.day == TODAY)
    assert (signature.calls, signature.note, signature.signed_at) == (count, "checked", clock.at)
    assert dialog.status_label.text().startswith("Signed: 林主管 2026-11-26 17:30 · checked")
    assert dialog.message_label.text() == f"The register of 2026-11-26 is signed ({count} lines)."
    assert not dialog.sign_button.isEnabled() and dialog.note_edit.text() == ""
    assert "signed already" in dialog.sign_button.toolTip()
    row = dialog.month_model.row_of(TODAY)
    assert dialog.month_model.index(row, 2).data() == "林主管 2026-11-26 17:30"

    # The desk's next call of the day is refused with the register's own words.
    with pytest.raises(ValidationError, match="The register of 2026-11-26 is signed; ask the supervisor."):
        ctx.service.record_call(staff("reception"), CallDraft(content="询问停水时间", phone="13812345678"))
    assert lines_on(TODAY) == count


def test_the_front_desk_reads_the_register_and_is_told_why_it_does_not_sign(open_dialog):
    dialog = open_dialog(None, TODAY - dt.timedelta(days=1))       # the ctx fixture's front-desk agent
    assert dialog.model.rowCount() == lines_on(TODAY - dt.timedelta(days=1))
    assert not dialog.sign_button.isEnabled() and not dialog.note_edit.isEnabled()
    assert "may not" in dialog.sign_button.toolTip()
    assert not dialog.archive_button.isEnabled()
    assert not dialog.message_label.isVisible()


def test_a_department_leader_is_told_in_the_dialog_not_with_a_traceback(qtbot, ctx, open_dialog):
    ctx.set_actor(leader_of("工程部"))
    dialog = open_dialog()
    assert dialog.message_label.isVisible() and "whole center" in dialog.message_label.text()
    assert dialog.model.rowCount() == 0 and dialog.month_model.rowCount() == 0
    assert not dialog.sign_button.isEnabled() and not dialog.archive_button.isEnabled()


def test_a_day_signed_meanwhile_at_another_desk_is_said_and_shown(open_dialog, ctx, qtbot):
    dialog = open_dialog("supervisor")
    register.sign_day(ctx.service, staff("admin"), TODAY)       # another desk, before this window heard of it
    assert dialog.sign_button.isEnabled()
    assert dialog.sign() is False
    assert dialog.message_label.text().startswith("The register of 2026-11-26 is signed already")
    assert dialog.status_label.text().startswith("Signed: ")
    assert RegisterDay.select().count() == 1


def test_the_month_is_archived_once_every_day_with_calls_is_signed(qtbot, open_dialog, ctx, clock):
    dialog = open_dialog("supervisor")
    month = dialog.month()
    assert month.month == "2026-11" and len(month.days) == 30
    assert sum(int(dialog.month_model.index(r, 1).data()) for r in range(30)) == month.calls > 0
    assert not dialog.archive_button.isEnabled() and "not over yet" in dialog.archive_button.toolTip()

    # A click on a day of the month shows that day.
    row = next(r for r in range(30) if month.days[r].calls and month.days[r].day != TODAY)
    rect = dialog.month_table.visualRect(dialog.month_model.index(row, 0))
    qtbot.mouseClick(dialog.month_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.day == month.days[row].day and dialog.date_edit.date().toPython() == month.days[row].day
    assert dialog.model.rowCount() == month.days[row].calls

    # December: November is over, but its days are not signed yet; the button says which.
    clock.at = dt.datetime(2026, 12, 1, 9, 0)
    dialog.refresh()
    assert not dialog.archive_button.isEnabled()
    assert "not signed yet: 2026-11-" in dialog.archive_button.toolTip()
    supervisor = staff("supervisor")
    for day in month.unsigned:
        register.sign_day(ctx.service, supervisor, day)
    qtbot.waitUntil(dialog.archive_button.isEnabled)
    click(qtbot, dialog.archive_button)
    assert RegisterMonth.get().calls == month.calls
    assert dialog.month_status_label.text() == "Archived: 林主管 2026-12-01 09:00"
    assert dialog.message_label.text() == f"2026-11 is archived ({month.calls} lines)."
    assert "month archived" in dialog.status_label.text() and not dialog.sign_button.isEnabled()


def test_the_dialog_speaks_chinese(qapp, open_dialog, ctx, clock):
    clock.at = FIXED_NOW.replace(hour=17, minute=30)
    dialog = open_dialog("supervisor")
    try:
        app_module.install_translators(qapp, "zh_CN")
        QApplication.sendEvent(dialog, QEvent(QEvent.Type.LanguageChange))
        assert dialog.windowTitle() == "来电来访登记表"
        assert dialog.status_label.text().startswith("未签署")
        assert dialog.sign_button.text().startswith("签署") and dialog.archive_button.text().startswith("归档本月")
        dialog.sign()
        assert dialog.status_label.text().startswith("已签署：林主管 2026-11-26 17:30")
        assert dialog.model.headerData(0, Qt.Orientation.Horizontal) == "时间"
    finally:
        app_module.install_translators(qapp, "en")


def test_the_models_pass_the_model_tester(qtmodeltester, open_dialog):
    dialog = open_dialog("supervisor")
    qtmodeltester.check(dialog.model)
    qtmodeltester.check(dialog.month_model)


def test_the_day_and_the_month_so_far_print_off_the_window_thread(qtbot, open_dialog):
    import io

    from pypdf import PdfReader

    dialog = open_dialog("supervisor")
    for button, period in ((dialog.print_day_button, "2026年11月26日"), (dialog.print_month_button, "2026年11月")):
        click(qtbot, button)
        job = dialog.findChildren(PaperJob)[-1]
        with qtbot.waitSignal(job.done, timeout=30_000) as done:
            pass
        preview = done.args[0]
        text = PdfReader(io.BytesIO(preview.pdf_bytes)).pages[0].extract_text()
        assert "来电来访登记表" in text and period in text
        preview.close()


# ----- incoming and outgoing lines, the filter, the open lines ------------------------------------------------------
# The seed: "涉及到致电客户事宜时，需要在前台《来电来访登记表》电子表中登记，将电话致电人、内容及跟进情况详细填写".


@pytest.fixture
def register_dialog(qtbot, ctx):
    def make() -> RegisterDialog:
        dialog = RegisterDialog(ctx, None, TODAY)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


def test_the_register_shows_outgoing_lines_and_filters_them(qtbot, ctx, register_dialog):
    desk = ctx.actor
    out = ctx.service.record_call(desk, CallDraft(content="回访：维修后使用正常", phone="13812345678",
                                                  caller_name="张三"), outcome=CallOutcome.SOLVED,
                                  direction=CallDirection.OUT)
    dialog = register_dialog()
    kind = RegisterModel.COLUMNS.index("kind")
    texts = {dialog.model.row_at(r).id: dialog.model.index(r, kind).data() for r in range(dialog.model.rowCount())}
    assert texts[out] == "Outgoing call"
    assert set(texts.values()) <= {"Incoming call", "Visit", "Outgoing call"}
    assert dialog.model.headerData(kind, Qt.Orientation.Horizontal) == "In/out"

    dialog.set_filter(register.LineFilter.OUTGOING)
    shown = [dialog.model.row_at(r) for r in range(dialog.model.rowCount())]
    assert shown and all(line.direction == "out" for line in shown) and out in [line.id for line in shown]
    dialog.set_filter(register.LineFilter.INCOMING)
    assert all(dialog.model.row_at(r).direction == "in" for r in range(dialog.model.rowCount()))
    dialog.set_filter(register.LineFilter.OPEN)
    assert all(dialog.model.row_at(r).open for r in range(dialog.model.rowCount()))
    # The outgoing line is the desk's own: neither answered nor made a ticket.
    dialog.set_filter(register.LineFilter.ALL)
    assert dialog.select_line(out)
    assert not dialog.solve_button.isEnabled() and "outgoing call" in dialog.solve_button.toolTip()


def test_an_open_line_is_answered_or_made_a_ticket_from_the_register(qtbot, ctx, register_dialog):
    desk = ctx.actor
    first = ctx.service.record_call(desk, CallDraft(content="询问停水时间", phone="13812345678", caller_name="张三"))
    second = ctx.service.record_call(desk, CallDraft(content="楼道灯不亮，三楼", phone="13912345678",
                                                     caller_name="李四"))
    dialog = register_dialog()
    dialog.set_filter(register.LineFilter.OPEN)
    assert dialog.select_line(first)
    assert dialog.solve_button.isEnabled() and dialog.to_ticket_button.isEnabled()
    type_text(dialog.answer_edit, "已告知明早8点恢复")
    click(qtbot, dialog.solve_button)
    record = CallRecord.get_by_id(first)
    assert (record.outcome, record.follow_up) == ("solved", "已告知明早8点恢复")
    assert first not in [dialog.model.row_at(r).id for r in range(dialog.model.rowCount())]

    assert dialog.select_line(second)
    click(qtbot, dialog.to_ticket_button)
    ticket_dialog = dialog.line_ticket_dialog
    assert isinstance(ticket_dialog, LineTicketDialog)
    assert ticket_dialog.description_edit.toPlainText() == "楼道灯不亮，三楼"
    ticket_dialog.description_edit.clear()
    click(qtbot, ticket_dialog.ok_button)
    assert ticket_dialog.errors.label("description").text() == "This field is required."
    type_text(ticket_dialog.description_edit, "楼道灯不亮，三楼")
    type_text(ticket_dialog.address_edit, "3栋2单元")
    with qtbot.waitSignal(dialog.ticket_created) as made:
        click(qtbot, ticket_dialog.ok_button)
    ticket = Ticket.get_by_id(made.args[0])
    assert (ticket.caller_name, ticket.phone, ticket.address) == ("李四", "+8613912345678", "3栋2单元")
    assert (CallRecord.get_by_id(second).outcome, CallRecord.get_by_id(second).ticket_id) == ("ticket", ticket.id)
    assert dialog.message_label.text() == f"Ticket {ticket.number} was made of the line."


def test_a_signed_day_greys_the_line_actions_with_the_reason(qtbot, ctx, clock, register_dialog):
    line = ctx.service.record_call(ctx.actor, CallDraft(content="询问物业费", phone="13812345678"))
    clock.at = FIXED_NOW.replace(hour=17, minute=30)
    register.sign_day(ctx.service, staff("supervisor"), TODAY)
    dialog = register_dialog()
    assert dialog.select_line(line)
    assert not dialog.solve_button.isEnabled() and not dialog.to_ticket_button.isEnabled()
    assert dialog.to_ticket_button.toolTip() == "The register of 2026-11-26 is signed; ask the supervisor."
