"""客户档案 window (工作 › 客户档案): find a customer by any key, read and edit the archive, merge duplicates, and the
yearly summary of the archive."""

from __future__ import annotations

import functools
import logging

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import ConflictError, DeskError
from desk_app.core.permissions import Operation
from desk_app.core.rules import may_operate
from desk_app.services import customers
from desk_app.services.desk import Actor, DeskService
from desk_app.services.search import search_customers
from desk_app.ui.common import error_text, verdict_text
from desk_app.ui.context import DeskContext
from desk_app.ui.customers.archive import ArchiveEditor
from desk_app.ui.workers import RequestSequencer

__all__ = ["CustomerArchiveWindow", "CustomerHitModel", "SUMMARY_OPERATION"]

log = logging.getLogger(__name__)

# The yearly summary of the archive (4.1.3) is the supervisor's: the rule book's answer for this operation greys it.
SUMMARY_OPERATION = Operation.VIEW_ARCHIVE

WINDOW_STYLE = """
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QSpinBox[invalid="true"] { border: 1px solid #c62828; }
QLabel#sectionTitle { color: #546e7a; font-weight: bold; }
QLabel#archiveTitle { font-size: 15pt; font-weight: bold; }
QLabel#mergedBanner { background: #fff3e0; color: #8a4b00; padding: 4px 8px; border-radius: 3px; }
"""


class CustomerHitModel(QAbstractTableModel):
    """The customers a search found, best first (at most the service's limit): name, phone, address, area."""

    COLUMNS = 4

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.hits: list = []

    def set_hits(self, hits: list) -> None:
        self.beginResetModel()
        self.hits = list(hits)
        self.endResetModel()

    def hit(self, row: int):
        return self.hits[row] if 0 <= row < len(self.hits) else None

    def row_of(self, customer_id: int) -> int:
        return next((r for r, h in enumerate(self.hits) if h.id == customer_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.hits)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (hit.name, hit.phone, hit.address, hit.area)
            text = values[index.column()] if 0 <= index.column() < len(values) else None
            if role == Qt.ItemDataRole.ToolTipRole and hit.matched:
                return self.tr("Found by: {key}").format(key=hit.matched)
            return text
        if role == Qt.ItemDataRole.UserRole:
            return hit.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt override
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            names = (self.tr("Name"), self.tr("Phone"), self.tr("Address"), self.tr("Area"))
            return names[section] if 0 <= section < len(names) else None
        return None


class CustomerArchiveWindow(QMainWindow):
    """客户档案: a search box (digits, pinyin, name, address, any text), the customers found, and the selected
    customer's archive in tabs; 新建, 保存, 合并重复档案, 年度档案汇总.

    Signals: `ticket_requested(ticket_id)` when a ticket of the history is double-clicked (the main window opens it);
    `searched()` when a search's hits are in the list (the search runs on a worker).
    """

    ticket_requested = Signal(int)
    searched = Signal()

    SEARCH_DELAY_MS = 150
    SEARCH_LIMIT = 50

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.setObjectName("customer_archive_window")
        self.ctx = ctx
        self.setStyleSheet(WINDOW_STYLE)
        self._dirty = False
        self._merge_dialog = None
        self._summary_dialog = None
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(self.SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self._searches = RequestSequencer(self, name="customer-search")

        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaxLength(100)
        self.model = CustomerHitModel(self)
        self.hits_view = QTableView()
        self.hits_view.setModel(self.model)
        self.hits_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.hits_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.hits_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.hits_view.verticalHeader().hide()
        self.hits_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.hits_view.setAlternatingRowColors(True)
        self.hits_view.setWordWrap(False)
        header = self.hits_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        self.result_label = QLabel()
        self.result_label.setStyleSheet("color: #546e7a;")

        self.title_label = QLabel()
        self.title_label.setObjectName("archiveTitle")
        self.merged_label = QLabel()
        self.merged_label.setObjectName("mergedBanner")
        self.merged_label.hide()
        self.editor = ArchiveEditor()
        self.new_button = QPushButton()
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.revert_button = QPushButton()
        self.merge_button = QPushButton()
        self.summary_button = QPushButton()
        self.status_label = QLabel()
        self.status_label.setObjectName("statusLine")
        self.status_label.setStyleSheet("color: #1b5e20; font-weight: bold;")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        left_layout.addWidget(self.search_edit)
        left_layout.addWidget(self.hits_view, 1)
        left_layout.addWidget(self.result_label)
        left_layout.addWidget(self.merge_button)
        left_layout.addWidget(self.summary_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 8, 8, 8)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title_label, 1)
        title_row.addWidget(self.new_button)
        right_layout.addLayout(title_row)
        right_layout.addWidget(self.merged_label)
        right_layout.addWidget(self.editor, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        right_layout.addLayout(buttons)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.setCentralWidget(self.splitter)
        self.resize(1180, 720)
        self.splitter.setSizes([440, 740])

        self._save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        self._save_shortcut.activated.connect(self.save)
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.search_edit.returnPressed.connect(self._on_search_edit_return_pressed)
        self.hits_view.selectionModel().selectionChanged.connect(self._on_hits_selection_changed)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self._on_revert_button_clicked)
        self.merge_button.clicked.connect(self.open_merge_dialog)
        self.summary_button.clicked.connect(self.open_summary_dialog)
        self.editor.edited.connect(self._on_editor_edited)
        self.editor.ticket_requested.connect(self._on_editor_ticket_requested)
        self.ctx.actor_changed.connect(self._on_ctx_actor_changed)
        self.ctx.changed.connect(self._on_ctx_changed)
        self.translate_ui()
        self.new_customer()
        self._dirty = False

    # ----- texts, rules -------------------------------------------------------------------------------------

    def translate_ui(self) -> None:
        self.setWindowTitle(self.tr("Customer archive"))
        self.search_edit.setPlaceholderText(self.tr("Phone digits, pinyin (zs), name, address or any text"))
        self.new_button.setText(self.tr("&New"))
        self.new_button.setToolTip(self.tr("Start a new customer archive"))
        self.save_button.setText(self.tr("&Save"))
        self.save_button.setToolTip(self.tr("Save the archive (Ctrl+S)"))
        self.revert_button.setText(self.tr("&Revert"))
        self.revert_button.setToolTip(self.tr("Forget what was typed and show the saved archive again"))
        self.merge_button.setText(self.tr("&Merge duplicate archives…"))
        self.summary_button.setText(self.tr("&Yearly archive summary…"))
        self.editor.translate_ui()
        self._update_title()
        self._update_result_label()
        self._apply_rules()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.translate_ui()
        super().changeEvent(event)

    def _apply_rules(self) -> None:
        """Grey what the rule book refuses the signed-in person, with its reason as the tooltip."""
        facts = self.ctx.actor.facts
        edit = may_operate(facts, Operation.EDIT_CUSTOMER)
        merged = self.editor.archive is not None and self.editor.archive.merged_into_id is not None
        for button in (self.new_button, self.merge_button):
            button.setEnabled(edit.allowed)
        self.save_button.setEnabled(edit.allowed and not merged)
        self.revert_button.setEnabled(edit.allowed)
        self.editor.set_editable(edit.allowed and not merged)
        if not edit.allowed:
            for button in (self.new_button, self.save_button, self.merge_button):
                button.setToolTip(verdict_text(edit))
        summary = may_operate(facts, SUMMARY_OPERATION)
        self.summary_button.setEnabled(summary.allowed)
        self.summary_button.setToolTip("" if summary.allowed else verdict_text(summary))
        reads = may_operate(facts, Operation.VIEW_ARCHIVE)
        self.search_edit.setEnabled(reads.allowed)
        self.search_edit.setToolTip("" if reads.allowed else verdict_text(reads))

    # ----- public -------------------------------------------------------------------------------------------

    @property
    def customer_id(self) -> int | None:
        return self.editor.customer_id

    def is_dirty(self) -> bool:
        return self._dirty

    def search(self, text: str | None = None, *, select_first: bool = False) -> None:
        """Search now (typing does it after a short pause), on a worker: `searched` when the hits, best first, are
        in the list (with `select_first`, the first is opened); an answer for an older text is dropped."""
        self._search_timer.stop()
        if text is not None and text != self.search_edit.text():
            self.search_edit.blockSignals(True)
            self.search_edit.setText(text)
            self.search_edit.blockSignals(False)
        query = self.search_edit.text().strip()
        if not query:
            self._searches.drop()
            self.model.set_hits([])
            self._update_result_label()
            self.searched.emit()
            return
        self._searches.run(functools.partial(_search, self.ctx.service, self.ctx.actor, query, self.SEARCH_LIMIT),
                           functools.partial(self._on_search_done, select_first), self._on_search_failed)

    @property
    def searching(self) -> bool:
        """True while a search has not come back (or its worker has not ended yet)."""
        return self._searches.busy or not self._searches.idle

    def _on_search_done(self, select_first: bool, hits: list) -> None:
        current = self.customer_id
        self.hits_view.selectionModel().blockSignals(True)
        self.model.set_hits(hits)
        row = self.model.row_of(current) if current is not None else -1
        if row >= 0:
            self.hits_view.selectRow(row)
        self.hits_view.selectionModel().blockSignals(False)
        self._update_result_label()
        if select_first and self.model.rowCount() and not self.hits_view.selectionModel().hasSelection():
            self.hits_view.selectRow(0)
        self.searched.emit()

    def _on_search_failed(self, error: BaseException) -> None:
        self.model.set_hits([])
        self.result_label.setText(error_text(error) if isinstance(error, DeskError)
                                  else self.tr("The search failed. Try again."))
        self.searched.emit()

    def open_customer(self, customer_id: int) -> bool:
        """Show one customer's archive (opening it is recorded by the service); False if refused."""
        try:
            archive = customers.open_archive(self.ctx.viewer(), customer_id)
        except DeskError as err:
            self.status_label.clear()
            self.editor.show_conflict(error_text(err))
            return False
        self._show(archive)
        return True

    def new_customer(self, *, name: str = "", number: str = "") -> None:
        """An empty archive to fill in (name and number prefilled if given)."""
        self.hits_view.clearSelection()
        self.editor.show_archive(None, name=name, number=number)
        self._dirty = bool(name or number)
        self.status_label.clear()
        self.merged_label.hide()
        self._update_title()
        self._apply_rules()
        self.editor.tabs.setCurrentIndex(0)

    @Slot()
    def save(self) -> int | None:
        """保存: create or update the archive shown, with the version check; the customer id, None if refused."""
        if not self.save_button.isEnabled():
            return None
        self.editor.clear_errors()
        self.status_label.clear()
        draft = self.editor.draft()
        service, actor = self.ctx.service, self.ctx.actor
        try:
            if self.editor.customer_id is None:
                customer_id = customers.create_customer(service, actor, draft)
                message = self.tr("Archive of {name} created.")
            else:
                customer_id = self.editor.customer_id
                customers.update_customer(service, actor, customer_id, draft,
                                          expected_version=self.editor.version)
                message = self.tr("Archive of {name} saved.")
        except ConflictError as err:
            self.editor.show_conflict(error_text(err) + " " + self.tr(
                "What you typed is kept; press Revert to see the saved archive."))
            return None
        except DeskError as err:
            widget = self.editor.show_error(err)
            if widget is not None:
                widget.setFocus()
            return None
        except Exception:  # never a traceback at the desk; the log keeps the details
            log.exception("saving a customer archive failed")
            self.editor.show_conflict(self.tr("The archive could not be saved. Nothing was written; try again."))
            return None
        self._dirty = False
        self.open_customer(customer_id)
        self.status_label.setText(message.format(name=self.editor.archive.name if self.editor.archive else ""))
        if self.search_edit.text().strip():
            self.search()
        return customer_id

    @Slot()
    def open_merge_dialog(self):
        """合并重复档案: the customer shown is kept; the duplicate is picked in the dialog (or a suggestion)."""
        from desk_app.ui.customers.merge import MergeDialog

        if self._merge_dialog is not None:
            self._merge_dialog.reject()
        dialog = MergeDialog(self.ctx, keep_id=self.customer_id, parent=self)
        dialog.merged.connect(self._on_merge_dialog_merged)
        dialog.finished.connect(self._on_merge_dialog_finished)
        self._merge_dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def open_summary_dialog(self):
        """年度档案汇总 (4.1.3): occupation, age, needs, pets, festivals of the archive in a year."""
        from desk_app.ui.customers.summary import ArchiveSummaryDialog

        if self._summary_dialog is not None:
            self._summary_dialog.reject()
        dialog = ArchiveSummaryDialog(self.ctx, parent=self)
        dialog.finished.connect(self._on_summary_dialog_finished)
        self._summary_dialog = dialog
        dialog.open()
        return dialog

    # ----- internals ----------------------------------------------------------------------------------------

    def _show(self, archive) -> None:
        self.editor.show_archive(archive)
        self._dirty = False
        self.merged_label.setVisible(archive.merged_into_id is not None)
        if archive.merged_into_id is not None:
            self.merged_label.setText(self.tr("Merged into archive #{id}: read only.").format(
                id=archive.merged_into_id))
        self._update_title()
        self._apply_rules()

    def _update_title(self) -> None:
        archive = self.editor.archive
        if archive is None:
            self.title_label.setText(self.tr("New customer"))
        else:
            age = self.tr(", {age}").format(age=archive.age) if archive.age is not None else ""
            self.title_label.setText(f"{archive.name}{age}")

    def _update_result_label(self) -> None:
        count = self.model.rowCount()
        if not self.search_edit.text().strip():
            self.result_label.setText(self.tr("Type to search the archive."))
        elif count >= self.SEARCH_LIMIT:
            self.result_label.setText(self.tr("The first {n} customers found; type more to narrow.").format(
                n=count))
        else:
            self.result_label.setText(self.tr("%n customer(s) found.", "", count))

    # ----- slots --------------------------------------------------------------------------------------------

    @Slot(str)
    def _on_search_edit_text_changed(self, _text: str) -> None:
        self._search_timer.start()

    @Slot()
    def _on_search_timer_timeout(self) -> None:
        self.search()

    @Slot()
    def _on_search_edit_return_pressed(self) -> None:
        self.search(select_first=True)

    @Slot(QItemSelection, QItemSelection)
    def _on_hits_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.hits_view.selectionModel().selectedRows()
        if not rows:
            return
        hit = self.model.hit(rows[0].row())
        if hit is not None and hit.id != self.customer_id:
            self.open_customer(hit.id)

    @Slot()
    def _on_new_button_clicked(self) -> None:
        self.new_customer()
        self.editor.name_edit.setFocus()

    @Slot()
    def _on_revert_button_clicked(self) -> None:
        if self.customer_id is not None:
            self.open_customer(self.customer_id)
        else:
            self.new_customer()

    @Slot()
    def _on_editor_edited(self) -> None:
        self._dirty = True
        self.status_label.clear()

    @Slot(int)
    def _on_editor_ticket_requested(self, ticket_id: int) -> None:
        self.ticket_requested.emit(ticket_id)

    @Slot(int)
    def _on_merge_dialog_merged(self, keep_id: int) -> None:
        self.open_customer(keep_id)
        self.status_label.setText(self.tr("Archives merged."))
        if self.search_edit.text().strip():
            self.search()

    @Slot()
    def _on_merge_dialog_finished(self) -> None:
        if self.sender() is self._merge_dialog:
            self._merge_dialog = None

    @Slot()
    def _on_summary_dialog_finished(self) -> None:
        if self.sender() is self._summary_dialog:
            self._summary_dialog = None

    @Slot(object)
    def _on_ctx_actor_changed(self, _actor) -> None:
        self._apply_rules()

    @Slot(object)
    def _on_ctx_changed(self, change) -> None:
        # Another desk changed customers: the list follows; the archive shown stays as typed (its save checks the
        # version).
        if getattr(change, "topic", "") == "customer" and self.search_edit.text().strip() and not self._dirty:
            self.search()


def _search(service: DeskService, actor: Actor, query: str, limit: int) -> list:
    """The customers the text finds, best first (on a worker thread: no widgets)."""
    return search_customers(service.viewer(actor), query, limit=limit)
