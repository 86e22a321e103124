"""客户档案 at intake: the caller's archive as it appears while the number is typed (name, numbers, addresses,
household, notes and needs, open tickets, every earlier call, ticket, complaint and repair), or the candidates the
digits typed so far match, or "new caller" with 新建档案."""

from __future__ import annotations

from dataclasses import dataclass, field

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
from desk_app.core.validation import phone_search_key
from desk_app.services import customers as customer_service
from desk_app.services.customers import CustomerArchive
from desk_app.services.desk import Actor, DeskService
from desk_app.services.search import CustomerHit, search_customers
from desk_app.services.views import TicketRow
from desk_app.ui.common import label_of
from desk_app.ui.customers.archive import EVENT_COLORS, event_kind_text
from desk_app.ui.forms import state_colors
from desk_app.ui.intake.common import scaled_font

__all__ = ["CallerLookup", "CustomerCardView", "card_address", "card_phones", "look_up_caller"]


@dataclass(frozen=True)
class CallerLookup:
    """The answer of one lookup for the digits in the phone field: the caller's archive, or the candidates."""

    text: str
    complete: bool
    card: CustomerArchive | None = None
    hits: list[CustomerHit] = field(default_factory=list)


def look_up_caller(service: DeskService, actor: Actor, text: str, min_digits: int, limit: int) -> CallerLookup:
    """The reads behind the card (a worker thread runs this; it touches no widget): a complete number's archive
    by index, or from `min_digits` digits on the customers whose numbers begin with them (one: their archive)."""
    complete = phone_search_key(text, area_code=service.area_code()) is not None
    digits = "".join(ch for ch in text if ch.isdigit())
    viewer = service.viewer(actor)
    card = customer_service.card_for_number(viewer, text) if complete else None
    hits: list[CustomerHit] = []
    if card is None and not complete and len(digits) >= min_digits:
        hits = search_customers(viewer, digits, limit=limit)
        if len(hits) == 1:
            card = customer_service.card_for_number(viewer, hits[0].phone)
    return CallerLookup(text, complete, card, hits)

def card_phones(card) -> list[str]:
    """The numbers of a card as shown (an archive's several, or the old card's one or two)."""
    numbers = getattr(card, "numbers", None)
    if numbers is not None:
        return [n.number + (f" 转 {n.extension}" if n.extension and "转" not in n.number else "") for n in numbers]
    return [p for p in (card.phone, getattr(card, "phone2", "")) if p]


def card_address(card) -> tuple[str, str]:
    """The first address and its area of a card ("" if none)."""
    addresses = getattr(card, "addresses", None)
    if addresses is not None:
        return (addresses[0].address, addresses[0].area) if addresses else ("", "")
    return card.address, card.area


def _compact_table(columns: int, parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(parent.fontMetrics().height() + 6)
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    return table


class CustomerCardView(QFrame):
    """The caller's archive card at intake.

    Signals: `ticket_activated(ticket_id)` (a ticket of the card or its history was opened), `register_requested()`
    (新建档案 for a number nobody has), `archive_requested(customer_id)` (查看完整档案) and
    `candidate_chosen(phone)` (one of several customers the digits match was picked).
    """

    ticket_activated = Signal(int)
    register_requested = Signal()
    archive_requested = Signal(int)
    candidate_chosen = Signal(str)

    COLUMNS = 4
    VISIBLE_ROWS = 6
    OPEN_ROWS = 3
    CANDIDATE_ROWS = 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerCard")
        self.card = None
        self.candidates: list = []
        self._looked_up = False
        self._may_register = False
        self.register_button = QPushButton()
        self.register_button.clicked.connect(self.register_requested)
        self.archive_button = QPushButton()
        self.archive_button.setObjectName("archiveButton")
        self.archive_button.clicked.connect(self._on_archive_button_clicked)
        self.name_label = QLabel()
        self.name_label.setFont(scaled_font(self, 1.25, bold=True))
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.phones_label = QLabel()
        self.phones_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.calls_label = QLabel()
        self.calls_label.setStyleSheet("color: #546e7a;")
        self.address_label = QLabel()
        self.address_label.setWordWrap(True)
        self.household_label = QLabel()
        self.household_label.setWordWrap(True)
        self.household_label.setStyleSheet("color: #37474f;")
        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)
        self.notes_label.setStyleSheet("color: #8a4b00;")
        self.masked_label = QLabel()
        self.masked_label.setWordWrap(True)
        self.masked_label.setStyleSheet("color: #78909c; font-style: italic;")
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("color: #546e7a;")

        self.candidates_table = _compact_table(3, self)
        self.candidates_table.itemActivated.connect(self._on_candidates_table_item_activated)
        self.candidates_table.itemClicked.connect(self._on_candidates_table_item_activated)
        self.tickets_table = _compact_table(self.COLUMNS, self)
        self.tickets_table.itemActivated.connect(self._on_tickets_table_item_activated)
        self.tickets_table.itemDoubleClicked.connect(self._on_tickets_table_item_activated)
        self.history_table = _compact_table(3, self)
        self.history_table.itemActivated.connect(self._on_tickets_table_item_activated)
        self.history_table.itemDoubleClicked.connect(self._on_tickets_table_item_activated)
        self.tickets_caption = QLabel()
        self.tickets_caption.setObjectName("sectionTitle")
        self.history_caption = QLabel()
        self.history_caption.setObjectName("sectionTitle")

        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.name_label)
        top.addWidget(self.phones_label, 1)
        top.addWidget(self.calls_label)
        top.addWidget(self.archive_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addWidget(self.address_label)
        layout.addWidget(self.household_label)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.masked_label)
        empty_row = QHBoxLayout()
        empty_row.addWidget(self.empty_label, 1)
        empty_row.addWidget(self.register_button)
        layout.addLayout(empty_row)
        layout.addWidget(self.candidates_table)
        layout.addWidget(self.tickets_caption)
        layout.addWidget(self.tickets_table)
        layout.addWidget(self.history_caption)
        layout.addWidget(self.history_table)
        self.translate_ui()
        self.show_card(None)

    def translate_ui(self) -> None:
        self.tickets_table.setHorizontalHeaderLabels(
            [self.tr("Number"), self.tr("State"), self.tr("Kind"), self.tr("Date")])
        self.history_table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Kind"), self.tr("What")])
        self.candidates_table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Phone"), self.tr("Address")])
        self.register_button.setText(self.tr("New archive…"))
        self.register_button.setToolTip(self.tr("Add this caller to the customer archive in one step; tickets "
                                                "waiting in quarantine for this number are released"))
        self.archive_button.setText(self.tr("Full archive…"))
        self.archive_button.setToolTip(self.tr("Open this customer's complete archive (the opening is recorded)"))
        self._update_captions()

    def set_may_register(self, allowed: bool) -> None:
        self._may_register = allowed
        self.register_button.setVisible(allowed and self._looked_up and self.card is None and not self.candidates)

    # ----- showing ------------------------------------------------------------------------------------------

    def show_card(self, card, *, looked_up: bool = False) -> None:
        """Show a caller's archive (a services.customers.CustomerArchive); None with looked_up=True says the
        number is complete and nobody's (a new caller)."""
        self.card = card
        self.candidates = []
        self._looked_up = looked_up
        has_card = card is not None
        full = bool(has_card and getattr(card, "full", True))
        self.register_button.setVisible(self._may_register and looked_up and not has_card)
        for widget in (self.name_label, self.phones_label, self.calls_label, self.address_label,
                       self.tickets_caption, self.tickets_table):
            widget.setVisible(has_card)
        for widget in (self.history_caption, self.history_table):
            widget.setVisible(full)
        self.archive_button.setVisible(has_card and full and hasattr(card, "events"))
        self.candidates_table.hide()
        self.candidates_table.setRowCount(0)
        self.empty_label.setVisible(not has_card)
        self.masked_label.setVisible(has_card and not full)
        if card is None:
            self.empty_label.setText(self.tr("New caller: this number is not in the customer archive.")
                                     if looked_up else "")
            for widget in (self.household_label, self.notes_label):
                widget.hide()
            self.tickets_table.setRowCount(0)
            self.history_table.setRowCount(0)
            self._update_captions()
            return
        self.name_label.setText(card.name)
        self.phones_label.setText(" / ".join(card_phones(card)))
        self.address_label.setText("\n".join(
            "  ·  ".join(p for p in (a.address, a.area, a.label) if p) for a in card.addresses)
            if hasattr(card, "addresses") else "  ·  ".join(p for p in card_address(card) if p))
        self.address_label.setVisible(bool(self.address_label.text()))
        self.household_label.setText(self._household_text(card))
        self.household_label.setVisible(bool(self.household_label.text()))
        notes = self._notes_text(card)
        self.notes_label.setText(notes)
        self.notes_label.setVisible(bool(notes))
        self.masked_label.setText(self.tr("Card only: your role does not open customer archives, so the contact "
                                          "data is masked and the history is not shown."))
        counts = getattr(card, "counts", None) or {}
        self.calls_label.setText(self.tr("{open} open · {calls} calls · {complaints} complaints").format(
            open=len(card.open_tickets), calls=counts.get("calls", getattr(card, "calls_count", 0)),
            complaints=counts.get("complaints", 0)))
        self._fill_tickets(list(card.open_tickets), list(getattr(card, "recent_tickets", [])))
        self._fill_history(list(getattr(card, "events", [])) if full else [])
        has_tickets = self.tickets_table.rowCount() > 0
        self.tickets_caption.setVisible(has_tickets)
        self.tickets_table.setVisible(has_tickets)
        has_history = self.history_table.rowCount() > 0
        self.history_caption.setVisible(has_history)
        self.history_table.setVisible(has_history)
        if not has_tickets and not has_history:
            self.empty_label.setText(self.tr("No calls or tickets yet."))
            self.empty_label.show()
        self._update_captions()

    def show_candidates(self, hits: list, *, more: bool = False) -> None:
        """Several customers match the digits typed so far: list them (a click picks one)."""
        self.card = None
        self.candidates = list(hits)
        self._looked_up = False
        for widget in (self.name_label, self.phones_label, self.calls_label, self.address_label,
                       self.tickets_caption, self.tickets_table, self.history_caption, self.history_table,
                       self.household_label, self.notes_label, self.masked_label, self.archive_button,
                       self.register_button):
            widget.hide()
        self.empty_label.setText(self.tr("{n} customers match; keep typing or pick one.").format(n=len(hits))
                                 if not more else
                                 self.tr("More than {n} customers match; keep typing or pick one.").format(
                                     n=len(hits)))
        self.empty_label.show()
        self.candidates_table.setRowCount(len(hits))
        for r, hit in enumerate(hits):
            for c, text in enumerate((hit.name, hit.phone, "  ".join(p for p in (hit.address, hit.area) if p))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, hit.phone)
                self.candidates_table.setItem(r, c, item)
        self._fit(self.candidates_table, len(hits))
        self.candidates_table.show()

    def _household_text(self, card) -> str:
        members = list(getattr(card, "members", []) or [])
        parts = []
        size = getattr(card, "household_size", None)
        if size:
            parts.append(self.tr("Household of {n}").format(n=size))
        if getattr(card, "age", None) is not None:
            parts.append(self.tr("age {age}").format(age=card.age))
        if getattr(card, "occupation", ""):
            parts.append(card.occupation)
        people = []
        for m in members:
            who = m.name or m.relation
            details = [d for d in (m.relation if m.name else "",
                                   self.tr("{age}").format(age=m.age) if m.age is not None else "") if d]
            people.append(who + (f"（{'，'.join(details)}）" if details else ""))
        if people:
            parts.append(self.tr("Members: {people}").format(people="、".join(people)))
        if getattr(card, "pets", ""):
            parts.append(self.tr("Pets: {pets}").format(pets=card.pets))
        return " · ".join(parts)

    def _notes_text(self, card) -> str:
        lines = []
        if getattr(card, "needs", ""):
            lines.append(self.tr("Needs: {needs}").format(needs=card.needs))
        if card.notes:
            lines.append(self.tr("Note: {notes}").format(notes=card.notes))
        return "\n".join(lines)

    def _fill_tickets(self, open_rows: list[TicketRow], recent_rows: list[TicketRow]) -> None:
        rows = [(r, True) for r in open_rows] + [(r, False) for r in recent_rows]
        self.tickets_table.setRowCount(len(rows))
        bold = scaled_font(self, 1.0, bold=True)
        for i, (row, is_open) in enumerate(rows):
            self._fill_row(i, row, is_open, bold)
        self._fit(self.tickets_table, len(rows))

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

    def _fill_history(self, events: list) -> None:
        self.history_table.setRowCount(len(events))
        for r, event in enumerate(events):
            what = event.title + (f"：{event.detail}" if event.detail else "")
            values = (event.at.strftime("%Y-%m-%d") if event.at else "", event_kind_text(event.kind), what)
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, event.ticket_id)
                if c == 1 and event.kind in EVENT_COLORS:
                    item.setForeground(QBrush(QColor(EVENT_COLORS[event.kind])))
                if c == 2:
                    item.setToolTip(what)
                self.history_table.setItem(r, c, item)
        self._fit(self.history_table, len(events))

    def _fit(self, table: QTableWidget, rows: int) -> None:
        """As tall as its rows, up to VISIBLE_ROWS (open tickets: OPEN_ROWS); more scroll."""
        limit = {self.tickets_table: self.OPEN_ROWS, self.candidates_table: self.CANDIDATE_ROWS}.get(
            table, self.VISIBLE_ROWS)
        visible = max(1, min(rows, limit))
        table.setFixedHeight(table.horizontalHeader().sizeHint().height()
                             + visible * table.verticalHeader().defaultSectionSize() + 4)

    def _update_captions(self) -> None:
        card = self.card
        open_count = len(card.open_tickets) if card is not None else 0
        self.tickets_caption.setText(self.tr("Open tickets ({n})").format(n=open_count))
        self.history_caption.setText(self.tr("History: calls, tickets, complaints, repairs ({n})").format(
            n=self.history_table.rowCount()))

    # ----- reading ------------------------------------------------------------------------------------------

    def ticket_ids(self) -> list[int]:
        """The ids of the tickets listed, open ones first."""
        return [self.tickets_table.item(r, 0).data(Qt.ItemDataRole.UserRole)
                for r in range(self.tickets_table.rowCount())]

    def history_kinds(self) -> list[str]:
        """The kind column of the history, as shown."""
        return [self.history_table.item(r, 1).text() for r in range(self.history_table.rowCount())]

    # ----- slots --------------------------------------------------------------------------------------------

    @Slot(QTableWidgetItem)
    def _on_tickets_table_item_activated(self, item: QTableWidgetItem) -> None:
        ticket_id = item.data(Qt.ItemDataRole.UserRole)
        if ticket_id is not None:
            self.ticket_activated.emit(int(ticket_id))

    @Slot(QTableWidgetItem)
    def _on_candidates_table_item_activated(self, item: QTableWidgetItem) -> None:
        phone = item.data(Qt.ItemDataRole.UserRole)
        if phone:
            self.candidate_chosen.emit(str(phone))

    @Slot()
    def _on_archive_button_clicked(self) -> None:
        if self.card is not None:
            self.archive_requested.emit(self.card.id)
