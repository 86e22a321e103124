"""部门与承接人: the departments page of the administration window, with the one receiver of each."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QComboBox, QGroupBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QWidget

from desk_app.core.kinds import Role
from desk_app.services import admin
from desk_app.ui.admin.common import (
    AdminPage,
    active_text,
    compact_form,
    fill_table,
    lay_out_table_and_form,
    make_table,
    select_id,
    selected_id,
    with_error,
)
from desk_app.ui.common import label_of
from desk_app.ui.context import DeskContext
from desk_app.ui.forms import FieldErrors
from desk_app.ui.workers import RequestSequencer


class DepartmentsPage(AdminPage):
    """部门与承接人: departments, and the one receiver of each chosen from its members."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._departments: list[admin.DepartmentInfo] = []
        self._current: admin.DepartmentInfo | None = None
        # Open tickets per department, counted on a worker at each refresh (None: not counted yet, shown "…").
        self._open_tickets: dict[int, int] | None = None
        self._counts = RequestSequencer(self, name="department-open-tickets")
        self.table = make_table(self, "department_table")
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.message_label = QLabel(self)
        self.errors = FieldErrors(self.message_label, self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("name_edit")
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("code_edit")
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setObjectName("phone_edit")
        self.receiver_combo = QComboBox(self)
        self.receiver_combo.setObjectName("receiver_combo")
        self.active_check = QCheckBox(self)
        self.active_check.setObjectName("active_check")
        self.members_list = QListWidget(self)
        self.members_list.setObjectName("members_list")
        self.members_list.setMaximumHeight(150)
        self.receiver_warning = QLabel(self)
        self.receiver_warning.setObjectName("warningLabel")
        self.receiver_warning.setWordWrap(True)
        self.receiver_warning.hide()

        self.form_box = QGroupBox(self)
        form = compact_form()
        self.captions = [QLabel(self) for _ in range(6)]
        form.addRow(self.captions[0], with_error(self.name_edit, self.errors, "name"))
        form.addRow(self.captions[1], with_error(self.code_edit, self.errors, "code"))
        form.addRow(self.captions[2], with_error(self.phone_edit, self.errors, "phone"))
        form.addRow(self.captions[3], with_error(self.receiver_combo, self.errors, "receiver"))
        form.addRow("", self.receiver_warning)
        form.addRow(self.captions[4], with_error(self.active_check, self.errors, "active"))
        form.addRow(self.captions[5], self.members_list)
        lay_out_table_and_form(self, form, "department")

    def translate_ui(self) -> None:
        self.hint.setText(self.tr(
            "Each department has exactly one receiver (部门承接人), who accepts or returns every ticket dispatched to "
            "it. Red: the named receiver left the department or may no longer accept tickets."))
        for caption, text in zip(self.captions, [self.tr("Name:"), self.tr("Code:"), self.tr("Phone:"),
                                                 self.tr("Receiver:"), self.tr("State:"), self.tr("Members:")]):
            caption.setText(text)
        self.active_check.setText(self.tr("Active (can receive tickets)"))
        self.code_edit.setPlaceholderText(self.tr("made up when left empty"))
        self.new_button.setText(self.tr("New department"))
        self.save_button.setText(self.tr("Save"))
        self.refresh()
        if self._current is None:
            if self.table.rowCount():
                self.table.selectRow(0)
            else:
                self._load(None)

    @property
    def counting(self) -> bool:
        """The open tickets are being counted (a read: closing the window waits for it in shutdown())."""
        return not self._counts.idle

    def shutdown(self) -> None:
        self._counts.wait()

    def refresh(self) -> None:
        self._departments = admin.departments()
        self._fill_table()
        self._counts.run(admin.open_tickets_by_department, self._on_open_tickets_counted)
        if self._current is not None:
            fresh = next((d for d in self._departments if d.id == self._current.id), None)
            self._current = fresh
            if fresh is None:
                self._load(None)
            else:
                self._fill_members(fresh)

    def _fill_table(self) -> None:
        counted = self._open_tickets
        headers = [self.tr("Department"), self.tr("Code"), self.tr("Phone"), self.tr("Receiver"), self.tr("Leader"),
                   self.tr("Members"), self.tr("Open tickets"), self.tr("State")]
        rows = [(d.id, [d.name, d.code, d.phone, d.receiver or self.tr("(none)"), d.leaders, str(d.members),
                        "…" if counted is None else str(counted.get(d.id, 0)), active_text(d.active)])
                for d in self._departments]
        fill_table(self.table, headers, rows, inactive=[d.id for d in self._departments if not d.active],
                   warnings=[d.id for d in self._departments if d.receiver_problem or (d.active and not d.receiver_id)])

    def _on_open_tickets_counted(self, counts: dict[int, int]) -> None:
        self._open_tickets = counts
        self._fill_table()

    def open_tickets_shown(self) -> dict[str, str]:
        """Department name → what its 在办工单 cell shows (tests)."""
        column = 6
        return {self.table.item(r, 0).text(): self.table.item(r, column).text() for r in range(self.table.rowCount())}

    def department(self, department_id: int) -> admin.DepartmentInfo | None:
        return next((d for d in self._departments if d.id == department_id), None)

    def _load(self, department: admin.DepartmentInfo | None) -> None:
        self._current = department
        self.errors.clear()
        adding = department is None
        self.form_box.setTitle(self.tr("New department") if adding else department.name)
        self.name_edit.setText("" if adding else department.name)
        self.code_edit.setText("" if adding else department.code)
        self.phone_edit.setText("" if adding else department.phone)
        self.active_check.setChecked(True if adding else department.active)
        self.active_check.setEnabled(not adding)
        self._fill_members(department)

    def _fill_members(self, department: admin.DepartmentInfo | None) -> None:
        self.members_list.clear()
        with QSignalBlocker(self.receiver_combo):
            self.receiver_combo.clear()
            if department is None:
                self.receiver_combo.addItem(self.tr("(named once the department has members)"), None)
                self.receiver_combo.setEnabled(False)
                self.receiver_warning.hide()
                return
            candidates = admin.receiver_candidates(department.id)
            for person in candidates:
                self.receiver_combo.addItem(f"{person.name} ({label_of(Role, person.role)})", person.id)
            if department.receiver_id is None:
                self.receiver_combo.insertItem(0, self.tr("(none)"), None)
            elif self.receiver_combo.findData(department.receiver_id) < 0:
                self.receiver_combo.insertItem(0, department.receiver, department.receiver_id)
            self.receiver_combo.setCurrentIndex(max(0, self.receiver_combo.findData(department.receiver_id)))
            self.receiver_combo.setEnabled(bool(candidates))
        for person in admin.department_members(department.id):
            item = QListWidgetItem(f"{person.name}  {label_of(Role, person.role)}  {person.username}")
            if person.id == department.receiver_id:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.members_list.addItem(item)
        if department.receiver_problem:
            self.receiver_warning.setText(self.tr(
                "{name} is no longer an active member who may accept tickets: name another receiver.").format(
                    name=department.receiver))
        elif department.active and department.receiver_id is None:
            self.receiver_warning.setText(self.tr("No receiver: tickets cannot be dispatched here."))
        self.receiver_warning.setVisible(department.receiver_problem
                                         or (department.active and department.receiver_id is None))

    @Slot()
    def _on_table_item_selection_changed(self) -> None:
        department_id = selected_id(self.table)
        if department_id is not None and (self._current is None or self._current.id != department_id):
            self._load(self.department(department_id))

    @Slot()
    def _on_new_button_clicked(self) -> None:
        select_id(self.table, None, quiet=True)
        self._load(None)
        self.name_edit.setFocus()

    @Slot()
    def _on_save_button_clicked(self) -> None:
        name, code, phone = self.name_edit.text(), self.code_edit.text(), self.phone_edit.text()
        if self._current is None:
            ok, department_id = self.run(self.errors, lambda: admin.create_department(
                self.service, self.actor, name, code, phone))
        else:
            department_id = self._current.id
            receiver = self.receiver_combo.currentData()
            ok, _ = self.run(self.errors, lambda: admin.update_department(
                self.service, self.actor, department_id, name=name, code=code, phone=phone,
                active=self.active_check.isChecked(), receiver_id=receiver))
        if ok:
            self._current = None
            self.refresh()
            select_id(self.table, department_id, quiet=True)
            self._load(self.department(department_id))
