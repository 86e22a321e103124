"""本机暂存: what this PC kept while the database could not be reached, and what the database refused when it was
saved afterwards (a rule, a field, or a ticket another desk changed meanwhile), with the reason. A refused save is
never dropped silently: the user reads it, copies it to type it again, and puts it away (it stays on disk)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.services.outbox_local import ACTION, CALL, LocalOutbox, PendingSave
from desk_app.ui.common import format_time
from desk_app.ui.table_model import RowTableModel

WAITING, REFUSED = "waiting", "refused"


def kind_text(pending: PendingSave) -> str:
    if pending.kind == ACTION and pending.action is not None:
        return QCoreApplication.translate("KeptSaves", "Action: {label}").format(
            label=pending.action.label or pending.action.op)
    if pending.kind == CALL:
        return QCoreApplication.translate("KeptSaves", "Call logged")
    return QCoreApplication.translate("KeptSaves", "Intake and ticket")


def full_text(pending: PendingSave) -> str:
    """Everything typed, for the user to read or copy and type again."""
    lines = []
    if pending.action is not None:
        lines.append(QCoreApplication.translate("KeptSaves", "Ticket {number}").format(number=pending.action.number))
        lines += [f"{name}: {value}" for name, value in pending.action.args.items() if value not in ("", None)]
    if pending.call is not None:
        call = pending.call
        lines += [value for value in (call.caller_name, call.phone, call.address, call.content) if value]
    if pending.ticket is not None:
        ticket = pending.ticket
        lines += [value for value in (ticket.category, ticket.description) if value and value != pending.call.content]
    return "\n".join(lines)


class KeptSavesModel(RowTableModel):
    COLUMNS = ("status", "kind", "at", "what", "reason")

    def titles(self) -> list[str]:
        return [QCoreApplication.translate("KeptSaves", "Status"), QCoreApplication.translate("KeptSaves", "What"),
                QCoreApplication.translate("KeptSaves", "Done at"),
                QCoreApplication.translate("KeptSaves", "Caller or ticket"),
                QCoreApplication.translate("KeptSaves", "Why it was refused")]

    def cell(self, item: tuple[str, PendingSave, str], column: str, role: int) -> object:
        status, pending, reason = item
        if role == Qt.ItemDataRole.ForegroundRole and status == REFUSED:
            return QColor("#c62828")
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        refused = QCoreApplication.translate("KeptSaves", "Refused")
        waiting = QCoreApplication.translate("KeptSaves", "Waiting")
        return {
            "status": refused if status == REFUSED else waiting,
            "kind": kind_text(pending),
            "at": format_time(pending.saved_at),
            "what": pending.describe(),
            "reason": reason,
        }[column]


class KeptSavesDialog(QDialog):
    """The list of kept and refused saves; a refused one can be copied and put away."""

    def __init__(self, outbox: LocalOutbox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keptSavesDialog")
        self.outbox = outbox
        self.setWindowTitle(self.tr("Kept on this PC"))
        self.intro_label = QLabel(self.tr(
            "Saves made while the database could not be reached. Waiting ones are saved as soon as it is back. "
            "Refused ones were not saved: read why, copy the text, do it again, then put it away."), self)
        self.intro_label.setWordWrap(True)
        self.model = KeptSavesModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("keptSavesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.text_view = QPlainTextEdit(self)
        self.text_view.setObjectName("keptSavesText")
        self.text_view.setReadOnly(True)
        self.text_view.setMaximumHeight(110)
        self.copy_button = QPushButton(self.tr("Copy text"), self)
        self.copy_button.setObjectName("keptCopyButton")
        self.discard_button = QPushButton(self.tr("Put away…"), self)
        self.discard_button.setObjectName("keptDiscardButton")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.text_view)
        layout.addWidget(buttons)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.discard_button.clicked.connect(self._on_discard_button_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.resize(820, 420)
        self.reload()

    def reload(self) -> None:
        rows = [(REFUSED, pending, reason) for pending, reason in self.outbox.refused()]
        rows += [(WAITING, pending, "") for pending in self.outbox.pending()]
        self.model.set_rows(rows)
        if rows:
            self.table.selectRow(0)
        self._on_table_selection_changed()

    def selected(self) -> tuple[str, PendingSave, str] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    @Slot()
    def _on_table_selection_changed(self) -> None:
        item = self.selected()
        self.text_view.setPlainText(full_text(item[1]) if item else "")
        self.copy_button.setEnabled(item is not None)
        self.discard_button.setEnabled(item is not None and item[0] == REFUSED)

    @Slot()
    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.text_view.toPlainText())

    @Slot()
    def _on_discard_button_clicked(self) -> None:
        item = self.selected()
        if item is None or item[0] != REFUSED:
            return
        answer = QMessageBox.question(self, self.tr("Put away"), self.tr(
            "Put this refused save away? Do it only once you have done it again or it is not wanted."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.outbox.discard_refused(item[1].key)
        self.reload()
