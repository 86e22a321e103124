"""The checklist of a weekly or monthly check (周检、月检): its items by section, each with its result, and which
one to look at next.

Its texts keep the translation context "InspectionsDialog" they had when they were written in the dialog itself;
the items' own wording is translated in context CHECKLIST_CONTEXT.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QTableWidget, QTableWidgetItem

from desk_app.core.inspections import CHECKLIST_CONTEXT, ChecklistItem, checklist_section
from desk_app.services.inspections import ChecklistLine
from desk_app.ui.common import read_only_table
from desk_app.ui.inspections.common import OK_COLOR, PROBLEM_COLOR, cell

if TYPE_CHECKING:
    from desk_app.ui.inspections.dialog import InspectionsDialog


def checklist_text(item: ChecklistItem) -> str:
    """A checklist item's wording in the interface language (the seed's Chinese under zh_CN)."""
    return QCoreApplication.translate(CHECKLIST_CONTEXT, item.english)


def build_checklist(dialog: InspectionsDialog) -> None:
    """Make `checklist_title`, `checklist_table` and `ok_button` as attributes of `dialog` (the dialog lays them
    out and gives them their texts)."""
    dialog.checklist_title = QLabel(dialog)
    dialog.checklist_table = read_only_table(3, dialog)
    dialog.checklist_table.setObjectName("checklist_table")
    dialog.ok_button = QPushButton(dialog)
    dialog.ok_button.setObjectName("mark_ok_button")


def fill_checklist(table: QTableWidget, lines: Sequence[ChecklistLine], selected_code: str | None) -> list[str | None]:
    """A heading row per section and a row per item with its result, the item `selected_code` selected (without
    signals); returns each row's item code, None for a heading."""
    table.blockSignals(True)
    table.clearSpans()
    rows: list[tuple[str | None, list[QTableWidgetItem]]] = []
    section = None
    for line in lines:
        if line.item.section != section:
            section = line.item.section
            heading = checklist_section(section)
            title = QCoreApplication.translate(CHECKLIST_CONTEXT, heading.english) if heading else ""
            heading_cell = cell(f"{section} {title}")
            font = QFont(heading_cell.font())
            font.setBold(True)
            heading_cell.setFont(font)
            heading_cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
            rows.append((None, [heading_cell]))
        result = line.result
        if result is None:
            verdict = cell("—")
        elif result.ok:
            verdict = cell(QCoreApplication.translate("InspectionsDialog", "OK"), color=OK_COLOR)
        else:
            verdict = cell(QCoreApplication.translate("InspectionsDialog", "Problem: {text}").format(
                text=result.problem), color=PROBLEM_COLOR, tooltip=result.problem)
        rows.append((line.item.code, [cell(f"({line.item.number})"),
                                      cell(checklist_text(line.item), tooltip=line.item.chinese), verdict]))
    table.setRowCount(len(rows))
    codes = [code for code, _cells in rows]
    for row, (code, cells) in enumerate(rows):
        for column in range(3):
            table.setItem(row, column, cells[column] if column < len(cells) else cell(""))
        if code is None:
            table.setSpan(row, 0, 1, 3)
        if code is not None and code == selected_code:
            table.selectRow(row)
    table.blockSignals(False)
    table.resizeColumnToContents(0)
    table.setColumnWidth(1, max(360, table.columnWidth(1)))
    return codes


def next_unchecked(lines: Sequence[ChecklistLine], after: str) -> str:
    """The item to look at once `after` is answered: the next one without a result, else `after` itself."""
    codes = [line.item.code for line in lines]
    later = codes[codes.index(after) + 1:] if after in codes else codes
    for line in lines:
        if line.item.code in later and line.result is None:
            return line.item.code
    return after
