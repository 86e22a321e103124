"""The action dialogs of the detail pane (派单, 退回, 预约, 挂起, 办结, 审批, 反馈, 转派, 回访), customer registration
and the dispatch-slip preview.

An action dialog does not run the action itself: OK emits `submitted`, the pane calls the service and either
closes the dialog or shows the error next to its field, keeping everything typed.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import ValidationError
from desk_app.core.kinds import Satisfaction
from desk_app.core.labels import QT_TRANSLATE_NOOP
from desk_app.core.states import Action
from desk_app.core.workflow import Step
from desk_app.services.views import DepartmentView
from desk_app.ui.pdf_preview import PdfPreviewDialog
from desk_app.ui.common import label
from desk_app.ui.forms import FieldErrors

log = logging.getLogger(__name__)

DIALOG_STYLE = """
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"],
QDateTimeEdit[invalid="true"] { border: 1px solid #c62828; }
QLabel#dialogSummary { color: #37474f; background: #f5f7f9; border: 1px solid #dde3e8; border-radius: 3px;
                       padding: 4px 6px; }
QLabel#dialogQuote { background: #f1f8f1; border: 1px solid #d5e8d5; border-radius: 3px; padding: 4px 6px; }
QLabel#dialogHint { color: #546e7a; }
"""


class FormDialog(QDialog):
    """A small form: fields with their error labels, a message line, OK (named after what it does) and Cancel.

    OK emits `submitted`; whoever opened the dialog runs the change and either closes it or shows the error next
    to its field, keeping everything typed. `expected_version` is the ticket version the input refers to; the pane
    updates it after a conflict reload. Ctrl+Enter is OK, also inside multi-line fields.
    """

    submitted = Signal()

    def __init__(self, title: str, ok_text: str, summary: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.expected_version: int | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet(DIALOG_STYLE)
        self.setMinimumWidth(440)
        self.summary_label = QLabel(summary)
        self.summary_label.setObjectName("dialogSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setVisible(bool(summary))
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(4)
        self.message_label = QLabel()
        self.errors = FieldErrors(self.message_label, self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button.setText(ok_text)
        # Explicit context: self.tr() here would look up the subclass's name at run time.
        self.cancel_button.setText(QCoreApplication.translate("ActionDialog", "Cancel"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self._ok_shortcuts = [QShortcut(QKeySequence(keys), self) for keys in ("Ctrl+Return", "Ctrl+Enter")]
        for shortcut in self._ok_shortcuts:
            shortcut.activated.connect(self._on_buttons_accepted)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.summary_label)
        layout.addLayout(self.form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        self.setWindowTitle(title)

    def add_field(self, caption: str, widget: QWidget, field: str | None = None, *aliases: str) -> QWidget:
        """A form row, with an error label under it when `field` (the service's DeskError.field) is given."""
        self.form.addRow(caption, widget)
        if field is not None:
            error = QLabel()
            self.form.addRow("", error)
            self.errors.add(field, error, widget, *aliases)
        return widget

    def values(self) -> dict:
        """What the change needs from the form; ValidationError if the form itself is incomplete."""
        return {}

    def show_conflict(self, text: str) -> None:
        self.errors.show_general(text)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        if self.ok_button.isEnabled():
            self.submitted.emit()


class ActionDialog(FormDialog):
    """The input of one state-machine action; OK is named after the action."""

    def __init__(self, action: Action, summary: str = "", parent: QWidget | None = None) -> None:
        super().__init__(label(action), label(action), summary, parent)
        self.action = action


def text_box(text: str, object_name: str = "dialogQuote") -> QLabel:
    box = QLabel(text)
    box.setObjectName(object_name)
    box.setWordWrap(True)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return box


def plain_edit(lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


class DepartmentCombo(QComboBox):
    """Departments, each shown with its one named receiver (第十条: exactly one receiver per transfer)."""

    RECEIVER_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, departments: list[DepartmentView], prompt: str, *, with_receiver: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem(prompt, None)
        for department in departments:
            receiver = department.receiver or QCoreApplication.translate("DispatchDialog", "no receiver")
            self.addItem(f"{department.name}  —  {receiver}" if with_receiver else department.name,
                         department.id)
            self.setItemData(self.count() - 1, department.receiver, self.RECEIVER_ROLE)

    def select(self, department_id: int | None) -> None:
        index = self.findData(department_id)
        if index >= 0:
            self.setCurrentIndex(index)

    def department_ids(self) -> list[int]:
        return [self.itemData(i) for i in range(self.count()) if self.itemData(i) is not None]

    def receiver(self) -> str | None:
        return self.currentData(self.RECEIVER_ROLE)


class DispatchDialog(ActionDialog):
    """派单: one department, whose one named receiver gets the ticket; optionally the worker and a note."""

    def __init__(self, departments: list[DepartmentView], workers: dict[int, list[str]], *, summary: str = "",
                 current_department: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(Action.DISPATCH, summary, parent)
        self._workers = workers
        self.department_combo = QComboBox()
        self.department_combo.addItem(self.tr("Choose a department…"), None)
        for department in departments:
            receiver = department.receiver or self.tr("no receiver")
            self.department_combo.addItem(f"{department.name}  —  {receiver}", department.id)
            self.department_combo.setItemData(self.department_combo.count() - 1, department.receiver,
                                              Qt.ItemDataRole.UserRole + 1)
        self.receiver_label = QLabel()
        self.worker_combo = QComboBox()
        self.worker_combo.setEditable(True)
        self.worker_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.worker_combo.lineEdit().setMaxLength(60)
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(200)
        # 客服前台: "与客户约定上门维修时间后派单" — the visit time agreed on the phone goes with the ticket.
        self.visit_check = QCheckBox(self.tr("Visit time agreed with the customer"))
        self.visit_edit = QDateTimeEdit()
        self.visit_edit.setCalendarPopup(True)
        self.visit_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.visit_edit.setDateTime(QDateTime.currentDateTime().addSecs(2 * 3600))
        self.visit_edit.setEnabled(False)
        self.visit_check.toggled.connect(self.visit_edit.setEnabled)
        visit_row = QWidget()
        visit_layout = QHBoxLayout(visit_row)
        visit_layout.setContentsMargins(0, 0, 0, 0)
        visit_layout.addWidget(self.visit_check)
        visit_layout.addWidget(self.visit_edit, 1)
        self.add_field(self.tr("&Department"), self.department_combo, "department")
        self.add_field(self.tr("Receiver"), self.receiver_label)
        self.add_field(self.tr("&Worker"), self.worker_combo, "worker")
        self.add_field(self.tr("&Appointment"), visit_row, "appointment")
        self.add_field(self.tr("&Note"), self.note_edit, "note")
        self.worker_combo.lineEdit().setPlaceholderText(self.tr("Optional: who goes on site"))
        self.note_edit.setPlaceholderText(self.tr("Optional"))
        self.department_combo.currentIndexChanged.connect(self._on_department_combo_changed)
        if current_department is not None:
            self.select_department(current_department)
        self._on_department_combo_changed()

    def select_department(self, department_id: int) -> None:
        index = self.department_combo.findData(department_id)
        if index >= 0:
            self.department_combo.setCurrentIndex(index)

    @Slot()
    def _on_department_combo_changed(self) -> None:
        self.errors.clear_field("department")
        department_id = self.department_combo.currentData()
        receiver = self.department_combo.currentData(Qt.ItemDataRole.UserRole + 1)
        if department_id is None:
            self.receiver_label.setText("")
        else:
            self.receiver_label.setText(receiver or self.tr("No receiver named: ask the administrator"))
        typed = self.worker_combo.currentText()
        self.worker_combo.clear()
        self.worker_combo.addItem("")
        self.worker_combo.addItems(self._workers.get(department_id, []))
        self.worker_combo.setEditText(typed)

    def values(self) -> dict:
        visit = self.visit_edit.dateTime().toPython().replace(second=0, microsecond=0) \
            if self.visit_check.isChecked() else None
        return {"department_id": self.department_combo.currentData(), "worker": self.worker_combo.currentText(),
                "note": self.note_edit.text(), "appointment_at": visit}


class ReasonDialog(ActionDialog):
    """退回 / 挂起(未完结) / 重新处理: an action that needs a reason."""

    def __init__(self, action: Action, prompt: str, *, summary: str = "", parent: QWidget | None = None) -> None:
        super().__init__(action, summary, parent)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.add_field(prompt, self.reason_edit, "reason", "note")
        self.reason_edit.textChanged.connect(self._on_reason_edit_text_changed)

    @Slot()
    def _on_reason_edit_text_changed(self) -> None:
        self.errors.clear_field("reason")

    def values(self) -> dict:
        return {"reason": self.reason_edit.toPlainText()}


class AppointDialog(ActionDialog):
    """预约: the visit time agreed with the customer."""

    def __init__(self, now: dt.datetime, *, current: dt.datetime | None = None, summary: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(Action.APPOINT, summary, parent)
        self.at_edit = QDateTimeEdit()
        self.at_edit.setCalendarPopup(True)
        self.at_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        suggested = current or (now.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=2))
        self.at_edit.setDateTime(QDateTime(suggested))
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(200)
        self.note_edit.setPlaceholderText(self.tr("Optional: who agreed, what to bring"))
        self.add_field(self.tr("&Visit time"), self.at_edit, "appointment")
        self.add_field(self.tr("&Note"), self.note_edit, "note")

    def set_time(self, at: dt.datetime) -> None:
        self.at_edit.setDateTime(QDateTime(at))

    def values(self) -> dict:
        at = self.at_edit.dateTime().toPython()
        return {"at": at.replace(second=0, microsecond=0), "note": self.note_edit.text()}


class ResolveDialog(ActionDialog):
    """办结: how it was solved (printed on the ticket form for the leader's approval)."""

    def __init__(self, *, summary: str = "", parent: QWidget | None = None) -> None:
        super().__init__(Action.RESOLVE, summary, parent)
        self.solution_edit = QPlainTextEdit()
        self.solution_edit.setTabChangesFocus(True)
        self.solution_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 6 + 14)
        self.solution_edit.setPlaceholderText(self.tr("What was done, materials, result confirmed with the customer"))
        self.add_field(self.tr("&Solution"), self.solution_edit, "solution")
        self.solution_edit.textChanged.connect(self._on_solution_edit_text_changed)

    @Slot()
    def _on_solution_edit_text_changed(self) -> None:
        self.errors.clear_field("solution")

    def values(self) -> dict:
        return {"solution": self.solution_edit.toPlainText()}


class VisitDialog(ActionDialog):
    """回访: the customer's satisfaction; 不满意 needs a reason and sends the ticket back to the department."""

    NO_SATISFACTION = QT_TRANSLATE_NOOP("DeskError", "Choose how satisfied the customer is.")

    def __init__(self, *, summary: str = "", parent: QWidget | None = None) -> None:
        super().__init__(Action.VISIT, summary, parent)
        self.satisfaction_group = QButtonGroup(self)
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        self.satisfaction_buttons: dict[Satisfaction, QRadioButton] = {}
        for number, satisfaction in enumerate(Satisfaction, start=1):
            button = QRadioButton(f"&{number} {label(satisfaction)}")
            self.satisfaction_group.addButton(button, number)
            self.satisfaction_buttons[satisfaction] = button
            box.addWidget(button)
        box.addStretch(1)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.add_field(self.tr("Satisfaction"), row, "satisfaction")
        self.note_caption = QLabel()
        self.form.addRow(self.note_caption, self.note_edit)
        note_error = QLabel()
        self.form.addRow("", note_error)
        self.errors.add("reason", note_error, self.note_edit, "note")
        self.note_caption.setBuddy(self.note_edit)
        self.satisfaction_group.idToggled.connect(self._on_satisfaction_group_toggled)
        self.note_edit.textChanged.connect(self._on_note_edit_text_changed)
        self._on_satisfaction_group_toggled()

    def choose(self, satisfaction: Satisfaction) -> None:
        self.satisfaction_buttons[Satisfaction(satisfaction)].setChecked(True)

    def satisfaction(self) -> Satisfaction | None:
        for satisfaction, button in self.satisfaction_buttons.items():
            if button.isChecked():
                return satisfaction
        return None

    @Slot()
    def _on_satisfaction_group_toggled(self) -> None:
        self.errors.clear_field("satisfaction")
        unsatisfied = self.satisfaction() == Satisfaction.UNSATISFIED
        self.note_caption.setText(self.tr("&Reason") if unsatisfied else self.tr("&Note"))
        self.note_edit.setPlaceholderText(
            self.tr("Required: what is still wrong; the ticket goes back to the department") if unsatisfied
            else self.tr("Optional"))
        self.ok_button.setText(label(Action.REOPEN) if unsatisfied else label(Action.VISIT))

    @Slot()
    def _on_note_edit_text_changed(self) -> None:
        self.errors.clear_field("reason")

    def values(self) -> dict:
        satisfaction = self.satisfaction()
        if satisfaction is None:
            raise ValidationError(self.NO_SATISFACTION, field="satisfaction")
        return {"satisfaction": satisfaction, "note": self.note_edit.toPlainText()}


class ApproveDialog(ActionDialog):
    """审批通过: the approver of the current step agrees with the drafted solution; a note is optional."""

    def __init__(self, step: Step, solution: str, *, summary: str = "", parent: QWidget | None = None) -> None:
        super().__init__(Action.APPROVE, summary, parent)
        self.step = step
        self.step_label = QLabel(label(step))
        self.step_label.setStyleSheet("font-weight: bold;")
        self.solution_box = text_box(solution or "—")
        self.note_edit = plain_edit(3)
        self.note_edit.setPlaceholderText(self.tr("Optional: remarks for the record (printed on the ticket form)"))
        self.add_field(self.tr("Step"), self.step_label)
        self.add_field(self.tr("Solution"), self.solution_box)
        self.add_field(self.tr("&Note"), self.note_edit, "note")

    def values(self) -> dict:
        return {"note": self.note_edit.toPlainText()}


class ReplyDialog(ActionDialog):
    """反馈客户: what the front desk told the customer; then the return visit follows."""

    def __init__(self, solution: str, *, summary: str = "", parent: QWidget | None = None) -> None:
        super().__init__(Action.REPLY, summary, parent)
        self.solution_box = text_box(solution or "—")
        self.note_edit = plain_edit(4)
        self.note_edit.setPlaceholderText(self.tr("Required: what the customer was told, and how (phone, visit)"))
        self.add_field(self.tr("Approved solution"), self.solution_box)
        self.add_field(self.tr("&Customer was told"), self.note_edit, "note", "reason")
        self.note_edit.textChanged.connect(self._on_note_edit_text_changed)

    @Slot()
    def _on_note_edit_text_changed(self) -> None:
        self.errors.clear_field("note")

    def values(self) -> dict:
        return {"note": self.note_edit.toPlainText()}


class TransferDialog(ActionDialog):
    """转派其他部门: lateral transfer to one other department, whose one receiver accepts again; a reason is kept."""

    def __init__(self, departments: list[DepartmentView], *, current_department: int | None = None,
                 summary: str = "", parent: QWidget | None = None) -> None:
        super().__init__(Action.TRANSFER, summary, parent)
        others = [d for d in departments if d.id != current_department]
        self.department_combo = DepartmentCombo(others, self.tr("Choose a department…"))
        self.receiver_label = QLabel()
        self.reason_edit = plain_edit(3)
        self.reason_edit.setPlaceholderText(self.tr("Required: why the other department should handle it"))
        self.add_field(self.tr("&Department"), self.department_combo, "department")
        self.add_field(self.tr("Receiver"), self.receiver_label)
        self.add_field(self.tr("&Reason"), self.reason_edit, "reason", "note")
        self.department_combo.currentIndexChanged.connect(self._on_department_combo_changed)
        self.reason_edit.textChanged.connect(self._on_reason_edit_text_changed)
        self._on_department_combo_changed()

    def select_department(self, department_id: int) -> None:
        self.department_combo.select(department_id)

    @Slot()
    def _on_department_combo_changed(self) -> None:
        self.errors.clear_field("department")
        if self.department_combo.currentData() is None:
            self.receiver_label.setText("")
        else:
            self.receiver_label.setText(self.department_combo.receiver()
                                        or self.tr("No receiver named: ask the administrator"))

    @Slot()
    def _on_reason_edit_text_changed(self) -> None:
        self.errors.clear_field("reason")

    def values(self) -> dict:
        return {"department_id": self.department_combo.currentData(), "reason": self.reason_edit.toPlainText()}


class RegisterCustomerDialog(FormDialog):
    """客户登记: a new customer archive card for a caller's number; their quarantined tickets are released."""

    def __init__(self, phone: str, *, name: str = "", address: str = "", area: str = "", waiting: int = 0,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Register customer"), self.tr("Register"), "", parent)
        self.phone = phone
        self.phone_label = QLabel(phone)
        self.phone_label.setStyleSheet("font-weight: bold;")
        self.name_edit = QLineEdit(name)
        self.name_edit.setMaxLength(100)
        self.address_edit = QLineEdit(address)
        self.address_edit.setMaxLength(200)
        self.area_edit = QLineEdit(area)
        self.area_edit.setMaxLength(60)
        # The archive service names a number or an address by its row: here there is one of each.
        self.add_field(self.tr("Phone"), self.phone_label, "phone", "numbers.0")
        self.add_field(self.tr("&Name"), self.name_edit, "name")
        self.add_field(self.tr("&Address"), self.address_edit, "address", "addresses.0")
        self.add_field(self.tr("A&rea"), self.area_edit, "area", "addresses.0.area")
        self.waiting_label = QLabel()
        self.waiting_label.setObjectName("dialogHint")
        self.waiting_label.setWordWrap(True)
        self.waiting_label.setText(self.tr("{count} ticket(s) of this number wait in quarantine; they are released "
                                           "to the normal queues once the customer is registered.").format(
            count=waiting))
        self.waiting_label.setVisible(waiting > 0)
        self.form.addRow(self.waiting_label)
        # The butler fields (4.1.1), optional: the archive window completes them later.
        self.more_button = QToolButton()
        self.more_button.setCheckable(True)
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.more_button.setArrowType(Qt.ArrowType.RightArrow)
        self.more_box = QWidget()
        more = QFormLayout(self.more_box)
        more.setContentsMargins(0, 0, 0, 0)
        more.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.household_spin = QSpinBox()
        self.household_spin.setRange(0, 99)
        self.household_spin.setSpecialValueText(self.tr("(not known)"))
        self.birth_year_spin = QSpinBox()
        self.birth_year_spin.setRange(0, 2200)
        self.birth_year_spin.setGroupSeparatorShown(False)
        self.birth_year_spin.setSpecialValueText(self.tr("(not known)"))
        self.extra_edits: dict[str, QLineEdit] = {}
        for field in ("occupation", "interests", "pets", "festivals", "needs", "notes"):
            edit = QLineEdit()
            edit.setMaxLength(200)
            self.extra_edits[field] = edit
        captions = {"household_size": self.tr("Household size"), "birth_year": self.tr("Birth year"),
                    "occupation": self.tr("Occupation"), "interests": self.tr("Interests"), "pets": self.tr("Pets"),
                    "festivals": self.tr("Festivals kept"), "needs": self.tr("Service needs"),
                    "notes": self.tr("Notes")}
        for field, widget in (("household_size", self.household_spin), ("birth_year", self.birth_year_spin),
                              *self.extra_edits.items()):
            more.addRow(captions[field], widget)
            error = QLabel()
            more.addRow("", error)
            self.errors.add(field, error, widget)
        self.more_box.hide()
        self.form.addRow(self.more_button)
        self.form.addRow(self.more_box)
        self.more_button.setText(self.tr("More about the household (optional)"))
        self.more_button.toggled.connect(self._on_more_button_toggled)
        self.name_edit.textEdited.connect(self._on_name_edit_text_edited)

    @Slot()
    def _on_name_edit_text_edited(self) -> None:
        self.errors.clear_field("name")

    @Slot(bool)
    def _on_more_button_toggled(self, shown: bool) -> None:
        self.more_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.more_box.setVisible(shown)
        self.adjustSize()

    def values(self) -> dict:
        return {"name": self.name_edit.text(), "phone": self.phone, "address": self.address_edit.text(),
                "area": self.area_edit.text()}

    def extra_values(self) -> dict:
        """The butler fields typed (only those given): household_size, birth_year, occupation, …, notes."""
        values: dict = {field: edit.text() for field, edit in self.extra_edits.items() if edit.text().strip()}
        if self.household_spin.value():
            values["household_size"] = self.household_spin.value()
        if self.birth_year_spin.value():
            values["birth_year"] = self.birth_year_spin.value()
        return values


class SlipPreviewDialog(PdfPreviewDialog):
    """派工单 preview: the three copies (stub, work copy, receipt) with zoom, pages, Save and Print."""

    def __init__(self, pdf: bytes, *, number: str = "", parent: QWidget | None = None) -> None:
        # Translated before the dialog exists, so not with self.tr.
        title = QCoreApplication.translate("SlipPreviewDialog", "Dispatch slip {number}").format(number=number)
        file_name = QCoreApplication.translate("SlipPreviewDialog", "Dispatch slip {number}.pdf").format(number=number)
        super().__init__(pdf, title=title, file_name=file_name, parent=parent)
        self.number = number
