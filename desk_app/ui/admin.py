"""管理: the administrator's window, one tab per area: staff and roles, departments and their receiver, areas, routing
rules, kinds and the service catalogue, time limits and the priority matrix, the working calendar, notifications.

Every change goes through the services (services.admin, services.auth, services.notify, DeskService for the
calendar), which refuse anyone but an administrator whatever this window shows. Calendar changes recompute the
deadlines of open tickets, so they run on a worker thread behind a busy indicator.

    window = open_admin(ctx, main_window)     # the main window's menu; PermissionDenied for non-administrators
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QCloseEvent, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.calendar import OfficeHours, parse_schedule_with_notes
from desk_app.core.errors import DeskError, ValidationError
from desk_app.core.kinds import Level, Role, Severity, TicketKind
from desk_app.core.labels import QT_TRANSLATE_NOOP
from desk_app.core.passwords import check_repeat
from desk_app.core.permissions import Operation, may
from desk_app.core.policies import ClockKind, Variant
from desk_app.core.routing import RoutingFacts, Scope, route
from desk_app.core.states import Action
from desk_app.services import admin
from desk_app.services.admin import RuleInput
from desk_app.services.events import Change
from desk_app.ui.common import label, label_of
from desk_app.ui.context import DeskContext
from desk_app.ui.forms import FieldErrors, limit_text
from desk_app.ui.settings import read_bytes, settings
from desk_app.ui.workers import BackgroundJob
from desk_app.ui.year_view import (
    ADJUSTED_BACKGROUND,
    ADJUSTED_TEXT,
    HOLIDAY_BACKGROUND,
    HOLIDAY_TEXT,
    OVERRIDE_OUTLINE,
    WEEKEND_BACKGROUND,
    WEEKEND_TEXT,
    YearView,
    kind_text,
    source_text,
    weekday_name,
)

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole
INACTIVE_TEXT = QColor("#9aa5ad")
WARNING_TEXT = QColor("#c62828")
MATCH_BACKGROUND = QColor("#dcedc8")

ADMIN_STYLE = """
QLineEdit[invalid="true"], QComboBox[invalid="true"], QPlainTextEdit[invalid="true"], QSpinBox[invalid="true"]
    { border: 1px solid #c62828; }
QGroupBox { font-weight: bold; margin-top: 8px; }
QGroupBox::title { subcontrol-origin: margin; left: 6px; padding: 0 3px; }
QGroupBox > QWidget { font-weight: normal; }
QLabel#pageHint, QLabel[hint="true"] { color: #5f6b76; }
QLabel#calendarBanner { color: white; background: #c62828; font-weight: bold; padding: 5px 10px;
                        border-radius: 3px; }
QLabel#officialBadge { color: #1b5e20; background: #e8f5e9; padding: 3px 8px; border-radius: 3px; }
QLabel#dayTitle { font-size: 15px; font-weight: bold; }
QLabel#warningLabel { color: #c62828; }
QTableWidget { gridline-color: #e3e7ea; }
"""



def _auth():
    """services.auth (staff accounts), imported when used."""
    from desk_app.services import auth

    return auth


def _notify():
    """services.notify (outbound notification settings), imported when used."""
    from desk_app.services import notify

    return notify


def _workflow():
    """core.workflow, or None while the state machine lacks the approval states it needs."""
    try:
        from desk_app.core import workflow
    except (ImportError, AttributeError):
        return None
    return workflow


# ----- small building blocks --------------------------------------------------------------------------------------


def make_table(parent: QWidget, object_name: str) -> QTableWidget:
    table = QTableWidget(parent)
    table.setObjectName(object_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setHighlightSections(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def fill_table(table: QTableWidget, headers: list[str], rows: list[tuple[Any, list[str]]], *,
               inactive: Iterable[Any] = (), warnings: Iterable[Any] = ()) -> None:
    """Replace the rows, keeping the selected id selected; an id is stored in each row's first cell."""
    keep = selected_id(table)
    inactive, warnings = set(inactive), set(warnings)
    with QSignalBlocker(table):
        table.clearContents()
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setRowCount(len(rows))
        for r, (row_id, cells) in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if c == 0:
                    item.setData(ID_ROLE, row_id)
                if row_id in inactive:
                    item.setForeground(INACTIVE_TEXT)
                elif row_id in warnings:
                    item.setForeground(WARNING_TEXT)
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        for c in range(table.columnCount()):
            table.setColumnWidth(c, min(table.columnWidth(c) + 12, 260))
    select_id(table, keep, quiet=True)


def selected_id(table: QTableWidget) -> Any:
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return item.data(ID_ROLE) if item else None


def select_id(table: QTableWidget, row_id: Any, *, quiet: bool = False) -> bool:
    for r in range(table.rowCount()):
        item = table.item(r, 0)
        if item is not None and item.data(ID_ROLE) == row_id and row_id is not None:
            if quiet:
                with QSignalBlocker(table), QSignalBlocker(table.selectionModel()):
                    table.selectRow(r)
            else:
                table.selectRow(r)
            return True
    if quiet:
        with QSignalBlocker(table), QSignalBlocker(table.selectionModel()):
            table.clearSelection()
    else:
        table.clearSelection()
    return False


def with_error(widget: QWidget, errors: FieldErrors, field: str, *aliases: str) -> QWidget:
    """The input with its red message under it (the message takes no room while hidden)."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(1)
    layout.addWidget(widget)
    error = QLabel(box)
    error.setObjectName(f"error_{field}")
    layout.addWidget(error)
    errors.add(field, error, widget, *aliases)
    return box


def hint_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    hint = QLabel(text, parent)
    hint.setProperty("hint", True)
    hint.setWordWrap(True)
    return hint


def lay_out_table_and_form(page: QWidget, form: QFormLayout, name: str) -> None:
    """The layout of a list-and-form page: a hint and the table on the left; on the right the form, its message
    line and the New / Save buttons (object names new_<name>_button, save_<name>_button)."""
    page.new_button = QPushButton(page)
    page.new_button.setObjectName(f"new_{name}_button")
    page.new_button.clicked.connect(page._on_new_button_clicked)
    page.save_button = QPushButton(page)
    page.save_button.setObjectName(f"save_{name}_button")
    page.save_button.setDefault(True)
    page.save_button.clicked.connect(page._on_save_button_clicked)
    buttons = QHBoxLayout()
    buttons.addWidget(page.new_button)
    buttons.addStretch(1)
    buttons.addWidget(page.save_button)
    box_layout = QVBoxLayout(page.form_box)
    box_layout.addLayout(form)
    box_layout.addWidget(page.message_label)
    box_layout.addLayout(buttons)
    box_layout.addStretch(1)
    page.form_box.setMinimumWidth(360)
    page.form_box.setMaximumWidth(460)
    page.hint = hint_label("", page)
    page.hint.setObjectName("pageHint")
    left = QVBoxLayout()
    left.addWidget(page.hint)
    left.addWidget(page.table, 1)
    layout = QHBoxLayout(page)
    layout.addLayout(left, 1)
    layout.addWidget(page.form_box)


def any_text() -> str:
    return QCoreApplication.translate("AdminPage", "(any)")


def active_text(active: bool) -> str:
    if active:
        return QCoreApplication.translate("AdminPage", "Active")
    return QCoreApplication.translate("AdminPage", "Inactive")


def compact_form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setVerticalSpacing(5)
    form.setHorizontalSpacing(8)
    return form


class AdminPage(QWidget):
    """A tab of the administration window: a context, a refresh() from the database, translate_ui()."""

    status_message = Signal(str)
    busy_changed = Signal(bool)     # background work of the page started (True) or ended (False)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    @property
    def busy(self) -> bool:
        """True while the page's background work runs."""
        return False

    @property
    def service(self):
        return self.ctx.service

    @property
    def actor(self):
        return self.ctx.actor

    def refresh(self) -> None:
        """Re-read the page's data; the form under edit stays as it is unless its item vanished."""

    def translate_ui(self) -> None:
        """Set every text (run again when the language changes)."""

    def shutdown(self) -> None:
        """Stop background work before the window closes."""

    def run(self, errors: FieldErrors, call: Callable[[], Any], done: str | None = None) -> tuple[bool, Any]:
        """Call a service; a refusal goes next to its field (or on the general line). (ok, result)."""
        errors.clear()
        try:
            result = call()
        except DeskError as error:
            widget = errors.show_error(error)
            if widget is not None:
                widget.setFocus()
            return False, None
        self.status_message.emit(done if done is not None else QCoreApplication.translate("AdminPage", "Saved."))
        return True, result


# ----- 人员与角色 ------------------------------------------------------------------------------------------------


class PasswordDialog(QDialog):
    """An administrator's password reset: a generated password to pass on, or one typed twice."""

    submitted = Signal(str)

    def __init__(self, person: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet(ADMIN_STYLE)
        self.setMinimumWidth(400)
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

    @Slot()
    def _on_buttons_accepted(self) -> None:
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
        staff_id = self._current.id
        ok, _ = self.run(dialog.errors, lambda: _auth().set_password(self.actor, staff_id, password),
                         self.tr("Password set: {name} must change it at the next sign-in.").format(
                             name=self._current.name))
        if ok:
            dialog.accept()
            self.password_dialog = None
            self._changed(staff_id)

    @Slot()
    def _on_unlock_button_clicked(self) -> None:
        if self._current is None:
            return
        staff_id = self._current.id
        ok, _ = self.run(self.errors, lambda: _auth().unlock(self.actor, staff_id), self.tr("Unlocked."))
        if ok:
            self._changed(staff_id)


# ----- 部门与承接人 ------------------------------------------------------------------------------------------------


class DepartmentsPage(AdminPage):
    """部门与承接人: departments, and the one receiver of each chosen from its members."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._departments: list[admin.DepartmentInfo] = []
        self._current: admin.DepartmentInfo | None = None
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

    def refresh(self) -> None:
        self._departments = admin.departments()
        headers = [self.tr("Department"), self.tr("Code"), self.tr("Phone"), self.tr("Receiver"), self.tr("Leader"),
                   self.tr("Members"), self.tr("Open tickets"), self.tr("State")]
        rows = [(d.id, [d.name, d.code, d.phone, d.receiver or self.tr("(none)"), d.leaders, str(d.members),
                        str(d.open_tickets), active_text(d.active)]) for d in self._departments]
        fill_table(self.table, headers, rows, inactive=[d.id for d in self._departments if not d.active],
                   warnings=[d.id for d in self._departments if d.receiver_problem or (d.active and not d.receiver_id)])
        if self._current is not None:
            fresh = next((d for d in self._departments if d.id == self._current.id), None)
            self._current = fresh
            if fresh is None:
                self._load(None)
            else:
                self._fill_members(fresh)

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


# ----- 片区 -------------------------------------------------------------------------------------------------------


class AreasPage(AdminPage):
    """片区: the areas a routing rule can name (and the intake form offers)."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._areas: list[admin.AreaInfo] = []
        self._current: admin.AreaInfo | None = None
        self.table = make_table(self, "area_table")
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.message_label = QLabel(self)
        self.errors = FieldErrors(self.message_label, self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("name_edit")
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("code_edit")
        self.active_check = QCheckBox(self)
        self.active_check.setObjectName("active_check")
        self.form_box = QGroupBox(self)
        form = compact_form()
        self.captions = [QLabel(self) for _ in range(3)]
        form.addRow(self.captions[0], with_error(self.name_edit, self.errors, "name"))
        form.addRow(self.captions[1], with_error(self.code_edit, self.errors, "code"))
        form.addRow(self.captions[2], with_error(self.active_check, self.errors, "active"))
        lay_out_table_and_form(self, form, "area")

    def translate_ui(self) -> None:
        self.hint.setText(self.tr(
            "Areas (片区) of the service territory. Renaming one renames it in the routing rules too; tickets "
            "filed earlier keep the name they had."))
        for caption, text in zip(self.captions, [self.tr("Name:"), self.tr("Code:"), self.tr("State:")]):
            caption.setText(text)
        self.active_check.setText(self.tr("Active"))
        self.new_button.setText(self.tr("New area"))
        self.save_button.setText(self.tr("Save"))
        self.refresh()
        if self._current is None:
            self._load(None)

    def refresh(self) -> None:
        self._areas = admin.areas()
        fill_table(self.table, [self.tr("Area"), self.tr("Code"), self.tr("State")],
                   [(a.id, [a.name, a.code, active_text(a.active)]) for a in self._areas],
                   inactive=[a.id for a in self._areas if not a.active])
        if self._current is not None:
            self._current = next((a for a in self._areas if a.id == self._current.id), None)
            if self._current is None:
                self._load(None)

    def _load(self, area: admin.AreaInfo | None) -> None:
        self._current = area
        self.errors.clear()
        self.form_box.setTitle(self.tr("New area") if area is None else area.name)
        self.name_edit.setText(area.name if area else "")
        self.code_edit.setText(area.code if area else "")
        self.active_check.setChecked(area.active if area else True)
        self.active_check.setEnabled(area is not None)

    @Slot()
    def _on_table_item_selection_changed(self) -> None:
        area_id = selected_id(self.table)
        if area_id is not None and (self._current is None or self._current.id != area_id):
            self._load(next((a for a in self._areas if a.id == area_id), None))

    @Slot()
    def _on_new_button_clicked(self) -> None:
        select_id(self.table, None, quiet=True)
        self._load(None)
        self.name_edit.setFocus()

    @Slot()
    def _on_save_button_clicked(self) -> None:
        name, code = self.name_edit.text(), self.code_edit.text()
        if self._current is None:
            ok, area_id = self.run(self.errors, lambda: admin.create_area(self.service, self.actor, name, code))
        else:
            area_id = self._current.id
            ok, _ = self.run(self.errors, lambda: admin.update_area(
                self.service, self.actor, area_id, name=name, code=code, active=self.active_check.isChecked()))
        if ok:
            self._current = None
            self.refresh()
            select_id(self.table, area_id, quiet=True)
            self._load(next((a for a in self._areas if a.id == area_id), None))


# ----- 派单规则 ---------------------------------------------------------------------------------------------------


class RuleDialog(QDialog):
    """One routing rule: conditions (empty = any) and the department; OK emits `submitted`, the page saves."""

    submitted = Signal(object)   # RuleInput

    def __init__(self, rule: admin.RoutingRuleInfo | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rule = rule
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet(ADMIN_STYLE)
        self.setMinimumWidth(460)
        self.message_label = QLabel(self)
        self.errors = FieldErrors(self.message_label, self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("rule_name_edit")
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("rule_kind_combo")
        self.category_combo = QComboBox(self)
        self.category_combo.setObjectName("rule_category_combo")
        self.category_combo.setEditable(True)
        self.category_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.area_combo = QComboBox(self)
        self.area_combo.setObjectName("rule_area_combo")
        self.area_combo.setEditable(True)
        self.area_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.scope_combo = QComboBox(self)
        self.scope_combo.setObjectName("rule_scope_combo")
        self.station_edit = QLineEdit(self)
        self.station_edit.setObjectName("rule_station_edit")
        self.department_combo = QComboBox(self)
        self.department_combo.setObjectName("rule_department_combo")
        self.active_check = QCheckBox(self)
        self.active_check.setObjectName("rule_active_check")
        self.captions = [QLabel(self) for _ in range(8)]
        self.conditions_label = hint_label("", self)
        form = compact_form()
        form.addRow(self.captions[0], with_error(self.name_edit, self.errors, "name"))
        form.addRow(self.conditions_label)
        form.addRow(self.captions[1], with_error(self.kind_combo, self.errors, "kind"))
        form.addRow(self.captions[2], with_error(self.category_combo, self.errors, "category"))
        form.addRow(self.captions[3], with_error(self.area_combo, self.errors, "area"))
        form.addRow(self.captions[4], with_error(self.scope_combo, self.errors, "scope"))
        form.addRow(self.captions[5], with_error(self.station_edit, self.errors, "station"))
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        form.addRow(line)
        form.addRow(self.captions[6], with_error(self.department_combo, self.errors, "department"))
        form.addRow(self.captions[7], self.active_check)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)

        self.setWindowTitle(self.tr("New routing rule") if rule is None else self.tr("Routing rule {position}").format(
            position=rule.position))
        texts = [self.tr("Name:"), self.tr("Kind:"), self.tr("Catalogue entry:"), self.tr("Area:"), self.tr("Where:"),
                 self.tr("Station:"), self.tr("Send to:"), self.tr("State:")]
        for caption, text in zip(self.captions, texts):
            caption.setText(text)
        self.conditions_label.setText(self.tr("Conditions — leave one empty to match anything:"))
        self.name_edit.setPlaceholderText(self.tr("e.g. 户内报修 → 客服助理"))
        self.station_edit.setPlaceholderText(self.tr("e.g. 交换站点"))
        self.active_check.setText(self.tr("Active"))
        self.ok_button.setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

        self.kind_combo.addItem(any_text(), "")
        for kind in TicketKind:
            self.kind_combo.addItem(label(kind), kind.value)
        for scope in Scope:
            self.scope_combo.addItem(any_text() if scope == Scope.NONE else label(scope), scope.value)
        self.area_combo.addItem("", "")
        for area in admin.areas(include_inactive=False):
            self.area_combo.addItem(area.name, area.name)
        self.area_combo.lineEdit().setPlaceholderText(any_text())
        self.department_combo.addItem(self.tr("(choose)"), None)
        for department in admin.departments(include_inactive=False):
            self.department_combo.addItem(department.name, department.id)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_current_index_changed)
        if rule is not None:
            self.name_edit.setText(rule.name)
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(rule.kind)))
            self.area_combo.setCurrentText(rule.area)
            self.scope_combo.setCurrentIndex(max(0, self.scope_combo.findData(rule.scope)))
            self.station_edit.setText(rule.station)
            index = self.department_combo.findData(rule.department_id)
            if index < 0:
                self.department_combo.addItem(rule.department, rule.department_id)
                index = self.department_combo.count() - 1
            self.department_combo.setCurrentIndex(index)
            self.active_check.setChecked(rule.active)
        else:
            self.active_check.setChecked(True)
        self._fill_categories()
        if rule is not None:
            self.category_combo.setCurrentText(rule.category)

    def _fill_categories(self) -> None:
        text = self.category_combo.currentText()
        kind = self.kind_combo.currentData()
        self.category_combo.clear()
        self.category_combo.addItem("", "")
        names: list[str] = []
        for entry in admin.catalogue(kind or None, include_inactive=False):
            if entry.name not in names:
                names.append(entry.name)
        for name in names:
            self.category_combo.addItem(name, name)
        self.category_combo.setCurrentText(text)
        self.category_combo.lineEdit().setPlaceholderText(any_text())

    def rule_input(self) -> RuleInput:
        return RuleInput(
            department_id=self.department_combo.currentData(),
            kind=self.kind_combo.currentData() or "",
            category=self.category_combo.currentText().strip(),
            area=self.area_combo.currentText().strip(),
            scope=self.scope_combo.currentData() or "",
            station=self.station_edit.text(),
            name=self.name_edit.text(),
            active=self.active_check.isChecked(),
        )

    @Slot(int)
    def _on_kind_combo_current_index_changed(self, _index: int) -> None:
        self._fill_categories()

    @Slot()
    def _on_buttons_accepted(self) -> None:
        self.submitted.emit(self.rule_input())


class RoutingPage(AdminPage):
    """派单规则: the ordered routing table; the first matching rule dispatches directly, no match means transfer."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._rules: list[admin.RoutingRuleInfo] = []
        self.rule_dialog: RuleDialog | None = None
        self.hint = hint_label("", self)
        self.hint.setObjectName("pageHint")
        self.table = make_table(self, "rule_table")
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.table.cellDoubleClicked.connect(self._on_table_cell_double_clicked)
        self.message_label = QLabel(self)
        self.errors = FieldErrors(self.message_label, self)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("add_rule_button")
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.edit_button = QPushButton(self)
        self.edit_button.setObjectName("edit_rule_button")
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.delete_button = QPushButton(self)
        self.delete_button.setObjectName("delete_rule_button")
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.up_button = QPushButton(self)
        self.up_button.setObjectName("rule_up_button")
        self.up_button.clicked.connect(self._on_up_button_clicked)
        self.down_button = QPushButton(self)
        self.down_button.setObjectName("rule_down_button")
        self.down_button.clicked.connect(self._on_down_button_clicked)
        self._delete_armed: int | None = None
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addSpacing(16)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.hint)
        left.addLayout(buttons)
        left.addWidget(self.table, 1)
        left.addWidget(self.message_label)

        # Try a ticket against the rules as they are stored: what an administrator checks after each change.
        self.try_box = QGroupBox(self)
        self.try_kind_combo = QComboBox(self)
        self.try_kind_combo.setObjectName("try_kind_combo")
        self.try_category_combo = QComboBox(self)
        self.try_category_combo.setObjectName("try_category_combo")
        self.try_category_combo.setEditable(True)
        self.try_category_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.try_area_combo = QComboBox(self)
        self.try_area_combo.setObjectName("try_area_combo")
        self.try_area_combo.setEditable(True)
        self.try_area_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.try_scope_combo = QComboBox(self)
        self.try_scope_combo.setObjectName("try_scope_combo")
        self.try_station_edit = QLineEdit(self)
        self.try_station_edit.setObjectName("try_station_edit")
        self.try_result = QLabel(self)
        self.try_result.setObjectName("try_result")
        self.try_result.setWordWrap(True)
        self.try_result.setMinimumHeight(48)
        self.try_result.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.try_captions = [QLabel(self) for _ in range(5)]
        try_form = compact_form()
        for caption, widget in zip(self.try_captions, (self.try_kind_combo, self.try_category_combo,
                                                       self.try_area_combo, self.try_scope_combo,
                                                       self.try_station_edit)):
            try_form.addRow(caption, widget)
        try_layout = QVBoxLayout(self.try_box)
        try_layout.addLayout(try_form)
        try_layout.addWidget(self.try_result)
        self.try_kind_combo.currentIndexChanged.connect(self._on_try_kind_combo_current_index_changed)
        self.try_category_combo.currentTextChanged.connect(self._on_try_text_changed)
        self.try_area_combo.currentTextChanged.connect(self._on_try_text_changed)
        self.try_scope_combo.currentIndexChanged.connect(self._on_try_scope_combo_current_index_changed)
        self.try_station_edit.textChanged.connect(self._on_try_text_changed)
        right = QVBoxLayout()
        right.addWidget(self.try_box)
        right.addStretch(1)
        right_holder = QWidget(self)
        right_holder.setLayout(right)
        right.setContentsMargins(0, 0, 0, 0)
        right_holder.setFixedWidth(300)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(right_holder)

    def translate_ui(self) -> None:
        self.try_box.setTitle(self.tr("Try a ticket"))
        for caption, text in zip(self.try_captions, [self.tr("Kind:"), self.tr("Catalogue entry:"), self.tr("Area:"),
                                                     self.tr("Where:"), self.tr("Station:")]):
            caption.setText(text)
        with QSignalBlocker(self.try_kind_combo):
            current = self.try_kind_combo.currentData()
            self.try_kind_combo.clear()
            for kind in TicketKind:
                self.try_kind_combo.addItem(label(kind), kind.value)
            self.try_kind_combo.setCurrentIndex(max(0, self.try_kind_combo.findData(current)))
        with QSignalBlocker(self.try_scope_combo):
            current = self.try_scope_combo.currentData()
            self.try_scope_combo.clear()
            for scope in Scope:
                self.try_scope_combo.addItem(label(scope), scope.value)
            self.try_scope_combo.setCurrentIndex(max(0, self.try_scope_combo.findData(current)))
        self.hint.setText(self.tr(
            "Rules are tried from the top. The first that matches sends the ticket straight to the department's "
            "receiver (直派); when none matches, the second-level dispatcher forwards it by hand (转派). An empty "
            "condition matches anything."))
        self.add_button.setText(self.tr("Add rule…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.delete_button.setText(self.tr("Delete"))
        self.up_button.setText(self.tr("Move up"))
        self.down_button.setText(self.tr("Move down"))
        self.refresh()

    def refresh(self) -> None:
        self._rules = admin.routing_rules()
        headers = [self.tr("No."), self.tr("Name"), self.tr("Kind"), self.tr("Catalogue entry"), self.tr("Area"),
                   self.tr("Where"), self.tr("Station"), self.tr("Send to"), self.tr("State")]
        anything = "—"
        rows = [(r.id, [str(r.position), r.name, label_of(TicketKind, r.kind) or anything, r.category or anything,
                        r.area or anything, label_of(Scope, r.scope) if r.scope else anything, r.station or anything,
                        r.department, active_text(r.active)]) for r in self._rules]
        fill_table(self.table, headers, rows, inactive=[r.id for r in self._rules if not r.active])
        self._update_buttons()
        self._fill_try_choices()
        self._update_try()

    def _fill_try_choices(self) -> None:
        with QSignalBlocker(self.try_area_combo):
            text = self.try_area_combo.currentText()
            self.try_area_combo.clear()
            self.try_area_combo.addItem("")
            self.try_area_combo.addItems([a.name for a in admin.areas(include_inactive=False)])
            self.try_area_combo.setCurrentText(text)
        with QSignalBlocker(self.try_category_combo):
            text = self.try_category_combo.currentText()
            self.try_category_combo.clear()
            self.try_category_combo.addItem("")
            self.try_category_combo.addItems(
                [e.name for e in admin.catalogue(self.try_kind_combo.currentData(), include_inactive=False)])
            self.try_category_combo.setCurrentText(text)

    def try_facts(self) -> RoutingFacts:
        return RoutingFacts(kind=self.try_kind_combo.currentData() or "",
                            category=self.try_category_combo.currentText().strip(),
                            area=self.try_area_combo.currentText().strip(),
                            scope=self.try_scope_combo.currentData() or "",
                            station=self.try_station_edit.text().strip())

    def _update_try(self) -> None:
        rules = admin.load_routing_rules()
        match = route(rules, self.try_facts())
        matched_id = None
        if match is not None:
            # Rules are stored with unique positions (1..n), so the position names the row.
            matched_id = next((r.id for r in self._rules if r.position == match.position and r.active), None)
        for row in range(self.table.rowCount()):
            hit = self.table.item(row, 0).data(ID_ROLE) == matched_id
            for column in range(self.table.columnCount()):
                item = self.table.item(row, column)
                if item is not None:
                    item.setBackground(MATCH_BACKGROUND if hit else QBrush())
        if match is None:
            self.try_result.setStyleSheet("color: #8a4b00;")
            self.try_result.setText(self.tr("No rule matches: transfer dispatch (转派) by the second-level "
                                            "dispatcher."))
            return
        department = next((d for d in admin.departments() if d.id == match.department_id), None)
        self.try_result.setStyleSheet("color: #1b5e20; font-weight: bold;")
        self.try_result.setText(self.tr("Rule {position} matches: direct dispatch (直派) to {department}, "
                                        "receiver {receiver}.").format(
            position=match.position, department=department.name if department else "?",
            receiver=(department.receiver if department and department.receiver else self.tr("(none)"))))

    @Slot(int)
    def _on_try_kind_combo_current_index_changed(self, _index: int) -> None:
        self._fill_try_choices()
        self._update_try()

    @Slot(str)
    def _on_try_text_changed(self, _text: str) -> None:
        self._update_try()

    @Slot(int)
    def _on_try_scope_combo_current_index_changed(self, _index: int) -> None:
        self._update_try()

    def rule(self, rule_id: int | None) -> admin.RoutingRuleInfo | None:
        return next((r for r in self._rules if r.id == rule_id), None)

    def _update_buttons(self) -> None:
        rule_id = selected_id(self.table)
        index = next((i for i, r in enumerate(self._rules) if r.id == rule_id), None)
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(index is not None)
        self.up_button.setEnabled(index is not None and index > 0)
        self.down_button.setEnabled(index is not None and index < len(self._rules) - 1)
        if self._delete_armed != rule_id:
            self._delete_armed = None
            self.delete_button.setText(self.tr("Delete"))

    def open_dialog(self, rule: admin.RoutingRuleInfo | None) -> RuleDialog:
        if self.rule_dialog is not None:
            self.rule_dialog.close()
        dialog = RuleDialog(rule, self)
        dialog.submitted.connect(self._on_rule_dialog_submitted)
        dialog.finished.connect(self._on_rule_dialog_finished)
        self.rule_dialog = dialog
        dialog.open()
        return dialog

    @Slot(object)
    def _on_rule_dialog_submitted(self, rule: RuleInput) -> None:
        dialog = self.rule_dialog
        if dialog is None:
            return
        if dialog.rule is None:
            ok, rule_id = self.run(dialog.errors, lambda: admin.create_rule(self.service, self.actor, rule))
        else:
            rule_id = dialog.rule.id
            ok, _ = self.run(dialog.errors, lambda: admin.update_rule(self.service, self.actor, rule_id, rule))
        if ok:
            dialog.accept()
            self.refresh()
            select_id(self.table, rule_id)

    @Slot(int)
    def _on_rule_dialog_finished(self, _result: int) -> None:
        self.rule_dialog = None

    @Slot()
    def _on_table_item_selection_changed(self) -> None:
        self._update_buttons()

    @Slot(int, int)
    def _on_table_cell_double_clicked(self, _row: int, _column: int) -> None:
        self._on_edit_button_clicked()

    @Slot()
    def _on_add_button_clicked(self) -> None:
        self.open_dialog(None)

    @Slot()
    def _on_edit_button_clicked(self) -> None:
        rule = self.rule(selected_id(self.table))
        if rule is not None:
            self.open_dialog(rule)

    @Slot()
    def _on_delete_button_clicked(self) -> None:
        rule_id = selected_id(self.table)
        if rule_id is None:
            return
        if self._delete_armed != rule_id:
            # A second click confirms: cheaper than a modal question, and as hard to do by accident.
            self._delete_armed = rule_id
            self.delete_button.setText(self.tr("Click again to delete"))
            return
        ok, _ = self.run(self.errors, lambda: admin.delete_rule(self.service, self.actor, rule_id),
                         self.tr("Rule deleted."))
        if ok:
            self.refresh()

    def _move(self, delta: int) -> None:
        rule_id = selected_id(self.table)
        if rule_id is None:
            return
        ok, _ = self.run(self.errors, lambda: admin.move_rule(self.service, self.actor, rule_id, delta))
        if ok:
            self.refresh()
            select_id(self.table, rule_id)

    @Slot()
    def _on_up_button_clicked(self) -> None:
        self._move(-1)

    @Slot()
    def _on_down_button_clicked(self) -> None:
        self._move(1)


# ----- 类型与服务目录 -------------------------------------------------------------------------------------------------


class KindsPage(AdminPage):
    """类型与服务目录: per ticket kind, its catalogue entries and its approval steps."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._entries: list[admin.CatalogueInfo] = []
        self.kind_list = QListWidget(self)
        self.kind_list.setObjectName("kind_list")
        self.kind_list.setMaximumWidth(190)
        self.kind_list.currentRowChanged.connect(self._on_kind_list_current_row_changed)

        self.catalogue_box = QGroupBox(self)
        self.entry_list = QListWidget(self.catalogue_box)
        self.entry_list.setObjectName("entry_list")
        self.entry_list.currentRowChanged.connect(self._on_entry_list_current_row_changed)
        self.entry_errors_label = QLabel(self)
        self.entry_errors = FieldErrors(self.entry_errors_label, self)
        self.entry_edit = QLineEdit(self.catalogue_box)
        self.entry_edit.setObjectName("entry_edit")
        self.add_entry_button = QPushButton(self.catalogue_box)
        self.add_entry_button.setObjectName("add_entry_button")
        self.add_entry_button.clicked.connect(self._on_add_entry_button_clicked)
        self.rename_entry_button = QPushButton(self.catalogue_box)
        self.rename_entry_button.setObjectName("rename_entry_button")
        self.rename_entry_button.clicked.connect(self._on_rename_entry_button_clicked)
        self.toggle_entry_button = QPushButton(self.catalogue_box)
        self.toggle_entry_button.setObjectName("toggle_entry_button")
        self.toggle_entry_button.clicked.connect(self._on_toggle_entry_button_clicked)
        self.entry_up_button = QToolButton(self.catalogue_box)
        self.entry_up_button.setArrowType(Qt.ArrowType.UpArrow)
        self.entry_up_button.clicked.connect(self._on_entry_up_button_clicked)
        self.entry_down_button = QToolButton(self.catalogue_box)
        self.entry_down_button.setArrowType(Qt.ArrowType.DownArrow)
        self.entry_down_button.clicked.connect(self._on_entry_down_button_clicked)
        entry_row = QHBoxLayout()
        entry_row.addWidget(with_error(self.entry_edit, self.entry_errors, "name"), 1)
        entry_row.addWidget(self.add_entry_button, 0, Qt.AlignmentFlag.AlignTop)
        entry_buttons = QHBoxLayout()
        entry_buttons.addWidget(self.rename_entry_button)
        entry_buttons.addWidget(self.toggle_entry_button)
        entry_buttons.addStretch(1)
        entry_buttons.addWidget(self.entry_up_button)
        entry_buttons.addWidget(self.entry_down_button)
        catalogue_layout = QVBoxLayout(self.catalogue_box)
        catalogue_layout.addWidget(self.entry_list, 1)
        catalogue_layout.addLayout(entry_row)
        catalogue_layout.addLayout(entry_buttons)
        catalogue_layout.addWidget(self.entry_errors_label)

        self.workflow_box = QGroupBox(self)
        self.workflow_hint = hint_label("", self.workflow_box)
        self.workflow_state = QLabel(self.workflow_box)
        self.step_checks: dict[str, tuple[QCheckBox, QCheckBox]] = {}
        self.step_labels: dict[str, QLabel] = {}
        self.always_header = QLabel(self.workflow_box)
        self.sensitive_header = QLabel(self.workflow_box)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.always_header, 0, 1, Qt.AlignmentFlag.AlignHCenter)
        grid.addWidget(self.sensitive_header, 0, 2, Qt.AlignmentFlag.AlignHCenter)
        workflow = _workflow()
        steps = [s.value for s in workflow.STEP_ORDER] if workflow else []
        for row, step in enumerate(steps, start=1):
            name = QLabel(self.workflow_box)
            always = QCheckBox(self.workflow_box)
            always.setObjectName(f"step_{step}")
            extra = QCheckBox(self.workflow_box)
            extra.setObjectName(f"sensitive_{step}")
            always.toggled.connect(self._on_step_check_toggled)
            extra.toggled.connect(self._on_sensitive_check_toggled)
            self.step_checks[step] = (always, extra)
            self.step_labels[step] = name
            grid.addWidget(name, row, 0)
            grid.addWidget(always, row, 1, Qt.AlignmentFlag.AlignHCenter)
            grid.addWidget(extra, row, 2, Qt.AlignmentFlag.AlignHCenter)
        grid.setColumnStretch(3, 1)
        self.path_label = QLabel(self.workflow_box)
        self.path_label.setObjectName("workflow_path")
        self.path_label.setWordWrap(True)
        self.path_label.setTextFormat(Qt.TextFormat.PlainText)
        self.workflow_message = QLabel(self.workflow_box)
        self.workflow_errors = FieldErrors(self.workflow_message, self)
        self.workflow_steps_error = QLabel(self.workflow_box)
        self.workflow_errors.add("steps", self.workflow_steps_error)
        self.workflow_sensitive_error = QLabel(self.workflow_box)
        self.workflow_errors.add("sensitive_steps", self.workflow_sensitive_error)
        self.save_workflow_button = QPushButton(self.workflow_box)
        self.save_workflow_button.setObjectName("save_workflow_button")
        self.save_workflow_button.clicked.connect(self._on_save_workflow_button_clicked)
        self.reset_workflow_button = QPushButton(self.workflow_box)
        self.reset_workflow_button.setObjectName("reset_workflow_button")
        self.reset_workflow_button.clicked.connect(self._on_reset_workflow_button_clicked)
        workflow_buttons = QHBoxLayout()
        workflow_buttons.addWidget(self.reset_workflow_button)
        workflow_buttons.addStretch(1)
        workflow_buttons.addWidget(self.save_workflow_button)
        workflow_layout = QVBoxLayout(self.workflow_box)
        workflow_layout.addWidget(self.workflow_state)
        workflow_layout.addLayout(grid)
        workflow_layout.addWidget(self.workflow_steps_error)
        workflow_layout.addWidget(self.workflow_sensitive_error)
        workflow_layout.addWidget(self.path_label)
        workflow_layout.addWidget(self.workflow_hint)
        workflow_layout.addWidget(self.workflow_message)
        workflow_layout.addStretch(1)
        workflow_layout.addLayout(workflow_buttons)
        self.workflow_box.setEnabled(workflow is not None)

        layout = QHBoxLayout(self)
        layout.addWidget(self.kind_list)
        layout.addWidget(self.catalogue_box, 1)
        layout.addWidget(self.workflow_box, 1)

    def current_kind(self) -> str | None:
        item = self.kind_list.currentItem()
        return item.data(ID_ROLE) if item else None

    def translate_ui(self) -> None:
        row = max(0, self.kind_list.currentRow())
        with QSignalBlocker(self.kind_list):
            self.kind_list.clear()
            for kind in TicketKind:
                item = QListWidgetItem(label(kind))
                item.setData(ID_ROLE, kind.value)
                self.kind_list.addItem(item)
        self.entry_edit.setPlaceholderText(self.tr("New entry, e.g. 覆盖类"))
        self.add_entry_button.setText(self.tr("Add"))
        self.rename_entry_button.setText(self.tr("Rename to the text above"))
        self.entry_up_button.setToolTip(self.tr("Move up"))
        self.entry_down_button.setToolTip(self.tr("Move down"))
        self.always_header.setText(self.tr("Every ticket"))
        self.sensitive_header.setText(self.tr("Sensitive tickets also"))
        workflow = _workflow()
        if workflow is not None:
            for step in workflow.STEP_ORDER:
                self.step_labels[step.value].setText(label(step))
            self.workflow_hint.setText(self.tr(
                "After the receiver drafts the solution the ticket takes these steps in this order. Sensitive "
                "tickets (public opinion, media, major complaints) also take the right-hand column."))
        else:
            self.workflow_hint.setText(self.tr("Approval steps become available with the approval workflow."))
        self.save_workflow_button.setText(self.tr("Save steps"))
        self.reset_workflow_button.setText(self.tr("Restore the procedure's default"))
        self.kind_list.setCurrentRow(row)
        self._show_kind()

    def refresh(self) -> None:
        self._show_kind(keep_form=True)

    def _show_kind(self, *, keep_form: bool = False) -> None:
        kind = self.current_kind()
        if kind is None:
            return
        self.catalogue_box.setTitle(self.tr("Service catalogue: {kind}").format(kind=label(TicketKind(kind))))
        self.workflow_box.setTitle(self.tr("Approval steps: {kind}").format(kind=label(TicketKind(kind))))
        self._fill_entries()
        if not keep_form:
            self._load_workflow()

    def _fill_entries(self) -> None:
        keep = self.current_entry()
        keep_id = keep.id if keep else None
        self._entries = admin.catalogue(self.current_kind())
        with QSignalBlocker(self.entry_list):
            self.entry_list.clear()
            for entry in self._entries:
                text = entry.name if entry.active else self.tr("{name} (inactive)").format(name=entry.name)
                item = QListWidgetItem(text)
                item.setData(ID_ROLE, entry.id)
                if not entry.active:
                    item.setForeground(INACTIVE_TEXT)
                self.entry_list.addItem(item)
                if entry.id == keep_id:
                    self.entry_list.setCurrentItem(item)
        self._update_entry_buttons()

    def current_entry(self) -> admin.CatalogueInfo | None:
        item = self.entry_list.currentItem()
        entry_id = item.data(ID_ROLE) if item else None
        return next((e for e in self._entries if e.id == entry_id), None)

    def _update_entry_buttons(self) -> None:
        entry = self.current_entry()
        row = self.entry_list.currentRow()
        self.rename_entry_button.setEnabled(entry is not None)
        self.toggle_entry_button.setEnabled(entry is not None)
        self.toggle_entry_button.setText(self.tr("Activate") if entry and not entry.active else self.tr("Deactivate"))
        self.entry_up_button.setEnabled(entry is not None and row > 0)
        self.entry_down_button.setEnabled(entry is not None and row < self.entry_list.count() - 1)

    def _load_workflow(self) -> None:
        kind = self.current_kind()
        self.workflow_errors.clear()
        if _workflow() is None or kind is None:
            return
        info = next(w for w in admin.workflows() if w.kind == kind)
        for step, (always, extra) in self.step_checks.items():
            with QSignalBlocker(always):
                always.setChecked(step in info.steps)
            extra.setChecked(step in info.sensitive_steps or step in info.steps)
            extra.setEnabled(step not in info.steps)
        self._update_path()
        self.workflow_state.setText(self.tr("Configured by the administrator.") if info.configured
                                    else self.tr("The procedure's default."))
        self.reset_workflow_button.setEnabled(info.configured)

    @Slot(int)
    def _on_kind_list_current_row_changed(self, _row: int) -> None:
        self.entry_errors.clear()
        self._show_kind()

    @Slot(int)
    def _on_entry_list_current_row_changed(self, _row: int) -> None:
        entry = self.current_entry()
        if entry is not None:
            self.entry_edit.setText(entry.name)
        self._update_entry_buttons()

    @Slot()
    def _on_add_entry_button_clicked(self) -> None:
        kind, name = self.current_kind(), self.entry_edit.text()
        ok, entry_id = self.run(self.entry_errors, lambda: admin.add_catalogue_entry(
            self.service, self.actor, kind, name))
        if ok:
            self.entry_edit.clear()
            self._fill_entries()
            self._select_entry(entry_id)

    def _select_entry(self, entry_id: int) -> None:
        for row in range(self.entry_list.count()):
            if self.entry_list.item(row).data(ID_ROLE) == entry_id:
                self.entry_list.setCurrentRow(row)

    @Slot()
    def _on_rename_entry_button_clicked(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        name = self.entry_edit.text()
        ok, _ = self.run(self.entry_errors, lambda: admin.rename_catalogue_entry(
            self.service, self.actor, entry.id, name))
        if ok:
            self._fill_entries()

    @Slot()
    def _on_toggle_entry_button_clicked(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        ok, _ = self.run(self.entry_errors, lambda: admin.set_catalogue_entry_active(
            self.service, self.actor, entry.id, not entry.active))
        if ok:
            self._fill_entries()

    def _move_entry(self, delta: int) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        ok, _ = self.run(self.entry_errors, lambda: admin.move_catalogue_entry(
            self.service, self.actor, entry.id, delta))
        if ok:
            self._fill_entries()

    @Slot()
    def _on_entry_up_button_clicked(self) -> None:
        self._move_entry(-1)

    @Slot()
    def _on_entry_down_button_clicked(self) -> None:
        self._move_entry(1)

    @Slot(bool)
    def _on_step_check_toggled(self, _checked: bool) -> None:
        # A step every ticket takes is taken by sensitive ones too.
        for always, extra in self.step_checks.values():
            if always.isChecked():
                extra.setChecked(True)
            extra.setEnabled(not always.isChecked())
        self._update_path()

    @Slot(bool)
    def _on_sensitive_check_toggled(self, _checked: bool) -> None:
        self._update_path()

    def _update_path(self) -> None:
        """The two paths a ticket of the kind takes, in the procedure's order, as the boxes say now."""
        workflow = _workflow()
        if workflow is None:
            return
        arrow = " \u2192 "
        always = [s for s, (box, _) in self.step_checks.items() if box.isChecked()]
        extra = [s for s, (_, box) in self.step_checks.items() if box.isChecked() and s not in always]
        flow = workflow.Workflow(tuple(workflow.Step(s) for s in always), tuple(workflow.Step(s) for s in extra))
        ordinary = arrow.join(label(step) for step in flow.path(False)) or self.tr("no approval")
        sensitive = arrow.join(label(step) for step in flow.path(True)) or self.tr("no approval")
        self.path_label.setText(self.tr("Ordinary: {ordinary}\nSensitive: {sensitive}").format(
            ordinary=ordinary, sensitive=sensitive))

    @Slot()
    def _on_save_workflow_button_clicked(self) -> None:
        kind = self.current_kind()
        steps = [s for s, (always, _) in self.step_checks.items() if always.isChecked()]
        extra = [s for s, (always, sensitive) in self.step_checks.items()
                 if sensitive.isChecked() and not always.isChecked()]
        ok, _ = self.run(self.workflow_errors, lambda: admin.set_workflow(self.service, self.actor, kind, steps,
                                                                          extra))
        if ok:
            self._load_workflow()

    @Slot()
    def _on_reset_workflow_button_clicked(self) -> None:
        kind = self.current_kind()
        ok, _ = self.run(self.workflow_errors, lambda: admin.reset_workflow(self.service, self.actor, kind))
        if ok:
            self._load_workflow()


# ----- 时限策略与优先级矩阵 ------------------------------------------------------------------------------------------


class PoliciesPage(AdminPage):
    """时限策略与优先级矩阵: each policy's clocks, the urgency × impact matrix, P1–P5 limits, the approaching share."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._policies: list[admin.PolicyInfo] = []
        self._current: admin.PolicyInfo | None = None
        self.table = make_table(self, "policy_table")
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)

        # The selected policy.
        self.policy_box = QGroupBox(self)
        self.policy_message = QLabel(self)
        self.policy_errors = FieldErrors(self.policy_message, self)
        self.policy_name_edit = QLineEdit(self)
        self.policy_name_edit.setObjectName("policy_name_edit")
        self.applies_label = QLabel(self)
        self.applies_label.setWordWrap(True)
        self.limit_edits: dict[str, QLineEdit] = {}
        self.limit_previews: dict[str, QLabel] = {}
        self.limit_captions: dict[str, QLabel] = {}
        form = compact_form()
        self.policy_captions = [QLabel(self) for _ in range(4)]
        form.addRow(self.policy_captions[0], with_error(self.policy_name_edit, self.policy_errors, "name"))
        form.addRow(self.policy_captions[1], self.applies_label)
        for clock in admin.POLICY_CLOCKS:
            edit = QLineEdit(self)
            edit.setObjectName(f"limit_{clock.value}_edit")
            edit.setMaximumWidth(110)
            edit.textChanged.connect(self._on_limit_edit_text_changed)
            preview = hint_label("", self)
            preview.setWordWrap(False)
            row = QHBoxLayout()
            row.addWidget(edit)
            row.addWidget(preview, 1)
            holder = QWidget(self)
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(0, 0, 0, 0)
            holder_layout.setSpacing(1)
            holder_layout.addLayout(row)
            error = QLabel(holder)
            error.setObjectName(f"error_clocks.{clock.value}")
            holder_layout.addWidget(error)
            self.policy_errors.add(f"clocks.{clock.value}", error, edit)
            caption = QLabel(self)
            self.limit_captions[clock.value] = caption
            self.limit_edits[clock.value] = edit
            self.limit_previews[clock.value] = preview
            form.addRow(caption, holder)
        self.clocks_error = QLabel(self)
        self.policy_errors.add("clocks", self.clocks_error)
        form.addRow("", self.clocks_error)
        self.use_priority_check = QCheckBox(self)
        self.use_priority_check.setObjectName("use_priority_check")
        self.policy_active_check = QCheckBox(self)
        self.policy_active_check.setObjectName("policy_active_check")
        form.addRow(self.policy_captions[2], self.use_priority_check)
        form.addRow(self.policy_captions[3], with_error(self.policy_active_check, self.policy_errors, "active"))
        self.save_policy_button = QPushButton(self)
        self.save_policy_button.setObjectName("save_policy_button")
        self.save_policy_button.clicked.connect(self._on_save_policy_button_clicked)
        self.policy_note = hint_label("", self)
        policy_buttons = QHBoxLayout()
        policy_buttons.addWidget(self.policy_note, 1)
        policy_buttons.addWidget(self.save_policy_button, 0, Qt.AlignmentFlag.AlignBottom)
        policy_layout = QVBoxLayout(self.policy_box)
        policy_layout.addLayout(form)
        policy_layout.addWidget(self.policy_message)
        policy_layout.addStretch(1)
        policy_layout.addLayout(policy_buttons)

        # The priority matrix and the P1–P5 limits.
        self.priority_box = QGroupBox(self)
        self.priority_message = QLabel(self)
        self.priority_errors = FieldErrors(self.priority_message, self)
        matrix_grid = QGridLayout()
        matrix_grid.setHorizontalSpacing(6)
        matrix_grid.setVerticalSpacing(4)
        self.matrix_corner = QLabel(self)
        self.matrix_corner.setProperty("hint", True)
        matrix_grid.addWidget(self.matrix_corner, 0, 0)
        self.impact_headers: dict[Level, QLabel] = {}
        self.urgency_headers: dict[Level, QLabel] = {}
        self.matrix_combos: dict[tuple[Level, Level], QComboBox] = {}
        for column, impact in enumerate(admin.LEVELS, start=1):
            header = QLabel(self)
            header.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.impact_headers[impact] = header
            matrix_grid.addWidget(header, 0, column)
        for row, urgency in enumerate(admin.LEVELS, start=1):
            header = QLabel(self)
            self.urgency_headers[urgency] = header
            matrix_grid.addWidget(header, row, 0)
            for column, impact in enumerate(admin.LEVELS, start=1):
                combo = QComboBox(self)
                combo.setObjectName(f"matrix_{urgency.value}_{impact.value}")
                for level in admin.PRIORITY_LEVELS:
                    combo.addItem(f"P{level}", level)
                self.matrix_combos[(urgency, impact)] = combo
                matrix_grid.addWidget(combo, row, column)
        limits_grid = QGridLayout()
        limits_grid.setHorizontalSpacing(6)
        limits_grid.setVerticalSpacing(2)
        self.respond_header = QLabel(self)
        self.resolve_header = QLabel(self)
        limits_grid.addWidget(self.respond_header, 0, 1)
        limits_grid.addWidget(self.resolve_header, 0, 2)
        self.priority_limit_edits: dict[tuple[int, str], QLineEdit] = {}
        for row, level in enumerate(admin.PRIORITY_LEVELS, start=1):
            limits_grid.addWidget(QLabel(f"P{level}", self), row, 0, Qt.AlignmentFlag.AlignTop)
            for column, clock in enumerate(admin.PRIORITY_CLOCKS, start=1):
                edit = QLineEdit(self)
                edit.setObjectName(f"priority_{level}_{clock}_edit")
                edit.setMaximumWidth(120)
                self.priority_limit_edits[(level, clock)] = edit
                limits_grid.addWidget(with_error(edit, self.priority_errors, f"limits.{level}.{clock}"), row, column)
        limits_grid.setColumnStretch(3, 1)
        self.save_priority_button = QPushButton(self)
        self.save_priority_button.setObjectName("save_priority_button")
        self.save_priority_button.clicked.connect(self._on_save_priority_button_clicked)
        self.matrix_caption = QLabel(self)
        self.limits_caption = QLabel(self)
        for caption in (self.matrix_caption, self.limits_caption):
            font = QFont(caption.font())
            font.setBold(True)
            caption.setFont(font)
        priority_layout = QVBoxLayout(self.priority_box)
        priority_layout.addWidget(self.matrix_caption)
        priority_layout.addLayout(matrix_grid)
        priority_layout.addSpacing(6)
        priority_layout.addWidget(self.limits_caption)
        priority_layout.addLayout(limits_grid)
        priority_layout.addWidget(self.priority_message)
        priority_buttons = QHBoxLayout()
        priority_buttons.addStretch(1)
        priority_buttons.addWidget(self.save_priority_button)
        priority_layout.addLayout(priority_buttons)

        self.share_box = QGroupBox(self)
        self.share_message = QLabel(self)
        self.share_errors = FieldErrors(self.share_message, self)
        self.share_spin = QSpinBox(self)
        self.share_spin.setObjectName("share_spin")
        self.share_spin.setRange(1, 100)
        self.share_spin.setSuffix(" %")
        self.save_share_button = QPushButton(self)
        self.save_share_button.setObjectName("save_share_button")
        self.save_share_button.clicked.connect(self._on_save_share_button_clicked)
        self.share_hint = hint_label("", self)
        share_row = QHBoxLayout()
        share_row.addWidget(with_error(self.share_spin, self.share_errors, "approaching_share"))
        share_row.addWidget(self.save_share_button, 0, Qt.AlignmentFlag.AlignTop)
        share_row.addStretch(1)
        share_layout = QVBoxLayout(self.share_box)
        share_layout.addWidget(self.share_hint)
        share_layout.addLayout(share_row)
        share_layout.addWidget(self.share_message)

        self.units_hint = hint_label("", self)
        self.units_hint.setObjectName("pageHint")
        right = QVBoxLayout()
        right.addWidget(self.priority_box)
        right.addWidget(self.share_box)
        right.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.policy_box, 1)
        left = QVBoxLayout()
        left.addWidget(self.units_hint)
        left.addWidget(self.table, 1)
        left.addLayout(bottom)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        right_holder = QWidget(self)
        right_holder.setLayout(right)
        right_holder.setMaximumWidth(420)
        layout.addWidget(right_holder, 2)

    def translate_ui(self) -> None:
        self.units_hint.setText(self.tr(
            "Limits: m minutes, h hours (24 h hotlines), wh working hours, wd working days (the day of acceptance "
            "does not count), d calendar days — e.g. 20m, 4h, 4wh, 3wd. Changes apply to tickets created from now "
            "on; running clocks keep the limits they started with."))
        for caption, text in zip(self.policy_captions, [self.tr("Name:"), self.tr("Applies to:"),
                                                        self.tr("Priority:"), self.tr("State:")]):
            caption.setText(text)
        for clock in admin.POLICY_CLOCKS:
            self.limit_captions[clock.value].setText(self.tr("{clock}:").format(clock=label(clock)))
            self.limit_edits[clock.value].setPlaceholderText(self.tr("none"))
        self.use_priority_check.setText(self.tr("Also run the priority matrix's response and resolution limits"))
        self.policy_active_check.setText(self.tr("Active"))
        self.save_policy_button.setText(self.tr("Save policy"))
        self.policy_note.setText(self.tr("A limit left empty is not run; the policy's own limits win over the "
                                         "priority matrix's."))
        self.priority_box.setTitle(self.tr("Priority"))
        self.matrix_caption.setText(self.tr("Urgency × impact → priority"))
        self.limits_caption.setText(self.tr("Limits of each priority"))
        self.matrix_corner.setText(self.tr("urgency \\ impact"))
        for level in admin.LEVELS:
            self.impact_headers[level].setText(label(level))
            self.urgency_headers[level].setText(label(level))
        self.respond_header.setText(label(ClockKind.RESPOND))
        self.resolve_header.setText(label(ClockKind.RESOLVE))
        self.save_priority_button.setText(self.tr("Save priority"))
        self.share_box.setTitle(self.tr("Approaching"))
        self.share_hint.setText(self.tr("A limit shows as approaching (amber) once this share of it is used."))
        self.save_share_button.setText(self.tr("Save"))
        self.refresh()
        self._load_priority()

    def refresh(self) -> None:
        self._policies = admin.policies()
        headers = [self.tr("Policy"), self.tr("Kind"), self.tr("Variant"), self.tr("Severity"), self.tr("Limits"),
                   self.tr("Priority matrix"), self.tr("State")]
        rows = []
        for p in self._policies:
            limits = ", ".join(f"{label(ClockKind(k))} {self._limit_text(v)}" for k, v in p.clocks
                               if k in {c.value for c in ClockKind})
            rows.append((p.id, [p.name, label_of(TicketKind, p.kind) if p.kind else self.tr("every kind"),
                                label_of(Variant, p.variant) if p.variant else "—",
                                label_of(Severity, p.severity) if p.severity else "—", limits or "—",
                                self.tr("yes") if p.use_priority else self.tr("no"), active_text(p.active)]))
        fill_table(self.table, headers, rows, inactive=[p.id for p in self._policies if not p.active])
        for column, width in ((0, 240), (1, 130), (2, 150), (4, 250)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), width))
        if self._current is None and self._policies and selected_id(self.table) is None:
            select_id(self.table, self._policies[0].id)
        elif self._current is not None:
            self._current = next((p for p in self._policies if p.id == self._current.id), None)
        self.share_spin.setValue(round(admin.approaching_share() * 100))

    @staticmethod
    def _limit_text(text: str) -> str:
        try:
            return limit_text(text)
        except ValueError:
            return text

    def _load_policy(self, policy: admin.PolicyInfo | None) -> None:
        self._current = policy
        self.policy_errors.clear()
        self.policy_box.setEnabled(policy is not None)
        if policy is None:
            return
        self.policy_box.setTitle(policy.name)
        self.policy_name_edit.setText(policy.name)
        conditions = [label_of(TicketKind, policy.kind) if policy.kind else self.tr("every kind")]
        if policy.variant:
            conditions.append(label_of(Variant, policy.variant))
        if policy.severity:
            conditions.append(label_of(Severity, policy.severity))
        self.applies_label.setText(" · ".join(conditions))
        for clock, edit in self.limit_edits.items():
            edit.setText(policy.limit(clock))
        self.use_priority_check.setChecked(policy.use_priority)
        self.policy_active_check.setChecked(policy.active)

    def _load_priority(self) -> None:
        matrix, limits = admin.load_priority_config()
        for key, combo in self.matrix_combos.items():
            combo.setCurrentIndex(combo.findData(matrix[key]))
        for (level, clock), edit in self.priority_limit_edits.items():
            edit.setText(str(getattr(limits[level], clock)))
        self.priority_errors.clear()

    @Slot()
    def _on_table_item_selection_changed(self) -> None:
        policy_id = selected_id(self.table)
        if policy_id is not None and (self._current is None or self._current.id != policy_id):
            self._load_policy(next((p for p in self._policies if p.id == policy_id), None))

    @Slot(str)
    def _on_limit_edit_text_changed(self, _text: str) -> None:
        for clock, edit in self.limit_edits.items():
            text = edit.text().strip()
            try:
                preview = "= " + limit_text(text) if text else ""
            except ValueError:
                preview = ""
            self.limit_previews[clock].setText(preview)

    @Slot()
    def _on_save_policy_button_clicked(self) -> None:
        if self._current is None:
            return
        policy_id = self._current.id
        clocks = {clock: edit.text() for clock, edit in self.limit_edits.items()}
        ok, _ = self.run(self.policy_errors, lambda: admin.update_policy(
            self.service, self.actor, policy_id, name=self.policy_name_edit.text(), clocks=clocks,
            use_priority=self.use_priority_check.isChecked(), active=self.policy_active_check.isChecked()),
            self.tr("Policy saved: it applies to tickets created from now on."))
        if ok:
            self._current = None
            self.refresh()
            self._load_policy(next((p for p in self._policies if p.id == policy_id), None))

    @Slot()
    def _on_save_priority_button_clicked(self) -> None:
        matrix = {f"{u.value}/{i.value}": combo.currentData() for (u, i), combo in self.matrix_combos.items()}
        limits: dict[str, dict[str, str]] = {}
        for (level, clock), edit in self.priority_limit_edits.items():
            limits.setdefault(str(level), {})[clock] = edit.text()
        ok, _ = self.run(self.priority_errors, lambda: admin.save_priority_config(
            self.service, self.actor, matrix, limits),
            self.tr("Priority saved: it applies to tickets created from now on."))
        if ok:
            self._load_priority()

    @Slot()
    def _on_save_share_button_clicked(self) -> None:
        share = self.share_spin.value() / 100
        self.run(self.share_errors, lambda: admin.set_approaching_share(self.service, self.actor, share))


# ----- 工作日历 ---------------------------------------------------------------------------------------------------


class CalendarPage(AdminPage):
    """工作日历: the year at a glance; pick a day to make it a working day or a day off; import a year's official
    schedule; office hours. Each change recomputes open tickets' deadlines on a worker thread."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._job: BackgroundJob | None = None
        self._last_result = ""
        today = ctx.now().date()

        self.previous_button = QToolButton(self)
        self.previous_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.previous_button.clicked.connect(self._on_previous_button_clicked)
        self.year_spin = QSpinBox(self)
        self.year_spin.setObjectName("year_spin")
        self.year_spin.setRange(2000, 2099)
        self.year_spin.setValue(today.year)
        self.year_spin.valueChanged.connect(self._on_year_spin_value_changed)
        self.next_button = QToolButton(self)
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.next_button.clicked.connect(self._on_next_button_clicked)
        self.official_badge = QLabel(self)
        self.official_badge.setObjectName("officialBadge")
        self.import_button = QPushButton(self)
        self.import_button.setObjectName("import_schedule_button")
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.legend_labels: list[QLabel] = []
        legend = QHBoxLayout()
        legend.setSpacing(4)
        for background, foreground, border in ((HOLIDAY_BACKGROUND, HOLIDAY_TEXT, None),
                                               (ADJUSTED_BACKGROUND, ADJUSTED_TEXT, None),
                                               (WEEKEND_BACKGROUND, WEEKEND_TEXT, None),
                                               (QColor("#ffffff"), QColor("#263238"), OVERRIDE_OUTLINE)):
            chip = QLabel(self)
            edge = f"2px solid {border.name()}" if border else "1px solid #cfd8dc"
            chip.setStyleSheet(f"background: {background.name()}; color: {foreground.name()}; border: {edge};"
                               " padding: 1px 6px;")
            self.legend_labels.append(chip)
            legend.addWidget(chip)
        top = QHBoxLayout()
        top.addWidget(self.previous_button)
        top.addWidget(self.year_spin)
        top.addWidget(self.next_button)
        top.addSpacing(8)
        top.addWidget(self.official_badge)
        top.addSpacing(16)
        top.addLayout(legend)
        top.addStretch(1)
        top.addWidget(self.import_button)

        self.banner = QLabel(self)
        self.banner.setObjectName("calendarBanner")
        self.banner.setWordWrap(True)
        self.year_view = YearView(self)
        self.year_view.today = today
        self.year_view.day_clicked.connect(self._on_year_view_day_clicked)

        # The selected day.
        self.day_box = QGroupBox(self)
        self.day_title = QLabel(self)
        self.day_title.setObjectName("dayTitle")
        self.day_description = QLabel(self)
        self.day_description.setWordWrap(True)
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("day_note_edit")
        self.note_edit.setMaxLength(100)
        self.working_button = QPushButton(self)
        self.working_button.setObjectName("make_working_button")
        self.working_button.clicked.connect(self._on_working_button_clicked)
        self.off_button = QPushButton(self)
        self.off_button.setObjectName("make_off_button")
        self.off_button.clicked.connect(self._on_off_button_clicked)
        self.clear_button = QPushButton(self)
        self.clear_button.setObjectName("clear_override_button")
        self.clear_button.clicked.connect(self._on_clear_button_clicked)
        day_buttons = QHBoxLayout()
        day_buttons.addWidget(self.working_button)
        day_buttons.addWidget(self.off_button)
        day_buttons.addWidget(self.clear_button)
        self.day_message = QLabel(self)
        self.day_errors = FieldErrors(self.day_message, self)
        day_layout = QVBoxLayout(self.day_box)
        day_layout.addWidget(self.day_title)
        day_layout.addWidget(self.day_description)
        day_layout.addWidget(self.note_edit)
        day_layout.addLayout(day_buttons)
        day_layout.addWidget(self.day_message)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("calendar_progress")
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress.hide()
        self.result_label = hint_label("", self)
        self.result_label.setObjectName("calendar_result")

        self.overrides_box = QGroupBox(self)
        self.overrides_table = make_table(self, "override_table")
        self.overrides_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.overrides_table.itemSelectionChanged.connect(self._on_overrides_table_item_selection_changed)
        overrides_layout = QVBoxLayout(self.overrides_box)
        overrides_layout.addWidget(self.overrides_table)

        self.hours_box = QGroupBox(self)
        self.hours_edit = QLineEdit(self)
        self.hours_edit.setObjectName("office_hours_edit")
        self.hours_button = QPushButton(self)
        self.hours_button.setObjectName("save_office_hours_button")
        self.hours_button.clicked.connect(self._on_hours_button_clicked)
        self.hours_message = QLabel(self)
        self.hours_errors = FieldErrors(self.hours_message, self)
        self.hours_hint = hint_label("", self)
        hours_row = QHBoxLayout()
        hours_row.addWidget(with_error(self.hours_edit, self.hours_errors, "office_hours"), 1)
        hours_row.addWidget(self.hours_button, 0, Qt.AlignmentFlag.AlignTop)
        hours_layout = QVBoxLayout(self.hours_box)
        hours_layout.addLayout(hours_row)
        hours_layout.addWidget(self.hours_hint)
        hours_layout.addWidget(self.hours_message)

        self.import_message = QLabel(self)
        self.import_errors = FieldErrors(self.import_message, self)

        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.day_box)
        side.addWidget(self.progress)
        side.addWidget(self.result_label)
        side.addWidget(self.overrides_box, 1)
        side.addWidget(self.hours_box)
        side_holder = QWidget(self)
        side_holder.setLayout(side)
        side_holder.setMinimumWidth(300)
        side_holder.setMaximumWidth(360)
        middle = QHBoxLayout()
        middle.addWidget(self.year_view, 1)
        middle.addWidget(side_holder)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.import_message)
        layout.addWidget(self.banner)
        layout.addLayout(middle, 1)

        self._shortcut = QShortcut(QKeySequence("Ctrl+I"), self)
        self._shortcut.activated.connect(self._on_import_button_clicked)

    # ----- public ------------------------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._job is not None

    @property
    def year(self) -> int:
        return self.year_spin.value()

    def show_year(self, year: int) -> None:
        self.year_spin.setValue(year)
        self.refresh()

    def select_day(self, day: dt.date) -> None:
        if day.year != self.year:
            self.show_year(day.year)
        self.year_view.set_selected(day)
        self._show_day(day)

    def set_day(self, working: bool | None) -> None:
        """Override the selected day (None: back to the official/rule answer) on a worker thread."""
        day = self.year_view.selected
        if day is None or self.busy:
            return
        note = self.note_edit.text().strip()
        service, actor = self.service, self.actor
        done = {True: self.tr("{day} is now a working day."), False: self.tr("{day} is now a day off."),
                None: self.tr("{day} follows the official calendar again.")}[working].format(day=day.isoformat())
        self._start(lambda report: service.set_calendar_day(actor, day, working, note), self.day_errors, done)

    def import_schedule_file(self, path: str | Path) -> bool:
        """Read a schedule file ("2027-02-06,休,春节" lines), check it here, import it on a worker thread."""
        self.import_errors.clear()
        try:
            raw = Path(path).read_bytes()
        except OSError as error:
            self.import_errors.show_general(self.tr("Cannot read {file}: {error}").format(
                file=Path(path).name, error=error.strerror or error))
            return False
        text = _decode(raw)
        try:
            days, _notes = parse_schedule_with_notes(text)
        except ValueError as error:
            self.import_errors.show_general(self.tr("Cannot read the schedule: {error}").format(error=error))
            return False
        years = sorted({d.year for d in days})
        if len(years) != 1:
            self.import_errors.show_general(self.tr(
                "A schedule file holds the days of one year; this one has {years}.").format(
                    years=", ".join(map(str, years)) or self.tr("none")))
            return False
        year = years[0]
        service, actor = self.service, self.actor
        off = sum(1 for working in days.values() if not working)
        done = self.tr("Imported the official schedule of {year}: {off} days off, {work} adjusted working "
                       "days.").format(year=year, off=off, work=len(days) - off)
        self.show_year(year)
        self._start(lambda report: service.import_official_schedule(actor, year, text), self.import_errors, done)
        return True

    # ----- AdminPage ---------------------------------------------------------------------------------------------

    def translate_ui(self) -> None:
        self.import_button.setText(self.tr("Import official schedule…"))
        self.import_button.setToolTip(self.tr(
            "A text file with one line per day: 2027-02-06,休,春节 or 2027-02-20,班,调休上班 (Ctrl+I)"))
        self.previous_button.setToolTip(self.tr("Previous year"))
        self.next_button.setToolTip(self.tr("Next year"))
        for chip, text in zip(self.legend_labels, [self.tr("Holiday"), self.tr("Adjusted working day"),
                                                   self.tr("Weekend"), self.tr("Set by the administrator")]):
            chip.setText(text)
        self.day_box.setTitle(self.tr("Selected day"))
        self.note_edit.setPlaceholderText(self.tr("Note, e.g. 临时停工 or 春节"))
        self.working_button.setText(self.tr("Working day"))
        self.off_button.setText(self.tr("Day off"))
        self.clear_button.setText(self.tr("Clear override"))
        self.overrides_box.setTitle(self.tr("Set by the administrator"))
        self.hours_box.setTitle(self.tr("Office hours"))
        self.hours_hint.setText(self.tr(
            "Working-hour limits (wh) count only these hours of working days, e.g. 08:30-12:00,13:30-17:30."))
        self.hours_button.setText(self.tr("Save"))
        self.refresh()

    def refresh(self) -> None:
        year = self.year
        calendar = self.service.calendar()
        infos = {}
        day = dt.date(year, 1, 1)
        while day.year == year:
            infos[day] = calendar.day_info(day)
            day += dt.timedelta(days=1)
        overrides = admin.calendar_overrides(year)
        self.year_view.set_days(year, infos, {o.day for o in overrides})
        official = calendar.is_official(year)
        imported = year in admin.imported_years()
        if official:
            self.official_badge.setText(self.tr("Official schedule (imported)") if imported
                                        else self.tr("Official schedule"))
        else:
            self.official_badge.setText(self.tr("暂定 provisional"))
        self.official_badge.setStyleSheet("" if official else "color: #b71c1c; background: #fde0e0;")
        self.banner.setVisible(not official)
        self.banner.setText(self.tr(
            "暂定: {year}'s official holiday schedule is not in the calendar yet. Its holidays (hatched) are computed "
            "by the statutory rule and no adjusted working days (调休上班) are known, so deadlines in {year} are "
            "provisional. Import the schedule as soon as the State Council publishes it.").format(year=year))
        rows = [(o.day, [o.day.isoformat(), weekday_name(o.day),
                         self.tr("Working day") if o.working else self.tr("Day off"), o.note]) for o in overrides]
        fill_table(self.overrides_table, [self.tr("Date"), self.tr("Day"), self.tr("Set to"), self.tr("Note")], rows)
        with QSignalBlocker(self.hours_edit):
            if not self.hours_edit.isModified():
                self.hours_edit.setText(str(calendar.office_hours))
        self._show_day(self.year_view.selected)
        self._update_enabled()

    def shutdown(self) -> None:
        if self._job is not None:
            self._job.wait()

    # ----- internals ---------------------------------------------------------------------------------------------

    def _show_day(self, day: dt.date | None) -> None:
        info = self.year_view.info(day) if day else None
        self.day_errors.clear()
        if info is None:
            self.day_title.setText(self.tr("Click a day in the calendar"))
            self.day_description.setText("")
        else:
            self.day_title.setText(f"{day.isoformat()}  {weekday_name(day, long=True)}")
            parts = [kind_text(info.kind)]
            if info.name:
                parts.append(info.name)
            parts.append(source_text(info.source))
            self.day_description.setText(" · ".join(parts))
            with QSignalBlocker(self.note_edit):
                override = next((o for o in admin.calendar_overrides(day.year) if o.day == day), None)
                self.note_edit.setText(override.note if override else "")
        self._update_enabled()

    def _update_enabled(self) -> None:
        day = self.year_view.selected
        info = self.year_view.info(day) if day else None
        free = not self.busy
        self.working_button.setEnabled(free and info is not None)
        self.off_button.setEnabled(free and info is not None)
        self.clear_button.setEnabled(free and day is not None and self.year_view.is_overridden(day))
        self.import_button.setEnabled(free)
        self.hours_button.setEnabled(free)
        self.year_spin.setEnabled(free)
        self.previous_button.setEnabled(free)
        self.next_button.setEnabled(free)

    def _start(self, work: Callable[[Callable[[int, int], None]], Any], errors: FieldErrors, done: str) -> None:
        errors.clear()
        job = BackgroundJob(work, self, name="calendar")
        job.succeeded.connect(self._on_job_succeeded)
        job.failed.connect(self._on_job_failed)
        job.finished.connect(self._on_job_finished)
        self._job = job
        self._job_errors = errors
        self._job_done = done
        self.progress.show()
        self.result_label.setText(self.tr("Recomputing the deadlines of open tickets…"))
        self._update_enabled()
        self.busy_changed.emit(True)
        job.start()

    @Slot(object)
    def _on_job_succeeded(self, changed: object) -> None:
        text = self._job_done
        if isinstance(changed, int):
            text += " " + self.tr("{n} open tickets got new deadlines.").format(n=changed)
        self._last_result = text
        self.status_message.emit(text)

    @Slot(object)
    def _on_job_failed(self, error: object) -> None:
        self._last_result = ""
        if isinstance(error, DeskError):
            self._job_errors.show_error(error)
        else:
            self._job_errors.show_general(self.tr("The change failed: {error}").format(error=error))

    @Slot()
    def _on_job_finished(self) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.deleteLater()
        self.progress.hide()
        # The worker's change already reached the service's listeners; build the calendar anew here too.
        self.service.forget_cached()
        self.refresh()
        self.result_label.setText(self._last_result)
        self.busy_changed.emit(False)

    @Slot(object)
    def _on_year_view_day_clicked(self, day: dt.date) -> None:
        self._show_day(day)

    @Slot()
    def _on_overrides_table_item_selection_changed(self) -> None:
        day = selected_id(self.overrides_table)
        if isinstance(day, dt.date):
            self.year_view.set_selected(day)
            self._show_day(day)

    @Slot(int)
    def _on_year_spin_value_changed(self, _year: int) -> None:
        self.refresh()

    @Slot()
    def _on_previous_button_clicked(self) -> None:
        self.year_spin.stepDown()

    @Slot()
    def _on_next_button_clicked(self) -> None:
        self.year_spin.stepUp()

    @Slot()
    def _on_working_button_clicked(self) -> None:
        self.set_day(True)

    @Slot()
    def _on_off_button_clicked(self) -> None:
        self.set_day(False)

    @Slot()
    def _on_clear_button_clicked(self) -> None:
        self.set_day(None)

    @Slot()
    def _on_import_button_clicked(self) -> None:
        if self.busy:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import official schedule"), str(Path.home()),
            self.tr("Schedule files (*.txt *.csv);;All files (*)"))
        if path:
            self.import_schedule_file(path)

    @Slot()
    def _on_hours_button_clicked(self) -> None:
        text = self.hours_edit.text()
        self.hours_errors.clear()
        try:
            OfficeHours.parse(text)
        except ValueError as error:
            self.hours_errors.show_error(ValidationError(
                QT_TRANSLATE_NOOP("DeskError", "{error}"), field="office_hours", error=str(error)))
            return
        service, actor = self.service, self.actor
        self.hours_edit.setModified(False)
        self._start(lambda report: service.set_office_hours(actor, text), self.hours_errors,
                    self.tr("Office hours saved."))


def _decode(raw: bytes) -> str:
    """Schedules come from Notepad or Excel: UTF-8 (with or without BOM), else the Chinese Windows code page."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


# ----- 通知设置 ---------------------------------------------------------------------------------------------------


class NotifyPage(AdminPage):
    """通知设置: outbound e-mail (SMTP) and SMS (an HTTP gateway), which kinds of notice go out, a test message."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._job: BackgroundJob | None = None
        self._stored_password = False
        self.message_label = QLabel(self)
        self.errors = FieldErrors(self.message_label, self)

        self.email_box = QGroupBox(self)
        self.email_enabled_check = QCheckBox(self)
        self.email_enabled_check.setObjectName("email_enabled_check")
        self.smtp_host_edit = QLineEdit(self)
        self.smtp_host_edit.setObjectName("smtp_host_edit")
        self.smtp_port_spin = QSpinBox(self)
        self.smtp_port_spin.setObjectName("smtp_port_spin")
        self.smtp_port_spin.setRange(1, 65535)
        self.smtp_from_edit = QLineEdit(self)
        self.smtp_from_edit.setObjectName("smtp_from_edit")
        self.smtp_user_edit = QLineEdit(self)
        self.smtp_user_edit.setObjectName("smtp_user_edit")
        self.smtp_password_edit = QLineEdit(self)
        self.smtp_password_edit.setObjectName("smtp_password_edit")
        self.smtp_password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.smtp_password_edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.starttls_check = QCheckBox(self)
        self.starttls_check.setObjectName("starttls_check")
        self.email_captions = [QLabel(self) for _ in range(6)]
        email_form = compact_form()
        email_form.addRow(self.email_captions[0], self.email_enabled_check)
        email_form.addRow(self.email_captions[1], with_error(self.smtp_host_edit, self.errors, "smtp_host"))
        email_form.addRow(self.email_captions[2], with_error(self.smtp_port_spin, self.errors, "smtp_port"))
        email_form.addRow(self.email_captions[3], with_error(self.smtp_from_edit, self.errors, "smtp_from"))
        email_form.addRow(self.email_captions[4], with_error(self.smtp_user_edit, self.errors, "smtp_user"))
        email_form.addRow(self.email_captions[5], with_error(self.smtp_password_edit, self.errors, "smtp_password"))
        email_form.addRow("", self.starttls_check)
        self.email_box.setLayout(email_form)

        self.sms_box = QGroupBox(self)
        self.sms_enabled_check = QCheckBox(self)
        self.sms_enabled_check.setObjectName("sms_enabled_check")
        self.sms_url_edit = QLineEdit(self)
        self.sms_url_edit.setObjectName("sms_url_edit")
        self.sms_template_edit = QPlainTextEdit(self)
        self.sms_template_edit.setObjectName("sms_template_edit")
        self.sms_template_edit.setMaximumHeight(70)
        self.sms_template_hint = hint_label("", self)
        self.sms_captions = [QLabel(self) for _ in range(3)]
        sms_form = compact_form()
        sms_form.addRow(self.sms_captions[0], self.sms_enabled_check)
        sms_form.addRow(self.sms_captions[1], with_error(self.sms_url_edit, self.errors, "sms_url"))
        sms_form.addRow(self.sms_captions[2], with_error(self.sms_template_edit, self.errors, "sms_template"))
        sms_form.addRow("", self.sms_template_hint)
        self.sms_box.setLayout(sms_form)

        self.events_box = QGroupBox(self)
        self.all_events_check = QCheckBox(self)
        self.all_events_check.setObjectName("all_events_check")
        self.all_events_check.toggled.connect(self._on_all_events_check_toggled)
        self.event_checks: dict[str, QCheckBox] = {}
        events_layout = QVBoxLayout(self.events_box)
        events_layout.addWidget(self.all_events_check)
        self.events_grid = QGridLayout()
        events_layout.addLayout(self.events_grid)
        self.events_error = QLabel(self)
        self.errors.add("events", self.events_error)
        events_layout.addWidget(self.events_error)
        self.events_hint = hint_label("", self)
        events_layout.addWidget(self.events_hint)

        self.test_box = QGroupBox(self)
        self.test_address_edit = QLineEdit(self)
        self.test_address_edit.setObjectName("test_address_edit")
        self.test_button = QPushButton(self)
        self.test_button.setObjectName("send_test_button")
        self.test_button.clicked.connect(self._on_test_button_clicked)
        self.test_message = QLabel(self)
        self.test_message.setWordWrap(True)
        self.test_errors = FieldErrors(self.test_message, self)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_address_edit, 1)
        test_row.addWidget(self.test_button)
        self.test_hint = hint_label("", self)
        test_layout = QVBoxLayout(self.test_box)
        test_layout.addWidget(self.test_hint)
        test_layout.addLayout(test_row)
        test_layout.addWidget(self.test_message)

        self.save_button = QPushButton(self)
        self.save_button.setObjectName("save_notify_button")
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.reload_button = QPushButton(self)
        self.reload_button.setObjectName("reload_notify_button")
        self.reload_button.clicked.connect(self._on_reload_button_clicked)
        self.smtp_port_spin.setMaximumWidth(110)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.save_button)

        left = QVBoxLayout()
        left.addWidget(self.email_box)
        left.addWidget(self.sms_box)
        left.addWidget(self.message_label)
        left.addLayout(buttons)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.events_box)
        right.addWidget(self.test_box)
        right.addStretch(1)
        left.setContentsMargins(0, 0, 0, 0)
        left_holder = QWidget(self)
        left_holder.setLayout(left)
        left_holder.setMaximumWidth(720)
        layout = QHBoxLayout(self)
        layout.addWidget(left_holder, 3)
        layout.addLayout(right, 2)

    def translate_ui(self) -> None:
        self.email_box.setTitle(self.tr("E-mail (SMTP)"))
        for caption, text in zip(self.email_captions, [self.tr("Send e-mail:"), self.tr("Server:"), self.tr("Port:"),
                                                       self.tr("Sender address:"), self.tr("User name:"),
                                                       self.tr("Password:")]):
            caption.setText(text)
        self.email_enabled_check.setText(self.tr("Enabled"))
        self.starttls_check.setText(self.tr("Encrypt with STARTTLS"))
        self.smtp_host_edit.setPlaceholderText("smtp.example.com")
        self.smtp_from_edit.setPlaceholderText("工单台 <desk@example.com>")
        self.smtp_user_edit.setPlaceholderText(self.tr("empty: no sign-in"))
        self.sms_box.setTitle(self.tr("SMS gateway (HTTP)"))
        for caption, text in zip(self.sms_captions, [self.tr("Send SMS:"), self.tr("Gateway URL:"),
                                                     self.tr("Request body:")]):
            caption.setText(text)
        self.sms_enabled_check.setText(self.tr("Enabled"))
        self.sms_url_edit.setPlaceholderText("https://sms.example.com/send?key=…")
        self.sms_template_hint.setText(self.tr(
            "{phone} and {text} are filled in; JSON and form bodies are escaped as such."))
        self.events_box.setTitle(self.tr("What goes out by e-mail and SMS"))
        self.all_events_check.setText(self.tr("Every kind of notice (also kinds added later)"))
        self.events_hint.setText(self.tr(
            "In-app notices always appear. Staff get e-mail or SMS only where their account has an address or "
            "a mobile number."))
        self.test_box.setTitle(self.tr("Test"))
        self.test_hint.setText(self.tr("Sends one message with the settings above, saved or not."))
        self.test_address_edit.setPlaceholderText(self.tr("e-mail address or mobile number"))
        self.test_button.setText(self.tr("Send test message"))
        self.save_button.setText(self.tr("Save"))
        self.reload_button.setText(self.tr("Undo changes"))
        self._build_event_checks()
        self.refresh()

    def _event_name(self, kind: str) -> str:
        notify = _notify()
        names = {notify.APPROACHING: self.tr("A limit is approaching"), notify.OVERDUE: self.tr("A limit is overdue"),
                 notify.ESCALATION: self.tr("A complaint is escalated")}
        if kind in names:
            return names[kind]
        try:
            return self.tr("Ticket: {action}").format(action=label(Action(kind)))
        except ValueError:
            return kind

    def _build_event_checks(self) -> None:
        checked = {k for k, c in self.event_checks.items() if c.isChecked()}
        for check in self.event_checks.values():
            self.events_grid.removeWidget(check)
            check.deleteLater()
        self.event_checks.clear()
        for index, kind in enumerate(sorted(_notify().known_event_kinds())):
            check = QCheckBox(self._event_name(kind), self.events_box)
            check.setObjectName(f"event_{kind}")
            check.setChecked(kind in checked)
            self.event_checks[kind] = check
            self.events_grid.addWidget(check, index // 2, index % 2)

    def refresh(self) -> None:
        # Settings under edit are not thrown away by someone else's change: only an explicit reload reads them.
        if not getattr(self, "_loaded", False):
            self.load()

    def load(self) -> None:
        settings_ = _notify().load_notify_settings()
        self._loaded = True
        self.errors.clear()
        self.email_enabled_check.setChecked(settings_.email_enabled)
        self.smtp_host_edit.setText(settings_.smtp_host)
        self.smtp_port_spin.setValue(settings_.smtp_port)
        self.smtp_from_edit.setText(settings_.smtp_from)
        self.smtp_user_edit.setText(settings_.smtp_user)
        self.smtp_password_edit.clear()
        self._stored_password = bool(settings_.smtp_password)
        self.smtp_password_edit.setPlaceholderText(
            self.tr("stored; type to replace") if self._stored_password else self.tr("empty: no password"))
        self.starttls_check.setChecked(settings_.smtp_starttls)
        self.sms_enabled_check.setChecked(settings_.sms_enabled)
        self.sms_url_edit.setText(settings_.sms_url)
        self.sms_template_edit.setPlainText(settings_.sms_template)
        self.all_events_check.setChecked(settings_.events is None)
        for kind, check in self.event_checks.items():
            check.setChecked(settings_.events is None or kind in settings_.events)
        self._on_all_events_check_toggled(self.all_events_check.isChecked())

    def form_settings(self) -> Any:
        """The settings as typed (NotifySettings); an empty password field keeps the stored one."""
        notify = _notify()
        events = None if self.all_events_check.isChecked() else frozenset(
            k for k, c in self.event_checks.items() if c.isChecked())
        values = dict(smtp_host=self.smtp_host_edit.text(), smtp_port=self.smtp_port_spin.value(),
                      smtp_from=self.smtp_from_edit.text(), smtp_user=self.smtp_user_edit.text(),
                      smtp_password=self.smtp_password_edit.text(), smtp_starttls=self.starttls_check.isChecked(),
                      sms_url=self.sms_url_edit.text(), sms_template=self.sms_template_edit.toPlainText(),
                      email_enabled=self.email_enabled_check.isChecked(),
                      sms_enabled=self.sms_enabled_check.isChecked(), events=events)
        known = {f.name for f in dataclasses.fields(notify.NotifySettings)}
        return notify.NotifySettings(**{k: v for k, v in values.items() if k in known})

    @property
    def busy(self) -> bool:
        return self._job is not None

    def shutdown(self) -> None:
        if self._job is not None:
            self._job.wait()

    @Slot(bool)
    def _on_all_events_check_toggled(self, every: bool) -> None:
        for check in self.event_checks.values():
            if every:
                check.setChecked(True)
            check.setEnabled(not every)

    @Slot()
    def _on_save_button_clicked(self) -> None:
        notify = _notify()
        settings_ = self.form_settings()
        keep = not self.smtp_password_edit.text() and self._stored_password
        ok, _ = self.run(self.errors, lambda: notify.save_notify_settings(self.actor, settings_, keep_password=keep))
        if ok:
            self.service.events.emit(Change("settings", "notify"))
            self.load()

    @Slot()
    def _on_reload_button_clicked(self) -> None:
        self.load()

    @Slot()
    def _on_test_button_clicked(self) -> None:
        notify = _notify()
        self.test_errors.clear()
        address = self.test_address_edit.text().strip()
        try:
            settings_ = notify.validated_notify_settings(self.form_settings())
        except DeskError as error:
            self.errors.show_error(error)
            return
        if not self.smtp_password_edit.text() and self._stored_password:
            settings_ = dataclasses.replace(settings_, smtp_password=notify.load_notify_settings().smtp_password)
        channel = notify.EMAIL if "@" in address else notify.SMS
        senders = notify.build_senders(settings_)
        sender = senders.get(channel)
        if not address:
            self.test_errors.show_general(self.tr("Give an e-mail address or a mobile number."))
            return
        if sender is None:
            self.test_errors.show_general(self.tr("Enable and fill in {channel} first.").format(
                channel=self.tr("e-mail") if channel == notify.EMAIL else self.tr("SMS")))
            return
        subject = self.tr("工单台 test message")
        body = self.tr("This is a test message from 工单台. If you read it, the settings work.")

        def work(report: Callable[[int, int], None]) -> str:
            sender.send(address, subject, body)
            return address

        job = BackgroundJob(work, self, name="notify-test")
        job.succeeded.connect(self._on_test_job_succeeded)
        job.failed.connect(self._on_test_job_failed)
        job.finished.connect(self._on_test_job_finished)
        self._job = job
        self.test_button.setEnabled(False)
        self.test_message.setStyleSheet("")
        self.test_message.setText(self.tr("Sending…"))
        self.test_message.show()
        self.busy_changed.emit(True)
        job.start()

    @Slot(object)
    def _on_test_job_succeeded(self, address: object) -> None:
        self.test_message.setStyleSheet("color: #1b5e20;")
        self.test_message.setText(self.tr("Sent to {address}.").format(address=address))
        self.test_message.show()

    @Slot(object)
    def _on_test_job_failed(self, error: object) -> None:
        self.test_errors.show_general(self.tr("Not sent: {error}").format(error=error))

    @Slot()
    def _on_test_job_finished(self) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.deleteLater()
        self.test_button.setEnabled(True)
        self.busy_changed.emit(False)


# ----- the window -------------------------------------------------------------------------------------------------


class AdminWindow(QMainWindow):
    """管理: one tab per area; follows the desk's changes (another administrator, the calendar)."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if parent is not None:
            # Its own window, closed with the main window.
            self.setWindowFlag(Qt.WindowType.Window, True)
        self.setObjectName("admin_window")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet(ADMIN_STYLE)
        self.ctx = ctx
        admin.require_admin(ctx.actor)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("admin_tabs")
        self.tabs.setDocumentMode(True)
        self.staff_page = StaffPage(ctx, self.tabs)
        self.departments_page = DepartmentsPage(ctx, self.tabs)
        self.areas_page = AreasPage(ctx, self.tabs)
        self.routing_page = RoutingPage(ctx, self.tabs)
        self.kinds_page = KindsPage(ctx, self.tabs)
        self.policies_page = PoliciesPage(ctx, self.tabs)
        self.calendar_page = CalendarPage(ctx, self.tabs)
        self.notify_page = NotifyPage(ctx, self.tabs)
        self.pages: list[AdminPage] = [self.staff_page, self.departments_page, self.areas_page, self.routing_page,
                                       self.kinds_page, self.policies_page, self.calendar_page, self.notify_page]
        self._close_when_idle = False
        for page in self.pages:
            self.tabs.addTab(page, "")
            page.status_message.connect(self._on_page_status_message)
            page.busy_changed.connect(self._on_page_busy_changed)
        self.setCentralWidget(self.tabs)
        ctx.changed.connect(self._on_ctx_changed)
        ctx.actor_changed.connect(self._on_ctx_actor_changed)
        self.translate_ui()
        self.read_settings()

    def translate_ui(self) -> None:
        self.setWindowTitle(self.tr("Administration – {name}").format(name=self.ctx.actor.name))
        titles = [self.tr("Staff and roles"), self.tr("Departments and receivers"), self.tr("Areas"),
                  self.tr("Routing rules"), self.tr("Kinds and catalogue"), self.tr("Time limits and priority"),
                  self.tr("Working calendar"), self.tr("Notifications")]
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)
        for page in self.pages:
            page.translate_ui()

    def page(self, name: str) -> AdminPage:
        """A page by its short name: staff, departments, areas, routing, kinds, policies, calendar, notify."""
        return getattr(self, f"{name}_page")

    def show_page(self, name: str) -> AdminPage:
        page = self.page(name)
        self.tabs.setCurrentWidget(page)
        return page

    def read_settings(self) -> None:
        store = settings("admin_window")
        geometry = read_bytes(store, "geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1360, 820)
        tab = store.value("tab", 0)
        try:
            self.tabs.setCurrentIndex(int(tab))
        except (TypeError, ValueError):
            self.tabs.setCurrentIndex(0)

    def write_settings(self) -> None:
        store = settings("admin_window")
        store.setValue("geometry", self.saveGeometry())
        store.setValue("tab", self.tabs.currentIndex())
        store.sync()

    @Slot(str)
    def _on_page_status_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    @Slot(object)
    def _on_ctx_changed(self, change: Change) -> None:
        if change.topic not in ("settings", "calendar"):
            return
        for page in self.pages:
            if page is self.calendar_page and page.busy:
                continue  # refreshed when its own job ends
            page.refresh()

    @Slot(object)
    def _on_ctx_actor_changed(self, actor: object) -> None:
        # Someone else sits at the desk now: the window belongs to the administrator who opened it.
        if not may(getattr(actor, "role", Role.RECEPTIONIST), Operation.ADMINISTER):
            self.close()

    @Slot(bool)
    def _on_page_busy_changed(self, busy: bool) -> None:
        if not busy and self._close_when_idle and not any(page.busy for page in self.pages):
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        if any(page.busy for page in self.pages):
            # The work (recomputing deadlines, a test message) is short; the window closes once it is done.
            self._close_when_idle = True
            self.statusBar().showMessage(self.tr("Closing once the work in progress is done…"))
            event.ignore()
            return
        for page in self.pages:
            page.shutdown()
        self.write_settings()
        super().closeEvent(event)


def open_admin(ctx: DeskContext, parent: QWidget | None = None) -> AdminWindow:
    """Show the administration window (the one already open for `parent`, if any); PermissionDenied if the acting
    person is not an administrator."""
    admin.require_admin(ctx.actor)
    if parent is not None:
        for existing in parent.findChildren(AdminWindow):
            if existing.ctx is ctx and not existing.isHidden():
                existing.raise_()
                existing.activateWindow()
                return existing
    window = AdminWindow(ctx, parent)
    window.show()
    return window


__all__ = ["AdminWindow", "open_admin"]
