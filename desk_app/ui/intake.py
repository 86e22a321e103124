"""受理: the intake panel where every call or visit is logged and, unless solved at once, becomes a ticket."""

from __future__ import annotations

import datetime as dt
import logging
from itertools import pairwise

from PySide6.QtCore import QDateTime, QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import DeskError, ValidationError
from desk_app.core.kinds import CallOutcome, Channel, ComplaintLevel, Escalation, Level, Severity, TicketKind
from desk_app.core.permissions import Operation, may
from desk_app.core.policies import Variant, plan_clocks, select_policy
from desk_app.core.policies import ClockKind
from desk_app.core.priority import DEFAULT_KIND_LEVELS, priority_label, priority_of
from desk_app.core.routing import Routed, Scope
from desk_app.core.states import State
from desk_app.core.validation import CallDraft, TicketDraft, display_phone, normalize_phone, phone_search_key
from desk_app.services import queries
from desk_app.services.presets import SETTING_STATIONS
from desk_app.services.views import CustomerCard, TicketRow
from desk_app.ui.common import error_text, format_time, label, label_of
from desk_app.ui.context import DeskContext
from desk_app.ui.dialogs import RegisterCustomerDialog
from desk_app.ui.forms import FieldErrors, collect_errors, limit_text, priority_colors, state_colors

__all__ = ["CustomerCardView", "IntakePanel", "limit_text"]

log = logging.getLogger(__name__)

# Which variants each kind offers (a variant brings limits of its own: 急修, FTTH box/splitter).
KIND_VARIANTS: dict[TicketKind, tuple[Variant, ...]] = {
    TicketKind.REPAIR: (Variant.NONE, Variant.EMERGENCY, Variant.PAID),
    TicketKind.FAULT: (Variant.NONE, Variant.EMERGENCY),
    TicketKind.FTTH_INSTALL: (Variant.NONE, Variant.FTTH_BOX, Variant.FTTH_SPLITTER),
}
# Valid stand-ins for a field in error, so that validating again finds the next error (see collect_errors).
TICKET_STAND_INS: dict[str, dict] = {
    "kind": {"kind": TicketKind.OTHER}, "phone": {"phone": "", "channel": Channel.VISIT},
    "description": {"description": "-"}, "caller_name": {"caller_name": ""}, "address": {"address": ""},
    "area": {"area": ""}, "category": {"category": ""}, "variant": {"variant": Variant.NONE},
    "station": {"station": ""}, "scope": {"scope": Scope.NONE},
    "rectify_by": {"rectify_by": dt.datetime(9999, 1, 1)},
}
# Kinds whose routing may depend on where the problem is (inside a home / public area) and on the station.
SCOPE_KINDS = frozenset({TicketKind.REPAIR, TicketKind.COMPLAINT})
STATION_KINDS = frozenset({TicketKind.COMPLAINT, TicketKind.FAULT})
# A catalogue entry of a paid in-home repair is named with this word (户内有偿维修); it goes with Variant.PAID.
PAID_MARK = "有偿"
CALL_STAND_INS: dict[str, dict] = {
    "phone": {"phone": "", "channel": Channel.VISIT}, "content": {"content": "-"},
    "caller_name": {"caller_name": ""}, "address": {"address": ""},
}

PANEL_STYLE = """
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"] { border: 1px solid #c62828; }
QFrame#customerCard { background: #f5f9fd; border: 1px solid #c9d9ea; border-radius: 4px; }
QFrame#customerCard QLabel { background: transparent; }
QLabel#priorityChip { border-radius: 3px; padding: 1px 8px; font-weight: bold; }
QLabel#limitsLabel { color: #37474f; }
QLabel#statusLine { color: #1b5e20; font-weight: bold; }
QLabel#routeLine { color: #0d47a1; }
QLabel#routeLine[quarantine="true"] { color: #8a4b00; }
QLabel#sectionTitle { color: #546e7a; font-weight: bold; }
"""


def _scaled_font(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


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
        self.name_label.setFont(_scaled_font(self, 1.25, bold=True))
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
        bold = _scaled_font(self, 1.0, bold=True)
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


class IntakePanel(QWidget):
    """受理台: phone first, the caller's card, then what they want; solve at once or make a ticket.

    Signals: `ticket_created(ticket_id)`, `call_recorded(call_id)` (every logged call or visit, with or without a
    ticket) and `ticket_activated(ticket_id)` (a ticket of the caller's card was opened).
    """

    ticket_created = Signal(int)
    call_recorded = Signal(int)
    ticket_activated = Signal(int)

    LOOKUP_DELAY_MS = 250

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setStyleSheet(PANEL_STYLE)
        self._autofilled: dict[QLineEdit, str] = {}
        self._clear_armed = False
        self._resetting = False
        self._syncing = False

        self._lookup_timer = QTimer(self)
        self._lookup_timer.setSingleShot(True)
        self._lookup_timer.setInterval(self.LOOKUP_DELAY_MS)
        self._lookup_timer.timeout.connect(self.lookup_customer)

        self._build()
        self._reset_rectify()
        self.translate_ui()
        self._connect()
        self._on_kind_changed()

    # ----- building ------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.phone_edit = QLineEdit()
        self.phone_edit.setFont(_scaled_font(self, 1.35, bold=True))
        self.phone_edit.setMaxLength(40)
        self.phone_edit.setClearButtonEnabled(True)
        self.channel_combo = QComboBox()
        for channel in Channel:
            self.channel_combo.addItem(label(channel), channel)
        self.card_view = CustomerCardView()
        self.card_view.hide()
        self.caller_edit = QLineEdit()
        self.caller_edit.setMaxLength(100)
        self.address_edit = QLineEdit()
        self.address_edit.setMaxLength(200)
        self.area_edit = QLineEdit()
        self.area_edit.setMaxLength(60)
        self.content_edit = QPlainTextEdit()
        self.content_edit.setTabChangesFocus(True)
        line = self.fontMetrics().lineSpacing()
        self.content_edit.setMinimumHeight(line * 4 + 12)
        self.content_edit.setMaximumHeight(line * 9 + 12)
        self.content_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem("", None)
        for kind in TicketKind:
            self.kind_combo.addItem(label(kind), kind)
        self.variant_combo = QComboBox()
        self.severity_combo = QComboBox()
        self.severity_combo.addItem("", None)
        for severity in Severity:
            self.severity_combo.addItem(label(severity), severity)
        self.category_combo = QComboBox()
        self.category_combo.setEditable(True)
        self.category_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.category_combo.lineEdit().setMaxLength(100)
        self.scope_combo = QComboBox()
        for scope in Scope:
            self.scope_combo.addItem(label(scope), scope.value)
        self.station_combo = QComboBox()
        self.station_combo.setEditable(True)
        self.station_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.station_combo.lineEdit().setMaxLength(60)
        self.escalation_combo = QComboBox()
        self.escalation_combo.addItem("", None)
        for level in Escalation:
            self.escalation_combo.addItem(label(level), level.value)
        # No deadline is the edit's minimum, shown as a blank text; any later time is a deadline.
        self.rectify_edit = QDateTimeEdit()
        self.rectify_edit.setCalendarPopup(True)
        self.rectify_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.sensitive_check = QCheckBox()
        self.urgency_combo = QComboBox()
        self.impact_combo = QComboBox()
        for combo in (self.urgency_combo, self.impact_combo):
            for level in Level:
                combo.addItem(label(level), level)
        self.priority_label = QLabel()
        self.priority_label.setObjectName("priorityChip")
        self.limits_label = QLabel()
        self.limits_label.setObjectName("limitsLabel")
        self.limits_label.setWordWrap(True)
        self.solved_button = QPushButton()
        self.create_button = QPushButton()
        self.create_button.setDefault(False)
        self.create_button.setStyleSheet(
            "QPushButton { background: #1565c0; color: white; font-weight: bold; padding: 5px 16px;"
            " border-radius: 3px; border: 1px solid #0d47a1; }"
            "QPushButton:hover { background: #1e74d2; } QPushButton:pressed { background: #0d47a1; }")
        self.status_label = QLabel()
        self.status_label.setObjectName("statusLine")
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.route_label = QLabel()
        self.route_label.setObjectName("routeLine")
        self.route_label.setWordWrap(True)
        self.route_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._register_dialog: RegisterCustomerDialog | None = None
        self.message_label = QLabel()
        self.errors = FieldErrors(self.message_label, self)

        self._captions: dict[str, QLabel] = {}

        def caption(key: str, buddy: QWidget) -> QLabel:
            lbl = QLabel()
            lbl.setBuddy(buddy)
            self._captions[key] = lbl
            return lbl

        def error(field: str, widget: QWidget, *aliases: str) -> QLabel:
            return self.errors.add(field, QLabel(), widget, *aliases)

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(3)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        row = 0
        grid.addWidget(caption("phone", self.phone_edit), row, 0)
        grid.addWidget(self.phone_edit, row, 1)
        grid.addWidget(caption("channel", self.channel_combo), row, 2)
        grid.addWidget(self.channel_combo, row, 3)
        row += 1
        grid.addWidget(error("phone", self.phone_edit), row, 1, 1, 3)
        row += 1
        grid.addWidget(self.card_view, row, 0, 1, 4)
        row += 1
        grid.addWidget(caption("caller", self.caller_edit), row, 0)
        grid.addWidget(self.caller_edit, row, 1)
        row += 1
        grid.addWidget(error("caller_name", self.caller_edit), row, 1, 1, 3)
        row += 1
        grid.addWidget(caption("address", self.address_edit), row, 0)
        grid.addWidget(self.address_edit, row, 1)
        grid.addWidget(caption("area", self.area_edit), row, 2)
        grid.addWidget(self.area_edit, row, 3)
        row += 1
        grid.addWidget(error("address", self.address_edit), row, 1)
        grid.addWidget(error("area", self.area_edit), row, 3)
        row += 1
        content_caption = caption("content", self.content_edit)
        grid.addWidget(content_caption, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.content_edit, row, 1, 1, 3)
        row += 1
        grid.addWidget(error("content", self.content_edit, "description"), row, 1, 1, 3)
        row += 1
        grid.addWidget(caption("kind", self.kind_combo), row, 0)
        grid.addWidget(self.kind_combo, row, 1)
        # Variant (repair, fault, FTTH) and severity (complaints) never apply together: they share one place.
        self.variant_caption = caption("variant", self.variant_combo)
        self.severity_caption = caption("severity", self.severity_combo)
        grid.addWidget(self.variant_caption, row, 2)
        grid.addWidget(self.variant_combo, row, 3)
        grid.addWidget(self.severity_caption, row, 2)
        grid.addWidget(self.severity_combo, row, 3)
        row += 1
        grid.addWidget(error("kind", self.kind_combo), row, 1)
        grid.addWidget(error("variant", self.variant_combo, "severity"), row, 3)
        row += 1
        grid.addWidget(caption("category", self.category_combo), row, 0)
        grid.addWidget(self.category_combo, row, 1)
        self.scope_caption = caption("scope", self.scope_combo)
        grid.addWidget(self.scope_caption, row, 2)
        grid.addWidget(self.scope_combo, row, 3)
        row += 1
        grid.addWidget(error("category", self.category_combo), row, 1)
        grid.addWidget(error("scope", self.scope_combo), row, 3)
        row += 1
        self.station_caption = caption("station", self.station_combo)
        grid.addWidget(self.station_caption, row, 0)
        grid.addWidget(self.station_combo, row, 1)
        self.escalation_caption = caption("escalation", self.escalation_combo)
        grid.addWidget(self.escalation_caption, row, 2)
        grid.addWidget(self.escalation_combo, row, 3)
        row += 1
        grid.addWidget(error("station", self.station_combo), row, 1)
        grid.addWidget(error("escalation", self.escalation_combo), row, 3)
        row += 1
        self.rectify_caption = caption("rectify_by", self.rectify_edit)
        grid.addWidget(self.rectify_caption, row, 0)
        grid.addWidget(self.rectify_edit, row, 1)
        grid.addWidget(self.sensitive_check, row, 2, 1, 2)
        row += 1
        grid.addWidget(error("rectify_by", self.rectify_edit), row, 1, 1, 3)
        row += 1
        grid.addWidget(caption("urgency", self.urgency_combo), row, 0)
        levels = QHBoxLayout()
        levels.setSpacing(8)
        levels.addWidget(self.urgency_combo, 1)
        self.impact_caption = caption("impact", self.impact_combo)
        levels.addWidget(self.impact_caption)
        levels.addWidget(self.impact_combo, 1)
        grid.addLayout(levels, row, 1)
        self.priority_caption = QLabel()
        grid.addWidget(self.priority_caption, row, 2)
        grid.addWidget(self.priority_label, row, 3, Qt.AlignmentFlag.AlignLeft)
        row += 1
        self.limits_caption = QLabel()
        grid.addWidget(self.limits_caption, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.limits_label, row, 1, 1, 3)

        buttons = QHBoxLayout()
        buttons.addWidget(self.solved_button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)

        self.title_label = QLabel()
        self.title_label.setObjectName("sectionTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(self.title_label)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addWidget(self.message_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.route_label)
        layout.addStretch(1)

        for first, second in pairwise(self._tab_chain()):
            QWidget.setTabOrder(first, second)

        self._create_shortcuts = [QShortcut(QKeySequence(keys), self) for keys in ("Ctrl+Return", "Ctrl+Enter")]
        self._escape_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        for shortcut in (*self._create_shortcuts, self._escape_shortcut):
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def _tab_chain(self) -> list[QWidget]:
        return [self.phone_edit, self.channel_combo, self.caller_edit, self.address_edit, self.area_edit,
                self.content_edit, self.kind_combo, self.variant_combo, self.severity_combo, self.category_combo,
                self.scope_combo, self.station_combo, self.escalation_combo, self.rectify_edit, self.sensitive_check,
                self.urgency_combo, self.impact_combo, self.solved_button, self.create_button]

    def translate_ui(self) -> None:
        texts = {
            "phone": self.tr("&Phone"), "channel": self.tr("C&hannel"), "caller": self.tr("Caller &name"),
            "address": self.tr("&Address"), "area": self.tr("A&rea"), "content": self.tr("&Content"),
            "kind": self.tr("&Kind"), "variant": self.tr("&Variant"), "severity": self.tr("&Severity"),
            "urgency": self.tr("&Urgency"), "impact": self.tr("&Impact"), "category": self.tr("Catal&ogue"),
            "scope": self.tr("&Where"), "station": self.tr("S&tation"), "escalation": self.tr("&Escalation"),
            "rectify_by": self.tr("Rectify &by"),
        }
        for key, text in texts.items():
            self._captions[key].setText(text)
        self.title_label.setText(self.tr("New call or visit"))
        self.phone_edit.setPlaceholderText(self.tr("Caller's number: the customer card appears"))
        self.caller_edit.setPlaceholderText(self.tr("Who is calling"))
        self.address_edit.setPlaceholderText(self.tr("Where: building, unit, room"))
        self.area_edit.setPlaceholderText(self.tr("Area"))
        self.content_edit.setPlaceholderText(self.tr("What, since when, how to reach them"))
        self.kind_combo.setItemText(0, self.tr("Choose…"))
        self.severity_combo.setItemText(0, self.tr("(not from 10086)"))
        self.escalation_combo.setItemText(0, self.tr("(not escalated)"))
        self.category_combo.lineEdit().setPlaceholderText(self.tr("Service catalogue entry"))
        self.station_combo.lineEdit().setPlaceholderText(self.tr("Nearest station"))
        self.rectify_edit.setSpecialValueText(self.tr("(no deadline)"))
        self.sensitive_check.setText(self.tr("Sensitive (public opinion, &media)"))
        self.sensitive_check.setToolTip(self.tr("The office and the center leader approve too before any reply"))
        self.priority_caption.setText(self.tr("Priority"))
        self.limits_caption.setText(self.tr("Time limits"))
        self.solved_button.setText(self.tr("Solved at once"))
        self.solved_button.setToolTip(self.tr("Answered at first contact: log the call, no ticket"))
        self.create_button.setText(self.tr("Create ticket"))
        self.create_button.setToolTip(self.tr("Log the call and create a ticket (Ctrl+Enter)"))
        for combo, enum_type in ((self.channel_combo, Channel), (self.kind_combo, TicketKind),
                                 (self.variant_combo, Variant), (self.severity_combo, Severity),
                                 (self.urgency_combo, Level), (self.impact_combo, Level),
                                 (self.scope_combo, Scope), (self.escalation_combo, Escalation)):
            for i in range(combo.count()):
                value = combo.itemData(i)
                if value is not None:
                    combo.setItemText(i, label(enum_type(value)))
        self.card_view.translate_ui()
        if self.card_view.card is not None:
            self.card_view.show_card(self.card_view.card)
        self._update_priority()
        self._update_permissions()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.translate_ui()
        super().changeEvent(event)

    def _connect(self) -> None:
        self.phone_edit.textChanged.connect(self._on_phone_edit_text_changed)
        self.phone_edit.editingFinished.connect(self._on_phone_edit_editing_finished)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.channel_combo.currentIndexChanged.connect(self._on_channel_changed)
        self.variant_combo.currentIndexChanged.connect(self._on_variant_changed)
        self.category_combo.currentTextChanged.connect(self._on_category_changed)
        self.rectify_edit.dateTimeChanged.connect(self._on_rectify_changed)
        self.card_view.register_requested.connect(self.open_register_dialog)
        for field, combo in (("scope", self.scope_combo), ("station", self.station_combo),
                             ("escalation", self.escalation_combo)):
            combo.currentIndexChanged.connect(lambda _i, f=field: self.errors.clear_field(f))
        self.station_combo.editTextChanged.connect(lambda _t: self.errors.clear_field("station"))
        self.severity_combo.currentIndexChanged.connect(self._update_priority)
        self.urgency_combo.currentIndexChanged.connect(self._update_priority)
        self.impact_combo.currentIndexChanged.connect(self._update_priority)
        self.solved_button.clicked.connect(self.record_solved)
        self.create_button.clicked.connect(self.create_ticket)
        for shortcut in self._create_shortcuts:
            shortcut.activated.connect(self.create_ticket)
        self._escape_shortcut.activated.connect(self._on_escape)
        self.card_view.ticket_activated.connect(self.ticket_activated)
        self.ctx.actor_changed.connect(self._on_ctx_actor_changed)
        for edit in (self.caller_edit, self.address_edit, self.area_edit):
            edit.textEdited.connect(self._on_form_edited)
        self.content_edit.textChanged.connect(self._on_form_edited)
        for field, edit in (("caller_name", self.caller_edit), ("address", self.address_edit),
                            ("area", self.area_edit)):
            edit.textEdited.connect(lambda _text, f=field: self.errors.clear_field(f))
        self.content_edit.textChanged.connect(lambda: self.errors.clear_field("content"))
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.errors.clear_field("kind"))

    # ----- public --------------------------------------------------------------------------------------------

    @property
    def customer(self) -> CustomerCard | None:
        """The customer card shown now, if the number is in the archive."""
        return self.card_view.card

    def is_dirty(self) -> bool:
        """True if anything is typed (what Esc would throw away)."""
        return any((self.phone_edit.text().strip(), self.caller_edit.text().strip(), self.address_edit.text().strip(),
                    self.area_edit.text().strip(), self.content_edit.toPlainText().strip(),
                    self._kind() is not None, self.category_combo.currentText().strip(),
                    self.sensitive_check.isChecked()))

    def clear_form(self) -> None:
        """Empty every field (the channel stays: a desk mostly gets calls of one kind) and focus the phone field."""
        self._resetting = True
        try:
            self._lookup_timer.stop()
            for edit in (self.phone_edit, self.caller_edit, self.address_edit, self.area_edit):
                edit.clear()
            self.content_edit.clear()
            self.kind_combo.setCurrentIndex(0)
            self.severity_combo.setCurrentIndex(0)
            self.escalation_combo.setCurrentIndex(0)
            self.scope_combo.setCurrentIndex(0)
            self.station_combo.setEditText("")
            self.category_combo.setEditText("")
            self.sensitive_check.setChecked(False)
            self._reset_rectify()
            self._autofilled.clear()
            self.card_view.show_card(None)
            self.card_view.hide()
            self.errors.clear()
            self._clear_armed = False
        finally:
            self._resetting = False
        self._on_kind_changed()
        self.phone_edit.setFocus()

    @Slot()
    def lookup_customer(self) -> CustomerCard | None:
        """Look the typed number up now (typing does it after a short pause) and show the customer card."""
        self._lookup_timer.stop()
        text = self.phone_edit.text()
        if not phone_search_key(text):
            self._show_card(None, looked_up=False)
            return None
        try:
            card = queries.customer_card(text)
        except DeskError as err:
            self.errors.show_general(error_text(err))
            return None
        self._show_card(card, looked_up=True)
        return card

    @Slot()
    def create_ticket(self) -> int | None:
        """生成工单: log the call and create its ticket in one go; returns the ticket id, None if refused."""
        self._lookup_timer.stop()
        self.errors.clear()
        call, draft = self._drafts()
        now = self.ctx.now()
        if self._show_input_errors(collect_errors(lambda d: d.validated(now), draft, TICKET_STAND_INS)):
            return None
        try:
            call_id, ticket_id = self.ctx.service.create_ticket_from_intake(self.ctx.actor, call, draft)
        except DeskError as err:
            self._show_error(err)
            return None
        except Exception:  # never a traceback at the desk; the log keeps the details
            log.exception("creating a ticket failed")
            self.errors.show_general(self.tr("The ticket could not be saved. Nothing was written; try again."))
            return None
        try:
            detail = queries.ticket_detail(ticket_id)
        except DeskError:
            detail = None
        number = detail.number if detail else str(ticket_id)
        self.clear_form()
        self.status_label.setText(self.tr("Ticket {number} created").format(number=number))
        self._show_route(detail)
        self.call_recorded.emit(call_id)
        self.ticket_created.emit(ticket_id)
        return ticket_id

    @Slot()
    def record_solved(self) -> int | None:
        """当场解决: log the call as solved at first contact (no ticket); returns the call id, None if refused."""
        self._lookup_timer.stop()
        self.errors.clear()
        call, _draft = self._drafts()
        if self._show_input_errors(collect_errors(lambda d: d.validated(), call, CALL_STAND_INS)):
            return None
        try:
            call_id = self.ctx.service.record_call(self.ctx.actor, call, outcome=CallOutcome.SOLVED)
        except DeskError as err:
            self._show_error(err)
            return None
        except Exception:
            log.exception("recording a call failed")
            self.errors.show_general(self.tr("The call could not be saved. Nothing was written; try again."))
            return None
        self.clear_form()
        self.status_label.setText(self.tr("Call logged as solved at first contact"))
        self.call_recorded.emit(call_id)
        return call_id

    def priority(self) -> int:
        return priority_of(Level(self.urgency_combo.currentData()), Level(self.impact_combo.currentData()))

    # ----- internals -----------------------------------------------------------------------------------------

    def _drafts(self) -> tuple[CallDraft, TicketDraft]:
        card = self.card_view.card
        customer_id = card.id if card is not None else None
        channel = Channel(self.channel_combo.currentData())
        content = self.content_edit.toPlainText()
        common = dict(channel=channel, phone=self.phone_edit.text(), caller_name=self.caller_edit.text(),
                      address=self.address_edit.text(), customer_id=customer_id)
        call = CallDraft(content=content, **common)
        kind = self._kind()
        escalation = self.escalation_combo.currentData() if kind == TicketKind.COMPLAINT else None
        draft = TicketDraft(
            kind=kind or "", description=content, area=self.area_edit.text(),
            urgency=Level(self.urgency_combo.currentData()), impact=Level(self.impact_combo.currentData()),
            variant=self._variant(), severity=self._severity(), category=self.category_combo.currentText(),
            scope=Scope(self.scope_combo.currentData() or "") if self._scope_applies() else Scope.NONE,
            station=self.station_combo.currentText() if self._station_applies() else "",
            sensitive=self.sensitive_check.isChecked(), escalation=Escalation(escalation) if escalation else None,
            rectify_by=self.rectify_by(), **common,
        )
        return call, draft

    def rectify_by(self) -> dt.datetime | None:
        """整改期限 as set (None: no deadline, or the field does not apply)."""
        if not self._rectify_applies() or self.rectify_edit.dateTime() == self.rectify_edit.minimumDateTime():
            return None
        return self.rectify_edit.dateTime().toPython().replace(second=0, microsecond=0)

    def set_rectify_by(self, at: dt.datetime | None) -> None:
        self.rectify_edit.setDateTime(QDateTime(at) if at else self.rectify_edit.minimumDateTime())

    def _reset_rectify(self) -> None:
        # The minimum (shown as "no deadline") is now: every deadline the edit can hold is in the future.
        now = self.ctx.now().replace(second=0, microsecond=0)
        self.rectify_edit.blockSignals(True)
        self.rectify_edit.setMinimumDateTime(QDateTime(now))
        self.rectify_edit.setDateTime(QDateTime(now))
        self.rectify_edit.blockSignals(False)

    def _rules(self):
        try:
            return self.ctx.service.routing_rules()
        except DeskError:
            return []

    def _scope_applies(self) -> bool:
        return self._kind() in SCOPE_KINDS and any(rule.scope for rule in self._rules())

    def _stations(self) -> list[str]:
        return [s.strip() for s in self.ctx.service.setting(SETTING_STATIONS).split(";") if s.strip()]

    def _station_applies(self) -> bool:
        return self._kind() in STATION_KINDS and bool(self._stations() or any(r.station for r in self._rules()))

    def _rectify_applies(self) -> bool:
        return self._kind() == TicketKind.INSPECTION or self._channel() == Channel.PATROL

    def _rectify_required(self) -> bool:
        return self._kind() == TicketKind.INSPECTION and self._channel() == Channel.PATROL

    def _channel(self) -> Channel:
        return Channel(self.channel_combo.currentData())

    def _show_route(self, detail) -> None:
        """Where the new ticket went: straight to a department (直派), to the dispatcher (转派), or quarantine."""
        self.route_label.setProperty("quarantine", bool(detail and detail.quarantined))
        self.route_label.style().unpolish(self.route_label)
        self.route_label.style().polish(self.route_label)
        if detail is None:
            self.route_label.clear()
            return
        if detail.quarantined:
            text = self.tr("In quarantine: the caller is not a registered customer yet. Register the customer to "
                           "release it.")
        elif detail.routed == Routed.DIRECT:
            text = self.tr("Dispatched directly to {department} ({receiver}).").format(
                department=detail.department, receiver=detail.receiver)
        else:
            text = self.tr("Waiting for the second-level dispatcher (transfer dispatch).")
        if detail.complaint_level == ComplaintLevel.FORMAL:
            formal = label(ComplaintLevel.FORMAL)
            text += " " + (self.tr("{level}: repeats {number}.").format(level=formal,
                                                                       number=detail.linked_ticket_number)
                           if detail.linked_ticket_number else self.tr("{level}.").format(level=formal))
        self.route_label.setText(text)

    def _variant(self) -> Variant:
        if self._kind() not in KIND_VARIANTS:
            return Variant.NONE
        return Variant(self.variant_combo.currentData() or "")

    def _severity(self) -> Severity | None:
        if self._kind() != TicketKind.COMPLAINT:
            return None
        value = self.severity_combo.currentData()
        return Severity(value) if value else None

    def _kind(self) -> TicketKind | None:
        # Combo data comes back from Qt as plain text: turn it into the enum again.
        value = self.kind_combo.currentData()
        return TicketKind(value) if value else None

    def _show_input_errors(self, errors: list[ValidationError]) -> bool:
        """Show every input error at once and focus the first field concerned; False if there are none."""
        if not errors:
            return False
        widgets = self.errors.show_errors(errors)
        chain = self._tab_chain()
        if widgets:
            min(widgets, key=lambda w: chain.index(w) if w in chain else len(chain)).setFocus()
        return True

    def _show_error(self, err: DeskError) -> None:
        widget = self.errors.show_error(err)
        if widget is not None:
            widget.setFocus()

    def _show_card(self, card: CustomerCard | None, *, looked_up: bool) -> None:
        self.card_view.show_card(card, looked_up=looked_up)
        self.card_view.setVisible(card is not None or looked_up)
        self._autofill(self.caller_edit, card.name if card else "")
        self._autofill(self.address_edit, card.address if card else "")
        self._autofill(self.area_edit, card.area if card else "")

    def _autofill(self, edit: QLineEdit, value: str) -> None:
        """Fill an empty field from the card; replace only what an earlier card filled, never what was typed."""
        current = edit.text()
        if current and self._autofilled.get(edit) != current:
            return
        edit.setText(value)
        if value:
            self._autofilled[edit] = value
        else:
            self._autofilled.pop(edit, None)

    def _update_priority(self) -> None:
        level = self.priority()
        background, foreground = priority_colors(level)
        self.priority_label.setText(priority_label(level))
        self.priority_label.setStyleSheet(f"background: {background}; color: {foreground};")
        kind = self._kind()
        if kind is None:
            self.limits_label.setText(self.tr("Choose the kind to see the time limits."))
            return
        try:
            policy = select_policy(kind, self._variant(), self._severity(), self.ctx.service.policies())
        except LookupError:
            self.limits_label.setText(self.tr("No time limit applies."))
            return
        plan = plan_clocks(policy, level)
        rectify_by = self.rectify_by()
        parts = [self.tr("{clock} until {time}").format(clock=label(rule.kind), time=format_time(rectify_by))
                 if rectify_by is not None and rule.kind == ClockKind.RESOLVE
                 else self.tr("{clock} {limit}").format(clock=label(rule.kind), limit=limit_text(rule.limit))
                 for rule in plan.start_clocks]
        self.limits_label.setText("   ·   ".join(parts) if parts else self.tr("No time limit applies."))

    # ----- slots ---------------------------------------------------------------------------------------------

    @Slot(str)
    def _on_phone_edit_text_changed(self, _text: str) -> None:
        if self._resetting:
            return
        self.errors.clear_field("phone")
        self._on_form_edited()
        self._lookup_timer.start()

    @Slot()
    def _on_phone_edit_editing_finished(self) -> None:
        text = self.phone_edit.text().strip()
        if not text:
            return
        try:
            normalize_phone(text)
        except ValidationError as err:
            self.errors.show_error(err)

    @Slot()
    def _on_form_edited(self) -> None:
        if self._resetting:
            return
        self.status_label.clear()
        self.route_label.clear()
        if self._clear_armed:
            self._clear_armed = False
            self.errors.general.hide()

    @Slot()
    def _on_kind_changed(self) -> None:
        kind = self._kind()
        variants = KIND_VARIANTS.get(kind, ())
        self.variant_combo.blockSignals(True)
        self.variant_combo.clear()
        for variant in variants:
            self.variant_combo.addItem(label(variant), variant)
        self.variant_combo.blockSignals(False)
        complaint = kind == TicketKind.COMPLAINT
        self.variant_caption.setVisible(bool(variants))
        self.variant_combo.setVisible(bool(variants))
        self.severity_caption.setVisible(complaint)
        self.severity_combo.setVisible(complaint)
        if not complaint:
            self.severity_combo.setCurrentIndex(0)
            self.escalation_combo.setCurrentIndex(0)
        self.escalation_caption.setVisible(complaint)
        self.escalation_combo.setVisible(complaint)
        self._fill_catalogue(kind)
        scope = self._scope_applies()
        self.scope_caption.setVisible(scope)
        self.scope_combo.setVisible(scope)
        self._fill_stations()
        station = self._station_applies()
        self.station_caption.setVisible(station)
        self.station_combo.setVisible(station)
        self._update_rectify()
        self._set_default_levels()

    def _fill_catalogue(self, kind: TicketKind | None) -> None:
        """服务目录 entries of the kind; free text stays possible (and is kept when the kind changes)."""
        typed = self.category_combo.currentText()
        self._syncing = True
        try:
            self.category_combo.clear()
            try:
                entries = queries.catalogue_entries(kind.value) if kind else []
            except DeskError:
                entries = []
            self.category_combo.addItem("")
            self.category_combo.addItems(entries)
            self.category_combo.setEditText(typed)
        finally:
            self._syncing = False

    def _fill_stations(self) -> None:
        typed = self.station_combo.currentText()
        self.station_combo.clear()
        self.station_combo.addItem("")
        self.station_combo.addItems(self._stations())
        self.station_combo.setEditText(typed)

    def _update_rectify(self) -> None:
        applies = self._rectify_applies()
        self.rectify_caption.setVisible(applies)
        self.rectify_edit.setVisible(applies)
        required = self._rectify_required()
        self.rectify_caption.setText(self.tr("Rectify &by") + (" *" if required else ""))
        self.rectify_edit.setToolTip(self.tr("Required for a patrol finding: the deadline on the rectification "
                                             "notice") if required else self.tr("The deadline on the notice, if any"))
        if not applies:
            self.errors.clear_field("rectify_by")

    @Slot()
    def _on_channel_changed(self) -> None:
        self._update_rectify()

    @Slot()
    def _on_rectify_changed(self) -> None:
        self.errors.clear_field("rectify_by")
        self._update_priority()

    @Slot()
    def _on_variant_changed(self) -> None:
        self.errors.clear_field("variant")
        self._sync_paid_from_variant()
        self._set_default_levels()

    @Slot(str)
    def _on_category_changed(self, text: str) -> None:
        self.errors.clear_field("category")
        if self._resetting or self._syncing or self._kind() != TicketKind.REPAIR:
            return
        # 户内有偿维修 and Variant.PAID go together: one sets the other.
        paid = PAID_MARK in text
        if paid and self._variant() != Variant.PAID:
            self._select_variant(Variant.PAID)
        elif not paid and text.strip() and self._variant() == Variant.PAID:
            self._select_variant(Variant.NONE)

    def _sync_paid_from_variant(self) -> None:
        if self._syncing or self._kind() != TicketKind.REPAIR:
            return
        current = self.category_combo.currentText()
        self._syncing = True
        try:
            if self._variant() == Variant.PAID and PAID_MARK not in current:
                entries = [self.category_combo.itemText(i) for i in range(self.category_combo.count())]
                paid = next((e for e in entries if PAID_MARK in e), None)
                if paid is not None:
                    self.category_combo.setCurrentIndex(entries.index(paid))
            elif self._variant() != Variant.PAID and PAID_MARK in current:
                self.category_combo.setCurrentIndex(0)
                self.category_combo.setEditText("")
        finally:
            self._syncing = False

    def _select_variant(self, variant: Variant) -> None:
        index = self.variant_combo.findData(variant.value)
        if index < 0:
            return
        self._syncing = True
        try:
            self.variant_combo.setCurrentIndex(index)
        finally:
            self._syncing = False

    def _set_default_levels(self) -> None:
        kind = self._kind()
        urgency, impact = DEFAULT_KIND_LEVELS.get(kind, (Level.LOW, Level.MEDIUM))
        if self._variant() == Variant.EMERGENCY:
            urgency, impact = Level.HIGH, Level.HIGH  # 急修: someone is at risk or a whole building is affected
        for combo, level in ((self.urgency_combo, urgency), (self.impact_combo, impact)):
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(level))
            combo.blockSignals(False)
        self._update_priority()

    def _update_permissions(self) -> None:
        role = self.ctx.actor.role
        may_record = may(role, Operation.RECORD_CALL)
        may_create = may_record and may(role, Operation.CREATE_TICKET)
        self.solved_button.setEnabled(may_record)
        self.create_button.setEnabled(may_create)
        self.card_view.set_may_register(may(role, Operation.EDIT_CUSTOMER))
        for shortcut in self._create_shortcuts:
            shortcut.setEnabled(may_create)
        if not may_create:
            self.create_button.setToolTip(self.tr("Your role does not take calls; switch to a front-desk user."))

    @Slot(object)
    def _on_ctx_actor_changed(self, _actor) -> None:
        self.translate_ui()

    # ----- customer registration ------------------------------------------------------------------------------

    @Slot()
    def open_register_dialog(self) -> RegisterCustomerDialog | None:
        """登记客户: put the typed number into the customer archive (its quarantined tickets are released)."""
        try:
            phone = normalize_phone(self.phone_edit.text())
        except ValidationError as err:
            self.errors.show_error(err)
            return None
        if not phone:
            return None
        if self._register_dialog is not None:
            self._register_dialog.reject()
        dialog = RegisterCustomerDialog(display_phone(phone), name=self.caller_edit.text(),
                                        address=self.address_edit.text(), area=self.area_edit.text(),
                                        waiting=queries.quarantined_count(phone), parent=self)
        dialog.submitted.connect(self._on_register_dialog_submitted)
        dialog.finished.connect(self._on_register_dialog_finished)
        self._register_dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def _on_register_dialog_submitted(self) -> None:
        dialog = self._register_dialog
        if dialog is None:
            return
        dialog.errors.clear()
        values = dialog.values()
        waiting = queries.quarantined_count(self.phone_edit.text())
        try:
            self.ctx.service.register_customer(self.ctx.actor, values["name"], self.phone_edit.text(),
                                               values["address"], values["area"])
        except DeskError as err:
            widget = dialog.errors.show_error(err)
            if widget is not None:
                widget.setFocus()
            return
        except Exception:
            log.exception("registering a customer failed")
            dialog.errors.show_general(self.tr("The customer could not be saved. Nothing was written; try again."))
            return
        dialog.accept()
        card = self.lookup_customer()
        name = card.name if card else values["name"].strip()
        if waiting:
            text = self.tr("Customer {name} registered; %n ticket(s) released from quarantine.", "",
                           waiting).format(name=name)
        else:
            text = self.tr("Customer {name} registered.").format(name=name)
        self.status_label.setText(text)
        self.route_label.clear()

    @Slot()
    def _on_register_dialog_finished(self) -> None:
        if self.sender() is self._register_dialog:
            self._register_dialog = None

    @Slot()
    def _on_escape(self) -> None:
        if not self.is_dirty():
            self.errors.clear()
            self.status_label.clear()
            return
        if self._clear_armed:
            self.clear_form()
            self.status_label.setText(self.tr("Form cleared"))
            return
        self._clear_armed = True
        self.errors.show_hint(self.tr("Press Esc again to clear the form; what you typed is lost."))
