"""What the parts of the inspections dialog share: its style sheet and colours, the read-only tables it draws in and
their cells (the table itself is desk_app.ui.common.read_only_table), and an inspection's status in words.

Its texts keep the translation context "InspectionsDialog" they had when they were written in the dialog itself.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableWidgetItem

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
