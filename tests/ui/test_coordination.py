"""交接班 and 请示报告 through their dialogs: one shift writes, the next confirms (and is shown it at sign-in); a report
goes one level up (an emergency may skip one) and is answered by its recipient."""

from __future__ import annotations

import pytest
from desk_support import type_text
from PySide6.QtCore import Qt

from desk_app.core.kinds import Role
from desk_app.core.permissions import Operation, may
from desk_app.models.schema import EscalationReport, ShiftHandover
from desk_app.services import coordination
from desk_app.services.coordination import REPORT_LEVEL
from desk_app.services.demo import DEMO_PASSWORD, set_demo_passwords
from desk_app.services.desk import Actor
from desk_app.services.queries import staff_by_username, staff_list
from desk_app.ui.coordination import HandoverDialog, ReportDialog, report_recipients
from desk_app.ui.main_window.window import MainWindow


@pytest.fixture(autouse=True)
def no_background_scan(monkeypatch):
    monkeypatch.setattr(MainWindow, "SCAN_FIRST_DELAY_MS", 3_600_000)


@pytest.fixture
def window(qtbot, ctx):
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def actor(username: str) -> Actor:
    return Actor.of(staff_by_username(username))


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_handover_is_written_and_the_next_shift_confirms_it(qtbot, window, ctx):
    window.handover_action.trigger()
    dialog = window.handover_dialog
    assert isinstance(dialog, HandoverDialog) and dialog.isVisible()
    assert not dialog.write_button.isEnabled()  # nothing typed yet
    type_text(dialog.content_edit, "3号楼电梯困人已处理，维保单位明早复查；阳光花园12栋漏水待业主回电")
    click(qtbot, dialog.write_button)
    assert dialog.message_label.text() == "Handover written: the next shift confirms it."
    assert dialog.content_edit.toPlainText() == ""
    written = dialog.handovers()[0]
    assert written.by == "王芳" and written.acknowledged_at is None
    dialog.select_handover(written.id)
    assert not dialog.acknowledge_button.isEnabled()  # the writer does not confirm her own handover

    ctx.set_actor(actor("reception2"))
    assert window.handover_dialog is None and not dialog.isVisible()  # it belonged to the last person
    dialog = window.open_handover_dialog()
    assert [h.id for h in dialog.pending()] == [written.id]
    assert dialog.pending_label.text() == "1 handover(s) to confirm"
    dialog.select_handover(written.id)
    click(qtbot, dialog.acknowledge_button)
    assert dialog.message_label.text() == "Takeover confirmed."
    row = ShiftHandover.get_by_id(written.id)
    assert row.acknowledged_by_id == ctx.actor.id and row.acknowledged_at is not None
    assert dialog.table.item(0, 2).text().startswith("陈晨 ")
    assert dialog.pending() == [] and not dialog.acknowledge_button.isEnabled()


def test_pending_handovers_come_up_by_themselves_after_the_next_sign_in(qtbot, window, ctx):
    set_demo_passwords()
    window.start_session()
    assert window.handover_dialog is None  # nothing waits for 王芳
    coordination.write_handover(ctx.service, ctx.actor, "交接：前台备用钥匙在抽屉")
    dialog = window.sign_out()
    dialog.username_edit.clear()
    qtbot.keyClicks(dialog.username_edit, "reception2")
    qtbot.keyClicks(dialog.password_edit, DEMO_PASSWORD)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.signing_in, timeout=10_000)  # the password check's worker
    assert ctx.actor.name == "陈晨" and window.isVisible()
    assert window.handover_dialog is not None and window.handover_dialog.isVisible()
    assert [h.content for h in window.handover_dialog.pending()] == ["交接：前台备用钥匙在抽屉"]


def test_a_report_goes_exactly_one_level_up_and_an_emergency_may_skip_one(qtbot, window, ctx):
    ctx.set_actor(actor("engineering.recv"))
    window.report_action.trigger()
    dialog = window.report_dialog
    assert isinstance(dialog, ReportDialog) and dialog.isVisible()
    levels = {s.id: REPORT_LEVEL.get(Role(s.role), 1) for s in staff_list()}
    choices = [staff_id for staff_id, _text in dialog.recipients()]
    assert choices and {levels[i] for i in choices} == {2}  # leaders, supervisor, audit center: one level up
    assert choices[0] == staff_by_username("engineering.lead").id  # his own department's leader first
    assert dialog.recipients()[0][1] == "蒋斌（Department leader，工程部）"
    dialog.emergency_check.setChecked(True)
    emergency = [staff_id for staff_id, _text in dialog.recipients()]
    assert {levels[i] for i in emergency} == {2, 3}  # may skip to the office, never to the center leader
    dialog.emergency_check.setChecked(False)

    dialog.choose_recipient(staff_by_username("engineering.lead").id)
    type_text(dialog.content_edit, "阳光花园主水管爆裂，需停水抢修，请示是否通知全体业主")
    click(qtbot, dialog.send_button)
    assert dialog.message_label.text().startswith("Report sent to 蒋斌")
    report = dialog.reports()[0]
    assert (report.by, report.to, report.answered_at) == ("张伟", "蒋斌", None)
    dialog.select_report(report.id)
    assert not dialog.answer_button.isEnabled()  # his own report: he does not answer it

    # The leader answers it (批复) in her own dialog.
    ctx.set_actor(actor("engineering.lead"))
    dialog = window.open_report_dialog()
    assert [r.id for r in dialog.reports()] == [report.id]
    dialog.select_report(report.id)
    assert dialog.answer_edit.isEnabled() and not dialog.answer_button.isEnabled()
    type_text(dialog.answer_edit, "同意，立即发停水通知")
    click(qtbot, dialog.answer_button)
    assert EscalationReport.get_by_id(report.id).answer == "同意，立即发停水通知"
    assert dialog.table.item(0, 5).text() == "同意，立即发停水通知"
    assert not dialog.answer_button.isEnabled()  # answered once


def test_the_recipients_of_each_level(demo_db):
    people = staff_list()
    levels = {s.id: REPORT_LEVEL.get(Role(s.role), 1) for s in people}
    for role, mine in ((Role.RECEPTIONIST, 1), (Role.LEADER, 2), (Role.OFFICE, 3)):
        plain = report_recipients(role, emergency=False, staff=people)
        assert {levels[p.id] for p in plain} <= {mine + 1}
        urgent = report_recipients(role, emergency=True, staff=people)
        assert {levels[p.id] for p in urgent} <= {mine + 1, mine + 2}
    assert report_recipients(Role.CENTER, emergency=True, staff=people) == []  # the top has nobody above


def test_the_work_menu_holds_the_handover_and_the_reports(window):
    # ... and the patrol and inspection checks (巡检), for those who do them.
    # (the customer archive, the follow-up calls and the knowledge base follow them; their own tests check them)
    assert window.work_menu.actions()[:3] == [window.handover_action, window.report_action,
                                              window.inspections_action]
    assert window.inspections_action.isVisible() == may(window.ctx.actor.role, Operation.INSPECT)
    assert window.work_menu.title() == "&Work"
