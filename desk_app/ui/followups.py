"""回访跟踪: the follow-up calls the front desk owes its customers after a complaint or a repair — the list (due today
and overdue at the top, the days to come below), the 拨打并记录 dialog that logs the call as an outgoing line of the
register, and the count of due calls the main window shows, counted off the window's thread.

What may be done is the rule book's answer (core.rules through services.followups); refusals are shown beside their
field or on the dialog's message line, never as a traceback.
"""

from __future__ import annotations

import functools
import logging

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import DeskError
from desk_app.core.followups import FollowUpReason
from desk_app.core.permissions import Operation
from desk_app.core.rules import may_operate
from desk_app.services import followups
from desk_app.services.config import MAX_FOLLOW_UP_DAYS
from desk_app.services.desk import Actor, DeskService
from desk_app.services.followups import FollowUpView
from desk_app.ui.common import error_text, label_of, verdict_text
from desk_app.ui.context import DeskContext
from desk_app.ui.forms import FieldErrors
from desk_app.ui.table_model import RowTableModel
from desk_app.ui.workers import BackgroundJob

log = logging.getLogger(__name__)

AnyIndex = QModelIndex | QPersistentModelIndex
FOLLOW_UP_ROLE = Qt.ItemDataRole.UserRole + 1
# How far ahead the lower list looks.
UPCOMING_DAYS = 14
OVERDUE_COLOR = QColor("#c62828")
TODAY_COLOR = QColor("#b26a00")
QUIET_COLOR = QColor("#5f6b76")
TOPICS = frozenset({"follow_up", "call", "register", "settings"})

DIALOG_STYLE = """
QLabel#followUpMessage[error="true"] { color: #c62828; }
QLabel#followUpMessage[error="false"] { color: #1b5e20; }
QLabel[caption="true"] { font-weight: bold; }
QLabel#followUpWhom { font-size: 15pt; font-weight: bold; }
"""


def count_due_follow_ups(service: DeskService, actor: Actor, _report: object) -> int:
    """The count job's work, on a worker thread: who reads (their current record), then one indexed count."""
    viewer = service.viewer(actor)
    if not may_operate(viewer.actor.facts, Operation.RECORD_CALL).allowed:
        return 0
    return followups.count_due(viewer, service.now().date())


class FollowUpCount(QObject):
    """The number of follow-up calls due today or overdue, for the main window: counted by a job on a worker thread
    (`counted` when it arrives); one job at a time, one more after it if asked meanwhile."""

    counted = Signal(int)

    def __init__(self, ctx: DeskContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._value = 0
        self._job: BackgroundJob | None = None
        self._again = False
        self._closed = False

    @property
    def value(self) -> int:
        return self._value

    @property
    def running(self) -> bool:
        return self._job is not None

    def count_now(self) -> int:
        """Count here and now (one indexed COUNT): when the window is built or the person changes, as the queue
        tabs are counted then; the periodic refresh goes through the worker thread."""
        try:
            self._value = count_due_follow_ups(self.ctx.service, self.ctx.actor, None)
        except Exception:  # never a traceback at the desk; the log keeps the details
            log.exception("counting the due follow-up calls failed")
            return self._value
        self.counted.emit(self._value)
        return self._value

    @Slot()
    def refresh(self) -> BackgroundJob | None:
        """Count again on a worker thread; `counted` when the number arrives. None if a count runs already (one
        more follows it)."""
        if self._closed:
            return None
        if self._job is not None:
            self._again = True
            return None
        self._again = False
        # No Qt parent: a window dropped while the count runs must not delete a running job (it ends on its own and
        # is let go when it has said so).
        job = BackgroundJob(functools.partial(count_due_follow_ups, self.ctx.service, self.ctx.actor), None,
                            name="follow-up-count")
        job.succeeded.connect(self._on_job_succeeded)
        job.failed.connect(self._on_job_failed)
        job.finished.connect(self._on_job_finished)
        self._job = job
        job.start()
        return job

    def shutdown(self) -> None:
        self._closed = True
        if self._job is not None:
            self._job.shutdown()

    @Slot(object)
    def _on_job_succeeded(self, count: object) -> None:
        if self._closed:
            return
        self._value = int(count)
        self.counted.emit(self._value)

    @Slot(object)
    def _on_job_failed(self, error: object) -> None:
        log.warning("counting the due follow-up calls failed: %s", error)

    @Slot()
    def _on_job_finished(self) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.deleteLater()
        if self._again and not self._closed:
            self.refresh()


def _table_view(parent: QWidget, name: str) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return view


class FollowUpModel(RowTableModel):
    """Follow-up calls, one a row, as services.followups read them (a list is at most a few hundred rows)."""

    COLUMNS: tuple[str, ...] = ("due", "when", "reason", "name", "phone", "ticket", "note", "planned_by")

    def row_at(self, row: int) -> FollowUpView | None:
        return super().row_at(row)

    def row_of(self, follow_up_id: int) -> int:
        return next((row for row, item in enumerate(self._rows) if item.id == follow_up_id), -1)

    def titles(self) -> list[str]:
        return [self.tr("Due"), self.tr("When"), self.tr("Why"), self.tr("Customer"), self.tr("Phone"),
                self.tr("Ticket"), self.tr("Note"), self.tr("Planned by")]

    def cell(self, item: FollowUpView, column: str, role: int) -> object:
        if role == FOLLOW_UP_ROLE:
            return item.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ForegroundRole and column in ("due", "when"):
            if item.overdue:
                return QBrush(OVERDUE_COLOR)
            return QBrush(TODAY_COLOR) if item.due else QBrush(QUIET_COLOR)
        if role == Qt.ItemDataRole.FontRole and column == "when" and item.overdue:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == "note":
            return item.note or None
        return None

    def _text(self, item: FollowUpView, column: str) -> str:
        if column == "due":
            return item.due_on.strftime("%m-%d")
        if column == "when":
            return when_text(item.days_overdue)
        if column == "reason":
            return label_of(FollowUpReason, item.reason)
        if column == "planned_by":
            return item.planned_by
        if column == "ticket":
            return item.ticket_number
        if column == "note":
            return " ".join(item.note.split())
        return getattr(item, column)


def when_text(days_overdue: int) -> str:
    """"3 day(s) overdue", "today", "in 5 day(s)"."""
    if days_overdue > 0:
        return QCoreApplication.translate("FollowUpModel", "{n} day(s) overdue").format(n=days_overdue)
    if days_overdue == 0:
        return QCoreApplication.translate("FollowUpModel", "today")
    return QCoreApplication.translate("FollowUpModel", "in {n} day(s)").format(n=-days_overdue)


class CallDialog(QDialog):
    """拨打并记录: the desk called the customer back; what was said, the note, and whether to call again in N days
    (the configured interval as the default). Saved as an outgoing line of the register in one step."""

    saved = Signal(int)     # the register line's id

    def __init__(self, ctx: DeskContext, item: FollowUpView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.item = item
        self.setObjectName("follow_up_call_dialog")
        self.setStyleSheet(DIALOG_STYLE)
        self.setMinimumWidth(520)
        self.call_id: int | None = None

        self.whom_label = QLabel(self)
        self.whom_label.setObjectName("followUpWhom")
        self.whom_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.about_label = QLabel(self)
        self.about_label.setObjectName("followUpAbout")
        self.about_label.setWordWrap(True)

        self.content_edit = QPlainTextEdit(self)
        self.content_edit.setObjectName("follow_up_content_edit")
        self.content_edit.setTabChangesFocus(True)
        self.content_edit.setFixedHeight(self.content_edit.fontMetrics().height() * 5 + 14)
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("follow_up_note_edit")
        self.note_edit.setMaxLength(followups.MAX_NOTE)
        self.next_check = QCheckBox(self)
        self.next_check.setObjectName("follow_up_next_check")
        self.next_spin = QSpinBox(self)
        self.next_spin.setObjectName("follow_up_next_spin")
        self.next_spin.setRange(1, MAX_FOLLOW_UP_DAYS)
        self.next_spin.setValue(self._default_interval())
        self.next_check.setChecked(item.reason == FollowUpReason.PERIODIC)
        self.next_spin.setEnabled(self.next_check.isChecked())
        self.next_check.toggled.connect(self.next_spin.setEnabled)

        self.message_label = QLabel(self)
        self.errors = FieldErrors(self.message_label, self)
        self.content_label, self.note_label = QLabel(self), QLabel(self)
        self.content_label.setBuddy(self.content_edit)
        self.note_label.setBuddy(self.note_edit)
        form = QFormLayout()
        form.addRow(self.content_label, self._with_error(self.content_edit, "content"))
        form.addRow(self.note_label, self._with_error(self.note_edit, "note"))
        next_row = QHBoxLayout()
        next_row.addWidget(self.next_check)
        next_row.addWidget(self.next_spin)
        self.days_label = QLabel(self)
        next_row.addWidget(self.days_label)
        next_row.addStretch(1)
        next_box = QWidget(self)
        next_box.setLayout(next_row)
        next_row.setContentsMargins(0, 0, 0, 0)
        form.addRow("", self._with_error(next_box, "next_in_days"))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("follow_up_save_button")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.whom_label)
        layout.addWidget(self.about_label)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        self.translate_ui()
        self.content_edit.setFocus()

    def _with_error(self, widget: QWidget, field: str) -> QWidget:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(widget)
        error = QLabel(box)
        error.setObjectName(f"error_{field}")
        column.addWidget(error)
        self.errors.add(field, error, widget)
        return box

    def _default_interval(self) -> int:
        intervals = followups.follow_up_intervals(self.ctx.service)
        days = intervals.get(self.item.reason) or max(intervals.values()) or 30
        return max(1, min(days, MAX_FOLLOW_UP_DAYS))

    def translate_ui(self) -> None:
        item = self.item
        self.setWindowTitle(self.tr("Call and log"))
        self.whom_label.setText(f"{item.name}  {item.phone}")
        about = [label_of(FollowUpReason, item.reason)]
        if item.ticket_number:
            about.append(self.tr("ticket {number}").format(number=item.ticket_number))
        about.append(self.tr("due {day} ({when})").format(day=item.due_on.isoformat(),
                                                          when=when_text(item.days_overdue)))
        if item.note:
            about.append(item.note)
        self.about_label.setText(" · ".join(about))
        self.content_label.setText(self.tr("What was &said"))
        self.content_edit.setPlaceholderText(self.tr("e.g. the repair holds, the customer is satisfied"))
        self.note_label.setText(self.tr("&Note"))
        self.note_edit.setPlaceholderText(self.tr("Optional: what to do next, what to pass on"))
        self.next_check.setText(self.tr("Plan the next call in"))
        self.days_label.setText(self.tr("days"))
        self.save_button.setText(self.tr("Save to the register"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.translate_ui()
        super().changeEvent(event)

    @Slot()
    def save(self) -> bool:
        """Log the call (one outgoing register line), mark the follow-up done, plan the next one if asked."""
        self.errors.clear()
        next_days = self.next_spin.value() if self.next_check.isChecked() else None
        try:
            self.call_id = followups.do_follow_up(self.ctx.service, self.ctx.actor, self.item.id,
                                                  content=self.content_edit.toPlainText(),
                                                  note=self.note_edit.text(), next_in_days=next_days)
        except DeskError as error:
            widget = self.errors.show_error(error)
            if widget is not None:
                widget.setFocus()
            return False
        except Exception:  # never a traceback at the desk
            log.exception("logging a follow-up call failed")
            self.errors.show_general(self.tr("Could not save. Nothing was changed; try again."))
            return False
        self.saved.emit(self.call_id)
        self.accept()
        return True


class FollowUpsDialog(QDialog):
    """回访跟踪: the calls due today and overdue at the top, the next days' below; 拨打并记录 on the selected one,
    取消 with a reason, and the ticket it is about."""

    ticket_requested = Signal(int)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("follow_ups_dialog")
        self.setStyleSheet(DIALOG_STYLE)
        self.setMinimumSize(980, 560)
        self.call_dialog: CallDialog | None = None

        self.due_caption = QLabel(self)
        self.due_caption.setProperty("caption", True)
        self.due_model = FollowUpModel(self)
        self.due_table = _table_view(self, "follow_ups_due_table")
        self.due_table.setModel(self.due_model)
        self.upcoming_caption = QLabel(self)
        self.upcoming_caption.setProperty("caption", True)
        self.upcoming_model = FollowUpModel(self)
        self.upcoming_table = _table_view(self, "follow_ups_upcoming_table")
        self.upcoming_table.setModel(self.upcoming_model)
        for table in (self.due_table, self.upcoming_table):
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(FollowUpModel.COLUMNS.index("note"), QHeaderView.ResizeMode.Stretch)
            table.selectionModel().selectionChanged.connect(self._on_selection_changed)
            table.doubleClicked.connect(self._on_table_double_clicked)

        def section(caption: QLabel, table: QTableView) -> QWidget:
            box = QWidget(self)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(caption)
            column.addWidget(table, 1)
            return box

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(section(self.due_caption, self.due_table))
        self.splitter.addWidget(section(self.upcoming_caption, self.upcoming_table))
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        self.call_button = QPushButton(self)
        self.call_button.setObjectName("follow_up_call_button")
        self.call_button.setDefault(True)
        self.call_button.clicked.connect(self.open_call_dialog)
        self.ticket_button = QPushButton(self)
        self.ticket_button.setObjectName("follow_up_ticket_button")
        self.ticket_button.clicked.connect(self._on_ticket_button_clicked)
        self.cancel_reason_edit = QLineEdit(self)
        self.cancel_reason_edit.setObjectName("follow_up_cancel_reason_edit")
        self.cancel_reason_edit.setMaxLength(followups.MAX_NOTE)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("follow_up_cancel_button")
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("followUpMessage")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self.reason_error = QLabel(self)
        self.reason_error.setObjectName("error_reason")
        self.errors = FieldErrors(self.message_label, self)
        self.errors.add("reason", self.reason_error, self.cancel_reason_edit)

        actions = QHBoxLayout()
        actions.addWidget(self.call_button)
        actions.addWidget(self.ticket_button)
        actions.addSpacing(24)
        reason_box = QWidget(self)
        reason_column = QVBoxLayout(reason_box)
        reason_column.setContentsMargins(0, 0, 0, 0)
        reason_column.setSpacing(1)
        reason_column.addWidget(self.cancel_reason_edit)
        reason_column.addWidget(self.reason_error)
        actions.addWidget(reason_box, 1)
        actions.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignTop)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.refresh_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.refresh_button.setObjectName("follow_up_refresh_button")
        self.refresh_button.clicked.connect(self.refresh)

        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)

        ctx.changed.connect(self._on_ctx_changed)
        ctx.actor_changed.connect(self._on_ctx_actor_changed)
        self.translate_ui()

    # ----- language ----------------------------------------------------------------------------------------------

    def translate_ui(self) -> None:
        self.setWindowTitle(self.tr("Follow-up calls"))
        self.call_button.setText(self.tr("&Call and log…"))
        self.ticket_button.setText(self.tr("Show the &ticket"))
        self.cancel_reason_edit.setPlaceholderText(self.tr("Why the call is not made, e.g. the customer moved"))
        self.cancel_button.setText(self.tr("Cancel this call"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.due_model.retranslate()
        self.upcoming_model.retranslate()
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.translate_ui()
        super().changeEvent(event)

    # ----- reading -----------------------------------------------------------------------------------------------

    def selected(self) -> FollowUpView | None:
        for table, model in ((self.due_table, self.due_model), (self.upcoming_table, self.upcoming_model)):
            rows = table.selectionModel().selectedRows()
            if rows:
                return model.row_at(rows[0].row())
        return None

    def select(self, follow_up_id: int) -> bool:
        for table, model in ((self.due_table, self.due_model), (self.upcoming_table, self.upcoming_model)):
            row = model.row_of(follow_up_id)
            if row >= 0:
                table.selectRow(row)
                table.setFocus()
                return True
        return False

    @Slot()
    def refresh(self) -> None:
        """Read the due and the coming calls again (at most a few hundred: read whole); the selection stays."""
        chosen = self.selected()
        today = self.ctx.now().date()
        try:
            viewer = self.ctx.viewer()
            rows = followups.due_follow_ups(viewer, today, include_upcoming_days=UPCOMING_DAYS)
        except DeskError as error:
            self.due_model.set_rows([])
            self.upcoming_model.set_rows([])
            self.show_message(error_text(error), error=True)
            self._update_captions()
            self._update_buttons()
            return
        except Exception:  # never a traceback at the desk; the log keeps the details
            log.exception("reading the follow-up calls failed")
            self.show_message(self.tr("The follow-up calls could not be read; try again."), error=True)
            return
        self.due_model.set_rows([r for r in rows if r.due])
        self.upcoming_model.set_rows([r for r in rows if not r.due])
        self._update_captions()
        if chosen is None or not self.select(chosen.id):
            if self.due_model.rowCount():
                self.due_table.selectRow(0)
        self._update_buttons()

    def _update_captions(self) -> None:
        due = [self.due_model.row_at(r) for r in range(self.due_model.rowCount())]
        overdue = sum(1 for item in due if item.overdue)
        self.due_caption.setText(self.tr("Due today and overdue: {count} ({overdue} overdue)").format(
            count=len(due), overdue=overdue))
        self.upcoming_caption.setText(self.tr("The next {days} days: {count}").format(
            days=UPCOMING_DAYS, count=self.upcoming_model.rowCount()))

    def _update_buttons(self) -> None:
        item = self.selected()
        verdict = may_operate(self.ctx.actor.facts, Operation.RECORD_CALL)
        for widget in (self.call_button, self.cancel_button, self.cancel_reason_edit):
            widget.setEnabled(item is not None and verdict.allowed)
            widget.setToolTip("" if verdict.allowed else verdict_text(verdict))
        self.ticket_button.setEnabled(item is not None and item.ticket_id is not None)

    def show_message(self, text: str, *, error: bool = False) -> None:
        if error:
            self.errors.show_general(text)
        else:
            self.message_label.setStyleSheet("color: #1b5e20;")
            self.message_label.setText(text)
            self.message_label.show()

    # ----- doing -------------------------------------------------------------------------------------------------

    @Slot()
    def open_call_dialog(self) -> CallDialog | None:
        """拨打并记录 for the selected call."""
        item = self.selected()
        if item is None:
            return None
        if self.call_dialog is not None:
            self.call_dialog.reject()
        dialog = CallDialog(self.ctx, item, self)
        dialog.saved.connect(self._on_call_dialog_saved)
        dialog.finished.connect(self._on_call_dialog_finished)
        self.call_dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def cancel_selected(self) -> bool:
        item = self.selected()
        if item is None:
            return False
        self.errors.clear()
        try:
            followups.cancel_follow_up(self.ctx.service, self.ctx.actor, item.id, self.cancel_reason_edit.text())
        except DeskError as error:
            if error.field != "reason":
                self.refresh()          # done or cancelled at another desk meanwhile: show what is there now
            widget = self.errors.show_error(error)
            if widget is not None:
                widget.setFocus()
            return False
        self.cancel_reason_edit.clear()
        self.refresh()
        self.show_message(self.tr("The call to {name} is cancelled.").format(name=item.name))
        return True

    # ----- signals -----------------------------------------------------------------------------------------------

    @Slot()
    def _on_selection_changed(self) -> None:
        sender = self.sender()
        # One selection across both lists.
        for table in (self.due_table, self.upcoming_table):
            if table.selectionModel() is not sender and sender is not None and table.selectionModel().hasSelection() \
                    and sender.hasSelection():
                table.selectionModel().blockSignals(True)
                table.clearSelection()
                table.selectionModel().blockSignals(False)
        self._update_buttons()

    @Slot(QModelIndex)
    def _on_table_double_clicked(self, _index: QModelIndex) -> None:
        self.open_call_dialog()

    @Slot()
    def _on_ticket_button_clicked(self) -> None:
        item = self.selected()
        if item is not None and item.ticket_id is not None:
            self.ticket_requested.emit(item.ticket_id)

    @Slot(int)
    def _on_call_dialog_saved(self, _call_id: int) -> None:
        item = self.call_dialog.item if self.call_dialog is not None else None
        self.refresh()
        if item is not None:
            self.show_message(self.tr("The call to {name} is in the register.").format(name=item.name))

    @Slot(int)
    def _on_call_dialog_finished(self, _result: int) -> None:
        dialog = self.sender()
        if dialog is self.call_dialog:
            self.call_dialog = None
        if isinstance(dialog, QDialog):
            dialog.deleteLater()

    @Slot(object)
    def _on_ctx_changed(self, change: object) -> None:
        if getattr(change, "topic", None) in TOPICS:
            self.refresh()

    @Slot(object)
    def _on_ctx_actor_changed(self, _actor: object) -> None:
        self.refresh()
