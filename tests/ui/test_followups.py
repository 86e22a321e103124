"""回访跟踪 at the desk: the list of due follow-up calls (overdue and today's at the top, the next days' below), the
拨打并记录 dialog that logs the call as an outgoing register line, the count in the main window, the administrator's
intervals. (The register dialog's direction, filter and open-line actions: tests/ui/test_register_dialog.py.)

The seed, 客服前台工作流程: "在完成对客户的投诉或者是报修后，要定期对客户进行电话访问跟踪，定期维护与客户之间的关系，
并把信息反馈到客户服务中心做好记录"; "涉及到致电客户事宜时，需要在前台《来电来访登记表》电子表中登记，将电话致电人、内容及
跟进情况详细填写".
"""

from __future__ import annotations

import datetime as dt

import pytest
from desk_support import leader_of, staff, type_text
from PySide6.QtCore import Qt

from desk_app.core.followups import FollowUpState
from desk_app.models.schema import CallRecord, FollowUp, Setting
from desk_app.services import followups
from desk_app.services.desk import Actor
from desk_app.services.queries import staff_by_username
from desk_app.ui.context import DeskContext
from desk_app.ui.followups import CallDialog, FollowUpsDialog
from desk_app.ui.main_window import MainWindow
from desk_app.ui.register_dialog import RegisterDialog
from tests.conftest import FIXED_NOW

TODAY = FIXED_NOW.date()


@pytest.fixture(autouse=True)
def no_background_scan(monkeypatch):
    monkeypatch.setattr(MainWindow, "SCAN_FIRST_DELAY_MS", 3_600_000)


@pytest.fixture
def open_list(qtbot, ctx):
    def make() -> FollowUpsDialog:
        dialog = FollowUpsDialog(ctx)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def due_in_db() -> list[FollowUp]:
    return list(FollowUp.select().where((FollowUp.state == "planned") & (FollowUp.due_on <= TODAY))
                .order_by(FollowUp.due_on, FollowUp.id))


def test_the_demo_list_shows_overdue_and_todays_calls_at_the_top(open_list, qtmodeltester):
    dialog = open_list()
    due = due_in_db()
    assert any(f.due_on < TODAY for f in due) and any(f.due_on == TODAY for f in due)   # the demo has both
    assert [dialog.due_model.row_at(r).id for r in range(dialog.due_model.rowCount())] == [f.id for f in due]
    when = dialog.due_model.index(0, dialog.due_model.COLUMNS.index("when")).data()
    assert when.endswith("overdue")
    assert dialog.due_caption.text().startswith(f"Due today and overdue: {len(due)} (")
    upcoming = [dialog.upcoming_model.row_at(r) for r in range(dialog.upcoming_model.rowCount())]
    assert all(0 < (item.due_on - TODAY).days <= 14 for item in upcoming)
    # The first due call is selected, ready to be made.
    assert dialog.selected().id == due[0].id and dialog.call_button.isEnabled()
    qtmodeltester.check(dialog.due_model)
    qtmodeltester.check(dialog.upcoming_model)


def test_call_and_log_writes_one_outgoing_line_and_plans_the_next(qtbot, open_list, ctx, clock):
    dialog = open_list()
    item = dialog.selected()
    lines_before = CallRecord.select().count()
    call = dialog.open_call_dialog()
    qtbot.waitExposed(call)
    assert isinstance(call, CallDialog) and item.name in call.whom_label.text()

    # Nothing said: the message is beside the field, nothing is written.
    click(qtbot, call.save_button)
    assert call.errors.label("content").isVisible() and call.errors.label("content").text() == \
        "This field is required."
    assert CallRecord.select().count() == lines_before

    type_text(call.content_edit, "客户表示已修好，满意")
    type_text(call.note_edit, "三个月后再问")
    call.next_check.setChecked(True)
    call.next_spin.setValue(60)
    with qtbot.waitSignal(call.finished):
        click(qtbot, call.save_button)
    assert CallRecord.select().count() == lines_before + 1
    line = CallRecord.get_by_id(call.call_id)
    assert (line.direction, line.outcome, line.content, line.received_at) == (
        "out", "solved", "客户表示已修好，满意", clock.at)
    assert FollowUp.get_by_id(item.id).state == FollowUpState.DONE.value
    assert FollowUp.select().where((FollowUp.due_on == TODAY + dt.timedelta(days=60))
                                   & (FollowUp.reason == "periodic")).count() == 1
    assert item.id not in [dialog.due_model.row_at(r).id for r in range(dialog.due_model.rowCount())]
    assert dialog.message_label.text() == f"The call to {item.name} is in the register."


def test_a_call_made_at_another_desk_meanwhile_is_said_in_the_dialog(qtbot, open_list, ctx):
    dialog = open_list()
    item = dialog.selected()
    call = dialog.open_call_dialog()
    followups.do_follow_up(ctx.service, staff("reception2"), item.id, content="已回访")   # the other desk, first
    type_text(call.content_edit, "回访")
    assert call.save() is False
    assert "done already" in call.message_label.text() and call.isVisible()
    call.reject()


def test_cancel_needs_a_reason_beside_its_field(qtbot, open_list):
    dialog = open_list()
    item = dialog.selected()
    click(qtbot, dialog.cancel_button)
    assert dialog.reason_error.isVisible() and dialog.reason_error.text() == "This field is required."
    type_text(dialog.cancel_reason_edit, "业主已搬走")
    click(qtbot, dialog.cancel_button)
    assert FollowUp.get_by_id(item.id).state == "cancelled"
    assert not dialog.reason_error.isVisible()


def test_a_department_leader_is_told_why_not(qtbot, ctx, open_list):
    ctx.set_actor(leader_of("工程部"))
    dialog = open_list()
    assert dialog.message_label.isVisible() and "may not" in dialog.message_label.text()
    assert dialog.due_model.rowCount() == 0 and not dialog.call_button.isEnabled()


def test_the_main_window_shows_the_count_and_opens_the_list(qtbot, ctx, demo_db):
    window = MainWindow(ctx, database_url=demo_db)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    try:
        count = len(due_in_db())
        qtbot.waitUntil(lambda: window.follow_up_count.value == count and not window.follow_up_count.running)
        assert window.follow_ups_action.text() == f"Follow-up calls ({count})"
        assert window.follow_ups_action.isVisible()
        assert window.follow_ups_action in window.work_menu.actions()
        assert window.follow_ups_action in window.toolbar.actions()
        window.follow_ups_action.trigger()
        dialog = window.follow_ups_dialog
        assert isinstance(dialog, FollowUpsDialog) and dialog.isVisible()

        # Doing one from the list: the count follows, counted again off the window's thread.
        followups.do_follow_up(ctx.service, ctx.actor, dialog.selected().id, content="已回访")
        qtbot.waitUntil(lambda: window.follow_up_count.value == count - 1 and not window.follow_up_count.running)
        assert window.follow_ups_action.text() == f"Follow-up calls ({count - 1})"
        window.register_action.trigger()
        assert isinstance(window.register_dialog, RegisterDialog) and window.register_dialog.isVisible()
    finally:
        window.close()


def test_the_administrator_sets_the_intervals_beside_the_other_settings(qtbot, demo_db, clock):
    from desk_app.ui.admin.window import AdminWindow

    admin_ctx = DeskContext(ctx_service(clock), Actor.of(staff_by_username("admin")))
    window = AdminWindow(admin_ctx)
    qtbot.addWidget(window)
    window.show()
    try:
        page = window.show_page("policies")
        assert page.follow_up_spins["complaint"].value() == 7 and page.follow_up_spins["repair"].value() == 30
        page.follow_up_spins["repair"].setValue(0)
        page.follow_up_spins["complaint"].setValue(3)
        click(qtbot, page.save_follow_up_button)
        assert {s.key: s.value for s in Setting.select().where(Setting.key.startswith("follow_up."))} == {
            "follow_up.complaint_days": "3", "follow_up.repair_days": "0"}
        assert admin_ctx.service.config.follow_up_days("repair") == 0
    finally:
        for page in window.pages:
            page.shutdown()
        admin_ctx.close()


def ctx_service(clock):
    from desk_app.services.desk import DeskService

    return DeskService(now=clock)
