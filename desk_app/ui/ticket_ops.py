"""Ticket operations that are not state transitions (升级, 敏感, 公告传阅, 有偿报价, 业主意见, 建设任务), who may do
them, their dialogs, and the two detail-pane pieces that follow the seed's workflow: the approval path and the
FTTH construction tasks.

Who may do which operation is the rule book's (desk_app.core.rules), asked through the service; nothing here decides it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import ValidationError
from desk_app.core.kinds import Escalation
from desk_app.core.labels import QT_TRANSLATE_NOOP
from desk_app.core.rules import TicketOp
from desk_app.core.states import HANDLING_STATES, Action, State
from desk_app.core.validation import display_phone
from desk_app.core.workflow import STATE_STEP, STEP_ROLE, Step
from desk_app.services.construction import ConstructionView
from desk_app.services.views import DepartmentView
from desk_app.ui.common import label
from desk_app.ui.dialogs import DepartmentCombo, FormDialog, plain_edit, text_box

ITEMS = ("分纤箱", "分光器")   # what a construction task adds, as printed on the task sheet

# The operations shown in the pane's operations row (the construction ones live in their own section).
ROW_OPS = (TicketOp.ESCALATE, TicketOp.SENSITIVE, TicketOp.CIRCULATE, TicketOp.QUOTE, TicketOp.CONSENT)
CONSTRUCTION_OPS = (TicketOp.CONSTRUCTION_OPEN, TicketOp.CONSTRUCTION_CONFIRM, TicketOp.CONSTRUCTION_DONE)
# Operations that need input first; the rest run at a click.
DIALOG_OPS = frozenset({TicketOp.ESCALATE, TicketOp.SENSITIVE, TicketOp.CIRCULATE, TicketOp.QUOTE,
                        TicketOp.CONSENT, TicketOp.CONSTRUCTION_OPEN, TicketOp.CONSTRUCTION_DONE})


def op_text(op: TicketOp, *, sensitive: bool = False) -> str:
    """The button text of an operation in the interface language."""
    # Spelled out each time: lupdate reads only the literal QCoreApplication.translate("Context", "text") call.
    texts = {
        TicketOp.ESCALATE: QCoreApplication.translate("TicketOps", "Escalate\u2026"),
        TicketOp.SENSITIVE: (QCoreApplication.translate("TicketOps", "Not sensitive\u2026") if sensitive
                             else QCoreApplication.translate("TicketOps", "Mark sensitive\u2026")),
        TicketOp.CIRCULATE: QCoreApplication.translate("TicketOps", "Circulate\u2026"),
        TicketOp.QUOTE: QCoreApplication.translate("TicketOps", "Quote price\u2026"),
        TicketOp.CONSENT: QCoreApplication.translate("TicketOps", "Owner's answer\u2026"),
        TicketOp.CONSTRUCTION_OPEN: QCoreApplication.translate("TicketOps", "Issue construction task\u2026"),
        TicketOp.CONSTRUCTION_CONFIRM: QCoreApplication.translate("TicketOps", "Marketing confirms"),
        TicketOp.CONSTRUCTION_DONE: QCoreApplication.translate("TicketOps", "Construction done\u2026"),
    }
    return texts[op]


def unfinished_task(tasks: list[ConstructionView]) -> ConstructionView | None:
    return next((t for t in tasks if t.maintainer_notified_at is None), None)


# ----- dialogs ------------------------------------------------------------------------------------------------


class OperationDialog(FormDialog):
    """The input of one ticket operation; OK is named after it."""

    def __init__(self, op: TicketOp, title: str, ok_text: str, summary: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(title, ok_text, summary, parent)
        self.operation = op

    def _note_field(self, placeholder: str) -> None:
        self.note_edit = plain_edit(2)
        self.note_edit.setPlaceholderText(placeholder)
        self.add_field(self.tr("&Note"), self.note_edit, "note")


class EscalateDialog(OperationDialog):
    """投诉分级 / 升级: the complaint's level decides who is alerted at once."""

    def __init__(self, current: str | None, *, summary: str = "", parent: QWidget | None = None) -> None:
        super().__init__(TicketOp.ESCALATE, self.tr("Escalate"), self.tr("Escalate"), summary, parent)
        self.level_group = QButtonGroup(self)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        who = {
            Escalation.GENERAL: self.tr("the department leader handles it"),
            Escalation.EMERGENCY: self.tr("the leader and the supervisor, who goes on site"),
            Escalation.MAJOR: self.tr("the department manager and at once the center leader; the ticket becomes "
                                      "sensitive"),
        }
        self.level_buttons: dict[Escalation, QRadioButton] = {}
        for number, level in enumerate(Escalation, start=1):
            button = QRadioButton(f"&{number} {label(level)}")
            button.setToolTip(who[level])
            hint = QLabel(who[level])
            hint.setObjectName("dialogHint")
            hint.setContentsMargins(22, 0, 0, 4)
            self.level_group.addButton(button, number)
            self.level_buttons[level] = button
            column.addWidget(button)
            column.addWidget(hint)
        self.add_field(self.tr("Level"), box, "level")
        self._note_field(self.tr("Optional: loss, lawsuit, media, why now"))
        if current:
            self.choose(Escalation(current))

    def choose(self, level: Escalation) -> None:
        self.level_buttons[Escalation(level)].setChecked(True)

    def level(self) -> Escalation | None:
        return next((lvl for lvl, b in self.level_buttons.items() if b.isChecked()), None)

    def values(self) -> dict:
        level = self.level()
        if level is None:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Choose the level."), field="level")
        return {"level": level, "note": self.note_edit.toPlainText()}


class SensitiveDialog(OperationDialog):
    """敏感: 舆情, media or a major complaint; the office and the center leader approve too."""

    def __init__(self, sensitive_now: bool, *, summary: str = "", parent: QWidget | None = None) -> None:
        ok = self.tr("Remove the mark") if sensitive_now else self.tr("Mark sensitive")
        super().__init__(TicketOp.SENSITIVE, ok, ok, summary, parent)
        self.mark = not sensitive_now
        explain = QLabel(self.tr("A sensitive ticket is also approved by the office and the center leader before "
                                 "any reply.") if self.mark else
                         self.tr("The office and the center leader no longer review this ticket."))
        explain.setWordWrap(True)
        explain.setObjectName("dialogHint")
        self.form.addRow(explain)
        self._note_field(self.tr("Optional: public opinion, media, why"))

    def values(self) -> dict:
        return {"sensitive": self.mark, "note": self.note_edit.toPlainText()}


class CirculateDialog(OperationDialog):
    """公告传阅: tell the members of one department about the ticket (your own department unless you supervise)."""

    def __init__(self, departments: list[DepartmentView], member_count, *, summary: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(TicketOp.CIRCULATE, self.tr("Circulate"), self.tr("Circulate"), summary, parent)
        self._member_count = member_count
        self.department_combo = DepartmentCombo(departments, self.tr("Choose a department\u2026"),
                                                with_receiver=False)
        if len(departments) == 1:
            self.department_combo.setCurrentIndex(1)
            self.department_combo.setEnabled(False)
        self.count_label = QLabel()
        self.count_label.setObjectName("dialogHint")
        self.add_field(self.tr("&Department"), self.department_combo, "department")
        self.add_field("", self.count_label)
        self._note_field(self.tr("Optional: what the members should know"))
        self.department_combo.currentIndexChanged.connect(self._on_department_combo_changed)
        self._on_department_combo_changed()

    def select_department(self, department_id: int) -> None:
        self.department_combo.select(department_id)

    @Slot()
    def _on_department_combo_changed(self) -> None:
        self.errors.clear_field("department")
        department_id = self.department_combo.currentData()
        if department_id is None:
            self.count_label.setText("")
            return
        count = self._member_count(department_id)
        self.count_label.setText(self.tr("%n member(s) will be told.", "", count))

    def values(self) -> dict:
        return {"department_id": self.department_combo.currentData(), "note": self.note_edit.toPlainText()}


class QuoteDialog(OperationDialog):
    """有偿维修报价: the price of a paid in-home repair; work starts only after the owner agrees."""

    def __init__(self, current: str = "", *, summary: str = "", parent: QWidget | None = None) -> None:
        super().__init__(TicketOp.QUOTE, self.tr("Quote price"), self.tr("Quote"), summary, parent)
        self.price_edit = QLineEdit(current)
        self.price_edit.setMaxLength(12)
        self.price_edit.setPlaceholderText(self.tr("Yuan, e.g. 180 or 65.50"))
        self.add_field(self.tr("&Price (yuan)"), self.price_edit, "price")
        self._note_field(self.tr("Optional: parts and labour"))
        self.price_edit.textEdited.connect(self._on_price_edit_text_edited)

    @Slot()
    def _on_price_edit_text_edited(self) -> None:
        self.errors.clear_field("price")

    def values(self) -> dict:
        return {"price": self.price_edit.text(), "note": self.note_edit.toPlainText()}


class ConsentDialog(OperationDialog):
    """业主意见: does the owner agree to the quoted price?"""

    def __init__(self, price: str, *, summary: str = "", parent: QWidget | None = None) -> None:
        super().__init__(TicketOp.CONSENT, self.tr("Owner's answer"), self.tr("Record"), summary, parent)
        self.price_label = QLabel(self.tr("{price} yuan").format(price=price))
        self.price_label.setStyleSheet("font-weight: bold;")
        self.agree_button = QRadioButton(self.tr("&Agrees"))
        self.refuse_button = QRadioButton(self.tr("&Does not agree"))
        self.answer_group = QButtonGroup(self)
        self.answer_group.addButton(self.agree_button)
        self.answer_group.addButton(self.refuse_button)
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.agree_button)
        box.addWidget(self.refuse_button)
        box.addStretch(1)
        self.add_field(self.tr("Quoted price"), self.price_label)
        self.add_field(self.tr("The owner"), row, "consent")
        self._note_field(self.tr("Optional: how the owner was asked"))

    def values(self) -> dict:
        if not (self.agree_button.isChecked() or self.refuse_button.isChecked()):
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Choose the owner's answer."), field="consent")
        return {"consent": self.agree_button.isChecked(), "note": self.note_edit.toPlainText()}


class ConstructionTaskDialog(OperationDialog):
    """建设任务单: the resources at the address are used up; the contractor adds a box or splitter by a date."""

    def __init__(self, *, item: str, due: dt.date, today: dt.date, contractor: str, contractors: list[str] = (),
                 maintainers: list[tuple[str, str]] = (), summary: str = "", parent: QWidget | None = None) -> None:
        super().__init__(TicketOp.CONSTRUCTION_OPEN, self.tr("Construction task"), self.tr("Issue"), summary, parent)
        self._maintainers = dict(maintainers)
        self.contractor_combo = QComboBox()
        self.contractor_combo.setEditable(True)
        self.contractor_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.contractor_combo.addItems(list(dict.fromkeys([contractor, *contractors])))
        self.contractor_combo.setCurrentText(contractor)
        self.contractor_combo.lineEdit().setMaxLength(100)
        self.item_combo = QComboBox()
        self.item_combo.setEditable(True)
        self.item_combo.addItems(ITEMS)
        self.item_combo.setCurrentText(item)
        self.cores_spin = QSpinBox()
        self.metres_spin = QSpinBox()
        for spin, suffix in ((self.cores_spin, self.tr(" cores")), (self.metres_spin, self.tr(" m"))):
            spin.setRange(0, 100000)
            spin.setSpecialValueText("\u2014")
            spin.setSuffix(suffix)
        cable = QWidget()
        cable_row = QHBoxLayout(cable)
        cable_row.setContentsMargins(0, 0, 0, 0)
        cable_row.addWidget(self.cores_spin, 1)
        cable_row.addWidget(self.metres_spin, 1)
        self.due_edit = QDateEdit(QDate(due))
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("yyyy-MM-dd")
        self.due_edit.setMinimumDate(QDate(today))
        self.maintainer_combo = QComboBox()
        self.maintainer_combo.setEditable(True)
        self.maintainer_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.maintainer_combo.addItems([name for name, _phone in maintainers])
        self.maintainer_combo.lineEdit().setMaxLength(60)
        self.phone_edit = QLineEdit()
        self.phone_edit.setMaxLength(40)
        self.add_field(self.tr("Contra&ctor"), self.contractor_combo, "contractor")
        self.add_field(self.tr("&Add"), self.item_combo, "item")
        self.add_field(self.tr("Fibre cable"), cable, "cable_cores", "cable_metres")
        self.add_field(self.tr("&Complete by"), self.due_edit, "due_date")
        self.add_field(self.tr("Area &maintainer"), self.maintainer_combo, "maintainer_name")
        self.add_field(self.tr("Maintainer &phone"), self.phone_edit, "phone", "maintainer_phone")
        hint = QLabel(self.tr("The marketing department confirms the task; when the contractor reports it done and "
                              "the resources are entered, the maintainer is notified."))
        hint.setObjectName("dialogHint")
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self.maintainer_combo.currentTextChanged.connect(self._on_maintainer_combo_text_changed)
        self._on_maintainer_combo_text_changed(self.maintainer_combo.currentText())

    @Slot(str)
    def _on_maintainer_combo_text_changed(self, name: str) -> None:
        self.errors.clear_field("maintainer_name")
        if name in self._maintainers:
            self.phone_edit.setText(self._maintainers[name])

    def values(self) -> dict:
        return {"contractor": self.contractor_combo.currentText(), "item": self.item_combo.currentText(),
                "cable_cores": self.cores_spin.value() or None, "cable_metres": self.metres_spin.value() or None,
                "due_date": self.due_edit.date().toPython(), "maintainer_name": self.maintainer_combo.currentText(),
                "maintainer_phone": self.phone_edit.text()}


class ConstructionDoneDialog(OperationDialog):
    """施工完毕: the contractor reported the work done; the new resources must be entered; the maintainer is told."""

    def __init__(self, task: ConstructionView, *, summary: str = "", parent: QWidget | None = None) -> None:
        super().__init__(TicketOp.CONSTRUCTION_DONE, self.tr("Construction done"), self.tr("Report done"), summary,
                         parent)
        self.task = task
        self.task_label = text_box(f"{task.number}  \u00b7  {task.contractor}  \u00b7  {task.item}")
        self.resources_check = QCheckBox(self.tr("The new resources are entered in the resource system"))
        maintainer = " ".join(p for p in (task.maintainer_name, display_phone(task.maintainer_phone)) if p)
        self.notify_label = QLabel(self.tr("{maintainer} is notified that the install can go ahead.").format(
            maintainer=maintainer or self.tr("The area maintainer")))
        self.notify_label.setObjectName("dialogHint")
        self.notify_label.setWordWrap(True)
        self.add_field(self.tr("Task"), self.task_label)
        self.add_field("", self.resources_check, "resources_entered")
        self.form.addRow(self.notify_label)
        self.resources_check.toggled.connect(self._on_resources_check_toggled)

    @Slot()
    def _on_resources_check_toggled(self) -> None:
        self.errors.clear_field("resources_entered")

    def values(self) -> dict:
        return {"task_id": self.task.id, "resources_entered": self.resources_check.isChecked()}


# ----- the approval path ----------------------------------------------------------------------------------------

DRAFT, VISIT = "draft", "visit"


class ApprovalPathView(QWidget):
    """The ticket's approval path as a row of small steps (起草 → 部门领导审批 → … → 回访), the current one filled."""

    STYLES = {
        "done": "color: #2e7d32; border: 1px solid #a5d6a7; background: #f1f8f1;",
        "current": "color: white; background: #1565c0; border: 1px solid #0d47a1; font-weight: bold;",
        "todo": "color: #78909c; border: 1px solid #cfd8dc; background: #fafbfc;",
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(4)
        self.caption = QLabel()
        self.caption.setObjectName("fieldCaption")
        self._row.addWidget(self.caption)
        self._row.addStretch(1)
        self.keys: list[str] = []
        self.chips: dict[str, QLabel] = {}
        self.statuses: dict[str, str] = {}
        self._steps: list[Step] = []
        self._state: State | None = None

    def set_path(self, steps: list[Step], state: State) -> None:
        self._steps, self._state = list(steps), State(state)
        while self._row.count() > 2:  # caption and the trailing stretch stay
            item = self._row.takeAt(1)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.keys = [DRAFT, *[str(s) for s in steps], VISIT]
        self.chips.clear()
        self.statuses = self._statuses(steps, self._state)
        for position, key in enumerate(self.keys):
            if position:
                arrow = QLabel("\u203a")
                arrow.setStyleSheet("color: #90a4ae;")
                self._row.insertWidget(self._row.count() - 1, arrow)
            chip = QLabel(self._chip_text(key))
            chip.setStyleSheet("border-radius: 3px; padding: 1px 6px; " + self.STYLES[self.statuses[key]])
            if key not in (DRAFT, VISIT):
                chip.setToolTip(label(STEP_ROLE[Step(key)]))
            self.chips[key] = chip
            self._row.insertWidget(self._row.count() - 1, chip)
        self.translate_ui()

    def translate_ui(self) -> None:
        self.caption.setText(self.tr("Approval"))
        for key, chip in self.chips.items():
            text = self._chip_text(key)
            chip.setText(("\u2713 " if self.statuses.get(key) == "done" else "") + text)

    def _chip_text(self, key: str) -> str:
        if key == DRAFT:
            return self.tr("Draft solution")
        if key == VISIT:
            return label(Action.VISIT)
        return label(Step(key))

    def current(self) -> str | None:
        """The key of the highlighted step ("draft", a Step value, "visit"), None if none is current."""
        return next((k for k in self.keys if self.statuses.get(k) == "current"), None)

    @staticmethod
    def _statuses(steps: list[Step], state: State) -> dict[str, str]:
        keys = [DRAFT, *[str(s) for s in steps], VISIT]
        if state in HANDLING_STATES:
            current = 0
        elif state in STATE_STEP and STATE_STEP[state] in steps:
            current = keys.index(str(STATE_STEP[state]))
        elif state == State.RESOLVED:
            current = len(keys) - 1
        elif state in (State.VISITED, State.ARCHIVED):
            current = len(keys)
        else:
            current = -1  # not with a department yet
        result = {}
        for index, key in enumerate(keys):
            if current < 0 or index > current:
                result[key] = "todo"
            elif index == current:
                result[key] = "current"
            else:
                result[key] = "done"
        return result


# ----- FTTH construction tasks ----------------------------------------------------------------------------------


class ConstructionSection(QWidget):
    """建设任务: the construction tasks of an FTTH install and the buttons for the next step of the open one."""

    requested = Signal(str)   # a TicketOp value

    COLUMNS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks: list[ConstructionView] = []
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.empty_label = QLabel()
        self.empty_label.setStyleSheet("color: #78909c;")
        self.buttons: dict[TicketOp, QPushButton] = {}
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for op in CONSTRUCTION_OPS:
            button = QPushButton()
            button.setObjectName("opButton")
            button.clicked.connect(lambda _checked=False, o=op: self.requested.emit(o.value))
            button.hide()
            self.buttons[op] = button
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_label)
        layout.addLayout(bar)
        self.translate_ui()

    def translate_ui(self) -> None:
        self.title.setText(self.tr("Construction tasks"))
        self.empty_label.setText(self.tr("None: the on-site check found resources available so far."))
        self.table.setHorizontalHeaderLabels([self.tr("Number"), self.tr("Contractor"), self.tr("Adds"),
                                              self.tr("Cable"), self.tr("Complete by"), self.tr("Stage")])
        for op, button in self.buttons.items():
            button.setText(op_text(op))
        if self.tasks:
            self.set_tasks(self.tasks)

    def stage_text(self, task: ConstructionView) -> str:
        if task.stage == "done":
            return self.tr("Done, {name} notified").format(name=task.maintainer_name)
        if task.stage == "confirmed":
            return self.tr("Confirmed by marketing ({name}), under construction").format(
                name=task.marketing_confirmed_by)
        return self.tr("Awaiting marketing confirmation")

    def cable_text(self, task: ConstructionView) -> str:
        if not (task.cable_cores or task.cable_metres):
            return "\u2014"
        return self.tr("{cores}-core, {metres} m").format(cores=task.cable_cores or "\u2014",
                                                          metres=task.cable_metres or "\u2014")

    def set_tasks(self, tasks: list[ConstructionView]) -> None:
        self.tasks = list(tasks)
        self.table.setRowCount(len(tasks))
        for row, task in enumerate(tasks):
            texts = [task.number, task.contractor, task.item, self.cable_text(task), task.due_date.isoformat(),
                     self.stage_text(task)]
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setVisible(bool(tasks))
        self.empty_label.setVisible(not tasks)
        self.table.resizeRowsToContents()
        height = self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth() + 2
        height += sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(height)

    def set_allowed(self, ops: list[TicketOp]) -> None:
        for op, button in self.buttons.items():
            button.setVisible(op in ops)
            button.setEnabled(op in ops)
