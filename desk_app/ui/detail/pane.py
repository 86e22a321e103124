"""The ticket detail pane: everything about one ticket (routing, complaint level, escalation, quarantine, paid-repair
quote, FTTH construction tasks), its approval path, running clocks and history, and the actions it allows."""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import DatabaseUnavailable, DeskError
from desk_app.core.kinds import TicketKind
from desk_app.core.papers import FormKind
from desk_app.core.permissions import Operation
from desk_app.core.rules import Verdict, may_operate
from desk_app.core.states import Action, State
from desk_app.services import knowledge
from desk_app.services.construction import ConstructionView
from desk_app.services.knowledge import ANSWERED_STATES
from desk_app.services.views import TicketDetail
from desk_app.ui import settings as app_settings
from desk_app.ui.banner import OutageWatch
from desk_app.ui.batch_print import PaperJob, print_paper
from desk_app.ui.common import error_text, label, label_of, verdict_text
from desk_app.ui.context import DeskContext
from desk_app.ui.detail.actions import (
    DIALOG_ACTIONS,
    PRIMARY_ACTION,
    action_call,
    action_dialog,
    operation_dialog,
    run_action,
    run_operation,
    waiting_text,
)
from desk_app.ui.detail.clocks import ClocksTable
from desk_app.ui.detail.common import bold_font
from desk_app.ui.detail.facts import TicketFacts
from desk_app.ui.detail.header import TicketHeader
from desk_app.ui.detail.history import HistoryTable
from desk_app.ui.detail.loading import Acting, ChangeOutcome, LoadedTicket, change_and_load, load_ticket
from desk_app.ui.dialogs import ActionDialog, FormDialog, SlipPreviewDialog
from desk_app.ui.ticket_ops import (
    CONSTRUCTION_OPS,
    DIALOG_OPS,
    ROW_OPS,
    ApprovalPathView,
    ConstructionSection,
    TicketOp,
    op_text,
)
from desk_app.ui.workers import RequestSequencer

__all__ = ["DetailPane"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class KeptCall:
    """An action as it is kept on this PC if the database is away: the service method, the ticket as the user saw
    it (id, number, version) and the arguments."""

    method: str
    ticket_id: int
    number: str
    version: int
    arguments: dict
REFUSED = Verdict(False)

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


class DetailPane(QWidget):
    """工单详情: one ticket with its clocks and history, and buttons for what the acting person may do now: the
    state-machine actions (`trigger(action)`) and the ticket operations of ticket_ops (`trigger_operation(op)`).

    `show_ticket(id)` shows a ticket (None: nothing); `tick()` refreshes the countdowns (the main window calls it
    every second); `ticket_changed(id)` is emitted after this pane changed a ticket; `ticket_activated(id)` when
    the pane opened another ticket by itself (a linked complaint's number was clicked).

    The window's thread never waits for the database here: the ticket is read, and every action runs, on a worker
    (ui.workers.RequestSequencer). Until the answer arrives the pane keeps what it showed (a light "Loading…"
    after 150 ms) with its buttons disabled if that was another ticket; an answer for a ticket no longer chosen is
    dropped. `loaded(id)` is emitted when a ticket's read arrived (shown, or the reason it cannot be);
    `change_finished(ok)` when an action or operation came back (done, or refused with the reason shown).
    """

    ticket_changed = Signal(int)
    ticket_activated = Signal(int)
    loaded = Signal(int)
    change_finished = Signal(bool)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current_ticket_id: int | None = None
        self.detail: TicketDetail | None = None
        self.tasks: list[ConstructionView] = []
        self.verdicts: dict = {}
        self._dialog: FormDialog | None = None
        # Where actions met by an outage are kept (the window's OutageWatch); None: they are not kept.
        self.outage: OutageWatch | None = None
        self._path: list = []
        self._stale = False   # what is on screen was read for another acting person
        self._slow = False    # an answer is taking longer than RequestSequencer.SLOW_MS
        self._loads = RequestSequencer(self, name="detail-load")
        self._loads.slow.connect(self._on_loads_slow)
        self._loads.busy_changed.connect(self._on_busy_changed)
        self._changes = RequestSequencer(self, name="detail-change")
        self._changes.slow.connect(self._on_changes_slow)
        self._changes.busy_changed.connect(self._on_busy_changed)
        self.setStyleSheet(PANE_STYLE)
        self._build()
        self.translate_ui()
        ctx.changed.connect(self._on_ctx_changed)
        ctx.actor_changed.connect(self._on_ctx_actor_changed)
        self.show_ticket(None)

    # ----- building ------------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.header = TicketHeader()
        # The header's parts, under the names the pane has always given them.
        self.number_label = self.header.number_label
        self.number_label.setFont(bold_font(self.font(), 1.6))
        self.state_label = self.header.state_label
        self.priority_label = self.header.priority_label
        self.kind_label = self.header.kind_label
        self.print_button = self.header.print_button
        self.print_button.clicked.connect(self.open_slip_preview)
        self.forms_button = self.header.forms_button
        self.task_sheet_action = self.header.forms_menu.addAction("")
        self.task_sheet_action.triggered.connect(self.print_task_sheet)
        self.ticket_form_action = self.header.forms_menu.addAction("")
        self.ticket_form_action.triggered.connect(self.print_ticket_form)
        self.incident_report_action = self.header.forms_menu.addAction("")
        self.incident_report_action.triggered.connect(self.print_incident_report)
        self.level_chip = self.header.level_chip
        self.escalation_chip = self.header.escalation_chip
        self.sensitive_chip = self.header.sensitive_chip
        self.archived_label = QLabel()
        self.archived_label.setObjectName("archivedBanner")
        self.quarantine_label = QLabel()
        self.quarantine_label.setObjectName("quarantineBanner")
        self.quarantine_label.setWordWrap(True)
        self.path_view = ApprovalPathView()

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
        self.loading_label = QLabel()
        self.loading_label.setObjectName("loadingHint")
        self.loading_label.setStyleSheet("color: #78909c;")
        self.loading_label.hide()

        # Body: facts, description, solution, clocks, history; it scrolls as a whole.
        self.facts = TicketFacts()
        self.facts.ticket_link_activated.connect(self._on_facts_ticket_link_activated)
        self.captions: dict[str, QLabel] = self.facts.captions
        self.values: dict[str, QLabel] = self.facts.values

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
        self.clocks_table = ClocksTable()
        self.history_title = self._section_title()
        self.history_table = HistoryTable()

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 4, 4, 4)
        body_layout.setSpacing(4)
        body_layout.addWidget(self.facts)
        body_layout.addWidget(self.description_title)
        body_layout.addWidget(self.description_label)
        body_layout.addWidget(self.solution_title)
        body_layout.addWidget(self.solution_label)
        body_layout.addWidget(self.reply_title)
        body_layout.addWidget(self.reply_label)
        # 存入知识库（班务会答复口径）: a solved ticket's agreed answer becomes a knowledge-base article.
        self.kb_button = QPushButton()
        self.kb_button.setObjectName("kbButton")
        self.kb_button.clicked.connect(self.open_meeting_answer_dialog)
        self.kb_button.hide()
        body_layout.addWidget(self.kb_button, 0, Qt.AlignmentFlag.AlignLeft)
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
        content_layout.addWidget(self.header)
        content_layout.addWidget(self.archived_label)
        content_layout.addWidget(self.quarantine_label)
        content_layout.addWidget(self.path_view)
        content_layout.addWidget(self.actions_bar)
        content_layout.addWidget(self.ops_bar)
        content_layout.addWidget(self.message_label)
        content_layout.addWidget(self.loading_label)
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
        self.header.translate_ui()
        self.task_sheet_action.setText(label(FormKind.TASK_SHEET))
        self.ticket_form_action.setText(label(FormKind.TICKET_FORM))
        self.incident_report_action.setText(label(FormKind.INCIDENT_REPORT))
        self.facts.translate_ui()
        self.archived_label.setText(self.tr("Archived: this ticket is closed and read-only."))
        self.quarantine_label.setText(self.tr(
            "Quarantine: the caller is not a registered customer yet. The ticket goes to the normal queues "
            "(and is dispatched) once the customer is registered at the intake."))
        self.reply_title.setText(self.tr("Reply to the customer"))
        self.kb_button.setText(self.tr("Save to the knowledge base (weekly meeting's answer)…"))
        self.kb_button.setToolTip(self.tr("The answer agreed at the weekly meeting becomes a knowledge-base article"))
        self.construction.translate_ui()
        self.description_title.setText(self.tr("Content"))
        self.solution_title.setText(self.tr("Solution"))
        self.clocks_title.setText(self.tr("Time limits"))
        self.history_title.setText(self.tr("History"))
        self.placeholder_label.setText(self.tr("Choose a ticket to see it here."))
        self.loading_label.setText(self.tr("Loading…"))
        self.clocks_table.translate_ui()
        self.history_table.translate_ui()
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
        """Show a ticket (or nothing); a dialog still open for another ticket is closed. The ticket is read on a
        worker: `loaded(id)` says when it is on screen."""
        if self._dialog is not None and ticket_id != self.current_ticket_id:
            self._dialog.reject()
        self.current_ticket_id = ticket_id
        self.message_label.hide()
        if ticket_id is None:
            self._loads.drop()
            self.detail = None
            self.placeholder_label.setText(self.tr("Choose a ticket to see it here."))
            self.stack.setCurrentIndex(0)
            return
        self.reload()

    def reload(self) -> None:
        """Read the shown ticket again from the database (on a worker; what is on screen stays until it arrives)."""
        if self.current_ticket_id is None:
            return
        self._loads.run(functools.partial(load_ticket, self._acting(), self.current_ticket_id),
                        self._on_ticket_loaded, self._on_ticket_load_failed)
        self._update_enabled()

    @property
    def loading(self) -> bool:
        """True while the read of the chosen ticket or an action on it has not come back."""
        return self._loads.busy or self._changes.busy

    @property
    def idle(self) -> bool:
        """True when nothing is outstanding and every worker thread of the pane has ended (tests, closing)."""
        return not self.loading and self._loads.idle and self._changes.idle

    def _acting(self) -> Acting:
        return Acting(self.ctx.service, self.ctx.actor)

    def _show_loaded(self, loaded: LoadedTicket) -> None:
        if loaded.ticket_id != self.current_ticket_id:
            return
        self._stale = False
        if loaded.error is not None or loaded.detail is None:
            self.detail = None
            self.placeholder_label.setText(error_text(loaded.error) if loaded.error is not None else "")
            self.stack.setCurrentIndex(0)
        else:
            self.detail = loaded.detail
            self.verdicts = dict(loaded.verdicts)
            self.tasks = list(loaded.tasks)
            self._path = list(loaded.path)
            self._fill(loaded.detail)
            self.stack.setCurrentIndex(1)
        self._update_enabled()
        self.loaded.emit(loaded.ticket_id)

    def _on_ticket_loaded(self, loaded: LoadedTicket) -> None:
        self._show_loaded(loaded)

    def _on_ticket_load_failed(self, error: BaseException) -> None:
        # Not a refusal (those come back as LoadedTicket.error): the database went away, or a defect (logged).
        self.detail = None
        self.placeholder_label.setText(error_text(error) if isinstance(error, DeskError)
                                       else self.tr("The ticket could not be read. Try again."))
        self.stack.setCurrentIndex(0)
        self._update_enabled()
        if self.current_ticket_id is not None:
            self.loaded.emit(self.current_ticket_id)

    @property
    def actionable(self) -> bool:
        """The ticket on screen is the chosen one, read for the acting person, and no action on it is running: its
        buttons may act. (While not, a click does nothing; the buttons grey out only once that takes a while.)"""
        showing_chosen = self.detail is not None and self.detail.id == self.current_ticket_id
        return showing_chosen and not self._stale and not self._changes.busy

    def _update_enabled(self) -> None:
        if not self.loading:
            self._slow = False
            self.loading_label.hide()
        # Greyed only after SLOW_MS: a read that comes back within a frame or two changes nothing but the content.
        usable = self.actionable or not self._slow
        for widget in (self.actions_bar, self.ops_bar, self.construction, self.print_button, self.forms_button,
                       self.kb_button):
            widget.setEnabled(usable)

    @Slot(bool)
    def _on_busy_changed(self, _busy: bool) -> None:
        self._update_enabled()

    @Slot()
    def _on_loads_slow(self) -> None:
        self._slow = True
        if self.stack.currentIndex() == 0:
            self.placeholder_label.setText(self.tr("Loading…"))
        else:
            self.loading_label.show()
        self._update_enabled()

    @Slot()
    def _on_changes_slow(self) -> None:
        self._slow = True
        self.loading_label.show()
        self._update_enabled()

    @Slot()
    def tick(self) -> None:
        """Refresh the time-left column (no database access)."""
        if self.detail is None:
            return
        self.clocks_table.tick(self.ctx.now())

    def action_button(self, action: Action) -> QPushButton:
        return self.action_buttons[Action(action)]

    def available_actions(self) -> list[Action]:
        """The actions with a usable button now: allowed by the state and permitted to the acting person (none while
        no ticket is shown, e.g. one the acting person may not read: the buttons of the last one do not count)."""
        if not self.actionable:
            return []
        return [a for a, b in self.action_buttons.items() if not b.isHidden() and b.isEnabled()]

    def operation_button(self, op: TicketOp) -> QPushButton:
        op = TicketOp(op)
        return self.construction.buttons[op] if op in CONSTRUCTION_OPS else self.op_buttons[op]

    def available_operations(self) -> list[TicketOp]:
        """The ticket operations (not state changes) with a usable button now."""
        if not self.actionable:
            return []
        with_buttons = set(self.op_buttons) | set(CONSTRUCTION_OPS)  # VIEW, for one, has no button
        return [op for op in TicketOp if op in with_buttons and not self.operation_button(op).isHidden()
                and self.operation_button(op).isEnabled()]

    def trigger(self, action: Action) -> ActionDialog | None:
        """What a click on an action button does: open its dialog, or run it at once; returns the dialog if any.
        Nothing while the chosen ticket is still on its way or an action on it runs (`actionable`)."""
        if not self.actionable:
            return None
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
        dialog = action_dialog(action, detail, ctx=self.ctx, summary=summary, parent=self)
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
        """What a click on an operation button does: open its dialog, or run it at once (nothing while not
        `actionable`)."""
        if not self.actionable:
            return None
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
        dialog = operation_dialog(op, d, ctx=self.ctx, tasks=self.tasks, summary=summary, parent=self)
        return self._open_dialog(dialog, self.tr("{action}: {number}").format(
            action=dialog.windowTitle(), number=d.number))

    def perform_operation(self, op: TicketOp, values: dict | None = None) -> bool:
        """Start a ticket operation that needs no input (on a worker; `change_finished` says how it went). False if
        nothing was started (no ticket on screen, or a change still running)."""
        if not self.actionable:
            return False
        op, detail, tasks, acting = TicketOp(op), self.detail, list(self.tasks), self._acting()
        change = functools.partial(run_operation, acting, detail, tasks, op, dict(values or {}), detail.version)
        self._start_change(change, None, op)
        return True

    def perform(self, action: Action, values: dict | None = None, *, expected_version: int | None = None) -> bool:
        """Start an action on the shown ticket (on a worker; `change_finished` says how it went: on refusal the
        pane shows why, after a conflict the fresh ticket). False if nothing was started."""
        if not self.actionable:
            return False
        action = Action(action)
        version = self.detail.version if expected_version is None else expected_version
        values = dict(values or {})
        change = functools.partial(run_action, self._acting(), self.detail.id, action, values, version)
        self._start_change(change, None, action, self._kept_call(action, values, version))
        return True

    def _kept_call(self, action: Action, values: dict, version: int) -> KeptCall | None:
        """The action as it would be kept on this PC (its service method and arguments), or None if the values are
        incomplete (the service will say which field)."""
        try:
            method, arguments = action_call(action, values)
        except DeskError:
            return None
        return KeptCall(method, self.detail.id, self.detail.number, version, arguments)

    def _start_change(self, change, dialog: FormDialog | None, what, kept: KeptCall | None = None) -> None:
        """Run `change` then read the ticket again, on a worker; the buttons (and the dialog) are disabled until
        the answer is back, so nothing is sent twice. `kept`: what to keep on this PC if the database is away."""
        ticket_id = self.detail.id
        self.message_label.hide()
        if dialog is not None:
            dialog.setEnabled(False)
        self._changes.run(functools.partial(change_and_load, self._acting(), ticket_id, change),
                          functools.partial(self._on_change_done, ticket_id, dialog, what),
                          functools.partial(self._on_change_failed, dialog, what, kept=kept))
        self._update_enabled()

    def _on_change_done(self, ticket_id: int, dialog: FormDialog | None, what, outcome: ChangeOutcome) -> None:
        dialog = dialog if dialog is not None and shiboken6.isValid(dialog) else None
        # A read of the ticket started before the change would show it as it was: this answer is newer.
        if ticket_id == self.current_ticket_id and outcome.loaded is not None:
            self._loads.drop()
            self._show_loaded(outcome.loaded)
        if outcome.conflict is not None:
            text = error_text(outcome.conflict)
            if dialog is not None:
                # The retry refers to what is there now; the dialog keeps what was typed.
                dialog.setEnabled(True)
                if self.detail is not None:
                    dialog.expected_version = self.detail.version
                dialog.show_conflict(text)
            self._show_message(text, error=True)
            self.change_finished.emit(False)
            return
        if dialog is not None:
            dialog.accept()
        if ticket_id == self.current_ticket_id:
            if outcome.loaded is None:
                # Saved, then the database went away before the ticket could be read again: not shown changed yet.
                self._show_message(self.tr("{what}: saved. The database cannot be reached now; the ticket is shown "
                                           "again when it is back.").format(what=self._what_text(what)))
            elif isinstance(what, Action):
                if self.detail is not None:
                    self._show_message(self.tr("{action}: done. The ticket is now “{state}”.").format(
                        action=label(what), state=label_of(State, self.detail.state)))
            elif outcome.message:
                self._show_message(outcome.message)
        self.ticket_changed.emit(ticket_id)
        self.change_finished.emit(True)

    def kept_saves_replayed(self, ticket_ids: set[int]) -> None:
        """The database is back and what this PC kept is saved: the ticket on screen is read again, and if a kept
        action was on it, the pane says it is saved now (instead of "kept")."""
        if self.current_ticket_id is None:
            return
        if self.current_ticket_id in ticket_ids:
            self._show_message(self.tr("What was kept on this PC for this ticket is saved now."))
        self.reload()

    def _keep_for_later(self, kept: KeptCall, what) -> bool:
        """The database is away: keep the action on this PC, with the version of the ticket the user saw, to be
        saved when it is back (services.outbox_local); the pane says so. False if it cannot be kept (no outbox, a
        disk that refuses); a ConflictError if another action on this ticket waits already (one at a time)."""
        if self.outage is None or not self.outage.can_keep():
            return False
        try:
            self.outage.keep_action(self.ctx.actor, kept.method, kept.ticket_id, kept.number, kept.version,
                                    kept.arguments, label=self._what_text(what))
        except OSError:
            log.exception("keeping an action on disk failed")
            return False
        self._show_message(self.tr("{what}: the database cannot be reached; kept on this PC and saved when it is "
                                   "back, as done now.").format(what=self._what_text(what)), error=True)
        return True

    @staticmethod
    def _what_text(what) -> str:
        return label(what) if isinstance(what, Action) else op_text(what)

    def _on_change_failed(self, dialog: FormDialog | None, what, error: BaseException,
                          kept: KeptCall | None = None) -> None:
        dialog = dialog if dialog is not None and shiboken6.isValid(dialog) else None
        if isinstance(error, DatabaseUnavailable) and kept is not None:
            try:
                if self._keep_for_later(kept, what):
                    if dialog is not None:
                        dialog.accept()
                    self._update_enabled()
                    self.change_finished.emit(False)
                    return
            except DeskError as refused:   # another action on this ticket waits: said, what was typed stays
                error = refused
        if dialog is not None:
            dialog.setEnabled(True)
            if isinstance(error, DeskError):
                widget = dialog.errors.show_error(error)
                if widget is not None:
                    widget.setFocus()
            else:  # a defect, already logged by the worker: the dialog keeps what was typed
                dialog.errors.show_general(self.tr("Could not save. Nothing was changed; try again."))
        elif isinstance(error, DeskError):
            self._show_message(error_text(error), error=True)
        else:
            self._show_message(self.tr("Could not save. Nothing was changed; try again."), error=True)
        self._update_enabled()
        self.change_finished.emit(False)

    @Slot()
    def open_slip_preview(self) -> SlipPreviewDialog | None:
        """派工单: make the PDF and show it in a preview with Save and Print."""
        if self.current_ticket_id is None:
            return None
        # Imported here: ReportLab loads only when a slip is first printed, not at start-up.
        from desk_app.services.papers.slips import slip_pdf

        try:
            number = self.detail.number if self.detail is not None else ""
            pdf = slip_pdf(self.ctx.viewer(), self.current_ticket_id, self.ctx.actor,
                           paper=app_settings.slip_paper())
        except DeskError as err:
            self._show_message(error_text(err), error=True)
            return None
        except Exception:  # a broken form must not take the desk down
            log.exception("making the dispatch slip failed")
            self._show_message(self.tr("The dispatch slip could not be made."), error=True)
            return None
        dialog = SlipPreviewDialog(pdf, number=number, parent=self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        return dialog

    def _print_paper(self, make_name: str, kind: FormKind) -> PaperJob | None:
        """One of the ticket's other papers, made off the window's thread (the service says when the ticket has no
        such paper) and shown in the preview."""
        if self.current_ticket_id is None or self.detail is None:
            return None
        from desk_app.services.papers import complaints, tickets  # ReportLab loads on the first print

        make = {"task_sheet": tickets.task_sheet, "ticket_form": tickets.ticket_form,
                "incident_report": complaints.incident_report}[make_name]
        title = f"{label(kind)} {self.detail.number}"
        return print_paper(self, self.ctx, make, self.current_ticket_id, title=title, file_name=f"{title}.pdf")

    @Slot()
    def print_task_sheet(self) -> PaperJob | None:
        return self._print_paper("task_sheet", FormKind.TASK_SHEET)

    @Slot()
    def print_ticket_form(self) -> PaperJob | None:
        return self._print_paper("ticket_form", FormKind.TICKET_FORM)

    @Slot()
    def print_incident_report(self) -> PaperJob | None:
        return self._print_paper("incident_report", FormKind.INCIDENT_REPORT)

    # ----- running actions -----------------------------------------------------------------------------------

    @Slot()
    def _on_dialog_submitted(self) -> None:
        dialog = self.sender()
        if not isinstance(dialog, FormDialog) or self.detail is None or self._changes.busy:
            return
        dialog.errors.clear()
        try:
            values = dialog.values()
        except DeskError as err:  # the form itself is incomplete: beside its field, nothing sent
            widget = dialog.errors.show_error(err)
            if widget is not None:
                widget.setFocus()
            return
        acting, detail, version = self._acting(), self.detail, dialog.expected_version
        kept = None
        if isinstance(dialog, ActionDialog):
            change = functools.partial(run_action, acting, detail.id, dialog.action, values, version)
            what = dialog.action
            kept = self._kept_call(dialog.action, values, version)
        else:
            change = functools.partial(run_operation, acting, detail, list(self.tasks), dialog.operation, values,
                                       version)
            what = dialog.operation
        self._start_change(change, dialog, what, kept)

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

    def _fill(self, d: TicketDetail) -> None:
        state = State(d.state)
        archived = state == State.ARCHIVED
        self.header.show_ticket(d)
        self.archived_label.setVisible(archived)
        self.quarantine_label.setVisible(d.quarantined and not archived)
        self.print_button.setVisible(self._verdict(TicketOp.PRINT_SLIP).allowed)
        # The other papers exist for any kind: the role may print (the service says if the ticket has the paper).
        self.forms_button.setVisible(may_operate(self.ctx.actor.facts, Operation.PRINT_SLIP).allowed)
        path = self._path  # read with the ticket, on the worker
        self.path_view.set_path(path, state)
        self.path_view.setVisible(bool(path))

        self.facts.show_ticket(d)
        self.description_label.setText(d.description)
        self.solution_label.setText(d.solution)
        self.solution_title.setVisible(bool(d.solution))
        self.solution_label.setVisible(bool(d.solution))
        self.reply_label.setText(d.reply_note)
        self.reply_title.setVisible(bool(d.reply_note))
        self.reply_label.setVisible(bool(d.reply_note))
        self.kb_button.setVisible(State(d.state) in ANSWERED_STATES
                                  and may_operate(self.ctx.actor.facts, Operation.EDIT_KNOWLEDGE).allowed)
        self.construction.setVisible(d.kind == TicketKind.FTTH_INSTALL)
        self.construction.set_tasks(self.tasks)
        self.clocks_title.setVisible(bool(d.clocks))
        self.clocks_table.show_clocks(d.clocks, self.ctx.now())
        self.history_table.show_history(d)
        self._update_actions()

    def _update_actions(self) -> None:
        d = self.detail
        if d is None:
            return
        state = State(d.state)
        primary = PRIMARY_ACTION.get(state)
        shown = 0
        for action, button in self.action_buttons.items():
            verdict = self._verdict(action)
            # Allowed: a button. Yours but waiting for something (consent, 返单, ...): a disabled button whose
            # tooltip says what. Anything else is not this person's to do now.
            visible = verdict.allowed or verdict.waiting
            button.setVisible(visible)
            button.setEnabled(verdict.allowed)
            button.setToolTip(verdict_text(verdict))
            name = "primaryAction" if action == primary else "actionButton"
            if button.objectName() != name:  # re-polishing every button on each ticket costs a frame
                button.setObjectName(name)
                button.style().unpolish(button)
                button.style().polish(button)
            shown += visible
        self.actions_bar.setVisible(state != State.ARCHIVED)
        ops = [op for op in (*self.op_buttons, *CONSTRUCTION_OPS) if self._verdict(op).allowed]
        # "Nothing for you to do" only when there is nothing: a construction step waiting for this person counts.
        if shown or any(op in CONSTRUCTION_OPS for op in ops):
            self.no_actions_label.hide()
        else:
            self.no_actions_label.setText(waiting_text(state, d))
            self.no_actions_label.show()
        for op, button in self.op_buttons.items():
            button.setText(op_text(op, sensitive=d.sensitive))
            button.setVisible(op in ops)
            button.setEnabled(op in ops)
        self.ops_bar.setVisible(any(op in ops for op in ROW_OPS))
        self.construction.set_allowed([op for op in ops if op in CONSTRUCTION_OPS])

    def _verdict(self, what) -> Verdict:
        return self.verdicts.get(what, REFUSED)

    def _show_message(self, text: str, *, error: bool = False) -> None:
        self.message_label.setStyleSheet("color: #c62828;" if error else "color: #1b5e20;")
        self.message_label.setText(text)
        self.message_label.show()

    # ----- slots ---------------------------------------------------------------------------------------------

    @Slot()
    def open_meeting_answer_dialog(self) -> FormDialog | None:
        """存入知识库（班务会答复口径）…: the ticket's question and answer prefilled, the meeting's date; saved in one step."""
        from desk_app.ui.knowledge.meeting import MeetingAnswerDialog

        if self.current_ticket_id is None:
            return None
        try:
            taken = knowledge.ticket_answer(self.ctx.service, self.ctx.actor, self.current_ticket_id)
        except DeskError as err:
            self._show_message(error_text(err), error=True)
            return None
        if self._dialog is not None:
            self._dialog.reject()
        dialog = MeetingAnswerDialog(self.ctx, taken, self)
        dialog.saved.connect(self._on_meeting_dialog_saved)
        dialog.finished.connect(self._on_dialog_finished)
        self._dialog = dialog
        dialog.open()
        return dialog

    @Slot(int)
    def _on_meeting_dialog_saved(self, _article_id: int) -> None:
        self._show_message(self.tr("Saved to the knowledge base."))

    @Slot(object)
    def _on_ctx_changed(self, change) -> None:
        if self._changes.busy and change.topic == "ticket" and change.ticket_id == self.current_ticket_id:
            return  # this pane's own change: the ticket is read again with its answer
        if change.topic == "calendar" and self.detail is not None:
            self.reload()
            return
        if change.topic != "ticket" or change.ticket_id != self.current_ticket_id or self.detail is None:
            return
        if change.version is not None and change.version == self.detail.version:
            return  # already showing it (this pane made the change)
        self.reload()

    @Slot(int)
    def _on_facts_ticket_link_activated(self, ticket_id: int) -> None:
        self.show_ticket(ticket_id)
        self.ticket_activated.emit(ticket_id)

    @Slot(str)
    def _on_construction_requested(self, op: str) -> None:
        self.trigger_operation(TicketOp(op))

    @Slot(object)
    def _on_ctx_actor_changed(self, _actor) -> None:
        # The buttons on screen are the last person's verdicts: off until this person's arrive.
        self._stale = self.current_ticket_id is not None
        self.reload()
