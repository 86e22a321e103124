"""The left side of the inspections dialog: what the schedule asks for (巡视、周检、月检 due or overdue), the
buttons that start a patrol or a check, and the inspections made.

Its texts keep the translation context "InspectionsDialog" they had when they were written in the dialog itself.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.inspections import DueItem, DueStatus, InspectionKind, Period
from desk_app.services.inspections import InspectionRow
from desk_app.ui.common import format_time, label
from desk_app.ui.common import read_only_table
from desk_app.ui.inspections.common import DUE_COLORS, OK_COLOR, PROBLEM_COLOR, cell, status_text

if TYPE_CHECKING:
    from desk_app.ui.inspections.dialog import InspectionsDialog


def build_overview(dialog: InspectionsDialog) -> QWidget:
    """Make the due list (`due_list`), the start buttons, the area field and `inspection_table` as attributes of
    `dialog`, and lay them out in the widget returned; dialog.translate_ui() gives them their texts."""
    dialog.due_title = QLabel(dialog)
    dialog.due_list = QListWidget(dialog)
    dialog.due_list.setObjectName("due_list")
    dialog.due_list.setMaximumHeight(120)
    dialog.due_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    dialog.due_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    dialog.patrol_button = QPushButton(dialog)
    dialog.patrol_button.setObjectName("start_patrol_button")
    dialog.weekly_button = QPushButton(dialog)
    dialog.weekly_button.setObjectName("start_weekly_button")
    dialog.monthly_button = QPushButton(dialog)
    dialog.monthly_button.setObjectName("start_monthly_button")
    dialog.area_edit = QLineEdit(dialog)
    dialog.area_edit.setObjectName("area_edit")
    dialog.area_edit.setMaxLength(100)
    dialog.list_title = QLabel(dialog)
    dialog.inspection_table = read_only_table(5, dialog)
    dialog.inspection_table.setObjectName("inspection_table")

    left = QWidget(dialog)
    left_layout = QVBoxLayout(left)
    left_layout.setContentsMargins(0, 0, 0, 0)
    left_layout.addWidget(dialog.due_title)
    left_layout.addWidget(dialog.due_list)
    left_layout.addWidget(dialog.area_edit)
    start_row = QHBoxLayout()
    for button in (dialog.patrol_button, dialog.weekly_button, dialog.monthly_button):
        start_row.addWidget(button)
    left_layout.addLayout(start_row)
    left_layout.addSpacing(4)
    left_layout.addWidget(dialog.list_title)
    left_layout.addWidget(dialog.inspection_table, 1)
    return left


def due_text(item: DueItem) -> str:
    """One line of the due list: which patrol or check of which day, week or month is not done."""
    current = item.period == Period.CURRENT
    if item.kind == InspectionKind.PATROL:
        return (QCoreApplication.translate("InspectionsDialog", "Today's patrol not done") if current
                else QCoreApplication.translate("InspectionsDialog", "Yesterday's patrol not done"))
    if item.kind == InspectionKind.WEEKLY:
        if item.status == DueStatus.UPCOMING:
            starts = (item.starts_at.strftime("%Y-%m-%d") if item.starts_at.time() == dt.time.min
                      else format_time(item.starts_at))
            return QCoreApplication.translate("InspectionsDialog", "Weekly check {n} of this week: from {time}").format(
                n=item.sequence, time=starts)
        text = (QCoreApplication.translate("InspectionsDialog", "Weekly check {n} of this week not done") if current
                else QCoreApplication.translate("InspectionsDialog", "Weekly check {n} of last week not done"))
        return text.format(n=item.sequence)
    return (QCoreApplication.translate("InspectionsDialog", "This month's monthly check not done") if current
            else QCoreApplication.translate("InspectionsDialog", "Last month's monthly check not done"))


def fill_due_list(due_list: QListWidget, due: list[DueItem]) -> None:
    due_list.clear()
    for item in due:
        entry = QListWidgetItem(due_text(item))
        entry.setForeground(QBrush(DUE_COLORS[item.status]))
        entry.setToolTip(f"{label(item.status)} · {format_time(item.deadline)}")
        due_list.addItem(entry)
    if not due:
        entry = QListWidgetItem(QCoreApplication.translate("InspectionsDialog", "Nothing due: the schedule is kept."))
        entry.setForeground(QBrush(OK_COLOR))
        due_list.addItem(entry)


def fill_inspection_table(table: QTableWidget, rows: list[InspectionRow], selected: int | None) -> None:
    """One row per inspection, the one with id `selected` selected (without signals)."""
    table.blockSignals(True)
    table.setRowCount(len(rows))
    for row, inspection in enumerate(rows):
        problems = str(inspection.problems)
        if inspection.open_follow_ups:
            problems += " " + QCoreApplication.translate("InspectionsDialog", "({count} to follow up)").format(
                count=inspection.open_follow_ups)
        cells = [cell(format_time(inspection.started_at)), cell(label(inspection.kind)),
                 cell(inspection.inspector), cell(problems, color=PROBLEM_COLOR if inspection.open_follow_ups
                                                  else None),
                 cell(status_text(inspection.kind, inspection.finished_at, inspection.co_signer))]
        for column, item in enumerate(cells):
            table.setItem(row, column, item)
        if inspection.id == selected:
            table.selectRow(row)
    table.blockSignals(False)
    for column in range(table.columnCount() - 1):
        table.resizeColumnToContents(column)
