"""Working together beyond one ticket: the shift handover log (交接班) and escalation reports (请示报告)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import DeskError
from desk_app.core.kinds import Role
from desk_app.services import coordination
from desk_app.services.coordination import REPORT_LEVEL, HandoverView, ReportView
from desk_app.services.queries import staff_list
from desk_app.services.views import StaffView
from desk_app.ui.common import error_text, format_time, label, read_only_table
from desk_app.ui.context import DeskContext

log = logging.getLogger(__name__)

DIALOG_STYLE = """
QLabel#coordinationMessage[error="true"] { color: #c62828; }
QLabel#coordinationMessage[error="false"] { color: #1b5e20; }
QLabel#coordinationHint { color: #5f6b76; }
"""


def _set_row(table: QTableWidget, row: int, cells: list[str], *, tooltip_column: int | None = None) -> None:
    for column, text in enumerate(cells):
        item = QTableWidgetItem(text)
        if column == tooltip_column:
            item.setToolTip(text)
        table.setItem(row, column, item)


class _CoordinationDialog(QDialog):
    """What both dialogs share: the context, a message line, a Close button; the acting person is read at every
    action (the main window closes these dialogs when someone else signs in)."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setStyleSheet(DIALOG_STYLE)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("coordinationMessage")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        ctx.changed.connect(self._on_ctx_changed)

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message_label.setProperty("error", "true" if error else "false")
        self.message_label.style().unpolish(self.message_label)
        self.message_label.style().polish(self.message_label)
        self.message_label.setText(text)
        self.message_label.show()

    def run(self, call, done: str) -> bool:
        """Call a service; say what happened (a refusal in red). True if it was done."""
        try:
            call()
        except DeskError as error:
            self.show_message(error_text(error), error=True)
            return False
        except Exception:  # never a traceback at the desk
            log.exception("%s failed", type(self).__name__)
            self.show_message(self.tr("Could not save. Nothing was changed; try again."), error=True)
            return False
        self.show_message(done)
        self.refresh()
        return True

    def refresh(self) -> None:  # pragma: no cover - every dialog overrides it
        raise NotImplementedError

    def translate_ui(self) -> None:  # pragma: no cover
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.translate_ui()
        super().changeEvent(event)

    @Slot(object)
    def _on_ctx_changed(self, change: object) -> None:
        if getattr(change, "topic", None) in self.TOPICS:
            self.refresh()

    TOPICS: frozenset[str] = frozenset()


class HandoverDialog(_CoordinationDialog):
    """交接班: the recent handovers; write one for the next shift, or confirm (确认接班) one the last shift wrote."""

    TOPICS = frozenset({"handover"})

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("handover_dialog")
        self.setMinimumSize(720, 520)
        self._rows: list[HandoverView] = []

        self.list_title = QLabel(self)
        self.table = read_only_table(4, self)
        self.table.setObjectName("handover_table")
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.acknowledge_button = QPushButton(self)
        self.acknowledge_button.setObjectName("acknowledge_button")
        self.acknowledge_button.clicked.connect(self.acknowledge_selected)
        self.pending_label = QLabel(self)
        self.pending_label.setObjectName("coordinationHint")

        self.write_title = QLabel(self)
        self.content_edit = QPlainTextEdit(self)
        self.content_edit.setObjectName("handover_edit")
        self.content_edit.setTabChangesFocus(True)
        self.content_edit.setFixedHeight(96)
        self.content_edit.textChanged.connect(self._update_buttons)
        self.write_button = QPushButton(self)
        self.write_button.setObjectName("write_handover_button")
        self.write_button.clicked.connect(self.write)

        layout = QVBoxLayout(self)
        layout.addWidget(self.list_title)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.pending_label, 1)
        row.addWidget(self.acknowledge_button)
        layout.addLayout(row)
        layout.addSpacing(6)
        layout.addWidget(self.write_title)
        layout.addWidget(self.content_edit)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.write_button)
        layout.addLayout(row)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        self.translate_ui()
        self.refresh()

    def translate_ui(self) -> None:
        self.setWindowTitle(self.tr("Shift handover"))
        self.list_title.setText(self.tr("Recent handovers"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Handed over by"), self.tr("Taken over by"), self.tr("Content")])
        self.acknowledge_button.setText(self.tr("Confirm takeover"))
        self.acknowledge_button.setToolTip(self.tr("Confirm that you read the selected handover and take over"))
        self.write_title.setText(self.tr("Handover for the next shift"))
        self.content_edit.setPlaceholderText(self.tr(
            "What the next shift must know: open matters, promises made to customers, keys, equipment…"))
        self.write_button.setText(self.tr("Write handover"))
        self._update_pending()

    def handovers(self) -> list[HandoverView]:
        return list(self._rows)

    def refresh(self) -> None:
        selected = self._selected()
        self._rows = coordination.handovers()
        self.table.setRowCount(len(self._rows))
        for row, handover in enumerate(self._rows):
            taken = (f"{handover.acknowledged_by} {format_time(handover.acknowledged_at)}"
                     if handover.acknowledged_at else self.tr("not yet confirmed"))
            _set_row(self.table, row, [format_time(handover.at), handover.by, taken,
                                       " ".join(handover.content.split())], tooltip_column=3)
            self.table.item(row, 3).setToolTip(handover.content)
            if selected is not None and handover.id == selected.id:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        if self.table.columnWidth(3) > 420:
            self.table.setColumnWidth(3, 420)
        self._update_pending()
        self._update_buttons()

    def pending(self) -> list[HandoverView]:
        """The handovers this person may confirm: not yet confirmed, written by someone else."""
        me = self.ctx.actor.id
        return [h for h in self._rows if h.acknowledged_at is None and h.by_id != me]

    def select_handover(self, handover_id: int) -> bool:
        for row, handover in enumerate(self._rows):
            if handover.id == handover_id:
                self.table.selectRow(row)
                return True
        return False

    @Slot()
    def write(self) -> bool:
        """写交接."""
        text = self.content_edit.toPlainText()
        if self.run(lambda: coordination.write_handover(self.ctx.service, self.ctx.actor, text),
                    self.tr("Handover written: the next shift confirms it.")):
            self.content_edit.clear()
            return True
        return False

    @Slot()
    def acknowledge_selected(self) -> bool:
        """确认接班."""
        handover = self._selected()
        if handover is None:
            return False
        return self.run(lambda: coordination.acknowledge_handover(self.ctx.service, self.ctx.actor, handover.id),
                        self.tr("Takeover confirmed."))

    def _selected(self) -> HandoverView | None:
        row = self.table.currentRow()
        return self._rows[row] if 0 <= row < len(self._rows) and self.table.selectedItems() else None

    def _update_pending(self) -> None:
        count = len(self.pending())
        self.pending_label.setText(self.tr("{count} handover(s) to confirm").format(count=count) if count else "")

    @Slot()
    def _update_buttons(self) -> None:
        handover = self._selected()
        self.acknowledge_button.setEnabled(
            handover is not None and handover.acknowledged_at is None and handover.by_id != self.ctx.actor.id)
        self.write_button.setEnabled(bool(self.content_edit.toPlainText().strip()))


def report_recipients(role: Role, *, emergency: bool, staff: list[StaffView] | None = None,
                      department_id: int | None = None, exclude_id: int | None = None) -> list[StaffView]:
    """Who a report may go to: the people exactly one level up (REPORT_LEVEL); in an emergency also two levels up.
    The reporter's own department first."""
    mine = REPORT_LEVEL.get(Role(role), 1)
    levels = {mine + 1} | ({mine + 2} if emergency else set())
    people = staff if staff is not None else staff_list()
    chosen = []
    for person in people:
        try:
            level = REPORT_LEVEL.get(Role(person.role), 1)
        except ValueError:
            continue
        if level in levels and person.id != exclude_id:
            chosen.append(person)
    return sorted(chosen, key=lambda p: (REPORT_LEVEL.get(Role(p.role), 1),
                                         p.department_id != department_id, p.id))


class ReportDialog(_CoordinationDialog):
    """请示报告: report to someone one level up (an emergency may skip one level; the skipped level is told
    afterwards); the reports I made or received, with their answers; 批复 answers one addressed to me."""

    TOPICS = frozenset({"notification"})

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None, *, ticket_id: int | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("report_dialog")
        self.setMinimumSize(780, 560)
        self.ticket_id = ticket_id
        self._rows: list[ReportView] = []

        self.new_title = QLabel(self)
        self.recipient_combo = QComboBox(self)
        self.recipient_combo.setObjectName("recipient_combo")
        self.recipient_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.emergency_check = QCheckBox(self)
        self.emergency_check.setObjectName("emergency_check")
        self.emergency_check.toggled.connect(self._on_emergency_check_toggled)
        self.content_edit = QPlainTextEdit(self)
        self.content_edit.setObjectName("report_edit")
        self.content_edit.setTabChangesFocus(True)
        self.content_edit.setFixedHeight(90)
        self.content_edit.textChanged.connect(self._update_buttons)
        self.send_button = QPushButton(self)
        self.send_button.setObjectName("send_report_button")
        self.send_button.clicked.connect(self.send)
        self.recipient_label = QLabel(self)
        self.recipient_label.setBuddy(self.recipient_combo)
        self.content_label = QLabel(self)
        self.content_label.setBuddy(self.content_edit)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        recipient_row = QHBoxLayout()
        recipient_row.addWidget(self.recipient_combo, 1)
        recipient_row.addWidget(self.emergency_check)
        form.addRow(self.recipient_label, recipient_row)
        form.addRow(self.content_label, self.content_edit)

        self.list_title = QLabel(self)
        self.table = read_only_table(6, self)
        self.table.setObjectName("report_table")
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.answer_edit = QLineEdit(self)
        self.answer_edit.setObjectName("answer_edit")
        self.answer_edit.textChanged.connect(self._update_buttons)
        self.answer_button = QPushButton(self)
        self.answer_button.setObjectName("answer_button")
        self.answer_button.clicked.connect(self.answer_selected)

        layout = QVBoxLayout(self)
        layout.addWidget(self.new_title)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.send_button)
        layout.addLayout(row)
        layout.addSpacing(6)
        layout.addWidget(self.list_title)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addWidget(self.answer_edit, 1)
        row.addWidget(self.answer_button)
        layout.addLayout(row)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        self.translate_ui()
        self._fill_recipients()
        self.refresh()

    def translate_ui(self) -> None:
        self.setWindowTitle(self.tr("Escalation reports"))
        self.new_title.setText(self.tr("New report"))
        self.recipient_label.setText(self.tr("&To"))
        self.content_label.setText(self.tr("&Content"))
        self.emergency_check.setText(self.tr("&Emergency"))
        self.emergency_check.setToolTip(self.tr(
            "An emergency may skip one level; the skipped level is informed afterwards"))
        self.recipient_combo.setToolTip(self.tr("Reports go up one level at a time"))
        self.content_edit.setPlaceholderText(self.tr("What happened, what you ask for, by when"))
        self.send_button.setText(self.tr("Send report"))
        self.list_title.setText(self.tr("My reports and reports to me"))
        self.table.setHorizontalHeaderLabels([self.tr("Time"), self.tr("From"), self.tr("To"), self.tr("Content"),
                                              self.tr("Answered"), self.tr("Answer")])
        self.answer_edit.setPlaceholderText(self.tr("Answer to the selected report addressed to you"))
        self.answer_button.setText(self.tr("Answer"))

    # ----- reading -----------------------------------------------------------------------------------------------

    def recipients(self) -> list[tuple[int, str]]:
        """(staff id, text) of the recipient choices, in order."""
        return [(self.recipient_combo.itemData(i), self.recipient_combo.itemText(i))
                for i in range(self.recipient_combo.count())]

    def reports(self) -> list[ReportView]:
        return list(self._rows)

    def refresh(self) -> None:
        selected = self._selected()
        self._rows = coordination.reports_for(self.ctx.actor)
        self.table.setRowCount(len(self._rows))
        for row, report in enumerate(self._rows):
            sender = report.by + (" " + self.tr("(emergency)") if report.emergency else "")
            recipient = report.to + (" " + self.tr("(skipped: {name})").format(name=report.skipped)
                                     if report.skipped else "")
            answered = format_time(report.answered_at) if report.answered_at else self.tr("waiting")
            _set_row(self.table, row, [format_time(report.created_at), sender, recipient,
                                       " ".join(report.content.split()), answered, report.answer],
                     tooltip_column=3)
            self.table.item(row, 5).setToolTip(report.answer)
            if selected is not None and report.id == selected.id:
                self.table.selectRow(row)
        self.table.resizeColumnsToContents()
        for column in (3, 5):
            if self.table.columnWidth(column) > 260:
                self.table.setColumnWidth(column, 260)
        self._update_buttons()

    def select_report(self, report_id: int) -> bool:
        for row, report in enumerate(self._rows):
            if report.id == report_id:
                self.table.selectRow(row)
                return True
        return False

    # ----- changing ----------------------------------------------------------------------------------------------

    def choose_recipient(self, staff_id: int) -> bool:
        index = self.recipient_combo.findData(staff_id)
        if index >= 0:
            self.recipient_combo.setCurrentIndex(index)
        return index >= 0

    @Slot()
    def send(self) -> bool:
        """报送: to the chosen person, with the emergency flag."""
        to = self.recipient_combo.currentData()
        if to is None:
            self.show_message(self.tr("Nobody is one level up from you to report to."), error=True)
            return False
        text = self.content_edit.toPlainText()
        emergency = self.emergency_check.isChecked()
        if self.run(lambda: coordination.submit_report(self.ctx.service, self.ctx.actor, to, text,
                                                       ticket_id=self.ticket_id, emergency=emergency),
                    self.tr("Report sent to {name}.").format(name=self.recipient_combo.currentText())):
            self.content_edit.clear()
            self.emergency_check.setChecked(False)
            return True
        return False

    @Slot()
    def answer_selected(self) -> bool:
        """批复: answer the selected report addressed to me."""
        report = self._selected()
        if report is None:
            return False
        text = self.answer_edit.text()
        if self.run(lambda: coordination.answer_report(self.ctx.service, self.ctx.actor, report.id, text),
                    self.tr("Answer sent to {name}.").format(name=report.by)):
            self.answer_edit.clear()
            return True
        return False

    # ----- internals ---------------------------------------------------------------------------------------------

    def _fill_recipients(self) -> None:
        actor = self.ctx.actor
        current = self.recipient_combo.currentData()
        people = report_recipients(actor.role, emergency=self.emergency_check.isChecked(),
                                   department_id=actor.department_id, exclude_id=actor.id)
        self.recipient_combo.blockSignals(True)
        self.recipient_combo.clear()
        for person in people:
            where = f"，{person.department}" if person.department else ""
            self.recipient_combo.addItem(f"{person.name}（{label(Role(person.role))}{where}）", person.id)
        index = self.recipient_combo.findData(current)
        self.recipient_combo.setCurrentIndex(max(index, 0) if people else -1)
        self.recipient_combo.blockSignals(False)
        self._update_buttons()

    def _selected(self) -> ReportView | None:
        row = self.table.currentRow()
        return self._rows[row] if 0 <= row < len(self._rows) and self.table.selectedItems() else None

    @Slot()
    def _update_buttons(self) -> None:
        self.send_button.setEnabled(self.recipient_combo.count() > 0
                                    and bool(self.content_edit.toPlainText().strip()))
        report = self._selected()
        mine = report is not None and report.to_id == self.ctx.actor.id and report.answered_at is None
        self.answer_edit.setEnabled(mine)
        self.answer_button.setEnabled(mine and bool(self.answer_edit.text().strip()))

    @Slot(bool)
    def _on_emergency_check_toggled(self, _checked: bool) -> None:
        self._fill_recipients()


__all__ = ["HandoverDialog", "ReportDialog", "report_recipients"]
