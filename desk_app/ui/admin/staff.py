"""人员与角色: the staff accounts page of the administration window, and its password reset dialog."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import DeskError, ValidationError
from desk_app.core.kinds import Role
from desk_app.core.passwords import check_repeat
from desk_app.services import admin
from desk_app.services.events import Change
from desk_app.ui.admin.common import (
    ADMIN_STYLE,
    AdminPage,
    active_text,
    compact_form,
    fill_table,
    hint_label,
    make_table,
    select_id,
    selected_id,
    with_error,
)
from desk_app.ui.common import label, label_of
from desk_app.ui.context import DeskContext
from desk_app.ui.forms import FieldErrors
from desk_app.ui.workers import BackgroundJob, run_for_answer


def _auth():
    """services.auth (staff accounts), imported when used."""
    from desk_app.services import auth

    return auth


class PasswordDialog(QDialog):
    """An administrator's password reset: a generated password to pass on, or one typed twice."""

    submitted = Signal(str)

    def __init__(self, person: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet(ADMIN_STYLE)
        self.setMinimumWidth(400)
        self._job: BackgroundJob | None = None   # the password stored on a worker
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("password_edit")
        self.password_edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.repeat_edit = QLineEdit(self)
        self.repeat_edit.setObjectName("repeat_edit")
        self.repeat_edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.generate_button = QPushButton(self)
        self.generate_button.clicked.connect(self._on_generate_button_clicked)
        self.message_label = QLabel(self)
        self.errors = FieldErrors(self.message_label, self)
        self.intro_label = hint_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        form = compact_form()
        row = QHBoxLayout()
        row.addWidget(with_error(self.password_edit, self.errors, "password"), 1)
        row.addWidget(self.generate_button, 0, Qt.AlignmentFlag.AlignTop)
        self.password_caption = QLabel(self)
        self.repeat_caption = QLabel(self)
        form.addRow(self.password_caption, row)
        form.addRow(self.repeat_caption, with_error(self.repeat_edit, self.errors, "repeat"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        self.setWindowTitle(self.tr("Reset password"))
        self.intro_label.setText(self.tr(
            "New password for {person}. They must choose their own at the next sign-in.").format(person=person))
        self.password_caption.setText(self.tr("New password:"))
        self.repeat_caption.setText(self.tr("Repeat:"))
        self.generate_button.setText(self.tr("Generate"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Set password"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    @Slot()
    def _on_generate_button_clicked(self) -> None:
        password = _auth().generate_password()
        self.password_edit.setText(password)
        self.repeat_edit.setText(password)

    @property
    def storing(self) -> bool:
        """The password is being hashed and stored on a worker (argon2: about 170 ms on purpose)."""
        return self._job is not None

    def store(self, work: Callable[[Any], DeskError | None], done: Callable[[object], None]) -> None:
        """Run `work` (returns a refusal or None) on a worker; the fields and buttons wait meanwhile, Esc too. Its
        answer goes to `done` once the worker has stopped."""
        self._set_busy(True)
        self._job = run_for_answer(work, self, "reset-password", functools.partial(self._on_stored, done))

    def _on_stored(self, done: Callable[[object], None], answer: object) -> None:
        self._job = None
        self._set_busy(False)
        done(answer)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.password_edit, self.repeat_edit):
            widget.setReadOnly(busy)
        self.generate_button.setEnabled(not busy)
        self.buttons.setEnabled(not busy)

    def done(self, result: int) -> None:
        """Esc and Cancel wait while the password is stored: the dialog is not taken away from its worker."""
        if self._job is not None and result != QDialog.DialogCode.Accepted:
            return
        super().done(result)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        if self._job is not None:
            return
        try:
            check_repeat(self.password_edit.text(), self.repeat_edit.text())
        except ValidationError as error:
            self.errors.show_error(error)
            return
        self.submitted.emit(self.password_edit.text())


class StaffPage(AdminPage):
    """人员与角色: every account, and a form to add one or change its role, department and state."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._current: Any = None      # the account in the form (auth.StaffAccount), None while adding
        self._accounts: list[Any] = []
        self.password_dialog: PasswordDialog | None = None

        self.table = make_table(self, "staff_table")
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)

        self.message_label = QLabel(self)
        self.errors = FieldErrors(self.message_label, self)
        self.username_edit = QLineEdit(self)
        self.username_edit.setObjectName("username_edit")
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("name_edit")
        self.role_combo = QComboBox(self)
        self.role_combo.setObjectName("role_combo")
        self.department_combo = QComboBox(self)
        self.department_combo.setObjectName("department_combo")
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setObjectName("phone_edit")
        self.email_edit = QLineEdit(self)
        self.email_edit.setObjectName("email_edit")
        self.active_check = QCheckBox(self)
        self.active_check.setObjectName("active_check")
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.account_label = QLabel(self)
        self.account_label.setWordWrap(True)

        self.form_box = QGroupBox(self)
        form = compact_form()
        self.captions = [QLabel(self) for _ in range(8)]
        for caption, field, widget, aliases in (
            (self.captions[0], "username", self.username_edit, ()),
            (self.captions[1], "name", self.name_edit, ()),
            (self.captions[2], "role", self.role_combo, ()),
            (self.captions[3], "department", self.department_combo, ("department_id",)),
            (self.captions[4], "phone", self.phone_edit, ()),
            (self.captions[5], "email", self.email_edit, ()),
            (self.captions[6], "active", self.active_check, ()),
            (self.captions[7], "password", self.password_edit, ()),
        ):
            form.addRow(caption, with_error(widget, self.errors, field, *aliases))
        form.addRow("", self.account_label)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("new_staff_button")
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("save_staff_button")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.reset_button = QPushButton(self)
        self.reset_button.setObjectName("reset_password_button")
        self.reset_button.clicked.connect(self._on_reset_button_clicked)
        self.unlock_button = QPushButton(self)
        self.unlock_button.setObjectName("unlock_button")
        self.unlock_button.clicked.connect(self._on_unlock_button_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        account_buttons = QHBoxLayout()
        account_buttons.addWidget(self.reset_button)
        account_buttons.addWidget(self.unlock_button)
        account_buttons.addStretch(1)
        box_layout = QVBoxLayout(self.form_box)
        box_layout.addLayout(form)
        box_layout.addWidget(self.message_label)
        box_layout.addLayout(buttons)
        box_layout.addSpacing(6)
        box_layout.addLayout(account_buttons)
        box_layout.addStretch(1)
        self.form_box.setMinimumWidth(360)
        self.form_box.setMaximumWidth(460)

        self.hint = hint_label("", self)
        self.hint.setObjectName("pageHint")
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("staff_filter_edit")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(240)
        self.filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        top = QHBoxLayout()
        top.addWidget(self.hint, 1)
        top.addWidget(self.filter_edit)
        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(self.table, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(self.form_box)

    @Slot(str)
    def _on_filter_edit_text_changed(self, _text: str) -> None:
        self._apply_filter()

    def _apply_filter(self) -> None:
        needle = self.filter_edit.text().strip().casefold()
        for row in range(self.table.rowCount()):
            cells = (self.table.item(row, c) for c in range(self.table.columnCount()))
            text = " ".join(item.text() for item in cells if item is not None).casefold()
            self.table.setRowHidden(row, bool(needle) and needle not in text)

    def translate_ui(self) -> None:
        self.filter_edit.setPlaceholderText(self.tr("Filter: name, user name, role, department"))
        self.hint.setText(self.tr(
            "Everyone who signs in. Department roles (receiver, leader, field staff) act only on their department's "
            "tickets; a department's receiver is named on the next tab."))
        texts = [self.tr("User name:"), self.tr("Name:"), self.tr("Role:"), self.tr("Department:"),
                 self.tr("Phone:"), self.tr("E-mail:"), self.tr("State:"), self.tr("First password:")]
        for caption, text in zip(self.captions, texts):
            caption.setText(text)
        self.active_check.setText(self.tr("Active (may sign in)"))
        self.password_edit.setPlaceholderText(self.tr("optional; must be changed at the first sign-in"))
        self.new_button.setText(self.tr("New staff member"))
        self.save_button.setText(self.tr("Save"))
        self.reset_button.setText(self.tr("Reset password…"))
        self.unlock_button.setText(self.tr("Unlock"))
        with QSignalBlocker(self.role_combo):
            current = self.role_combo.currentData()
            self.role_combo.clear()
            for role in Role:
                self.role_combo.addItem(label(role), role.value)
            self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(current)))
        self.refresh()
        if self._current is None and self.table.rowCount():
            self.table.selectRow(0)

    def refresh(self) -> None:
        self._accounts = _auth().staff_accounts()
        now = self.ctx.now()
        headers = [self.tr("User name"), self.tr("Name"), self.tr("Role"), self.tr("Department"), self.tr("Phone"),
                   self.tr("E-mail"), self.tr("State")]
        rows = []
        for a in self._accounts:
            state = active_text(a.active)
            if a.locked(now):
                state = self.tr("Locked until {time}").format(time=a.locked_until.strftime("%H:%M"))
            elif a.active and not a.has_password:
                state = self.tr("No password yet")
            rows.append((a.id, [a.username, a.name, label_of(Role, str(a.role)), a.department, a.phone, a.email,
                                state]))
        fill_table(self.table, headers, rows, inactive=[a.id for a in self._accounts if not a.active],
                   warnings=[a.id for a in self._accounts if a.locked(now)])
        self._apply_filter()
        with QSignalBlocker(self.department_combo):
            current = self.department_combo.currentData()
            self.department_combo.clear()
            self.department_combo.addItem(self.tr("(none)"), None)
            for d in admin.departments(include_inactive=False):
                self.department_combo.addItem(d.name, d.id)
            self.department_combo.setCurrentIndex(max(0, self.department_combo.findData(current)))
        if self._current is not None:
            fresh = next((a for a in self._accounts if a.id == self._current.id), None)
            if fresh is None:
                self._load(None)
            else:
                self._current = fresh
                self._update_account_state()

    def account(self, staff_id: int) -> Any:
        return next((a for a in self._accounts if a.id == staff_id), None)

    def _load(self, account: Any) -> None:
        self._current = account
        self.errors.clear()
        adding = account is None
        self.form_box.setTitle(self.tr("New staff member") if adding else account.name)
        self.username_edit.setReadOnly(not adding)
        self.username_edit.setText("" if adding else account.username)
        self.name_edit.setText("" if adding else account.name)
        role = Role.RECEPTIONIST.value if adding else str(getattr(account.role, "value", account.role))
        self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(role)))
        self.department_combo.setCurrentIndex(max(0, self.department_combo.findData(
            None if adding else account.department_id)))
        self.phone_edit.setText("" if adding else account.phone)
        self.email_edit.setText("" if adding else account.email)
        self.active_check.setChecked(True if adding else account.active)
        self.active_check.setEnabled(not adding)
        self.password_edit.clear()
        self.password_edit.setEnabled(adding)
        self._update_account_state()

    def _update_account_state(self) -> None:
        account = self._current
        self.reset_button.setEnabled(account is not None)
        locked = account is not None and account.locked(self.ctx.now())
        self.unlock_button.setEnabled(locked or bool(account and account.failed_signins))
        if account is None:
            self.account_label.setText("")
            return
        parts = []
        if not account.has_password:
            parts.append(self.tr("Cannot sign in until a password is set."))
        elif account.must_change_password:
            parts.append(self.tr("Must change the password at the next sign-in."))
        if locked:
            parts.append(self.tr("Locked after {n} failed sign-ins.").format(n=account.failed_signins))
        self.account_label.setText(" ".join(parts))

    @Slot()
    def _on_table_item_selection_changed(self) -> None:
        staff_id = selected_id(self.table)
        if staff_id is not None and (self._current is None or self._current.id != staff_id):
            self._load(self.account(staff_id))

    @Slot()
    def _on_new_button_clicked(self) -> None:
        select_id(self.table, None, quiet=True)
        self._load(None)
        self.username_edit.setFocus()

    @Slot()
    def _on_save_button_clicked(self) -> None:
        auth = _auth()
        role = self.role_combo.currentData()
        department_id = self.department_combo.currentData()
        if self._current is None:
            password = self.password_edit.text() or None
            ok, staff_id = self.run(self.errors, lambda: auth.create_staff(
                self.actor, self.username_edit.text(), self.name_edit.text(), role, department_id,
                self.phone_edit.text(), self.email_edit.text(), password))
        else:
            current = self._current
            fields = {"name": self.name_edit.text(), "role": role, "department_id": department_id,
                      "phone": self.phone_edit.text(), "email": self.email_edit.text(),
                      "active": self.active_check.isChecked()}
            old = {"name": current.name, "role": str(getattr(current.role, "value", current.role)),
                   "department_id": current.department_id, "phone": current.phone, "email": current.email,
                   "active": current.active}
            changed = {k: v for k, v in fields.items() if v != old[k]}
            staff_id = current.id
            ok, _ = self.run(self.errors, lambda: auth.update_staff(self.actor, staff_id, **changed))
        if ok:
            self._changed(staff_id)

    def _changed(self, staff_id: int) -> None:
        # services.auth announces nothing; other windows (the user list, department members) listen for this.
        self.service.events.emit(Change("settings", "staff"))
        self._current = None
        self.refresh()
        select_id(self.table, staff_id, quiet=True)
        self._load(self.account(staff_id))

    @Slot()
    def _on_reset_button_clicked(self) -> None:
        if self._current is None:
            return
        dialog = PasswordDialog(self._current.name, self)
        dialog.submitted.connect(self._on_password_dialog_submitted)
        self.password_dialog = dialog
        dialog.open()

    @Slot(str)
    def _on_password_dialog_submitted(self, password: str) -> None:
        dialog = self.password_dialog
        if dialog is None or self._current is None:
            return
        staff_id, name, actor, auth = self._current.id, self._current.name, self.actor, _auth()

        def store(_report) -> DeskError | None:
            try:
                auth.set_password(actor, staff_id, password)
            except DeskError as refused:   # an answer, not a failure of the job (which would log a traceback)
                return refused
            return None

        def stored(answer: object) -> None:
            if self.password_dialog is not dialog:
                return
            if answer is None:
                self.status_message.emit(
                    self.tr("Password set: {name} must change it at the next sign-in.").format(name=name))
                dialog.accept()
                self.password_dialog = None
                self._changed(staff_id)
            elif isinstance(answer, DeskError):
                widget = dialog.errors.show_error(answer)
                if widget is not None:
                    widget.setFocus()
            else:   # the database is gone (the job logged why): what was typed stays
                dialog.errors.show_general(self.tr("The password was not set: the database cannot be reached."))

        dialog.errors.clear()
        dialog.store(store, stored)

    @Slot()
    def _on_unlock_button_clicked(self) -> None:
        if self._current is None:
            return
        staff_id = self._current.id
        ok, _ = self.run(self.errors, lambda: _auth().unlock(self.actor, staff_id), self.tr("Unlocked."))
        if ok:
            self._changed(staff_id)
