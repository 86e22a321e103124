"""年度档案汇总 (butler procedure 4.1.3): the year's summary of the customer archive, occupation and age distribution,
service needs, pets, festivals and interests, as tables with a bar per line, for the supervisor."""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, Slot
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import DeskError
from desk_app.services import customers
from desk_app.ui.common import error_text
from desk_app.ui.context import DeskContext
from desk_app.ui.forms import style_error_label

__all__ = ["ArchiveSummaryDialog", "SUMMARY_GROUPS"]

# The ArchiveSummary lists shown, in the order of 4.1.3 (职业分布、年龄分布、服务需求), then pets, festivals, interests.
SUMMARY_GROUPS = ("occupations", "ages", "needs", "pets", "festivals", "interests")
BAR_COLOR = QColor("#64b5f6")
BAR_ROLE = Qt.ItemDataRole.UserRole + 1


# The age bands of services.customers.AGE_BANDS ("18-29", "75+"), read as ages.
AGE_BAND = re.compile(r"\d+(-\d+|\+)")


class BarDelegate(QStyledItemDelegate):
    """The share of a line as a bar across the cell (its fraction in BAR_ROLE)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        fraction = index.data(BAR_ROLE) or 0.0
        rect: QRect = option.rect.adjusted(2, 4, -2, -4)
        painter.save()
        painter.fillRect(rect.adjusted(0, 0, -int(rect.width() * (1 - fraction)), 0), BAR_COLOR)
        painter.restore()


class ArchiveSummaryDialog(QDialog):
    """The archive in one year: how many customers, how many archives were made or brought up to date, and the
    distributions the service counts."""

    def __init__(self, ctx: DeskContext, *, year: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ctx = ctx
        self.summary = None
        self.year_caption = QLabel()
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setGroupSeparatorShown(False)
        self.year_spin.setValue(year or ctx.now().year)
        self.totals_label = QLabel()
        self.totals_label.setStyleSheet("font-weight: bold; color: #37474f;")
        self.message_label = QLabel()
        style_error_label(self.message_label)
        self.message_label.hide()
        self.boxes: dict[str, QGroupBox] = {}
        self.tables: dict[str, QTableWidget] = {}
        grid = QGridLayout()
        grid.setSpacing(8)
        delegate = BarDelegate(self)
        for i, group in enumerate(SUMMARY_GROUPS):
            box = QGroupBox()
            table = QTableWidget(0, 3)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
            table.verticalHeader().hide()
            table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
            table.setShowGrid(False)
            table.setItemDelegateForColumn(2, delegate)
            header = table.horizontalHeader()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
            header.setHighlightSections(False)
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(6, 6, 6, 6)
            box_layout.addWidget(table)
            self.boxes[group] = box
            self.tables[group] = table
            grid.addWidget(box, i // 3, i % 3)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.year_caption)
        top.addWidget(self.year_spin)
        top.addSpacing(16)
        top.addWidget(self.totals_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message_label)
        layout.addLayout(grid, 1)
        layout.addWidget(self.buttons)
        self.year_spin.valueChanged.connect(self._on_year_spin_value_changed)
        self.translate_ui()
        self.resize(1060, 640)
        self.load()

    def translate_ui(self) -> None:
        self.setWindowTitle(self.tr("Yearly archive summary"))
        self.year_caption.setText(self.tr("&Year"))
        self.year_caption.setBuddy(self.year_spin)
        titles = {"occupations": self.tr("Occupations"), "ages": self.tr("Ages"),
                  "needs": self.tr("Service needs"), "pets": self.tr("Pets"), "festivals": self.tr("Festivals kept"),
                  "interests": self.tr("Interests")}
        for group, box in self.boxes.items():
            box.setTitle(titles[group])
            self.tables[group].setHorizontalHeaderLabels([titles[group], self.tr("Customers"), ""])
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self._show_totals()

    def load(self) -> bool:
        """Ask the service for the year's summary and show it; False if refused."""
        try:
            summary = customers.archive_summary(self.ctx.viewer(), self.year_spin.value())
        except DeskError as err:
            self.message_label.setText(error_text(err))
            self.message_label.show()
            return False
        self.message_label.hide()
        self.summary = summary
        for group in SUMMARY_GROUPS:
            self._fill(self.tables[group], list(getattr(summary, group, []) or []))
        self._show_totals()
        return True

    def rows(self, group: str) -> list[tuple[str, str]]:
        """(label, count) as shown in a group's table."""
        table = self.tables[group]
        return [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]

    def _fill(self, table: QTableWidget, lines: list[tuple[str, int]]) -> None:
        table.setRowCount(len(lines))
        top = max((count for _label, count in lines), default=0)
        for r, (text, count) in enumerate(lines):
            if text in ("", "unknown"):
                shown = self.tr("(not known)")
            elif text == "under 18":
                shown = self.tr("under 18")
            else:
                shown = self.tr("{band} years").format(band=text) if AGE_BAND.fullmatch(text) else text
            table.setItem(r, 0, QTableWidgetItem(shown))
            number = QTableWidgetItem(str(count))
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, 1, number)
            bar = QTableWidgetItem()
            bar.setData(BAR_ROLE, count / top if top else 0.0)
            table.setItem(r, 2, bar)

    def _show_totals(self) -> None:
        summary = self.summary
        if summary is None:
            self.totals_label.clear()
            return
        self.totals_label.setText(self.tr(
            "{total} customers in the archive · {created} archives made and {updated} brought up to date in "
            "{year}").format(total=getattr(summary, "total", 0), created=getattr(summary, "created", 0),
                             updated=getattr(summary, "updated", 0), year=self.year_spin.value()))

    @Slot(int)
    def _on_year_spin_value_changed(self, _year: int) -> None:
        self.load()
