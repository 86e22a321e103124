"""The ticket detail pane: everything about one ticket (routing, complaint level, escalation, quarantine, paid-repair
quote, FTTH construction tasks), its approval path, running clocks and history, and the actions it allows."""

from __future__ import annotations

import datetime as dt
import html
import json
import logging

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import ConflictError, DeskError, NotFound, ValidationError
from desk_app.core.kinds import Channel, ComplaintLevel, Escalation, Role, Satisfaction, Severity, TicketKind
from desk_app.core.labels import QT_TRANSLATE_NOOP
from desk_app.core.permissions import Operation, may
from desk_app.core.policies import ClockKind, Variant
from desk_app.core.routing import Routed, Scope
from desk_app.core.states import Action, State, allowed_actions
from desk_app.core.timelimits import ClockStatus, clock_status
from desk_app.core.workflow import STATE_STEP, STEP_ROLE, Step, workflow_for
from desk_app.services import construction, coordination, queries
from desk_app.services.construction import (
    DEFAULT_CONTRACTOR,
    DEFAULT_MARKETING,
    SETTING_CONTRACTOR,
    SETTING_MARKETING,
    ConstructionView,
)
from desk_app.services.desk import SETTING_PAID_CONSENT
from desk_app.services.presets import SETTING_CONTRACTORS
from desk_app.services.views import ClockView, TicketDetail
from desk_app.ui.common import (
    STATUS_BACKGROUNDS,
    STATUS_COLORS,
    duration_text,
    error_text,
    format_time,
    label,
    label_of,
    time_left_text,
)
from desk_app.ui.context import DeskContext
from desk_app.ui.dialogs import (
    ActionDialog,
    ApproveDialog,
    AppointDialog,
    DispatchDialog,
    FormDialog,
    ReasonDialog,
    ReplyDialog,
    ResolveDialog,
    SlipPreviewDialog,
    TransferDialog,
    VisitDialog,
)
from desk_app.ui.forms import escalation_colors, limit_text, priority_colors, state_colors
from desk_app.ui.ticket_ops import (
    CONSTRUCTION_OPS,
    DIALOG_OPS,
    ITEMS,
    ROW_OPS,
    ApprovalPathView,
    CirculateDialog,
    ConsentDialog,
    ConstructionDoneDialog,
    ConstructionSection,
    ConstructionTaskDialog,
    EscalateDialog,
    QuoteDialog,
    SensitiveDialog,
    TicketOp,
    action_permitted,
    available_ops,
    may_circulate_to_any,
    op_text,
    unfinished_task,
)

__all__ = ["DetailPane"]

log = logging.getLogger(__name__)

# Actions that need input first; the rest run at a click.
DIALOG_ACTIONS = frozenset({Action.DISPATCH, Action.RETURN, Action.APPOINT, Action.BLOCK, Action.RESOLVE,
                            Action.VISIT, Action.REOPEN, Action.APPROVE, Action.SEND_BACK, Action.REPLY,
                            Action.TRANSFER})

PANE_STYLE = """
QLabel#ticketNumber { font-weight: bold; }
QLabel#stateChip, QLabel#priorityChip, QLabel#escalationChip, QLabel#levelChip, QLabel#sensitiveChip {
    border-radius: 3px; padding: 2px 8px; font-weight: bold; }
QLabel#levelChip { background: #fff3e0; color: #bf360c; border: 1px solid #ffcc80; }
QLabel#sensitiveChip { background: #ffebee; color: #b71c1c; border: 1px solid #ef9a9a; }
QLabel#kindText { color: #37474f; }
QLabel#archivedBanner { background: #eceff1; color: #455a64; border: 1px solid #cfd8dc; border-radius: 3px;
                        padding: 4px 8px; }
QLabel#quarantineBanner { background: #fff8e1; color: #6d4c00; border: 1px solid #ffd54f; border-radius: 3px;
                          padding: 4px 8px; }
QLabel#fieldCaption { color: #607d8b; }
QLabel#sectionTitle { color: #546e7a; font-weight: bold; padding-top: 6px; }
QLabel#descriptionText { background: #fafbfc; border: 1px solid #e0e5e9; border-radius: 3px; padding: 6px; }
QLabel#solutionText { background: #f1f8f1; border: 1px solid #d5e8d5; border-radius: 3px; padding: 6px; }
QLabel#replyText { background: #f3f6fb; border: 1px solid #d3dff0; border-radius: 3px; padding: 6px; }
QFrame#detailHeader { border-bottom: 1px solid #dde3e8; }
QPushButton#actionButton { padding: 4px 12px; }
QPushButton#primaryAction { padding: 4px 12px; background: #1565c0; color: white; font-weight: bold;
                            border: 1px solid #0d47a1; border-radius: 3px; }
QPushButton#primaryAction:hover { background: #1e74d2; }
QPushButton#primaryAction:disabled { background: #90a4ae; border-color: #78909c; }
QPushButton#opButton { padding: 2px 10px; color: #37474f; }
"""

# The action most likely next in each state, drawn as the primary button.
PRIMARY_ACTION = {
    State.NEW: Action.DISPATCH, State.RETURNED: Action.DISPATCH, State.DISPATCHED: Action.ACCEPT,
    State.ACCEPTED: Action.START, State.APPOINTED: Action.START, State.IN_PROGRESS: Action.RESOLVE,
    State.BLOCKED: Action.UNBLOCK, State.PENDING_LEADER: Action.APPROVE, State.PENDING_OFFICE: Action.APPROVE,
    State.PENDING_CENTER: Action.APPROVE, State.PENDING_AUDIT: Action.APPROVE, State.PENDING_REPLY: Action.REPLY,
    State.RESOLVED: Action.VISIT, State.VISITED: Action.ARCHIVE,
}

# The facts grid, row by row: who and where first, then who has it and how it got there, then the times.
INFO_ROWS: tuple[tuple[str, ...], ...] = (
    ("caller", "phone"), ("address",), ("area", "channel"), ("category", "scope"), ("station", "rectify_by"),
    ("department", "receiver"), ("routed", "complaint_level"), ("linked",),
    ("worker", "appointment_at"), ("accepted_at", "dispatched_at"), ("resolved_at", "satisfaction"),
    ("quoted_price", "owner_consent"), ("created_by",),
)
INFO_FIELDS = tuple(key for row in INFO_ROWS for key in row)
WIDE_FIELDS = frozenset({"address", "linked"})
# Shown only when the ticket has them (the rest show "—" when empty).
OPTIONAL_FIELDS = frozenset({"scope", "station", "rectify_by", "routed", "complaint_level", "linked",
                             "quoted_price", "owner_consent"})
TICKET_LINK = "ticket:"


def _price(d: TicketDetail) -> str:
    """The quoted price with its cents (SQLite hands back 180 for 180.00)."""
    return f"{d.quoted_price:.2f}" if d.quoted_price is not None else ""


def _bold(font: QFont, factor: float = 1.0) -> QFont:
    result = QFont(font)
    if result.pointSizeF() > 0:
        result.setPointSizeF(result.pointSizeF() * factor)
    result.setBold(True)
    return result


def _read_only_table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.verticalHeader().hide()
    table.setShowGrid(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustIgnored)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


def _fit_height(table: QTableWidget) -> None:
    """Make a table exactly as tall as its rows (the pane scrolls, the tables do not), all rows one height."""
    table.resizeRowsToContents()
    # Rows with Chinese come out taller (the CJK fallback font): even them out so the table reads as a grid.
    row_height = max([table.rowHeight(r) for r in range(table.rowCount())] or [0])
    for r in range(table.rowCount()):
        table.setRowHeight(r, row_height)
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
    table.setFixedHeight(height + row_height * table.rowCount() + 2)


class DetailPane(QWidget):
    """工单详情: one ticket with its clocks and history, and buttons for what the acting person may do now: the
    state-machine actions (`trigger(action)`) and the ticket operations of ticket_ops (`trigger_operation(op)`).

    `show_ticket(id)` shows a ticket (None: nothing); `tick()` refreshes the countdowns (the main window calls it
    every second); `ticket_changed(id)` is emitted after this pane changed a ticket; `ticket_activated(id)` when
    the pane opened another ticket by itself (a linked complaint's number was clicked).
    """

    ticket_changed = Signal(int)
    ticket_activated = Signal(int)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current_ticket_id: int | None = None
        self.detail: TicketDetail | None = None
        self.tasks: list[ConstructionView] = []
        self._marketing_department: int | None = None
        self._dialog: FormDialog | None = None
        self._workers: dict[int, list[str]] | None = None
        self.setStyleSheet(PANE_STYLE)
        self._build()
        self.translate_ui()
        ctx.changed.connect(self._on_ctx_changed)
        ctx.actor_changed.connect(self._on_ctx_actor_changed)
        self.show_ticket(None)

    # ----- building ------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.number_label = QLabel()
        self.number_label.setObjectName("ticketNumber")
        self.number_label.setFont(_bold(self.font(), 1.6))
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state_label = QLabel()
        self.state_label.setObjectName("stateChip")
        self.priority_label = QLabel()
        self.priority_label.setObjectName("priorityChip")
        self.kind_label = QLabel()
        self.kind_label.setObjectName("kindText")
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.open_slip_preview)
        self.archived_label = QLabel()
        self.archived_label.setObjectName("archivedBanner")
        self.quarantine_label = QLabel()
        self.quarantine_label.setObjectName("quarantineBanner")
        self.quarantine_label.setWordWrap(True)
        self.level_chip = QLabel()
        self.level_chip.setObjectName("levelChip")
        self.escalation_chip = QLabel()
        self.escalation_chip.setObjectName("escalationChip")
        self.sensitive_chip = QLabel()
        self.sensitive_chip.setObjectName("sensitiveChip")
        self.path_view = ApprovalPathView()

        header = QFrame()
        header.setObjectName("detailHeader")
        top = QHBoxLayout(header)
        top.setContentsMargins(0, 0, 0, 6)
        top.setSpacing(10)
        top.addWidget(self.number_label)
        top.addWidget(self.state_label, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.priority_label, 0, Qt.AlignmentFlag.AlignVCenter)
        for chip in (self.level_chip, self.escalation_chip, self.sensitive_chip):
            top.addWidget(chip, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.kind_label, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        top.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignVCenter)

        self.action_buttons: dict[Action, QPushButton] = {}
        self.actions_bar = QWidget()
        bar = QHBoxLayout(self.actions_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(6)
        for action in Action:
            button = QPushButton()
            button.setObjectName("actionButton")
            button.clicked.connect(lambda _checked=False, a=action: self.trigger(a))
            button.hide()
            self.action_buttons[action] = button
            bar.addWidget(button)
        bar.addStretch(1)
        self.no_actions_label = QLabel()
        self.no_actions_label.setStyleSheet("color: #78909c;")
        bar.addWidget(self.no_actions_label)

        # Ticket operations that are not state changes: 升级, 敏感, 公告传阅, 有偿报价, 业主意见.
        self.op_buttons: dict[TicketOp, QPushButton] = {}
        self.ops_bar = QWidget()
        ops = QHBoxLayout(self.ops_bar)
        ops.setContentsMargins(0, 0, 0, 0)
        ops.setSpacing(4)
        for op in ROW_OPS:
            button = QPushButton()
            button.setObjectName("opButton")
            button.clicked.connect(lambda _checked=False, o=op: self.trigger_operation(o))
            button.hide()
            self.op_buttons[op] = button
            ops.addWidget(button)
        ops.addStretch(1)

        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.hide()

        # Body: facts, description, solution, clocks, history; it scrolls as a whole.
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        info = QGridLayout()
        info.setHorizontalSpacing(10)
        info.setVerticalSpacing(3)
        info.setColumnStretch(1, 1)
        info.setColumnStretch(3, 1)
        for row, keys in enumerate(INFO_ROWS):
            for position, key in enumerate(keys):
                caption = QLabel()
                caption.setObjectName("fieldCaption")
                value = QLabel()
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value.setWordWrap(True)
                if key == "linked":
                    value.setTextFormat(Qt.TextFormat.RichText)
                    value.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
                    value.linkActivated.connect(self._on_linked_label_link_activated)
                self.captions[key] = caption
                self.values[key] = value
                span = 3 if key in WIDE_FIELDS else 1
                info.addWidget(caption, row, 2 * position, Qt.AlignmentFlag.AlignTop)
                info.addWidget(value, row, 2 * position + 1, 1, span)

        self.description_title = self._section_title()
        self.description_label = QLabel()
        self.description_label.setObjectName("descriptionText")
        self.description_label.setWordWrap(True)
        self.description_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.solution_title = self._section_title()
        self.solution_label = QLabel()
        self.solution_label.setObjectName("solutionText")
        self.solution_label.setWordWrap(True)
        self.solution_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reply_title = self._section_title()
        self.reply_label = QLabel()
        self.reply_label.setObjectName("replyText")
        self.reply_label.setWordWrap(True)
        self.reply_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.construction = ConstructionSection()
        self.construction.requested.connect(self._on_construction_requested)
        self.clocks_title = self._section_title()
        self.clocks_table = _read_only_table(4)
        self.clocks_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.clocks_table.horizontalHeader().setStretchLastSection(True)
        self.history_title = self._section_title()
        self.history_table = _read_only_table(5)
        history_header = self.history_table.horizontalHeader()
        for column in range(4):
            history_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        history_header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.history_table.setTextElideMode(Qt.TextElideMode.ElideRight)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 4, 4, 4)
        body_layout.setSpacing(4)
        body_layout.addLayout(info)
        body_layout.addWidget(self.description_title)
        body_layout.addWidget(self.description_label)
        body_layout.addWidget(self.solution_title)
        body_layout.addWidget(self.solution_label)
        body_layout.addWidget(self.reply_title)
        body_layout.addWidget(self.reply_label)
        body_layout.addWidget(self.construction)
        body_layout.addWidget(self.clocks_title)
        body_layout.addWidget(self.clocks_table)
        body_layout.addWidget(self.history_title)
        body_layout.addWidget(self.history_table)
        body_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(10, 8, 10, 8)
        content_layout.setSpacing(6)
        content_layout.addWidget(header)
        content_layout.addWidget(self.archived_label)
        content_layout.addWidget(self.quarantine_label)
        content_layout.addWidget(self.path_view)
        content_layout.addWidget(self.actions_bar)
        content_layout.addWidget(self.ops_bar)
        content_layout.addWidget(self.message_label)
        content_layout.addWidget(self.scroll, 1)

        self.placeholder_label = QLabel()
        self.placeholder_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder_label.setStyleSheet("color: #90a4ae;")
        self.placeholder_label.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder_label)
        self.stack.addWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def _section_title(self) -> QLabel:
        title = QLabel()
        title.setObjectName("sectionTitle")
        return title

    def translate_ui(self) -> None:
        captions = {
            "channel": self.tr("Channel"), "accepted_at": self.tr("Accepted"), "caller": self.tr("Caller"),
            "phone": self.tr("Phone"), "address": self.tr("Address"), "area": self.tr("Area"),
            "department": self.tr("Department"), "receiver": self.tr("Receiver"), "worker": self.tr("Worker"),
            "appointment_at": self.tr("Appointment"), "created_by": self.tr("Created by"),
            "dispatched_at": self.tr("Dispatched"), "resolved_at": self.tr("Solved"),
            "satisfaction": self.tr("Satisfaction"), "category": self.tr("Catalogue"), "scope": self.tr("Where"),
            "station": self.tr("Station"), "rectify_by": self.tr("Rectify by"), "routed": self.tr("Routing"),
            "complaint_level": self.tr("Complaint"), "linked": self.tr("Linked"),
            "quoted_price": self.tr("Quoted price"), "owner_consent": self.tr("Owner"),
        }
        for key, text in captions.items():
            self.captions[key].setText(text)
        self.print_button.setText(self.tr("Print dispatch slip"))
        self.print_button.setToolTip(self.tr("Dispatch slip: preview, save as PDF, print"))
        self.archived_label.setText(self.tr("Archived: this ticket is closed and read-only."))
        self.quarantine_label.setText(self.tr(
            "Quarantine: the caller is not a registered customer yet. The ticket goes to the normal queues "
            "(and is dispatched) once the customer is registered at the intake."))
        self.sensitive_chip.setText(self.tr("Sensitive"))
        self.sensitive_chip.setToolTip(self.tr("Public opinion, media or a major complaint: the office and the "
                                               "center leader approve too"))
        self.reply_title.setText(self.tr("Reply to the customer"))
        self.construction.translate_ui()
        self.description_title.setText(self.tr("Content"))
        self.solution_title.setText(self.tr("Solution"))
        self.clocks_title.setText(self.tr("Time limits"))
        self.history_title.setText(self.tr("History"))
        self.placeholder_label.setText(self.tr("Choose a ticket to see it here."))
        self.clocks_table.setHorizontalHeaderLabels(
            [self.tr("Limit"), self.tr("Allowed"), self.tr("Deadline"), self.tr("Time left")])
        self.history_table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("By"), self.tr("Action"), self.tr("State"), self.tr("Note")])
        for action, button in self.action_buttons.items():
            button.setText(label(action) + ("…" if action in DIALOG_ACTIONS else ""))
        for op, button in self.op_buttons.items():
            button.setText(op_text(op, sensitive=bool(self.detail and self.detail.sensitive)))
        if self.detail is not None:
            self._fill(self.detail)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.translate_ui()
        super().changeEvent(event)

    # ----- public --------------------------------------------------------------------------------------------

    def show_ticket(self, ticket_id: int | None) -> None:
        """Show a ticket (or nothing); a dialog still open for another ticket is closed."""
        if self._dialog is not None and ticket_id != self.current_ticket_id:
            self._dialog.reject()
        self.current_ticket_id = ticket_id
        self.message_label.hide()
        if ticket_id is None:
            self.detail = None
            self.stack.setCurrentIndex(0)
            return
        self.reload()

    def reload(self) -> None:
        """Read the shown ticket again from the database."""
        if self.current_ticket_id is None:
            return
        try:
            detail = queries.ticket_detail(self.current_ticket_id)
        except NotFound as err:
            self.detail = None
            self.placeholder_label.setText(error_text(err))
            self.stack.setCurrentIndex(0)
            return
        self.detail = detail
        self.tasks = construction.tasks_of(detail.id) if detail.kind == TicketKind.FTTH_INSTALL else []
        self._marketing_department = (
            queries.department_id_by_code(self.ctx.service.setting(SETTING_MARKETING, DEFAULT_MARKETING))
            if detail.kind == TicketKind.FTTH_INSTALL else None)
        self._fill(detail)
        self.stack.setCurrentIndex(1)

    @Slot()
    def tick(self) -> None:
        """Refresh the time-left column (no database access)."""
        if self.detail is None:
            return
        self._fill_clock_status(self.ctx.now())

    def action_button(self, action: Action) -> QPushButton:
        return self.action_buttons[Action(action)]

    def available_actions(self) -> list[Action]:
        """The actions with a usable button now: allowed by the state and permitted to the acting person."""
        return [a for a, b in self.action_buttons.items() if not b.isHidden() and b.isEnabled()]

    def operation_button(self, op: TicketOp) -> QPushButton:
        op = TicketOp(op)
        return self.construction.buttons[op] if op in CONSTRUCTION_OPS else self.op_buttons[op]

    def available_operations(self) -> list[TicketOp]:
        """The ticket operations (not state changes) with a usable button now."""
        return [op for op in TicketOp if not self.operation_button(op).isHidden()
                and self.operation_button(op).isEnabled()]

    def trigger(self, action: Action) -> ActionDialog | None:
        """What a click on an action button does: open its dialog, or run it at once; returns the dialog if any."""
        if Action(action) in DIALOG_ACTIONS:
            return self.open_action_dialog(action)
        self.perform(action)
        return None

    def open_action_dialog(self, action: Action) -> ActionDialog:
        """Open (window-modal, not blocking) the dialog of an action on the shown ticket and return it."""
        if self.detail is None:
            raise RuntimeError("no ticket shown")
        action = Action(action)
        if self._dialog is not None:
            self._dialog.reject()
        detail = self.detail
        summary = self._summary(detail)
        if action == Action.DISPATCH:
            dialog: ActionDialog = DispatchDialog(queries.departments(), self._field_workers(), summary=summary,
                                                  parent=self)
        elif action == Action.RETURN:
            dialog = ReasonDialog(action, self.tr("&Why not ours"), summary=summary, parent=self)
        elif action == Action.BLOCK:
            dialog = ReasonDialog(action, self.tr("&Waiting for"), summary=summary, parent=self)
            dialog.reason_edit.setPlaceholderText(
                self.tr("Required: the outside party and what is awaited; the time limits pause"))
        elif action == Action.REOPEN:
            dialog = ReasonDialog(action, self.tr("&Reason"), summary=summary, parent=self)
            dialog.reason_edit.setPlaceholderText(self.tr("Required: what the customer says is still wrong"))
        elif action == Action.APPOINT:
            dialog = AppointDialog(self.ctx.now(), current=detail.appointment_at, summary=summary, parent=self)
        elif action == Action.RESOLVE:
            dialog = ResolveDialog(summary=summary, parent=self)
        elif action == Action.VISIT:
            dialog = VisitDialog(summary=summary, parent=self)
        elif action == Action.APPROVE:
            step = STATE_STEP.get(State(detail.state), Step.LEADER)
            dialog = ApproveDialog(step, detail.solution, summary=summary, parent=self)
        elif action == Action.SEND_BACK:
            dialog = ReasonDialog(action, self.tr("&What to change"), summary=summary, parent=self)
            dialog.reason_edit.setPlaceholderText(
                self.tr("Required: what the department must change in its solution"))
        elif action == Action.REPLY:
            dialog = ReplyDialog(detail.solution, summary=summary, parent=self)
        elif action == Action.TRANSFER:
            dialog = TransferDialog(queries.departments(), current_department=detail.department_id,
                                    summary=summary, parent=self)
        else:
            raise ValueError(f"{action} has no dialog")
        if action == Action.RETURN:
            dialog.reason_edit.setPlaceholderText(self.tr("Required: why this is not your department's ticket"))
        return self._open_dialog(dialog, self.tr("{action}: {number}").format(action=label(action),
                                                                             number=detail.number))

    def _open_dialog(self, dialog: FormDialog, title: str) -> FormDialog:
        dialog.setWindowTitle(title)
        dialog.expected_version = self.detail.version
        dialog.submitted.connect(self._on_dialog_submitted)
        dialog.finished.connect(self._on_dialog_finished)
        self._dialog = dialog
        dialog.open()
        return dialog

    def trigger_operation(self, op: TicketOp) -> FormDialog | None:
        """What a click on an operation button does: open its dialog, or run it at once."""
        op = TicketOp(op)
        if op in DIALOG_OPS:
            return self.open_operation_dialog(op)
        self.perform_operation(op)
        return None

    def open_operation_dialog(self, op: TicketOp) -> FormDialog:
        """Open (window-modal, not blocking) the dialog of a ticket operation and return it."""
        if self.detail is None:
            raise RuntimeError("no ticket shown")
        op = TicketOp(op)
        if self._dialog is not None:
            self._dialog.reject()
        d = self.detail
        summary = self._summary(d)
        if op == TicketOp.ESCALATE:
            dialog: FormDialog = EscalateDialog(d.escalation, summary=summary, parent=self)
        elif op == TicketOp.SENSITIVE:
            dialog = SensitiveDialog(d.sensitive, summary=summary, parent=self)
        elif op == TicketOp.CIRCULATE:
            dialog = CirculateDialog(self._circulation_departments(), self._members_told, summary=summary,
                                     parent=self)
        elif op == TicketOp.QUOTE:
            dialog = QuoteDialog(_price(d), summary=summary, parent=self)
        elif op == TicketOp.CONSENT:
            dialog = ConsentDialog(_price(d), summary=summary, parent=self)
        elif op == TicketOp.CONSTRUCTION_OPEN:
            dialog = self._construction_dialog(d, summary)
        elif op == TicketOp.CONSTRUCTION_DONE:
            task = unfinished_task(self.tasks)
            if task is None:
                raise RuntimeError("no construction task to finish")
            dialog = ConstructionDoneDialog(task, summary=summary, parent=self)
        else:
            raise ValueError(f"{op} has no dialog")
        return self._open_dialog(dialog, self.tr("{action}: {number}").format(
            action=dialog.windowTitle(), number=d.number))

    def perform_operation(self, op: TicketOp, values: dict | None = None) -> bool:
        """Run a ticket operation that needs no input; on refusal show why. True if done."""
        if self.detail is None:
            return False
        op = TicketOp(op)
        try:
            message = self._call_operation(op, values or {}, self.detail.version)
        except ConflictError as err:
            self.reload()
            self._show_message(error_text(err), error=True)
            return False
        except DeskError as err:
            self._show_message(error_text(err), error=True)
            return False
        self._after_operation(message)
        return True

    def _circulation_departments(self):
        """公告 goes to one department: your own, unless you are a supervisor or an administrator."""
        actor = self.ctx.actor
        departments = queries.departments()
        if may_circulate_to_any(actor):
            return departments
        return [d for d in departments if d.id == actor.department_id]

    def _members_told(self, department_id: int) -> int:
        return queries.department_member_count(department_id, exclude_staff_id=self.ctx.actor.id)

    def _construction_dialog(self, d: TicketDetail, summary: str) -> ConstructionTaskDialog:
        today = self.ctx.now().date()
        resolve = next((c for c in d.clocks if c.kind == ClockKind.RESOLVE and c.deadline), None)
        # The install has to be finished within its own limit: ask for the construction a little before that.
        due = max(today, (resolve.deadline.date() - dt.timedelta(days=2)) if resolve else today)
        if due == today:
            due = today + dt.timedelta(days=3)
        service = self.ctx.service
        contractor = service.setting(SETTING_CONTRACTOR, DEFAULT_CONTRACTOR)
        try:
            contractors = [str(c.get("name", "")) for c in json.loads(service.setting(SETTING_CONTRACTORS, "[]"))
                           if isinstance(c, dict) and c.get("name")]
        except (ValueError, AttributeError):
            contractors = []
        item = ITEMS[1] if d.variant == Variant.FTTH_SPLITTER else ITEMS[0]
        return ConstructionTaskDialog(item=item, due=due, today=today, contractor=contractor,
                                      contractors=contractors, maintainers=queries.field_staff(d.department_id),
                                      summary=summary, parent=self)

    def perform(self, action: Action, values: dict | None = None, *, expected_version: int | None = None) -> bool:
        """Run an action on the shown ticket; on refusal show why (and reload after a conflict). True if done."""
        if self.detail is None:
            return False
        version = self.detail.version if expected_version is None else expected_version
        try:
            self._call_service(Action(action), values or {}, version)
        except ConflictError as err:
            self.reload()
            self._show_message(error_text(err), error=True)
            return False
        except DeskError as err:
            self._show_message(error_text(err), error=True)
            return False
        self._after_action(Action(action))
        return True

    @Slot()
    def open_slip_preview(self) -> SlipPreviewDialog | None:
        """派工单: make the PDF and show it in a preview with Save and Print."""
        if self.current_ticket_id is None:
            return None
        # Imported here: ReportLab loads only when a slip is first printed, not at start-up.
        from desk_app.print.slip import dispatch_slip_pdf

        try:
            data = queries.slip_data(self.current_ticket_id)
            pdf = dispatch_slip_pdf(data)
        except DeskError as err:
            self._show_message(error_text(err), error=True)
            return None
        except Exception:  # a broken form must not take the desk down
            log.exception("making the dispatch slip failed")
            self._show_message(self.tr("The dispatch slip could not be made."), error=True)
            return None
        dialog = SlipPreviewDialog(pdf, number=data.number, parent=self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        return dialog

    # ----- running actions -----------------------------------------------------------------------------------

    def _call_service(self, action: Action, values: dict, version: int) -> None:
        service, actor, ticket_id = self.ctx.service, self.ctx.actor, self.detail.id
        if action == Action.DISPATCH:
            service.dispatch(actor, ticket_id, values.get("department_id"), worker=values.get("worker", ""),
                             note=values.get("note", ""), expected_version=version)
        elif action == Action.ACCEPT:
            service.accept(actor, ticket_id, expected_version=version)
        elif action == Action.RETURN:
            service.return_ticket(actor, ticket_id, values.get("reason", ""), expected_version=version)
        elif action == Action.APPOINT:
            service.appoint(actor, ticket_id, values.get("at"), note=values.get("note", ""),
                            expected_version=version)
        elif action == Action.START:
            service.start(actor, ticket_id, expected_version=version)
        elif action == Action.BLOCK:
            service.block(actor, ticket_id, values.get("reason", ""), expected_version=version)
        elif action == Action.UNBLOCK:
            service.unblock(actor, ticket_id, expected_version=version)
        elif action == Action.RESOLVE:
            service.resolve(actor, ticket_id, values.get("solution", ""), expected_version=version)
        elif action == Action.VISIT:
            service.return_visit(actor, ticket_id, values.get("satisfaction"), values.get("note", ""),
                                 expected_version=version)
        elif action == Action.REOPEN:
            # 重新处理 is an unsatisfied customer: the same service path as an unsatisfied return visit.
            service.return_visit(actor, ticket_id, Satisfaction.UNSATISFIED, values.get("reason", ""),
                                 expected_version=version)
        elif action == Action.ARCHIVE:
            service.archive(actor, ticket_id, expected_version=version)
        elif action == Action.APPROVE:
            service.approve(actor, ticket_id, values.get("note", ""), expected_version=version)
        elif action == Action.SEND_BACK:
            service.send_back(actor, ticket_id, values.get("reason", ""), expected_version=version)
        elif action == Action.REPLY:
            service.reply(actor, ticket_id, values.get("note", ""), expected_version=version)
        elif action == Action.TRANSFER:
            department_id = values.get("department_id")
            if department_id is None:
                raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Choose a department."), field="department")
            service.transfer(actor, ticket_id, department_id, values.get("reason", ""), expected_version=version)
        else:  # pragma: no cover - every Action is handled above
            raise ValueError(action)

    def _call_operation(self, op: TicketOp, values: dict, version: int) -> str:
        """Run a ticket operation through the services; returns what to tell the user."""
        service, actor, d = self.ctx.service, self.ctx.actor, self.detail
        note = values.get("note", "")
        if op == TicketOp.ESCALATE:
            level = Escalation(values["level"])
            service.escalate(actor, d.id, level, note, expected_version=version)
            return self.tr("Escalated: \u201c{level}\u201d.").format(level=label(level))
        if op == TicketOp.SENSITIVE:
            sensitive = bool(values.get("sensitive", not d.sensitive))
            service.set_sensitive(actor, d.id, sensitive, note, expected_version=version)
            return (self.tr("Marked sensitive: the office and the center leader approve too.") if sensitive
                    else self.tr("No longer marked sensitive."))
        if op == TicketOp.CIRCULATE:
            department_id = values.get("department_id")
            if department_id is None:
                raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Choose a department."), field="department")
            count = coordination.circulate(service, actor, d.id, department_id, note)
            name = next((x.name for x in queries.departments() if x.id == department_id), "")
            return self.tr("Circulated in {department}: %n member(s) told.", "", count).format(department=name)
        if op == TicketOp.QUOTE:
            service.quote_price(actor, d.id, values.get("price", ""), note, expected_version=version)
            return self.tr("Price quoted; the owner's answer is awaited before work starts.")
        if op == TicketOp.CONSENT:
            consent = bool(values.get("consent"))
            service.record_consent(actor, d.id, consent, note, expected_version=version)
            return (self.tr("The owner agrees to the price: work can start.") if consent
                    else self.tr("The owner does not agree to the price."))
        if op == TicketOp.CONSTRUCTION_OPEN:
            construction.open_task(
                service, actor, d.id, item=values.get("item", ""), cable_cores=values.get("cable_cores"),
                cable_metres=values.get("cable_metres"), due_date=values["due_date"],
                maintainer_name=values.get("maintainer_name", ""),
                maintainer_phone=values.get("maintainer_phone", ""), contractor=values.get("contractor") or None)
            return self.tr("Construction task issued; the marketing department confirms it next.")
        if op == TicketOp.CONSTRUCTION_CONFIRM:
            task = unfinished_task(self.tasks)
            if task is None:
                raise DeskError(QT_TRANSLATE_NOOP("DeskError", "There is no construction task to confirm."))
            construction.confirm_by_marketing(service, actor, task.id)
            return self.tr("Construction task {number} confirmed.").format(number=task.number)
        if op == TicketOp.CONSTRUCTION_DONE:
            task = unfinished_task(self.tasks)
            if task is None:
                raise DeskError(QT_TRANSLATE_NOOP("DeskError", "There is no construction task to finish."))
            construction.report_done(service, actor, task.id,
                                     resources_entered=bool(values.get("resources_entered")))
            return self.tr("Construction done; {name} is notified that the install can go ahead.").format(
                name=task.maintainer_name)
        raise ValueError(op)  # pragma: no cover - every TicketOp is handled above

    def _after_operation(self, message: str) -> None:
        ticket_id = self.current_ticket_id
        self.reload()
        self._show_message(message)
        self.ticket_changed.emit(ticket_id)

    def _after_action(self, action: Action) -> None:
        ticket_id = self.current_ticket_id
        self.reload()
        if self.detail is not None:
            self._show_message(self.tr("{action}: done. The ticket is now “{state}”.").format(
                action=label(action), state=label_of(State, self.detail.state)))
        self.ticket_changed.emit(ticket_id)

    @Slot()
    def _on_dialog_submitted(self) -> None:
        dialog = self.sender()
        if not isinstance(dialog, FormDialog) or self.detail is None:
            return
        dialog.errors.clear()
        message = None
        try:
            values = dialog.values()
            if isinstance(dialog, ActionDialog):
                self._call_service(dialog.action, values, dialog.expected_version)
            else:
                message = self._call_operation(dialog.operation, values, dialog.expected_version)
        except ConflictError as err:
            # Reload so the retry refers to what is there now; the dialog keeps what was typed.
            self.reload()
            if self.detail is not None:
                dialog.expected_version = self.detail.version
            dialog.show_conflict(error_text(err))
            self._show_message(error_text(err), error=True)
            return
        except DeskError as err:
            widget = dialog.errors.show_error(err)
            if widget is not None:
                widget.setFocus()
            return
        except Exception:
            log.exception("%s failed", getattr(dialog, "action", None) or getattr(dialog, "operation", None))
            dialog.errors.show_general(self.tr("Could not save. Nothing was changed; try again."))
            return
        dialog.accept()
        if isinstance(dialog, ActionDialog):
            self._after_action(dialog.action)
        else:
            self._after_operation(message)

    @Slot()
    def _on_dialog_finished(self) -> None:
        if self.sender() is self._dialog:
            self._dialog = None

    # ----- filling -------------------------------------------------------------------------------------------

    def _summary(self, d: TicketDetail) -> str:
        parts = [d.number, label_of(TicketKind, d.kind), d.caller_name, d.address]
        text = "  ·  ".join(p for p in parts if p)
        description = d.description.replace("\n", " ")
        if len(description) > 60:
            description = description[:60] + "…"
        return f"{text}\n{description}"

    def _field_workers(self) -> dict[int, list[str]]:
        if self._workers is None:
            workers: dict[int, list[str]] = {}
            for staff in queries.staff_list():
                if staff.role == Role.FIELD and staff.department_id is not None:
                    workers.setdefault(staff.department_id, []).append(staff.name)
            self._workers = workers
        return self._workers

    def _fill(self, d: TicketDetail) -> None:
        state = State(d.state)
        archived = state == State.ARCHIVED
        self.number_label.setText(d.number)
        self.number_label.setStyleSheet("color: #78909c;" if archived else "")
        background, foreground = state_colors(d.state)
        self.state_label.setText(label_of(State, d.state))
        self.state_label.setStyleSheet(f"background: {background}; color: {foreground};")
        background, foreground = priority_colors(d.priority)
        self.priority_label.setText(f"P{d.priority}")
        self.priority_label.setStyleSheet(f"background: {background}; color: {foreground};")
        kind = [label_of(TicketKind, d.kind)]
        if d.variant:
            kind.append(label_of(Variant, d.variant))
        if d.severity:
            kind.append(label_of(Severity, d.severity))
        self.kind_label.setText(" · ".join(kind))
        self.archived_label.setVisible(archived)
        self.quarantine_label.setVisible(d.quarantined and not archived)
        self.print_button.setVisible(may(self.ctx.actor.role, Operation.PRINT_SLIP))
        formal = d.complaint_level == ComplaintLevel.FORMAL
        self.level_chip.setText(label(ComplaintLevel.FORMAL))
        self.level_chip.setToolTip(self.tr("Formal complaint: a repeat within 4 hours, or made in a business hall "
                                           "or through 12530"))
        self.level_chip.setVisible(formal)
        if d.escalation:
            background, foreground = escalation_colors(d.escalation)
            self.escalation_chip.setText(label_of(Escalation, d.escalation))
            self.escalation_chip.setStyleSheet(f"background: {background}; color: {foreground};")
        self.escalation_chip.setVisible(bool(d.escalation))
        self.sensitive_chip.setVisible(d.sensitive)
        path = workflow_for(TicketKind(d.kind), self.ctx.service.workflows()).path(d.sensitive)
        self.path_view.set_path(path, state)
        self.path_view.setVisible(bool(path))

        values = {
            "channel": label_of(Channel, d.channel), "accepted_at": format_time(d.accepted_at),
            "caller": d.caller_name, "phone": d.phone, "address": d.address, "area": d.area,
            "department": d.department, "receiver": d.receiver, "worker": d.worker,
            "appointment_at": format_time(d.appointment_at), "created_by": d.created_by,
            "dispatched_at": format_time(d.dispatched_at), "resolved_at": format_time(d.resolved_at),
            "satisfaction": label_of(Satisfaction, d.satisfaction), "category": d.category,
            "scope": label_of(Scope, d.scope) if d.scope else "", "station": d.station,
            "rectify_by": format_time(d.rectify_by), "routed": self._routed_text(d),
            "complaint_level": label_of(ComplaintLevel, d.complaint_level),
            "quoted_price": self.tr("{price} yuan").format(price=_price(d)) if d.quoted_price is not None else "",
            "owner_consent": self._consent_text(d),
        }
        for key, text in values.items():
            self.values[key].setText(text or "—")
        self.values["linked"].setText(self._linked_html(d))
        shown = {key: not (key in OPTIONAL_FIELDS and not text) for key, text in values.items()}
        shown["linked"] = bool(d.linked_ticket_id or d.linked_from)
        for key, visible in shown.items():
            self.captions[key].setVisible(visible)
            self.values[key].setVisible(visible)
        self.description_label.setText(d.description)
        self.solution_label.setText(d.solution)
        self.solution_title.setVisible(bool(d.solution))
        self.solution_label.setVisible(bool(d.solution))
        self.reply_label.setText(d.reply_note)
        self.reply_title.setVisible(bool(d.reply_note))
        self.reply_label.setVisible(bool(d.reply_note))
        self.construction.setVisible(d.kind == TicketKind.FTTH_INSTALL)
        self.construction.set_tasks(self.tasks)
        self._fill_clocks(d)
        self._fill_history(d)
        self._update_actions()

    def _routed_text(self, d: TicketDetail) -> str:
        if d.routed == Routed.DIRECT:
            return self.tr("Direct dispatch (routing rule)")
        if d.routed == Routed.TRANSFER:
            return self.tr("Transfer dispatch (second-level dispatcher)")
        return ""

    def _consent_text(self, d: TicketDetail) -> str:
        if d.quoted_price is None:
            return ""
        if d.owner_consent is None:
            return self.tr("Answer awaited")
        return self.tr("Agrees to the price") if d.owner_consent else self.tr("Does not agree")

    def _linked_html(self, d: TicketDetail) -> str:
        def link(ticket_id: int, number: str) -> str:
            return f'<a href="{TICKET_LINK}{ticket_id}">{html.escape(number)}</a>'

        parts = []
        if d.linked_ticket_id:
            parts.append(html.escape(self.tr("Repeats {number}")).format(
                number=link(d.linked_ticket_id, d.linked_ticket_number or str(d.linked_ticket_id))))
        if d.linked_from:
            parts.append(html.escape(self.tr("Repeated in {numbers}")).format(
                numbers=", ".join(link(i, n) for i, n in d.linked_from)))
        return " &nbsp;·&nbsp; ".join(parts)

    def _fill_clocks(self, d: TicketDetail) -> None:
        table = self.clocks_table
        table.setRowCount(len(d.clocks))
        for row, clock in enumerate(d.clocks):
            if clock.deadline:
                deadline = format_time(clock.deadline)
            elif clock.paused:
                deadline = self.tr("— (set again on resume)")
            else:
                deadline = "—"
            if clock.deadline and clock.provisional:
                deadline += " " + self.tr("(provisional)")
            texts = [label_of(ClockKind, clock.kind), limit_text(clock.limit), deadline, ""]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column == 2 and clock.provisional:
                    item.setToolTip(self.tr("The official holiday schedule of that year is not entered yet: "
                                            "the deadline may move when it is."))
                table.setItem(row, column, item)
        self.clocks_title.setVisible(bool(d.clocks))
        table.setVisible(bool(d.clocks))
        self._fill_clock_status(self.ctx.now())
        _fit_height(table)

    def _fill_clock_status(self, now: dt.datetime) -> None:
        if self.detail is None:
            return
        table = self.clocks_table
        bold = _bold(table.font())
        for row, clock in enumerate(self.detail.clocks):
            if row >= table.rowCount():
                break
            status = clock_status(now, clock.deadline, clock.warn_at, paused=clock.paused,
                                  stopped_at=clock.stopped_at)
            text = self._clock_text(now, clock, status)
            color = QBrush(STATUS_COLORS[status])
            background = STATUS_BACKGROUNDS.get(status)
            for column in range(table.columnCount()):
                item = table.item(row, column)
                if item is None:
                    continue
                if column == 3:
                    item.setText(text)
                    item.setForeground(color)
                    if status in (ClockStatus.OVERDUE, ClockStatus.APPROACHING, ClockStatus.PAUSED):
                        item.setFont(bold)
                if background is not None:
                    item.setBackground(QBrush(background))
                else:
                    item.setData(Qt.ItemDataRole.BackgroundRole, None)
                if status in (ClockStatus.MET, ClockStatus.BREACHED) and column != 3:
                    item.setForeground(QBrush(STATUS_COLORS[ClockStatus.PAUSED]))

    def _clock_text(self, now: dt.datetime, clock: ClockView, status: ClockStatus) -> str:
        if status == ClockStatus.MET:
            return self.tr("met {time}").format(time=format_time(clock.stopped_at))
        if status == ClockStatus.BREACHED:
            late = int((clock.stopped_at - clock.deadline).total_seconds())
            return self.tr("met late by {t}").format(t=duration_text(late))
        return time_left_text(now, clock.deadline, status)

    def _fill_history(self, d: TicketDetail) -> None:
        table = self.history_table
        table.setRowCount(len(d.history))
        names = self._history_names()
        for row, line in enumerate(d.history):
            action = names.get(line.action) or label_of(Action, line.action)
            if line.from_state and line.to_state and line.from_state != line.to_state:
                states = f"{label_of(State, line.from_state)} → {label_of(State, line.to_state)}"
            else:
                states = label_of(State, line.to_state)
            note = "; ".join(label_of(Satisfaction, part) if part in set(Satisfaction) else part
                             for part in line.note.split("; ")) if line.note else ""
            if line.action == "escalate" and note:
                level, _, rest = note.partition("；")
                note = "；".join(p for p in (label_of(Escalation, level), rest) if p)
            texts = [line.at.strftime("%m-%d %H:%M"), line.actor, action, states, note]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setToolTip(format_time(line.at))
                if column == 4:
                    item.setToolTip(line.note)
                table.setItem(row, column, item)
        _fit_height(table)

    def _history_names(self) -> dict[str, str]:
        """Names of the history entries that are not state-machine actions."""
        return {
            "create": self.tr("Created"), "escalate": self.tr("Escalated"), "sensitive": self.tr("Sensitivity"),
            "circulate": self.tr("Circulated"), "quote": self.tr("Price quoted"), "consent": self.tr("Owner's answer"),
            "construction": self.tr("Construction task"), "construction_confirm": self.tr("Marketing confirmed"),
            "construction_done": self.tr("Construction done"), "release": self.tr("Released from quarantine"),
        }

    def _update_actions(self) -> None:
        d = self.detail
        if d is None:
            return
        actor = self.ctx.actor
        state = State(d.state)
        possible = set(allowed_actions(state))
        primary = PRIMARY_ACTION.get(state)
        shown = 0
        for action, button in self.action_buttons.items():
            visible = action in possible and action_permitted(actor, action, d)
            button.setVisible(visible)
            # Shown but not usable yet: the button says what it waits for.
            waiting = self._waiting_for(action, d) if visible else ""
            button.setEnabled(visible and not waiting)
            button.setToolTip(waiting)
            button.setObjectName("primaryAction" if action == primary else "actionButton")
            button.style().unpolish(button)
            button.style().polish(button)
            shown += visible
        self.actions_bar.setVisible(state != State.ARCHIVED)
        if shown:
            self.no_actions_label.hide()
        else:
            self.no_actions_label.setText(self._waiting_text(state, d))
            self.no_actions_label.show()
        ops = available_ops(actor, d, tasks=self.tasks, marketing_department=self._marketing_department)
        for op, button in self.op_buttons.items():
            button.setText(op_text(op, sensitive=d.sensitive))
            button.setVisible(op in ops)
            button.setEnabled(op in ops)
        self.ops_bar.setVisible(any(op in ops for op in ROW_OPS))
        self.construction.set_allowed([op for op in ops if op in CONSTRUCTION_OPS])

    def _waiting_for(self, action: Action, d: TicketDetail) -> str:
        """Why an offered action cannot be used yet ("" when it can)."""
        if action == Action.START and d.variant == Variant.PAID and not d.owner_consent \
                and self.ctx.service.setting(SETTING_PAID_CONSENT, "1") == "1":
            return self.tr("A paid repair starts once the owner agreed to the quoted price.")
        if action == Action.RESOLVE and unfinished_task(self.tasks) is not None:
            return self.tr("The construction task has to be done first.")
        return ""

    def _waiting_text(self, state: State, d: TicketDetail) -> str:
        if state in (State.DISPATCHED, State.ACCEPTED, State.APPOINTED, State.IN_PROGRESS, State.BLOCKED):
            return self.tr("With {department}: nothing for you to do now.").format(
                department=d.department or self.tr("the department"))
        if state == State.PENDING_REPLY:
            return self.tr("Waiting for the front desk to tell the customer.")
        if state in STATE_STEP:
            step = STATE_STEP[state]
            return self.tr("Waiting for: {step} ({role}).").format(step=label(step), role=label(STEP_ROLE[step]))
        if state in (State.NEW, State.RETURNED) and d.quarantined:
            return self.tr("In quarantine until the caller is registered as a customer.")
        return self.tr("Nothing for you to do now.")

    def _show_message(self, text: str, *, error: bool = False) -> None:
        self.message_label.setStyleSheet("color: #c62828;" if error else "color: #1b5e20;")
        self.message_label.setText(text)
        self.message_label.show()

    # ----- slots ---------------------------------------------------------------------------------------------

    @Slot(object)
    def _on_ctx_changed(self, change) -> None:
        if change.topic == "calendar" and self.detail is not None:
            self.reload()
            return
        if change.topic != "ticket" or change.ticket_id != self.current_ticket_id or self.detail is None:
            return
        if change.version is not None and change.version == self.detail.version:
            return  # already showing it (this pane made the change)
        self.reload()

    @Slot(str)
    def _on_linked_label_link_activated(self, href: str) -> None:
        if not href.startswith(TICKET_LINK):
            return
        ticket_id = int(href.removeprefix(TICKET_LINK))
        self.show_ticket(ticket_id)
        self.ticket_activated.emit(ticket_id)

    @Slot(str)
    def _on_construction_requested(self, op: str) -> None:
        self.trigger_operation(TicketOp(op))

    @Slot(object)
    def _on_ctx_actor_changed(self, _actor) -> None:
        self._update_actions()
        if self.detail is not None:
            self.print_button.setVisible(may(self.ctx.actor.role, Operation.PRINT_SLIP))
