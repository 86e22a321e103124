"""来电来访登记表: the dialog in which the customer-service supervisor reads a day's call/visit register, signs it
(签署) and archives the month (归档本月); the front desk opens it to read, filters it (incoming, outgoing 去电, open
lines) and closes an open incoming line as answered (已解答) or makes a ticket of it (转为工单). What may be done is the
service's answer (services.register.sign_verdict / archive_verdict / solve_verdict / ticket_verdict), never decided
here."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import (
    QDate,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import DeskError
from desk_app.core.followups import CallDirection
from desk_app.core.kinds import CallOutcome, Channel, TicketKind
from desk_app.core.papers import FormKind
from desk_app.core.summary import month_period
from desk_app.services import register
from desk_app.services.desk import Viewer
from desk_app.core.validation import TicketDraft
from desk_app.services.register import DayStatus, LineFilter, MonthStatus, RegisterDayView, RegisterLine
from desk_app.ui.batch_print import PaperJob, print_paper
from desk_app.ui.common import error_text, format_time, label, label_of, verdict_text
from desk_app.ui.context import DeskContext
from desk_app.ui.forms import FieldErrors
from desk_app.ui.table_model import RowTableModel

log = logging.getLogger(__name__)

AnyIndex = QModelIndex | QPersistentModelIndex
DAY_ROLE = Qt.ItemDataRole.UserRole + 1

DIALOG_STYLE = """
QLabel#registerMessage[error="true"] { color: #c62828; }
QLabel#registerMessage[error="false"] { color: #1b5e20; }
QLabel#registerStatus { font-weight: bold; }
QLabel#registerStatus[signed="true"] { color: #1b5e20; }
QLabel#registerStatus[signed="false"] { color: #b26a00; }
"""
UNSIGNED_COLOR = QColor("#c62828")
QUIET_COLOR = QColor("#8a949e")
SIGNED_COLOR = QColor("#1b5e20")
OUTGOING_COLOR = QColor("#1565c0")
OPEN_COLOR = QColor("#b26a00")
# The kinds a line can become from the register (转为工单): what a front desk is asked for at the counter.
LINE_TICKET_KINDS = (TicketKind.REPAIR, TicketKind.COMPLAINT, TicketKind.CONSULTATION, TicketKind.SUGGESTION,
                     TicketKind.REQUEST, TicketKind.FAULT, TicketKind.OTHER)


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def _table_view(parent: QWidget, name: str) -> QTableView:
    """A read-only table of rows: whole rows selected, one at a time."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)   # a register reads dense
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return view


class RegisterModel(RowTableModel):
    """The lines of one day of the register, in the order they were logged (a day is at most a few hundred lines,
    read whole)."""

    COLUMNS: tuple[str, ...] = ("time", "kind", "channel", "caller", "phone", "content", "agent", "outcome",
                                "transferred_to", "follow_up", "ticket")

    def row_at(self, row: int) -> RegisterLine | None:
        return super().row_at(row)

    def titles(self) -> list[str]:
        return [self.tr("Time"), self.tr("In/out"), self.tr("Channel"), self.tr("Caller"), self.tr("Phone"),
                self.tr("Content"), self.tr("Taken by"), self.tr("Outcome"), self.tr("Transferred to"),
                self.tr("Follow-up"), self.tr("Ticket")]

    def cell(self, line: RegisterLine, column: str, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in ("content", "follow_up"):
            return getattr(line, column) or None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "kind" and line.direction == CallDirection.OUT:
                return QBrush(OUTGOING_COLOR)
            if column == "outcome" and line.open:
                return QBrush(OPEN_COLOR)
        return None

    @staticmethod
    def _text(line: RegisterLine, column: str) -> str:
        if column == "time":
            return line.received_at.strftime("%H:%M")
        if column == "kind":
            return label(line.kind)
        if column == "channel":
            return label_of(Channel, line.channel)
        if column == "caller":
            return line.caller_name
        if column == "outcome":
            return label_of(CallOutcome, line.outcome)
        if column == "ticket":
            return line.ticket_number
        return _one_line(getattr(line, column))


class RegisterMonthModel(RowTableModel):
    """The days of a month: how many lines each has and who signed it."""

    COLUMNS: tuple[str, ...] = ("day", "calls", "signed")

    def row_at(self, row: int) -> DayStatus | None:
        return super().row_at(row)

    def row_of(self, day: dt.date) -> int:
        return next((row for row, status in enumerate(self._rows) if status.day == day), -1)

    def titles(self) -> list[str]:
        return [self.tr("Day"), self.tr("Lines"), self.tr("Signed")]

    def cell(self, status: DayStatus, column: str, role: int) -> object:
        if role == DAY_ROLE:
            return status.day
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "day":
                return status.day.strftime("%m-%d")
            if column == "calls":
                return str(status.calls)
            if status.signed:
                return f"{status.signed_by} {format_time(status.signed_at)}"
            return self.tr("not signed") if status.calls else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "calls":
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ForegroundRole:
            if status.signed:
                return QBrush(SIGNED_COLOR) if column == "signed" else None
            if status.calls:
                return QBrush(UNSIGNED_COLOR) if column == "signed" else None
            return QBrush(QUIET_COLOR)
        return None


class LineTicketDialog(QDialog):
    """转为工单: a ticket made of an open incoming line of the register, prefilled from it (who, number, what was
    said); the desk chooses the kind and completes the address. Refusals show beside their field."""

    created = Signal(int)       # the ticket's id

    def __init__(self, ctx: DeskContext, line: RegisterLine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.line = line
        self.ticket_id: int | None = None
        self.setObjectName("line_ticket_dialog")
        self.setMinimumWidth(520)
        self.source_label = QLabel(self)
        self.source_label.setWordWrap(True)
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("line_ticket_kind_combo")
        self.description_edit = QPlainTextEdit(line.content, self)
        self.description_edit.setObjectName("line_ticket_description_edit")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(self.description_edit.fontMetrics().height() * 5 + 14)
        self.address_edit = QLineEdit(self)
        self.address_edit.setObjectName("line_ticket_address_edit")
        self.area_edit = QLineEdit(self)
        self.area_edit.setObjectName("line_ticket_area_edit")
        self.message_label = QLabel(self)
        self.errors = FieldErrors(self.message_label, self)
        self.captions = [QLabel(self) for _ in range(4)]
        form = QFormLayout()
        for caption, widget, field in zip(self.captions, (self.kind_combo, self.description_edit, self.address_edit,
                                                          self.area_edit), ("kind", "description", "address", "area"),
                                          strict=True):
            caption.setBuddy(widget)
            form.addRow(caption, self._with_error(widget, field))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("line_ticket_ok_button")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.source_label)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        self.translate_ui()

    def _with_error(self, widget: QWidget, field: str) -> QWidget:
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(widget)
        error = QLabel(box)
        error.setObjectName(f"error_{field}")
        column.addWidget(error)
        aliases = ("content",) if field == "description" else ("phone", "caller_name") if field == "kind" else ()
        self.errors.add(field, error, widget, *aliases)
        return box

    def translate_ui(self) -> None:
        line = self.line
        self.setWindowTitle(self.tr("Make a ticket of the line"))
        self.source_label.setText(self.tr("{time} {kind} · {caller} {phone}").format(
            time=line.received_at.strftime("%Y-%m-%d %H:%M"), kind=label(line.kind), caller=line.caller_name,
            phone=line.phone))
        current = self.kind_combo.currentData()
        self.kind_combo.clear()
        for kind in LINE_TICKET_KINDS:
            self.kind_combo.addItem(label(kind), kind.value)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(current)))
        for caption, text in zip(self.captions, (self.tr("&Kind"), self.tr("&Description"), self.tr("&Address"),
                                                 self.tr("A&rea")), strict=True):
            caption.setText(text)
        self.ok_button.setText(self.tr("Make the ticket"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.translate_ui()
        super().changeEvent(event)

    def draft(self) -> TicketDraft:
        line = self.line
        return TicketDraft(kind=TicketKind(self.kind_combo.currentData()),
                           description=self.description_edit.toPlainText(), channel=Channel(line.channel),
                           phone=line.phone, caller_name=line.caller_name, address=self.address_edit.text(),
                           area=self.area_edit.text().strip(), customer_id=line.customer_id)

    @Slot()
    def save(self) -> bool:
        self.errors.clear()
        try:
            self.ticket_id = register.ticket_from_line(self.ctx.service, self.ctx.actor, self.line.id, self.draft())
        except DeskError as error:
            widget = self.errors.show_error(error)
            if widget is not None:
                widget.setFocus()
            return False
        except Exception:  # never a traceback at the desk
            log.exception("making a ticket of a register line failed")
            self.errors.show_general(self.tr("Could not save. Nothing was changed; try again."))
            return False
        self.created.emit(self.ticket_id)
        self.accept()
        return True


class RegisterDialog(QDialog):
    """来电来访登记表: a day's register (date picker, its lines, its signature and 签署), and its month (each day's
    lines and signature, 归档本月). Refusals and failures are said in the dialog."""

    TOPICS = frozenset({"register", "call"})
    ticket_created = Signal(int)    # a ticket made of a line here (转为工单)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None, day: dt.date | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._filter = LineFilter.ALL
        self.line_ticket_dialog: LineTicketDialog | None = None
        self.setObjectName("register_dialog")
        self.setStyleSheet(DIALOG_STYLE)
        self.setMinimumSize(1100, 640)
        today = ctx.now().date()
        self._day = min(day or today, today)
        self._view: RegisterDayView | None = None
        self._month: MonthStatus | None = None

        self.day_label = QLabel(self)
        self.date_edit = QDateEdit(QDate(self._day), self)
        self.date_edit.setObjectName("register_date_edit")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMaximumDate(QDate(today))
        self.day_label.setBuddy(self.date_edit)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("registerStatus")
        self.status_label.setWordWrap(True)
        self.filter_label = QLabel(self)
        self.filter_combo = QComboBox(self)
        self.filter_combo.setObjectName("register_filter_combo")
        self.filter_label.setBuddy(self.filter_combo)

        self.model = RegisterModel(self)
        self.table = _table_view(self, "register_table")
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RegisterModel.COLUMNS.index("content"), QHeaderView.ResizeMode.Stretch)
        # The open incoming line selected: 已解答 with what the caller was told, or 转为工单.
        self.answer_edit = QLineEdit(self)
        self.answer_edit.setObjectName("register_answer_edit")
        self.solve_button = QPushButton(self)
        self.solve_button.setObjectName("register_solve_button")
        self.to_ticket_button = QPushButton(self)
        self.to_ticket_button.setObjectName("register_to_ticket_button")

        self.note_label = QLabel(self)
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("register_note_edit")
        self.note_edit.setMaxLength(register.MAX_NOTE)
        self.note_label.setBuddy(self.note_edit)
        self.sign_button = QPushButton(self)
        self.sign_button.setObjectName("register_sign_button")

        self.month_title = QLabel(self)
        self.month_title.setObjectName("registerMonthTitle")
        self.month_model = RegisterMonthModel(self)
        self.month_table = _table_view(self, "register_month_table")
        self.month_table.setModel(self.month_model)
        self.month_table.horizontalHeader().setStretchLastSection(True)
        self.month_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.month_status_label = QLabel(self)
        self.month_status_label.setObjectName("registerMonthStatus")
        self.month_status_label.setWordWrap(True)
        self.archive_button = QPushButton(self)
        self.archive_button.setObjectName("register_archive_button")

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.month_title)
        left_layout.addWidget(self.month_table, 1)
        left_layout.addWidget(self.month_status_label)
        left_layout.addWidget(self.archive_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.table, 1)
        line_row = QHBoxLayout()
        line_row.addWidget(self.answer_edit, 1)
        line_row.addWidget(self.solve_button)
        line_row.addWidget(self.to_ticket_button)
        right_layout.addLayout(line_row)
        row = QHBoxLayout()
        row.addWidget(self.note_label)
        row.addWidget(self.note_edit, 1)
        row.addWidget(self.sign_button)
        right_layout.addLayout(row)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setSizes([250, 850])

        self.message_label = QLabel(self)
        self.message_label.setObjectName("registerMessage")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        # 打印: the shown day's register for the supervisor to sign, or the whole month's.
        self.print_day_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_day_button.setObjectName("register_print_day_button")
        self.print_day_button.clicked.connect(self.print_day)
        self.print_month_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_month_button.setObjectName("register_print_month_button")
        self.print_month_button.clicked.connect(self.print_month)

        top = QHBoxLayout()
        top.addWidget(self.day_label)
        top.addWidget(self.date_edit)
        top.addSpacing(16)
        top.addWidget(self.filter_label)
        top.addWidget(self.filter_combo)
        top.addSpacing(16)
        top.addWidget(self.status_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)

        self.date_edit.dateChanged.connect(self._on_date_edit_date_changed)
        self.month_table.clicked.connect(self._on_month_table_clicked)
        self.sign_button.clicked.connect(self.sign)
        self.solve_button.clicked.connect(self.solve_selected)
        self.to_ticket_button.clicked.connect(self.open_line_ticket_dialog)
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection_changed)
        self.filter_combo.currentIndexChanged.connect(self._on_filter_combo_current_index_changed)
        self.archive_button.clicked.connect(self.archive)
        ctx.changed.connect(self._on_ctx_changed)
        ctx.actor_changed.connect(self._on_ctx_actor_changed)
        self.translate_ui()

    # ----- language ----------------------------------------------------------------------------------------------

    def translate_ui(self) -> None:
        self.setWindowTitle(self.tr("Call and visit register"))
        self.day_label.setText(self.tr("&Day"))
        self.note_label.setText(self.tr("&Note"))
        self.print_day_button.setText(self.tr("Print this day…"))
        self.print_month_button.setText(self.tr("Print this month…"))
        self.note_edit.setPlaceholderText(self.tr("Optional, e.g. checked against the recordings"))
        self.sign_button.setText(self.tr("&Sign"))
        self.archive_button.setText(self.tr("&Archive this month"))
        self.filter_label.setText(self.tr("S&how"))
        self.filter_combo.blockSignals(True)
        self.filter_combo.clear()
        for which, text in ((LineFilter.ALL, self.tr("All lines")), (LineFilter.INCOMING, self.tr("Incoming")),
                            (LineFilter.OUTGOING, self.tr("Outgoing")), (LineFilter.OPEN, self.tr("Open lines"))):
            self.filter_combo.addItem(text, which.value)
        self.filter_combo.setCurrentIndex(max(0, self.filter_combo.findData(self._filter.value)))
        self.filter_combo.blockSignals(False)
        self.answer_edit.setPlaceholderText(self.tr("What the caller was told, to close the line as answered"))
        self.solve_button.setText(self.tr("Ans&wered"))
        self.to_ticket_button.setText(self.tr("Make a &ticket…"))
        self.model.retranslate()
        self.month_model.retranslate()
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.translate_ui()
        super().changeEvent(event)

    # ----- printing ----------------------------------------------------------------------------------------------

    @Slot()
    def print_day(self) -> PaperJob:
        return self._print(self._day, self._day)

    @Slot()
    def print_month(self) -> PaperJob:
        month = month_period(register.month_of(self._day))
        return self._print(month.first, min(month.last, self.ctx.now().date()))

    def _print(self, first: dt.date, last: dt.date) -> PaperJob:
        from desk_app.services.papers.registers import call_register  # ReportLab loads on the first print

        span = first.isoformat() if first == last else f"{first.isoformat()}_{last.isoformat()}"
        title = f"{label(FormKind.CALL_REGISTER)} {span}"
        return print_paper(self, self.ctx, call_register, first, last, title=title, file_name=f"{title}.pdf")

    # ----- reading -----------------------------------------------------------------------------------------------

    @property
    def day(self) -> dt.date:
        return self._day

    def current(self) -> RegisterDayView | None:
        return self._view

    def month(self) -> MonthStatus | None:
        return self._month

    def set_day(self, day: dt.date) -> None:
        """Show another day (and its month); the date picker follows."""
        self.date_edit.setDate(QDate(day))      # dateChanged reads it (nothing to do if it is shown already)

    def refresh(self) -> None:
        """Read the day and its month again (a day is at most a few hundred lines: no paging)."""
        try:
            viewer = self.ctx.viewer()
            self._view = register.register_day(viewer, self._day)
            self._month = register.month_status(viewer, register.month_of(self._day))
        except DeskError as error:
            self._clear(error_text(error))
            return
        except Exception:  # never a traceback at the desk; the log keeps the details
            log.exception("reading the register failed")
            self._clear(self.tr("The register could not be read; try again."))
            return
        chosen = self.selected_line()
        self.model.set_rows(register.filter_lines(self._view.lines, self._filter))
        if chosen is not None:
            row = next((r for r in range(self.model.rowCount()) if self.model.row_at(r).id == chosen.id), -1)
            if row >= 0:
                self.table.selectRow(row)
        self.month_model.set_rows(self._month.days)
        row = self.month_model.row_of(self._day)
        if row >= 0:
            self.month_table.selectRow(row)
        self._show_status()
        self._update_buttons(viewer)

    def _clear(self, message: str) -> None:
        self._view = None
        self._month = None
        self.model.set_rows([])
        self.month_model.set_rows([])
        self.status_label.clear()
        self.month_title.clear()
        self.month_status_label.clear()
        self.show_message(message, error=True)
        for widget in (self.sign_button, self.archive_button, self.note_edit, self.solve_button,
                       self.to_ticket_button, self.answer_edit):
            widget.setEnabled(False)
            widget.setToolTip(message)

    def _show_status(self) -> None:
        view, month = self._view, self._month
        if view.signed:
            text = self.tr("Signed: {name} {time}").format(name=view.signed_by, time=format_time(view.signed_at))
            if view.note:
                text += " · " + view.note
        else:
            text = self.tr("Not signed")
        text += " · " + self.tr("{count} lines").format(count=view.calls)
        if view.archived:
            text += " · " + self.tr("month archived")
        self.status_label.setText(text)
        self.status_label.setProperty("signed", "true" if view.signed else "false")
        self.status_label.style().unpolish(self.status_label)
        self.status_label.style().polish(self.status_label)
        self.month_title.setText(self.tr("Month {month}").format(month=month.month))
        if month.archived:
            status = self.tr("Archived: {name} {time}").format(name=month.archived_by,
                                                               time=format_time(month.archived_at))
        else:
            status = self.tr("Not archived")
            if month.unsigned:
                status += " · " + self.tr("{count} day(s) with calls not signed").format(count=len(month.unsigned))
        self.month_status_label.setText(status)

    def _update_buttons(self, viewer: Viewer) -> None:
        today = self.ctx.now().date()
        sign = register.sign_verdict(viewer, self._view, today)
        self.sign_button.setEnabled(sign.allowed)
        self.note_edit.setEnabled(sign.allowed)
        self.sign_button.setToolTip(
            self.tr("Sign the register of this day: its lines cannot be changed afterwards") if sign.allowed
            else verdict_text(sign))
        self.note_edit.setToolTip("" if sign.allowed else verdict_text(sign))
        archive = register.archive_verdict(viewer, self._month, today)
        self.archive_button.setEnabled(archive.allowed)
        self.archive_button.setToolTip(self.tr("Archive the month's register") if archive.allowed
                                       else verdict_text(archive))
        self._update_line_buttons(viewer)

    def selected_line(self) -> RegisterLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_line(self, call_id: int) -> bool:
        row = next((r for r in range(self.model.rowCount()) if self.model.row_at(r).id == call_id), -1)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def set_filter(self, which: LineFilter | str) -> None:
        self.filter_combo.setCurrentIndex(self.filter_combo.findData(LineFilter(which).value))

    def _update_line_buttons(self, viewer: Viewer | None = None) -> None:
        """已解答 and 转为工单 for the selected line, as the rule book answers (greyed with its reason)."""
        line = self.selected_line()
        if self._view is None or line is None:
            for widget in (self.solve_button, self.to_ticket_button, self.answer_edit):
                widget.setEnabled(False)
                widget.setToolTip(self.tr("Select an open incoming line"))
            return
        viewer = viewer or self.ctx.viewer()
        solve = register.solve_verdict(viewer, self._view, line)
        ticket = register.ticket_verdict(viewer, self._view, line)
        self.solve_button.setEnabled(solve.allowed)
        self.answer_edit.setEnabled(solve.allowed)
        self.solve_button.setToolTip(self.tr("Close the line as answered at first contact: no ticket")
                                     if solve.allowed else verdict_text(solve))
        self.answer_edit.setToolTip("" if solve.allowed else verdict_text(solve))
        self.to_ticket_button.setEnabled(ticket.allowed)
        self.to_ticket_button.setToolTip(self.tr("Make a ticket of this line") if ticket.allowed
                                         else verdict_text(ticket))

    # ----- changing ----------------------------------------------------------------------------------------------

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message_label.setProperty("error", "true" if error else "false")
        self.message_label.style().unpolish(self.message_label)
        self.message_label.style().polish(self.message_label)
        self.message_label.setText(text)
        self.message_label.show()

    def _run(self, call: Callable[[], object], done: Callable[[object], str]) -> bool:
        try:
            result = call()
        except DeskError as error:
            self.refresh()     # another desk may have signed meanwhile: show what is there now
            self.show_message(error_text(error), error=True)
            return False
        except Exception:  # never a traceback at the desk
            log.exception("register action failed")
            self.show_message(self.tr("Could not save. Nothing was changed; try again."), error=True)
            return False
        self.refresh()
        self.show_message(done(result))
        return True

    @Slot()
    def sign(self) -> bool:
        """签署: the supervisor signs the day shown, with the optional note."""
        day, note = self._day, self.note_edit.text()
        done = self._run(lambda: register.sign_day(self.ctx.service, self.ctx.actor, day, note),
                         lambda count: self.tr("The register of {day} is signed ({count} lines).").format(
                             day=day.isoformat(), count=count))
        if done:
            self.note_edit.clear()
        return done

    @Slot()
    def solve_selected(self) -> bool:
        """已解答: close the selected open line as answered, with what the caller was told."""
        line = self.selected_line()
        if line is None:
            return False
        note = self.answer_edit.text()
        done = self._run(lambda: register.solve_line(self.ctx.service, self.ctx.actor, line.id, note),
                         lambda _result: self.tr("The line of {caller} is closed as answered.").format(
                             caller=line.caller_name or line.phone))
        if done:
            self.answer_edit.clear()
        return done

    @Slot()
    def open_line_ticket_dialog(self) -> LineTicketDialog | None:
        """转为工单: the ticket dialog, prefilled from the selected open line."""
        line = self.selected_line()
        if line is None:
            return None
        if self.line_ticket_dialog is not None:
            self.line_ticket_dialog.reject()
        dialog = LineTicketDialog(self.ctx, line, self)
        dialog.created.connect(self._on_line_ticket_dialog_created)
        dialog.finished.connect(self._on_line_ticket_dialog_finished)
        self.line_ticket_dialog = dialog
        dialog.open()
        return dialog

    @Slot()
    def archive(self) -> bool:
        """归档本月: archive the month of the day shown."""
        month = register.month_of(self._day)
        return self._run(lambda: register.archive_month(self.ctx.service, self.ctx.actor, month),
                         lambda count: self.tr("{month} is archived ({count} lines).").format(
                             month=month, count=count))

    # ----- signals -----------------------------------------------------------------------------------------------

    @Slot(QDate)
    def _on_date_edit_date_changed(self, date: QDate) -> None:
        self._day = date.toPython()
        self.message_label.hide()
        self.refresh()

    @Slot()
    def _on_table_selection_changed(self) -> None:
        self._update_line_buttons()

    @Slot(int)
    def _on_filter_combo_current_index_changed(self, _index: int) -> None:
        value = self.filter_combo.currentData()
        if value is not None and value != self._filter:
            self._filter = LineFilter(value)
            self.refresh()

    @Slot(int)
    def _on_line_ticket_dialog_created(self, ticket_id: int) -> None:
        self.refresh()
        number = next((line.ticket_number for line in (self._view.lines if self._view else [])
                       if line.ticket_id == ticket_id), "")
        self.show_message(self.tr("Ticket {number} was made of the line.").format(number=number))
        self.ticket_created.emit(ticket_id)

    @Slot(int)
    def _on_line_ticket_dialog_finished(self, _result: int) -> None:
        dialog = self.sender()
        if dialog is self.line_ticket_dialog:
            self.line_ticket_dialog = None
        if isinstance(dialog, QDialog):
            dialog.deleteLater()

    @Slot(QModelIndex)
    def _on_month_table_clicked(self, index: QModelIndex) -> None:
        day = self.month_model.data(index, DAY_ROLE)
        if isinstance(day, dt.date) and day <= self.date_edit.maximumDate().toPython():
            self.set_day(day)

    @Slot(object)
    def _on_ctx_changed(self, change: object) -> None:
        if getattr(change, "topic", None) in self.TOPICS:
            self.refresh()

    @Slot(object)
    def _on_ctx_actor_changed(self, _actor: object) -> None:
        self.refresh()
