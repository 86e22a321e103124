"""The sign-in dialog shown at start-up, and the dialog that changes a password (forced after an administrator's reset).

    dialog = SignInDialog(service)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        actor = dialog.actor

At start-up the dialog is shown before the database is open (SignInDialog() with no service; desk_app.ui.app opens
the database after its first paint and then calls attach()): it names the organisation it showed last, and a sign-in
clicked before the database is open runs as soon as it is. The password check (argon2, a fifth of a second on
purpose) runs on a worker thread, so the dialog keeps painting meanwhile.

SignInDialog runs the forced password change itself: when the account must change its password, it opens
ChangePasswordDialog over itself and accepts only once the new password is stored. On the demo database it names
the demo accounts and their shared password; a click on one fills the user name in.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QFont, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import DeskError
from desk_app.core.kinds import Role
from desk_app.core.passwords import MAX_USERNAME, MIN_LENGTH, check_repeat
from desk_app.ui.common import label
from desk_app.ui.forms import FieldErrors
from desk_app.ui.settings import settings
from desk_app.ui.workers import BackgroundJob, run_for_answer

if TYPE_CHECKING:  # the services load after the dialog's first paint (desk_app.ui.app)
    from desk_app.services.desk import Actor, DeskService

log = logging.getLogger(__name__)

LAST_USER_KEY = "signin/last_user"
# The organisation's name as last read from the database: the dialog's title before the database is open.
ORGANIZATION_KEY = "signin/organization"

DIALOG_STYLE = """
QLabel#signinTitle { color: #1f3b57; }
QLabel#signinSubtitle, QLabel#passwordHint { color: #5f6b76; }
QLabel#demoHint { color: #37474f; background: #f4f8fb; border: 1px solid #d6e2ec; border-radius: 3px;
                  padding: 6px 8px; }
QLineEdit { padding: 3px 4px; }
QLineEdit[invalid="true"] { border: 1px solid #c62828; }
"""


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    # No input method on a password field: a Chinese IME would show the typed letters in its candidate window.
    edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    return edit


@dataclasses.dataclass(frozen=True)
class SignInFacts:
    """What the dialog shows from the database: the organisation's name and, on the demo database only, its
    accounts (user name, name, role) in DEMO_SIGN_IN_ACCOUNTS' order."""

    organization: str
    demo_accounts: tuple[tuple[str, str, Role], ...] = ()


def read_sign_in_facts() -> SignInFacts:
    """Read SignInFacts (on any thread: desk_app.ui.app reads them on the worker that opens the database)."""
    from desk_app.services.queries import organization_name, staff_list
    from desk_app.services.setup import DEMO_SIGN_IN_ACCOUNTS, is_demo_database

    organization = organization_name()
    try:
        if not is_demo_database():
            return SignInFacts(organization)
        by_username = {s.username: s for s in staff_list()}
    except Exception:  # the hint is a convenience: a database problem shows at sign-in, not here
        log.exception("reading the demo accounts failed")
        return SignInFacts(organization)
    return SignInFacts(organization, tuple((u, by_username[u].name, Role(by_username[u].role))
                                           for u in DEMO_SIGN_IN_ACCOUNTS if u in by_username))


class SignInDialog(QDialog):
    """User name and password; Enter signs in. On accept, `actor` is the signed-in staff member.

    The user name given (`desk-app --user NAME`), else the last one that signed in on this machine, is filled in
    (QSettings "signin/last_user"); the password is always asked for. A refused sign-in keeps the user name, clears
    the password and says why under the fields.

    Without a service the dialog waits for attach(): until then it shows the organisation's name from the last
    start, and a click on 登录 (or Enter) is held and runs once the database is attached.
    """

    def __init__(self, service: DeskService | None = None, parent: QWidget | None = None, *,
                 username: str | None = None) -> None:
        super().__init__(parent)
        self._service: DeskService | None = None
        self.actor: Actor | None = None
        self.change_dialog: ChangePasswordDialog | None = None
        self._pending: Actor | None = None
        self._centered = False
        self._held_click = False  # 登录 clicked before the database was attached
        self._job: BackgroundJob | None = None  # the password check running on a worker
        self.demo_accounts: list[tuple[str, str, Role]] = []
        self.setStyleSheet(DIALOG_STYLE)
        self.setMinimumWidth(360)

        remembered = settings().value(ORGANIZATION_KEY, "")
        organization = remembered if isinstance(remembered, str) and remembered else self.tr("Service Desk")
        self.title_label = QLabel(organization)
        self.title_label.setObjectName("signinTitle")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title_label.setWordWrap(True)
        title_font = QFont(self.font())
        title_font.setPointSizeF(max(title_font.pointSizeF(), 9.0) * 1.45)
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        self.subtitle_label = QLabel()
        self.subtitle_label.setObjectName("signinSubtitle")
        self.subtitle_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.username_edit = QLineEdit()
        self.username_edit.setMaxLength(MAX_USERNAME)
        self.password_edit = _password_edit()
        self.username_label = QLabel()
        self.password_label = QLabel()
        self.username_label.setBuddy(self.username_edit)
        self.password_label.setBuddy(self.password_edit)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.username_label, self.username_edit)
        form.addRow(self.password_label, self.password_edit)

        self.message_label = QLabel()
        self.errors = FieldErrors(self.message_label, self)

        # Only on the demo database: its accounts and their public password (a real database shows nothing).
        self.demo_label = QLabel()
        self.demo_label.setObjectName("demoHint")
        self.demo_label.setWordWrap(True)
        self.demo_label.setTextFormat(Qt.TextFormat.RichText)
        self.demo_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.demo_label.linkActivated.connect(self._on_demo_label_link_activated)
        self.demo_label.setVisible(False)

        self.buttons = QDialogButtonBox()
        self.sign_in_button = QPushButton()
        self.sign_in_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.cancel_button.setAutoDefault(False)
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        # 数据库…: which database this desk opens (desk_app.ui.connection), used from the next start.
        self.database_button = QPushButton()
        self.database_button.setObjectName("databaseButton")
        self.database_button.setAutoDefault(False)
        self.database_button.setFlat(True)
        self.buttons.addButton(self.database_button, QDialogButtonBox.ButtonRole.HelpRole)
        self.sign_in_button.clicked.connect(self._on_sign_in_button_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self.database_button.clicked.connect(self._on_database_button_clicked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 18)
        layout.setSpacing(10)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addSpacing(4)
        layout.addWidget(self.buttons)
        layout.addWidget(self.demo_label)
        self.setWindowTitle(organization)
        self.translate_ui()

        last_user = username or settings().value(LAST_USER_KEY, "")
        if isinstance(last_user, str) and last_user:
            self.username_edit.setText(last_user)
            self.password_edit.setFocus()
        else:
            self.username_edit.setFocus()
        if service is not None:
            self.attach(service)

    @property
    def ready(self) -> bool:
        """The database is attached: a click on 登录 checks the password now."""
        return self._service is not None

    @property
    def signing_in(self) -> bool:
        """A password check is running on its worker (or a click waits for the database)."""
        return self._job is not None or self._held_click

    def attach(self, service: DeskService, facts: SignInFacts | None = None) -> None:
        """The database is open: name the organisation (remembered for the next start's first paint) and the demo
        accounts (read now unless `facts` brings them, read on a worker), then run a sign-in clicked meanwhile."""
        self._service = service
        facts = facts or read_sign_in_facts()
        self.title_label.setText(facts.organization)
        self.setWindowTitle(facts.organization)
        store = settings()
        if store.value(ORGANIZATION_KEY, "") != facts.organization:
            store.setValue(ORGANIZATION_KEY, facts.organization)
        self.demo_accounts = list(facts.demo_accounts)
        self.demo_label.setVisible(bool(self.demo_accounts))
        self.translate_ui()
        if self.isVisible() and self.demo_accounts:  # on screen already: grow to show them, still centred
            self.adjustSize()
            self._center_on_screen()
        if self._held_click:
            self._held_click = False
            self._set_busy(False)
            self._on_sign_in_button_clicked()

    def translate_ui(self) -> None:
        self.subtitle_label.setText(self.tr("Work-order desk: sign in to start"))
        self.username_label.setText(self.tr("&User name"))
        self.password_label.setText(self.tr("&Password"))
        self.sign_in_button.setText(self.tr("Sign in"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.database_button.setText(self.tr("Database…"))
        if self.demo_accounts:
            # Only the demo database names it: the demo package (which imports every service) is not loaded else.
            from desk_app.services.demo import DEMO_PASSWORD

            lines = "".join(
                f'<tr><td><a href="{html.escape(username)}">{html.escape(username)}</a></td>'
                f"<td>&nbsp;{html.escape(name)}</td><td>&nbsp;{html.escape(label(role))}</td></tr>"
                for username, name, role in self.demo_accounts)
            intro = self.tr("Demo database: every account below signs in with the password {password}. "
                            "Click a user name to fill it in.").format(password=f"<b>{DEMO_PASSWORD}</b>")
            self.demo_label.setText(f"{intro}<table>{lines}</table>")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.translate_ui()
        super().changeEvent(event)

    @Slot()
    def _on_database_button_clicked(self) -> None:
        from desk_app.ui.connection import ConnectionDialog

        dialog = ConnectionDialog(self)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                QMessageBox.information(self, self.windowTitle(), self.tr(
                    "Saved. The desk opens this database from the next start."))
        finally:
            dialog.deleteLater()

    @Slot(str)
    def _on_demo_label_link_activated(self, username: str) -> None:
        self.username_edit.setText(username)
        self.password_edit.clear()
        self.errors.clear()
        self.password_edit.setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._centered:
            self._centered = True
            self.adjustSize()
            self._center_on_screen()

    def _center_on_screen(self) -> None:
        """At start-up there is no main window yet: the dialog goes in the middle of the screen."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if self.parentWidget() is None and screen is not None:
            self.move(screen.availableGeometry().center() - self.rect().center())

    @Slot()
    def _on_sign_in_button_clicked(self) -> None:
        if self.signing_in:
            return  # Enter pressed again while the first check runs
        username = self.username_edit.text().strip()
        password = self.password_edit.text()
        if not username:
            self.errors.show_general(self.tr("Enter your user name."))
            self.username_edit.setFocus()
            return
        if not password:
            self.errors.show_general(self.tr("Enter your password."))
            self.password_edit.setFocus()
            return
        self.errors.clear()
        if self._service is None:  # the database opens right after the first paint: sign in once it is open
            self._held_click = True
            self._set_busy(True)
            return
        now = self._service.now()

        def check(_report) -> tuple[Actor, bool] | DeskError:
            from desk_app.services import auth

            try:
                actor = auth.sign_in(username, password, now=now)
                return actor, auth.needs_new_password(actor.id)
            except DeskError as refused:  # an answer, not a failure of the job (which would log a traceback)
                return refused

        self._set_busy(True)
        self._job = run_for_answer(check, self, "sign-in", functools.partial(self._on_check_finished, username,
                                                                              password))

    def _set_busy(self, busy: bool) -> None:
        """While the password is checked: the fields and buttons wait, the button says so (no wait cursor: the
        window keeps painting)."""
        for widget in (self.username_edit, self.password_edit):
            widget.setReadOnly(busy)
        for button in (self.sign_in_button, self.cancel_button, self.database_button):
            button.setEnabled(not busy)
        self.sign_in_button.setText(self.tr("Signing in…") if busy else self.tr("Sign in"))

    def _on_check_finished(self, username: str, password: str, answer: object) -> None:
        self._job = None
        self._set_busy(False)
        if isinstance(answer, DeskError):
            self._refuse(self.errors.show_error, answer)
        elif isinstance(answer, tuple):
            self._signed_in(username, password, *answer)
        else:  # the database is gone or broken: say so, keep the dialog (the job logged why)
            self._refuse(self.errors.show_general, self.tr("Cannot sign in: the database cannot be reached."))

    def _signed_in(self, username: str, password: str, actor: Actor, must_change: bool) -> None:
        self.password_edit.clear()
        store = settings()
        store.setValue(LAST_USER_KEY, username)
        store.sync()
        if must_change:
            self._pending = actor
            self._open_change_dialog(actor, password)
        else:
            self.actor = actor
            self.accept()

    def done(self, result: int) -> None:
        """Cancel, Esc and the close button wait while the password is checked (a fraction of a second): the
        dialog is not taken away from under its worker."""
        if self._job is not None and result != QDialog.DialogCode.Accepted:
            return
        if self._held_click and result != QDialog.DialogCode.Accepted:
            self._held_click = False
        super().done(result)

    def _refuse(self, show, what) -> None:
        show(what)
        self.password_edit.clear()
        self.password_edit.setFocus()

    def _open_change_dialog(self, actor: Actor, old_password: str) -> None:
        self.change_dialog = ChangePasswordDialog(actor, old_password=old_password, parent=self)
        self.change_dialog.finished.connect(self._on_change_dialog_finished)
        self.change_dialog.open()

    @Slot(int)
    def _on_change_dialog_finished(self, result: int) -> None:
        dialog, self.change_dialog = self.change_dialog, None
        if dialog is not None:
            dialog.deleteLater()
        actor, self._pending = self._pending, None
        if result == QDialog.DialogCode.Accepted and actor is not None:
            self.actor = actor
            self.accept()
        else:
            self.errors.show_general(self.tr("Choose a new password to sign in."))
            self.password_edit.setFocus()


_CHANGED = object()   # ChangePasswordDialog's worker stored the new password


class ChangePasswordDialog(QDialog):
    """New password twice, errors next to the fields. Without `old_password` it also asks for the current one. The
    password is checked, hashed and stored on a worker (argon2: the window keeps painting; Esc waits for it).

    SignInDialog passes the password just typed (the account must change it); the "change my password" menu
    command passes nothing.
    """

    def __init__(self, actor: Actor, *, old_password: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actor = actor
        self._old_password = old_password
        self._job: BackgroundJob | None = None   # the new password stored on a worker
        self.setStyleSheet(DIALOG_STYLE)
        self.setMinimumWidth(420)

        self.intro_label = QLabel()
        self.intro_label.setWordWrap(True)
        self.intro_label.setVisible(old_password is not None)
        self.old_edit = _password_edit()
        self.new_edit = _password_edit()
        self.repeat_edit = _password_edit()
        self.hint_label = QLabel()
        self.hint_label.setObjectName("passwordHint")
        self.hint_label.setWordWrap(True)
        self.old_label, self.new_label, self.repeat_label = QLabel(), QLabel(), QLabel()
        self.old_label.setBuddy(self.old_edit)
        self.new_label.setBuddy(self.new_edit)
        self.repeat_label.setBuddy(self.repeat_edit)

        self.message_label = QLabel()
        self.errors = FieldErrors(self.message_label, self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setVerticalSpacing(4)
        if old_password is None:
            form.addRow(self.old_label, self.old_edit)
            form.addRow("", self.errors.add("old_password", QLabel(), self.old_edit))
        else:
            self.old_edit.hide()
            self.old_label.hide()
        form.addRow(self.new_label, self.new_edit)
        form.addRow("", self.hint_label)
        form.addRow("", self.errors.add("password", QLabel(), self.new_edit))
        form.addRow(self.repeat_label, self.repeat_edit)
        form.addRow("", self.errors.add("repeat", QLabel(), self.repeat_edit))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        layout.setSpacing(8)
        layout.addWidget(self.intro_label)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.buttons)
        self.translate_ui()
        (self.old_edit if old_password is None else self.new_edit).setFocus()

    def translate_ui(self) -> None:
        self.setWindowTitle(self.tr("Choose a new password") if self._old_password is not None
                            else self.tr("Change my password"))
        self.intro_label.setText(self.tr("{name}, an administrator set your password. Choose your own password "
                                         "to continue.").format(name=self._actor.name))
        self.old_label.setText(self.tr("&Current password"))
        self.new_label.setText(self.tr("&New password"))
        self.repeat_label.setText(self.tr("&Repeat new password"))
        self.hint_label.setText(self.tr("At least {n} characters, not only digits, not your user name.")
                                .format(n=MIN_LENGTH))
        self.ok_button.setText(self.tr("Change password"))
        self.cancel_button.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.translate_ui()
        super().changeEvent(event)

    @property
    def changing(self) -> bool:
        """The new password is being hashed and stored on its worker (argon2: about 170 ms on purpose)."""
        return self._job is not None

    @Slot()
    def _on_buttons_accepted(self) -> None:
        if self._job is not None:
            return   # Enter pressed again while the first change runs
        old = self._old_password if self._old_password is not None else self.old_edit.text()
        new = self.new_edit.text()
        self.errors.clear()
        try:
            check_repeat(new, self.repeat_edit.text())
        except DeskError as error:
            self._refuse(error)
            return
        actor = self._actor

        def change(_report) -> DeskError | object:
            from desk_app.services import auth

            try:
                auth.set_password(actor, actor.id, new, old_password=old)
            except DeskError as refused:   # an answer, not a failure of the job (which would log a traceback)
                return refused
            return _CHANGED

        self._set_busy(True)
        self._job = run_for_answer(change, self, "change-password", self._on_change_finished)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.old_edit, self.new_edit, self.repeat_edit):
            widget.setReadOnly(busy)
        self.buttons.setEnabled(not busy)
        self.ok_button.setText(self.tr("Changing…") if busy else self.tr("Change password"))

    def _on_change_finished(self, answer: object) -> None:
        self._job = None
        self._set_busy(False)
        if isinstance(answer, DeskError):
            self._refuse(answer)
        elif answer is _CHANGED:
            self._old_password = None
            self.accept()
        else:   # the database is gone or broken (the job logged why): what was typed stays
            self.errors.show_general(self.tr("The password was not changed: the database cannot be reached."))

    def _refuse(self, error: DeskError) -> None:
        widget = self.errors.show_error(error)
        if error.field in ("password", "repeat"):
            self.repeat_edit.clear()
        if isinstance(widget, QLineEdit):
            widget.selectAll()
            widget.setFocus()

    def done(self, result: int) -> None:
        """Cancel and Esc wait while the password is stored (a fraction of a second): the dialog is not taken away
        from under its worker."""
        if self._job is not None and result != QDialog.DialogCode.Accepted:
            return
        super().done(result)
