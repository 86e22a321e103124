"""The ticket detail pane: everything about one ticket (routing, complaint level, escalation, quarantine, paid-repair
quote, FTTH construction tasks), its approval path, running clocks and history, and the actions it allows."""

from __future__ import annotations

import logging

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

from desk_app.core.errors import ConflictError, DeskError
from desk_app.core.kinds import Role, TicketKind
from desk_app.core.papers import FormKind
from desk_app.core.permissions import Operation
from desk_app.core.rules import Verdict, may_operate
from desk_app.core.states import Action, State
from desk_app.core.workflow import workflow_for
from desk_app.services import construction, knowledge, queries
from desk_app.services.construction import ConstructionView
from desk_app.services.knowledge import ANSWERED_STATES
from desk_app.services.views import TicketDetail
from desk_app.ui import settings as app_settings
from desk_app.ui.batch_print import PaperJob, print_paper
from desk_app.ui.common import error_text, label, label_of, verdict_text
from desk_app.ui.context import DeskContext
from desk_app.ui.detail.actions import (
    DIALOG_ACTIONS,
    PRIMARY_ACTION,
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

__all__ = ["DetailPane"]

log = logging.getLogger(__name__)
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
    """

    ticket_changed = Signal(int)
    ticket_activated = Signal(int)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current_ticket_id: int | None = None
        self.detail: TicketDetail | None = None
        self.tasks: list[ConstructionView] = []
        self.verdicts: dict = {}
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
            detail = queries.ticket_detail(self.ctx.viewer(), self.current_ticket_id)
            # The rule book's answer for every action: the buttons show it, the tooltips say why not.
            self.verdicts = dict(self.ctx.service.evaluate(self.ctx.actor, self.current_ticket_id))
        except DeskError as err:
            self.detail = None
            self.placeholder_label.setText(error_text(err))
            self.stack.setCurrentIndex(0)
            return
        self.detail = detail
        self.tasks = construction.tasks_of(detail.id) if detail.kind == TicketKind.FTTH_INSTALL else []
        self._fill(detail)
        self.stack.setCurrentIndex(1)

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
        if self.detail is None:
            return []
        return [a for a, b in self.action_buttons.items() if not b.isHidden() and b.isEnabled()]

    def operation_button(self, op: TicketOp) -> QPushButton:
        op = TicketOp(op)
        return self.construction.buttons[op] if op in CONSTRUCTION_OPS else self.op_buttons[op]

    def available_operations(self) -> list[TicketOp]:
        """The ticket operations (not state changes) with a usable button now."""
        if self.detail is None:
            return []
        with_buttons = set(self.op_buttons) | set(CONSTRUCTION_OPS)  # VIEW, for one, has no button
        return [op for op in TicketOp if op in with_buttons and not self.operation_button(op).isHidden()
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
        dialog = action_dialog(action, detail, ctx=self.ctx, summary=summary, field_workers=self._field_workers,
                               parent=self)
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
        dialog = operation_dialog(op, d, ctx=self.ctx, tasks=self.tasks, summary=summary, parent=self)
        return self._open_dialog(dialog, self.tr("{action}: {number}").format(
            action=dialog.windowTitle(), number=d.number))

    def perform_operation(self, op: TicketOp, values: dict | None = None) -> bool:
        """Run a ticket operation that needs no input; on refusal show why. True if done."""
        if self.detail is None:
            return False
        op = TicketOp(op)
        try:
            message = run_operation(self.ctx, self.detail, self.tasks, op, values or {}, self.detail.version)
        except ConflictError as err:
            self.reload()
            self._show_message(error_text(err), error=True)
            return False
        except DeskError as err:
            self._show_message(error_text(err), error=True)
            return False
        self._after_operation(message)
        return True

    def perform(self, action: Action, values: dict | None = None, *, expected_version: int | None = None) -> bool:
        """Run an action on the shown ticket; on refusal show why (and reload after a conflict). True if done."""
        if self.detail is None:
            return False
        version = self.detail.version if expected_version is None else expected_version
        try:
            run_action(self.ctx, self.detail.id, Action(action), values or {}, version)
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
                run_action(self.ctx, self.detail.id, dialog.action, values, dialog.expected_version)
            else:
                message = run_operation(self.ctx, self.detail, self.tasks, dialog.operation, values,
                                        dialog.expected_version)
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
        self.header.show_ticket(d)
        self.archived_label.setVisible(archived)
        self.quarantine_label.setVisible(d.quarantined and not archived)
        self.print_button.setVisible(self._verdict(TicketOp.PRINT_SLIP).allowed)
        # The other papers exist for any kind: the role may print (the service says if the ticket has the paper).
        self.forms_button.setVisible(may_operate(self.ctx.actor.facts, Operation.PRINT_SLIP).allowed)
        path = workflow_for(TicketKind(d.kind), self.ctx.service.workflows(), d.channel).path(d.sensitive)
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
            button.setObjectName("primaryAction" if action == primary else "actionButton")
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
        self.reload()
