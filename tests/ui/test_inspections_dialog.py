"""The inspections dialog, driven as the desk uses it: the due list, a weekly check item by item and co-signed, a
patrol's findings followed up (ticket, numbered notice, oral notice), and no editing without the permission."""

from __future__ import annotations

import datetime as dt

import pytest
from desk_support import staff, table_texts, type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget

from desk_app.core.inspections import WEEKLY_CHECKLIST, InspectionKind, Notice, Responsibility
from desk_app.models.schema import Inspection, InspectionItem, Ticket
from desk_app.ui.inspections import InspectionsDialog


@pytest.fixture
def dialog(qtbot, ctx):
    widget = InspectionsDialog(ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_row(qtbot, table: QTableWidget, row: int, column: int = 1) -> None:
    table.scrollToItem(table.item(row, column))
    rect = table.visualRect(table.model().index(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert table.currentRow() == row


def test_the_due_list_says_what_the_schedule_asks_for_today(dialog, clock):
    # The demo's Thursday: nothing was ever inspected, so only this period's inspections are asked for.
    assert dialog.due_texts() == ["Today's patrol not done", "Weekly check 2 of this week not done",
                                  "This month's monthly check not done"]
    assert [d.chinese for d in dialog.due_items()] == ["今日巡视未做", "本周第2次周检未做", "本月月检未做"]
    assert dialog.inspections() == [] and dialog.current() is None
    assert not dialog.checklist_table.isVisible()


def test_a_weekly_check_item_by_item_then_co_signed(qtbot, dialog, ctx, clock):
    click(qtbot, dialog.weekly_button)
    detail = dialog.current()
    assert detail is not None and detail.kind == InspectionKind.WEEKLY and detail.inspector == "王芳"
    assert dialog.checklist_table.isVisible() and dialog.sign_button.isVisible()
    assert not dialog.finish_button.isVisible()
    # Three section headings and the seed's thirteen items.
    assert dialog.checklist_table.rowCount() == 16
    assert table_texts(dialog.checklist_table, 1)[1] == "Is there visible rubbish in the public areas?"
    assert dialog.checklist_table.item(1, 1).toolTip() == "公共区域内是否有明显垃圾"

    # 1.1(1): a problem, the property company's.
    click_row(qtbot, dialog.checklist_table, dialog.checklist_row("1.1.1"))
    assert dialog.record_button.text() == "Record problem for item 1.1(1)"
    type_text(dialog.problem_edit, "3栋北侧绿化带内有明显垃圾")
    type_text(dialog.location_edit, "3栋北侧")
    dialog.set_responsibility(Responsibility.PROPERTY)
    click(qtbot, dialog.record_button)
    assert dialog.message_label.text() == "Problem recorded."
    assert dialog.selected_checklist_code() == "1.1.2"          # on to the next item
    # Every other item is in order.
    while dialog.current().unchecked:
        assert not dialog.sign_button.isEnabled()
        click(qtbot, dialog.ok_button)
    lines = {line.item.code: line.result for line in dialog.current().checklist}
    assert not lines["1.1.1"].ok and all(lines[i.code].ok for i in WEEKLY_CHECKLIST[1:])
    assert table_texts(dialog.checklist_table, 2)[1] == "Problem: 3栋北侧绿化带内有明显垃圾"
    assert table_texts(dialog.checklist_table, 2)[2] == "OK"

    # 签字确认 by the property company's person.
    assert not dialog.sign_button.isEnabled()
    type_text(dialog.co_signer_edit, "物业李主管")
    click(qtbot, dialog.sign_button)
    assert dialog.message_label.text() == "Signed by 物业李主管: the check is closed."
    signed = dialog.current()
    assert signed.closed and signed.co_signer == "物业李主管" and signed.co_signed_at == clock()
    assert dialog.co_signer_edit.isReadOnly()
    assert not dialog.ok_button.isEnabled() and not dialog.problem_box.isEnabled()
    assert not dialog.sign_button.isEnabled()
    assert table_texts(dialog.inspection_table)[0][1:] == ["Weekly check", "王芳", "1 (1 to follow up)",
                                                           "signed by 物业李主管"]
    # Thursday: this one counts; the week still owes its second check.
    assert [d.sequence for d in dialog.due_items() if d.kind == InspectionKind.WEEKLY] == [2]

    # The finding goes out on a 工作联系单 with its deadline.
    click_row(qtbot, dialog.findings_table, 0)
    assert dialog.rule_label.text() == ("The property company gets a numbered notice with a rectification "
                                        "deadline.")
    assert [dialog.notice_combo.itemData(i) for i in range(dialog.notice_combo.count())] == ["contact_sheet"]
    assert dialog.deadline() == clock().replace(second=0) + dt.timedelta(days=7)
    dialog.set_deadline(dt.datetime(2026, 11, 30, 17, 0))
    click(qtbot, dialog.follow_up_button)
    assert dialog.message_label.text() == "Followed up: Work contact sheet 2026-0001"
    assert table_texts(dialog.findings_table)[0] == ["1.1(1)", "3栋北侧绿化带内有明显垃圾（3栋北侧）", "Property company's",
                                                     "", "2026-11-30 17:00", "Work contact sheet 2026-0001"]
    item = InspectionItem.get(InspectionItem.item_code == "1.1.1")
    assert (item.notice, item.notice_number, item.rectify_by) == ("contact_sheet", "2026-0001",
                                                                  dt.datetime(2026, 11, 30, 17, 0))
    assert not dialog.follow_up_button.isEnabled() and dialog.rectified_button.isEnabled()


def test_a_patrol_s_findings_become_a_ticket_a_notice_and_an_oral_notice(qtbot, dialog, clock):
    type_text(dialog.area_edit, "阳光花园")
    click(qtbot, dialog.patrol_button)
    assert dialog.current().kind == InspectionKind.PATROL and dialog.current().area == "阳光花园"
    assert not dialog.checklist_table.isVisible() and dialog.finish_button.isVisible()
    assert not dialog.sign_button.isVisible()
    assert dialog.record_button.text() == "Record finding"

    def record(problem: str, responsibility: Responsibility, *, serious: bool = False, photo: str = "") -> None:
        type_text(dialog.problem_edit, problem)
        dialog.set_responsibility(responsibility)
        if serious:
            click(qtbot, dialog.serious_check)
        if photo:
            type_text(dialog.photo_edit, photo)
        click(qtbot, dialog.record_button)

    record("配电房门锁损坏", Responsibility.SAFETY, photo="/photos/p1.jpg")
    record("消防通道被占用", Responsibility.PROPERTY, serious=True)
    record("草坪有烟头", Responsibility.PROPERTY)
    assert [f.problem for f in dialog.findings()] == ["配电房门锁损坏", "消防通道被占用", "草坪有烟头"]
    assert dialog.findings()[0].photo_path == "/photos/p1.jpg"
    assert table_texts(dialog.findings_table, 5) == ["not yet followed up"] * 3

    # 安全隐患: at once, an urgent ticket.
    click_row(qtbot, dialog.findings_table, 0)
    assert dialog.rule_label.text() == ("At once: an urgent ticket (Inspection finding) with a short deadline. "
                                        "The project manager is told.")
    assert not dialog.notice_combo.isVisible() and dialog.deadline() == clock() + dt.timedelta(hours=2)
    click(qtbot, dialog.follow_up_button)
    ticket = Ticket.get(Ticket.description == "巡视发现：配电房门锁损坏")
    assert ticket.priority == 1 and ticket.rectify_by == clock() + dt.timedelta(hours=2)
    assert table_texts(dialog.findings_table, 5)[0] == f"ticket {ticket.number}; project manager told".replace(
        "; ", "；")

    # 物业责任, serious: the desk may choose the 整改通知单.
    click_row(qtbot, dialog.findings_table, 1)
    assert [dialog.notice_combo.itemText(i) for i in range(dialog.notice_combo.count())] == [
        "Work contact sheet", "Rectification notice"]
    assert dialog.choose_notice(Notice.RECTIFICATION_NOTICE)
    assert dialog.deadline() == clock() + dt.timedelta(days=3)
    click(qtbot, dialog.follow_up_button)
    assert table_texts(dialog.findings_table, 5)[1] == "Rectification notice 2026-0001"

    # 物业责任, minor: told orally or by WeChat, with whom.
    click_row(qtbot, dialog.findings_table, 2)
    assert dialog.deadline() is None and dialog.notified_edit.isVisible()
    type_text(dialog.notified_edit, "物业王经理")
    click(qtbot, dialog.follow_up_button)
    assert table_texts(dialog.findings_table, 5)[2] == "Told orally / by WeChat 物业王经理"

    assert "Today's patrol not done" in dialog.due_texts()
    click(qtbot, dialog.finish_button)
    assert dialog.message_label.text() == "Patrol finished."
    assert "Today's patrol not done" not in dialog.due_texts()
    assert dialog.current().closed and not dialog.record_button.isEnabled()
    assert table_texts(dialog.inspection_table)[0][1:] == ["Patrol", "王芳", "3", "finished"]


def test_a_refusal_is_shown_and_changes_nothing(qtbot, dialog):
    click(qtbot, dialog.patrol_button)
    type_text(dialog.problem_edit, "路灯不亮")
    dialog.set_responsibility(Responsibility.OWN)
    inspection_id = dialog.current().id
    Inspection.update(finished_at=dt.datetime(2026, 11, 26, 9, 0)).where(Inspection.id == inspection_id).execute()
    click(qtbot, dialog.record_button)                  # another desk finished it meanwhile
    assert dialog.message_label.property("error") == "true"
    assert dialog.message_label.text() == "This inspection is signed off and can no longer be changed."
    assert InspectionItem.select().count() == 0
    assert not dialog.record_button.isEnabled()         # the dialog now shows it closed


def test_without_the_permission_nothing_can_be_started_or_changed(qtbot, dialog, ctx):
    click(qtbot, dialog.patrol_button)
    ctx.set_actor(staff("engineering.recv"))
    for button in (dialog.patrol_button, dialog.weekly_button, dialog.monthly_button, dialog.finish_button):
        assert not button.isEnabled()
    assert not dialog.problem_box.isEnabled()
    assert dialog.start(InspectionKind.PATROL) is None
    assert dialog.message_label.property("error") == "true"
    assert dialog.message_label.text().startswith("Not allowed:")
    assert Inspection.select().count() == 1
