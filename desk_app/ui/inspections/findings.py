"""Problems found (发现问题): the form that records one, for a checklist item or on its own, the table of findings,
and their follow-up as the rules ask for it: a ticket, a numbered rectification notice, an oral notice.

Its texts keep the translation context "InspectionsDialog" they had when they were written in the dialog itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
)

from desk_app.core.inspections import NUMBERED_NOTICES, FollowUpRule, Notice, Responsibility
from desk_app.services.inspections import ItemView
from desk_app.ui.common import format_time, label
from desk_app.ui.common import read_only_table
from desk_app.ui.inspections.common import PROBLEM_COLOR, cell

if TYPE_CHECKING:
    from desk_app.ui.inspections.dialog import InspectionsDialog


def build_problem_box(dialog: InspectionsDialog) -> None:
    """Make `problem_box`, the group that records a problem (`problem_edit`, `location_edit`,
    `responsibility_combo`, `serious_check`, `photo_edit`, `photo_button`, `record_button`), as attributes of
    `dialog`, and lay it out; dialog.translate_ui() gives it its texts."""
    dialog.problem_box = box = QGroupBox(dialog)
    dialog.problem_edit = QLineEdit(box)
    dialog.problem_edit.setObjectName("problem_edit")
    dialog.location_edit = QLineEdit(box)
    dialog.location_edit.setObjectName("location_edit")
    dialog.location_edit.setMaxLength(200)
    dialog.responsibility_combo = QComboBox(box)
    dialog.responsibility_combo.setObjectName("responsibility_combo")
    for responsibility in Responsibility:
        dialog.responsibility_combo.addItem("", responsibility.value)
    dialog.serious_check = QCheckBox(box)
    dialog.serious_check.setObjectName("serious_check")
    dialog.photo_edit = QLineEdit(box)
    dialog.photo_edit.setObjectName("photo_edit")
    dialog.photo_edit.setMaxLength(500)
    dialog.photo_button = QPushButton(box)
    dialog.photo_button.setObjectName("photo_button")
    dialog.record_button = QPushButton(box)
    dialog.record_button.setObjectName("record_problem_button")
    dialog.problem_label, dialog.location_label = QLabel(box), QLabel(box)
    dialog.responsibility_label, dialog.photo_label = QLabel(box), QLabel(box)
    dialog.problem_label.setBuddy(dialog.problem_edit)
    dialog.location_label.setBuddy(dialog.location_edit)
    dialog.responsibility_label.setBuddy(dialog.responsibility_combo)
    dialog.photo_label.setBuddy(dialog.photo_edit)
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.addRow(dialog.problem_label, dialog.problem_edit)
    form.addRow(dialog.location_label, dialog.location_edit)
    row = QHBoxLayout()
    row.addWidget(dialog.responsibility_combo, 1)
    row.addWidget(dialog.serious_check)
    form.addRow(dialog.responsibility_label, row)
    row = QHBoxLayout()
    row.addWidget(dialog.photo_edit, 1)
    row.addWidget(dialog.photo_button)
    form.addRow(dialog.photo_label, row)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(dialog.record_button)
    form.addRow(row)


def build_findings(dialog: InspectionsDialog) -> None:
    """Make `findings_table`, the rule's hint (`rule_label`) and the follow-up inputs and buttons (`notice_combo`,
    `deadline_edit`, `notified_edit`, `follow_up_button`, `rectified_button`, `remove_button`) as attributes of
    `dialog` (the dialog lays them out and gives them their texts)."""
    dialog.findings_title = QLabel(dialog)
    dialog.findings_table = read_only_table(6, dialog)
    dialog.findings_table.setObjectName("findings_table")
    dialog.rule_label = QLabel(dialog)
    dialog.rule_label.setObjectName("inspectionHint")
    dialog.rule_label.setWordWrap(True)
    dialog.notice_combo = QComboBox(dialog)
    dialog.notice_combo.setObjectName("notice_combo")
    dialog.deadline_edit = QDateTimeEdit(dialog)
    dialog.deadline_edit.setObjectName("deadline_edit")
    dialog.deadline_edit.setCalendarPopup(True)
    dialog.deadline_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    dialog.notified_edit = QLineEdit(dialog)
    dialog.notified_edit.setObjectName("notified_edit")
    dialog.notified_edit.setMaxLength(100)
    dialog.follow_up_button = QPushButton(dialog)
    dialog.follow_up_button.setObjectName("follow_up_button")
    dialog.rectified_button = QPushButton(dialog)
    dialog.rectified_button.setObjectName("rectified_button")
    dialog.remove_button = QPushButton(dialog)
    dialog.remove_button.setObjectName("remove_item_button")


def record_button_text(code: str | None) -> str:
    """What the record button says: the checklist item the problem is recorded for, or a finding of its own."""
    if code is not None:
        return QCoreApplication.translate("InspectionsDialog", "Record problem for item {item}").format(
            item=code.rsplit(".", 1)[0] + f"({code.rsplit('.', 1)[1]})")
    return QCoreApplication.translate("InspectionsDialog", "Record finding")


def fill_findings(table: QTableWidget, findings: Sequence[ItemView], now: dt.datetime, selected_id: int | None) -> None:
    """One row per finding (overdue deadlines and what is not followed up in red), the one with id `selected_id`
    selected (without signals)."""
    table.blockSignals(True)
    table.setRowCount(len(findings))
    for row, finding in enumerate(findings):
        checked = finding.checklist
        where = checked.printed if checked else QCoreApplication.translate("InspectionsDialog", "patrol")
        text = finding.problem + (f"（{finding.location}）" if finding.location else "")
        if finding.photo_path:
            text += " " + QCoreApplication.translate("InspectionsDialog", "[photo]")
        deadline = format_time(finding.rectify_by)
        overdue = finding.overdue(now)
        if overdue:
            deadline += " " + QCoreApplication.translate("InspectionsDialog", "(overdue)")
        cells = [cell(where), cell(text, tooltip="\n".join(filter(None, [finding.problem, finding.location,
                                                                          finding.photo_path]))),
                 cell(label(finding.responsibility) if finding.responsibility else ""),
                 cell(QCoreApplication.translate("InspectionsDialog", "yes") if finding.serious else "",
                      color=PROBLEM_COLOR),
                 cell(deadline, color=PROBLEM_COLOR if overdue else None),
                 cell(follow_up_text(finding), color=None if finding.followed_up else PROBLEM_COLOR)]
        for column, item in enumerate(cells):
            table.setItem(row, column, item)
        if finding.id == selected_id:
            table.selectRow(row)
    table.blockSignals(False)
    for column in range(table.columnCount() - 1):   # the last one stretches
        table.resizeColumnToContents(column)
    if table.columnWidth(1) > 280:
        table.setColumnWidth(1, 280)


def follow_up_text(finding: ItemView) -> str:
    """What was done about a finding: the ticket, the numbered notice, the oral notice; or that nothing was."""
    if not finding.followed_up:
        return QCoreApplication.translate("InspectionsDialog", "not yet followed up")
    parts = []
    if finding.ticket_number:
        parts.append(QCoreApplication.translate("InspectionsDialog", "ticket {number}").format(
            number=finding.ticket_number))
    if finding.notice in NUMBERED_NOTICES:
        parts.append(f"{label(finding.notice)} {finding.notice_number}")
    elif finding.notice == Notice.ORAL:
        parts.append(label(finding.notice) + (f" {finding.notified_to}" if finding.notified_to else ""))
    if finding.manager_notified_at:
        parts.append(QCoreApplication.translate("InspectionsDialog", "project manager told"))
    if finding.rectified_at:
        parts.append(QCoreApplication.translate("InspectionsDialog", "rectified {time}").format(
            time=format_time(finding.rectified_at)))
    return "；".join(parts)


def rule_text(rule: FollowUpRule) -> str:
    """What the follow-up of a finding will do, in words."""
    if rule.ticket_kind is not None:
        text = (QCoreApplication.translate("InspectionsDialog",
                                           "At once: an urgent ticket ({kind}) with a short deadline.") if rule.urgent
                else QCoreApplication.translate("InspectionsDialog",
                                                "A ticket ({kind}) and its dispatch slip go to the repair crew.")
                ).format(kind=label(rule.ticket_kind))
    elif any(n in NUMBERED_NOTICES for n in rule.notices):
        text = QCoreApplication.translate("InspectionsDialog",
                                          "The property company gets a numbered notice with a rectification deadline.")
    else:
        text = QCoreApplication.translate("InspectionsDialog",
                                          "Tell the property company orally or by WeChat; it is recorded.")
    if rule.report_to_manager:
        text += " " + QCoreApplication.translate("InspectionsDialog", "The project manager is told.")
    return text
