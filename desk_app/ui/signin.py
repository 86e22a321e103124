"""The sign-in dialog shown at start-up, and the dialog that changes a password (forced after an administrator's reset).

    dialog = SignInDialog(service)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        actor = dialog.actor

SignInDialog runs the forced password change itself: when the account must change its password, it opens
ChangePasswordDialog over itself and accepts only once the new password is stored.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QFont, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import DeskError
from desk_app.core.passwords import MIN_LENGTH, check_repeat
from desk_app.services import auth
from desk_app.services.desk import Actor, DeskService
from desk_app.services.queries import organization_name
from desk_app.ui.forms import FieldErrors
from desk_app.ui.settings import settings

log = logging.getLogger(__name__)

LAST_USER_KEY = "signin/last_user"

DIALOG_STYLE = """
QLabel#signinTitle { color: #1f3b57; }
QLabel#signinSubtitle, QLabel#passwordHint { color: #5f6b76; }
QLineEdit { padding: 3px 4px; }
QLineEdit[invalid="true"] { border: 1px solid #c62828; }
"""


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    # No input method on a password field: a Chinese IME would show the typed letters in its candidate window.
    edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    return edit


class SignInDialog(QDialog):
    """User name and password; Enter signs in. On accept, `actor` is the signed-in staff member.

    The last user name that signed in on this machine is filled in (QSettings "signin/last_user"). A refused
    sign-in keeps the user name, clears the password and says why under the fields.
    """

    def __init__(self, service: DeskService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.actor: Actor | None = None
        self.change_dialog: ChangePasswordDialog | None = None
        self._pending: Actor | None = None
        self._centered = False
        self.setStyleSheet(DIALOG_STYLE)
        self.setMinimumWidth(360)

        organization = organization_name()
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
        self.username_edit.setMaxLength(auth.MAX_USERNAME)
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

        self.buttons = QDialogButtonBox()
        self.sign_in_button = QPushButton()
        self.sign_in_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.cancel_button.setAutoDefault(False)
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.sign_in_button.clicked.connect(self._on_sign_in_button_clicked)
        self.cancel_button.clicked.connect(self.reject)

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
        self.setWindowTitle(organization)
        self.translate_ui()

        last_user = settings().value(LAST_USER_KEY, "")
        if isinstance(last_user, str) and last_user:
            self.username_edit.setText(last_user)
            self.password_edit.setFocus()
        else:
            self.username_edit.setFocus()

    def translate_ui(self) -> None:
        self.subtitle_label.setText(self.tr("Work-order desk: sign in to start"))
        self.username_label.setText(self.tr("&User name"))
        self.password_label.setText(self.tr("&Password"))
        self.sign_in_button.setText(self.tr("Sign in"))
        self.cancel_button.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.translate_ui()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._centered and self.parentWidget() is None:
            # At start-up there is no main window yet: put the dialog in the middle of the screen.
            self._centered = True
            screen = self.screen() or QGuiApplication.primaryScreen()
            if screen is not None:
                self.adjustSize()
                self.move(screen.availableGeometry().center() - self.rect().center())

    @Slot()
    def _on_sign_in_button_clicked(self) -> None:
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
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            actor = auth.sign_in(username, password, now=self._service.now())
            must_change = auth.needs_new_password(actor.id)
        except DeskError as error:
            self._refuse(self.errors.show_error, error)
            return
        except Exception:  # the database is gone or broken: say so, keep the dialog
            log.exception("sign-in failed")
            self._refuse(self.errors.show_general, self.tr("Cannot sign in: the database cannot be reached."))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
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


class ChangePasswordDialog(QDialog):
    """New password twice, errors next to the fields. Without `old_password` it also asks for the current one.

    SignInDialog passes the password just typed (the account must change it); the "change my password" menu
    command passes nothing.
    """

    def __init__(self, actor: Actor, *, old_password: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actor = actor
        self._old_password = old_password
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

    @Slot()
    def _on_buttons_accepted(self) -> None:
        old = self._old_password if self._old_password is not None else self.old_edit.text()
        new = self.new_edit.text()
        self.errors.clear()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            check_repeat(new, self.repeat_edit.text())
            auth.set_password(self._actor, self._actor.id, new, old_password=old)
        except DeskError as error:
            widget = self.errors.show_error(error)
            if error.field in ("password", "repeat"):
                self.repeat_edit.clear()
            if isinstance(widget, QLineEdit):
                widget.selectAll()
                widget.setFocus()
            return
        except Exception:
            log.exception("changing the password failed")
            self.errors.show_general(self.tr("The password was not changed: the database cannot be reached."))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._old_password = None
        self.accept()
