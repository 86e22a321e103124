"""Signing in through the real sign-in dialog, for the tools that run `desk-app` as a person would
(screenshots_main.py, two_desks.py): run as desk_app.ui.app.run_dialog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desk_app.ui.signin import SignInDialog


def type_and_sign_in(dialog: SignInDialog, username: str, password: str, *,
                     before_click: Callable[[], None] | None = None, timeout_ms: int = 60_000) -> int:
    """Show the dialog, type the user name and the password, click 登录 and wait for the answer: the dialog's
    result. The database opens after the dialog's first paint, and a click before that waits for it; the password
    is checked on a worker."""
    dialog.show()
    QTest.qWaitForWindowExposed(dialog)
    dialog.username_edit.clear()
    QTest.keyClicks(dialog.username_edit, username)
    QTest.keyClicks(dialog.password_edit, password)
    if before_click is not None:
        # The database opens after the dialog's first paint (a first start builds the demo then): what is grabbed
        # before the click is the dialog ready, its organisation and demo accounts shown and painted.
        _wait_until(lambda: dialog.ready, timeout_ms)
        QTest.qWait(200)
        before_click()
    QTest.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    _wait_until(lambda: not (dialog.signing_in or not dialog.ready) or not dialog.isVisible(), timeout_ms)
    return dialog.result()


def _wait_until(done: Callable[[], bool], timeout_ms: int) -> None:
    waited = 0
    while not done() and waited < timeout_ms:
        QTest.qWait(20)
        waited += 20
