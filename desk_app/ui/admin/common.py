"""Building blocks of the administration pages: tables keyed by id, forms with their error lines, the page style,
and AdminPage, the base class of every tab."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import DeskError
from desk_app.ui.context import DeskContext
from desk_app.ui.forms import FieldErrors


ID_ROLE = Qt.ItemDataRole.UserRole
INACTIVE_TEXT = QColor("#9aa5ad")
WARNING_TEXT = QColor("#c62828")
MATCH_BACKGROUND = QColor("#dcedc8")

ADMIN_STYLE = """
QLineEdit[invalid="true"], QComboBox[invalid="true"], QPlainTextEdit[invalid="true"], QSpinBox[invalid="true"]
    { border: 1px solid #c62828; }
QGroupBox { font-weight: bold; margin-top: 8px; }
QGroupBox::title { subcontrol-origin: margin; left: 6px; padding: 0 3px; }
QGroupBox > QWidget { font-weight: normal; }
QLabel#pageHint, QLabel[hint="true"] { color: #5f6b76; }
QLabel#calendarBanner { color: white; background: #c62828; font-weight: bold; padding: 5px 10px;
                        border-radius: 3px; }
QLabel#officialBadge { color: #1b5e20; background: #e8f5e9; padding: 3px 8px; border-radius: 3px; }
QLabel#dayTitle { font-size: 15px; font-weight: bold; }
QLabel#warningLabel { color: #c62828; }
QTableWidget { gridline-color: #e3e7ea; }
"""


def make_table(parent: QWidget, object_name: str) -> QTableWidget:
    table = QTableWidget(parent)
    table.setObjectName(object_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setHighlightSections(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def fill_table(table: QTableWidget, headers: list[str], rows: list[tuple[Any, list[str]]], *,
               inactive: Iterable[Any] = (), warnings: Iterable[Any] = ()) -> None:
    """Replace the rows, keeping the selected id selected; an id is stored in each row's first cell."""
    keep = selected_id(table)
    inactive, warnings = set(inactive), set(warnings)
    with QSignalBlocker(table):
        table.clearContents()
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setRowCount(len(rows))
        for r, (row_id, cells) in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if c == 0:
                    item.setData(ID_ROLE, row_id)
                if row_id in inactive:
                    item.setForeground(INACTIVE_TEXT)
                elif row_id in warnings:
                    item.setForeground(WARNING_TEXT)
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        for c in range(table.columnCount()):
            table.setColumnWidth(c, min(table.columnWidth(c) + 12, 260))
    select_id(table, keep, quiet=True)


def selected_id(table: QTableWidget) -> Any:
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return item.data(ID_ROLE) if item else None


def select_id(table: QTableWidget, row_id: Any, *, quiet: bool = False) -> bool:
    for r in range(table.rowCount()):
        item = table.item(r, 0)
        if item is not None and item.data(ID_ROLE) == row_id and row_id is not None:
            if quiet:
                with QSignalBlocker(table), QSignalBlocker(table.selectionModel()):
                    table.selectRow(r)
            else:
                table.selectRow(r)
            return True
    if quiet:
        with QSignalBlocker(table), QSignalBlocker(table.selectionModel()):
            table.clearSelection()
    else:
        table.clearSelection()
    return False


def with_error(widget: QWidget, errors: FieldErrors, field: str, *aliases: str) -> QWidget:
    """The input with its red message under it (the message takes no room while hidden)."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(1)
    layout.addWidget(widget)
    error = QLabel(box)
    error.setObjectName(f"error_{field}")
    layout.addWidget(error)
    errors.add(field, error, widget, *aliases)
    return box


def hint_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    hint = QLabel(text, parent)
    hint.setProperty("hint", True)
    hint.setWordWrap(True)
    return hint


def lay_out_table_and_form(page: QWidget, form: QFormLayout, name: str) -> None:
    """The layout of a list-and-form page: a hint and the table on the left; on the right the form, its message
    line and the New / Save buttons (object names new_<name>_button, save_<name>_button)."""
    page.new_button = QPushButton(page)
    page.new_button.setObjectName(f"new_{name}_button")
    page.new_button.clicked.connect(page._on_new_button_clicked)
    page.save_button = QPushButton(page)
    page.save_button.setObjectName(f"save_{name}_button")
    page.save_button.setDefault(True)
    page.save_button.clicked.connect(page._on_save_button_clicked)
    buttons = QHBoxLayout()
    buttons.addWidget(page.new_button)
    buttons.addStretch(1)
    buttons.addWidget(page.save_button)
    box_layout = QVBoxLayout(page.form_box)
    box_layout.addLayout(form)
    box_layout.addWidget(page.message_label)
    box_layout.addLayout(buttons)
    box_layout.addStretch(1)
    page.form_box.setMinimumWidth(360)
    page.form_box.setMaximumWidth(460)
    page.hint = hint_label("", page)
    page.hint.setObjectName("pageHint")
    left = QVBoxLayout()
    left.addWidget(page.hint)
    left.addWidget(page.table, 1)
    layout = QHBoxLayout(page)
    layout.addLayout(left, 1)
    layout.addWidget(page.form_box)


def any_text() -> str:
    return QCoreApplication.translate("AdminPage", "(any)")


def active_text(active: bool) -> str:
    if active:
        return QCoreApplication.translate("AdminPage", "Active")
    return QCoreApplication.translate("AdminPage", "Inactive")


def compact_form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setVerticalSpacing(5)
    form.setHorizontalSpacing(8)
    return form


class AdminPage(QWidget):
    """A tab of the administration window: a context, a refresh() from the database, translate_ui()."""

    status_message = Signal(str)
    busy_changed = Signal(bool)     # background work of the page started (True) or ended (False)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    @property
    def busy(self) -> bool:
        """True while the page's background work runs."""
        return False

    @property
    def service(self):
        return self.ctx.service

    @property
    def actor(self):
        return self.ctx.actor

    def refresh(self) -> None:
        """Re-read the page's data; the form under edit stays as it is unless its item vanished."""

    def translate_ui(self) -> None:
        """Set every text (run again when the language changes)."""

    def shutdown(self) -> None:
        """Stop background work before the window closes."""

    def run(self, errors: FieldErrors, call: Callable[[], Any], done: str | None = None) -> tuple[bool, Any]:
        """Call a service; a refusal goes next to its field (or on the general line). (ok, result)."""
        errors.clear()
        try:
            result = call()
        except DeskError as error:
            widget = errors.show_error(error)
            if widget is not None:
                widget.setFocus()
            return False, None
        self.status_message.emit(done if done is not None else QCoreApplication.translate("AdminPage", "Saved."))
        return True, result
