"""Small pieces the parts of the detail pane share: the read-only table they are drawn in, bold text, prices."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QTableWidget, QWidget

from desk_app.services.views import TicketDetail


def price_text(d: TicketDetail) -> str:
    """The quoted price with its cents (SQLite hands back 180 for 180.00)."""
    return f"{d.quoted_price:.2f}" if d.quoted_price is not None else ""


def bold_font(font: QFont, factor: float = 1.0) -> QFont:
    result = QFont(font)
    if result.pointSizeF() > 0:
        result.setPointSizeF(result.pointSizeF() * factor)
    result.setBold(True)
    return result


class ReadOnlyTable(QTableWidget):
    """A table of the pane: read-only, one row selectable, no grid, as tall as its rows (the pane scrolls)."""

    def __init__(self, columns: int, parent: QWidget | None = None) -> None:
        super().__init__(0, columns, parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.verticalHeader().hide()
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustIgnored)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def fit_height(self) -> None:
        """Make the table exactly as tall as its rows (the pane scrolls, the tables do not), all rows one height."""
        self.resizeRowsToContents()
        # Rows with Chinese come out taller (the CJK fallback font): even them out so the table reads as a grid.
        row_height = max([self.rowHeight(r) for r in range(self.rowCount())] or [0])
        for r in range(self.rowCount()):
            self.setRowHeight(r, row_height)
        height = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth()
        self.setFixedHeight(height + row_height * self.rowCount() + 2)
