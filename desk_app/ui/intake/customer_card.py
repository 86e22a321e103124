"""客户档案: the intake panel's customer card: who is calling, where they live, their open and recent tickets."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.kinds import TicketKind
from desk_app.core.states import State
from desk_app.services.views import CustomerCard, TicketRow
from desk_app.ui.common import label_of
from desk_app.ui.forms import state_colors
from desk_app.ui.intake.common import scaled_font


class CustomerCardView(QFrame):
    """客户档案 card: who is calling, where they live, notes, and their open and recent tickets."""

    ticket_activated = Signal(int)
    register_requested = Signal()

    COLUMNS = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerCard")
        self.card: CustomerCard | None = None
        self._looked_up = False
        self._may_register = False
        self.register_button = QPushButton()
        self.register_button.clicked.connect(self.register_requested)
        self.name_label = QLabel()
        self.name_label.setFont(scaled_font(self, 1.25, bold=True))
        self.phones_label = QLabel()
        self.calls_label = QLabel()
        self.calls_label.setStyleSheet("color: #546e7a;")
        self.address_label = QLabel()
        self.address_label.setWordWrap(True)
        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)
        self.notes_label.setStyleSheet("color: #8a4b00;")
        self.empty_label = QLabel()
        self.empty_label.setStyleSheet("color: #546e7a;")
        self.tickets_table = QTableWidget(0, self.COLUMNS)
        self.tickets_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tickets_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tickets_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tickets_table.verticalHeader().hide()
        self.tickets_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.tickets_table.setShowGrid(False)
        self.tickets_table.setAlternatingRowColors(True)
        self.tickets_table.setWordWrap(False)
        header = self.tickets_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        self.tickets_table.itemActivated.connect(self._on_tickets_table_item_activated)
        self.tickets_table.itemDoubleClicked.connect(self._on_tickets_table_item_activated)

        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.name_label)
        top.addWidget(self.phones_label)
        top.addStretch(1)
        top.addWidget(self.calls_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.address_label)
        layout.addWidget(self.notes_label)
        empty_row = QHBoxLayout()
        empty_row.addWidget(self.empty_label, 1)
        empty_row.addWidget(self.register_button)
        layout.addLayout(empty_row)
        layout.addWidget(self.tickets_table)
        self.translate_ui()
        self.show_card(None)

    def translate_ui(self) -> None:
        self.tickets_table.setHorizontalHeaderLabels(
            [self.tr("Number"), self.tr("State"), self.tr("Kind"), self.tr("Date")])
        self.register_button.setText(self.tr("Register customer…"))
        self.register_button.setToolTip(self.tr("Add this caller to the customer archive; tickets waiting in "
                                                "quarantine for this number are released"))

    def set_may_register(self, allowed: bool) -> None:
        self._may_register = allowed
        self.register_button.setVisible(allowed and self._looked_up and self.card is None)

    def show_card(self, card: CustomerCard | None, *, looked_up: bool = False) -> None:
        """Show a customer; None with looked_up=True says the number has no archive entry (a new caller)."""
        self.card = card
        self._looked_up = looked_up
        has_card = card is not None
        self.register_button.setVisible(self._may_register and looked_up and not has_card)
        for widget in (self.name_label, self.phones_label, self.calls_label, self.address_label):
            widget.setVisible(has_card)
        self.tickets_table.setVisible(has_card)
        self.empty_label.setVisible(not has_card)
        self.notes_label.setVisible(bool(card and card.notes))
        if card is None:
            self.empty_label.setText(self.tr("New caller: this number is not in the customer archive.")
                                     if looked_up else "")
            self.tickets_table.setRowCount(0)
            return
        self.name_label.setText(card.name)
        self.phones_label.setText(" / ".join(p for p in (card.phone, card.phone2) if p))
        self.calls_label.setText(self.tr("{open} open · {calls} calls").format(
            open=len(card.open_tickets), calls=card.calls_count))
        self.address_label.setText("  ·  ".join(p for p in (card.address, card.area) if p))
        self.notes_label.setText(self.tr("Note: {notes}").format(notes=card.notes))
        rows = [(r, True) for r in card.open_tickets] + [(r, False) for r in card.recent_tickets]
        self.tickets_table.setRowCount(len(rows))
        bold = scaled_font(self, 1.0, bold=True)
        for i, (row, is_open) in enumerate(rows):
            self._fill_row(i, row, is_open, bold)
        visible = max(1, min(len(rows), 6))
        self.tickets_table.setFixedHeight(self.tickets_table.horizontalHeader().sizeHint().height()
                                          + visible * self.tickets_table.verticalHeader().defaultSectionSize() + 4)
        if not rows:
            self.tickets_table.hide()
            self.empty_label.setText(self.tr("No tickets yet."))
            self.empty_label.show()

    def _fill_row(self, i: int, row: TicketRow, is_open: bool, bold: QFont) -> None:
        background, foreground = state_colors(row.state)
        values = [row.number, label_of(State, row.state), label_of(TicketKind, row.kind),
                  row.created_at.strftime("%Y-%m-%d") if row.created_at else ""]
        for column, text in enumerate(values):
            item = QTableWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            if is_open:
                item.setFont(bold)
            else:
                item.setForeground(QBrush(QColor("#78909c")))
            if column == 1 and is_open:
                item.setBackground(QBrush(QColor(background)))
                item.setForeground(QBrush(QColor(foreground)))
            self.tickets_table.setItem(i, column, item)

    def ticket_ids(self) -> list[int]:
        """The ids of the tickets listed, open ones first."""
        return [self.tickets_table.item(r, 0).data(Qt.ItemDataRole.UserRole)
                for r in range(self.tickets_table.rowCount())]

    @Slot(QTableWidgetItem)
    def _on_tickets_table_item_activated(self, item: QTableWidgetItem) -> None:
        ticket_id = item.data(Qt.ItemDataRole.UserRole)
        if ticket_id is not None:
            self.ticket_activated.emit(int(ticket_id))

