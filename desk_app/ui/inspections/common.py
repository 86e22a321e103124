"""What the parts of the inspections dialog share: its style sheet and colours, the read-only tables it draws in and
their cells, and an inspection's status in words.

Its texts keep the translation context "InspectionsDialog" they had when they were written in the dialog itself.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from desk_app.core.inspections import CO_SIGNED, DueStatus, InspectionKind

DIALOG_STYLE = """
QLabel#inspectionMessage[error="true"] { color: #c62828; }
QLabel#inspectionMessage[error="false"] { color: #1b5e20; }
QLabel#inspectionHint { color: #5f6b76; }
QLabel#inspectionHeader { font-weight: bold; }
"""
DUE_COLORS = {DueStatus.OVERDUE: QColor("#c62828"), DueStatus.DUE: QColor("#b26a00"),
              DueStatus.UPCOMING: QColor("#5f6b76")}
PROBLEM_COLOR = QColor("#c62828")
OK_COLOR = QColor("#1b5e20")


def read_only_table(columns: int, parent: QWidget) -> QTableWidget:
    """A table of the dialog: read-only, one row selectable, the last column stretching."""
    table = QTableWidget(0, columns, parent)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


def cell(text: str, *, color: QColor | None = None, tooltip: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if color is not None:
        item.setForeground(QBrush(color))
    if tooltip:
        item.setToolTip(tooltip)
    return item


def status_text(kind: InspectionKind, finished_at: dt.datetime | None, co_signer: str) -> str:
    """In progress, finished, or (a weekly or monthly check) signed by the property company's person."""
    if finished_at is None:
        return QCoreApplication.translate("InspectionsDialog", "in progress")
    if kind in CO_SIGNED:
        return QCoreApplication.translate("InspectionsDialog", "signed by {name}").format(name=co_signer)
    return QCoreApplication.translate("InspectionsDialog", "finished")
