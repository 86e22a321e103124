"""The sign-in dialog and the password-change dialog, driven with the keyboard and mouse (ASCII only)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit

from desk_app.models.schema import Staff
from desk_app.services import auth
from desk_app.services.demo import create_organization
from desk_app.services.desk import Actor, DeskService
from desk_app.ui.settings import settings
from desk_app.ui.signin import LAST_USER_KEY, ORGANIZATION_KEY, ChangePasswordDialog, SignInDialog

PASSWORD = "Lantern-42"


@pytest.fixture(autouse=True)
def cheap_hashing():
    auth.use_cheap_hashing_for_tests()


@pytest.fixture
def people(desk_db) -> dict[str, Actor]:
    """The demo organisation; 王芳 (reception) has a password, the administrator too."""
    people = create_organization()
    auth.force_password("reception", PASSWORD, must_change=False)
    auth.force_password("admin", "Admin-pass-1", must_change=False)
    people["admin"] = Actor.of(Staff.get(Staff.username == "admin"))
    return people


@pytest.fixture
def dialog(qtbot, people, clock) -> SignInDialog:
    dialog = SignInDialog(DeskService(now=clock))
    qtbot.addWidget(dialog)
    return dialog


def sign_in(qtbot, dialog: SignInDialog, username: str, password: str) -> None:
    dialog.username_edit.clear()
    qtbot.keyClicks(dialog.username_edit, username)
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    # The password is checked on a worker thread (argon2 takes a fifth of a second on purpose): wait for its answer.
    qtbot.waitUntil(lambda: not dialog.signing_in, timeout=10_000)


def message(dialog) -> str:
    return dialog.message_label.text() if not dialog.message_label.isHidden() else ""


def test_the_right_password_accepts_the_dialog_with_the_actor(qtbot, dialog, people):
    assert dialog.password_edit.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.windowTitle() == dialog.title_label.text() == "工单台服务中心"
    sign_in(qtbot, dialog, "reception", PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor == people["reception"]
    assert dialog.password_edit.text() == ""
    assert settings().value(LAST_USER_KEY) == "reception"


def test_enter_in_the_password_field_signs_in(qtbot, dialog, people):
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.username_edit, "reception")
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert dialog.actor == people["reception"]


def test_the_password_is_checked_on_a_worker_while_the_dialog_paints(qtbot, monkeypatch, dialog, people):
    """argon2 takes a fifth of a second on purpose: not on the window's thread. Meanwhile the fields and buttons
    wait, the button says so, and Esc does not take the dialog away from under the worker."""
    import threading

    checked_on = []
    real_sign_in = auth.sign_in

    def sign_in_slowly(*args, **kwargs):
        checked_on.append(threading.current_thread())
        release.wait(10)
        return real_sign_in(*args, **kwargs)

    release = threading.Event()
    monkeypatch.setattr(auth, "sign_in", sign_in_slowly)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.username_edit, "reception")
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(checked_on))
    assert checked_on[0] is not threading.main_thread()
    assert dialog.signing_in and dialog.isVisible()
    assert dialog.sign_in_button.text() == "Signing in…" and not dialog.sign_in_button.isEnabled()
    assert not dialog.cancel_button.isEnabled() and dialog.password_edit.isReadOnly()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # Esc waits for the answer
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        release.set()
    assert dialog.actor == people["reception"] and not dialog.signing_in


def test_a_click_before_the_database_is_open_signs_in_once_it_is(qtbot, people, clock):
    """At start-up the dialog paints before the database opens: it names the organisation it named last, and a
    sign-in clicked meanwhile is held, then runs when the database is attached."""
    settings().setValue(ORGANIZATION_KEY, "上次的服务中心")
    dialog = SignInDialog()
    qtbot.addWidget(dialog)
    assert not dialog.ready and dialog.windowTitle() == dialog.title_label.text() == "上次的服务中心"
    qtbot.keyClicks(dialog.username_edit, "reception")
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.signing_in and not dialog.sign_in_button.isEnabled() and dialog.actor is None
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        dialog.attach(DeskService(now=clock))
    assert dialog.actor == people["reception"]
    # The database's name now, and remembered for the next start's first paint.
    assert dialog.windowTitle() == "工单台服务中心" and settings().value(ORGANIZATION_KEY) == "工单台服务中心"
    settings().remove(ORGANIZATION_KEY)
    first_start = SignInDialog()
    qtbot.addWidget(first_start)
    assert first_start.windowTitle() == "Service Desk"  # nothing remembered: the program's name


def test_a_wrong_password_keeps_the_user_name_and_says_so(qtbot, dialog, people):
    sign_in(qtbot, dialog, "reception", "wrong-password")
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.actor is None
    assert message(dialog) == "Wrong user name or password."
    assert dialog.username_edit.text() == "reception"
    assert dialog.password_edit.text() == ""
    # The next try needs only the password.
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.signing_in, timeout=10_000)  # the password check's worker
    assert dialog.actor == people["reception"]


def test_an_unknown_user_gets_the_same_message(qtbot, dialog):
    sign_in(qtbot, dialog, "nobody", PASSWORD)
    assert message(dialog) == "Wrong user name or password."


def test_a_locked_account_says_until_when_even_with_the_right_password(qtbot, dialog, people, clock):
    for _ in range(5):
        sign_in(qtbot, dialog, "reception", "wrong-password")
    assert message(dialog) == "Locked until 10:15 after too many failed sign-ins."
    clock.advance(minutes=5)
    sign_in(qtbot, dialog, "reception", PASSWORD)
    assert dialog.actor is None
    assert message(dialog) == "Locked until 10:15 after too many failed sign-ins."
    clock.advance(minutes=10)
    sign_in(qtbot, dialog, "reception", PASSWORD)
    assert dialog.actor == people["reception"]


def test_empty_fields_are_asked_for_without_counting_a_failure(qtbot, dialog, people):
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.signing_in, timeout=10_000)  # the password check's worker
    assert message(dialog) == "Enter your user name."
    qtbot.keyClicks(dialog.username_edit, "reception")
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.signing_in, timeout=10_000)  # the password check's worker
    assert message(dialog) == "Enter your password."
    assert Staff.get(Staff.username == "reception").failed_signins == 0


def test_the_last_user_name_is_filled_in(qtbot, people, clock):
    store = settings()
    store.setValue(LAST_USER_KEY, "reception")
    store.sync()
    dialog = SignInDialog(DeskService(now=clock))
    qtbot.addWidget(dialog)
    assert dialog.username_edit.text() == "reception"
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.signing_in, timeout=10_000)  # the password check's worker
    assert dialog.actor == people["reception"]


def test_cancel_rejects(qtbot, dialog):
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.actor is None


def click_change(qtbot, change: ChangePasswordDialog) -> None:
    """Click 修改密码 and wait for the worker that stores the new password (or refuses it)."""
    qtbot.mouseClick(change.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not change.changing, timeout=10_000)


def test_after_a_reset_the_new_password_is_chosen_before_the_dialog_accepts(qtbot, dialog, people, clock):
    wang = people["reception"]
    auth.set_password(people["admin"], wang.id, "Temporary-99")
    sign_in(qtbot, dialog, "reception", "Temporary-99")
    change = dialog.change_dialog
    assert change is not None and change.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not change.old_edit.isVisibleTo(change)  # the password just typed is the current one

    qtbot.keyClicks(change.new_edit, "Her-own-choice-3")
    qtbot.keyClicks(change.repeat_edit, "Her-own-choice-4")
    click_change(qtbot, change)
    assert change.errors.visible_errors() == {"repeat": "The two passwords are not the same."}

    change.new_edit.clear()
    qtbot.keyClicks(change.new_edit, "12345678")
    qtbot.keyClicks(change.repeat_edit, "12345678")
    click_change(qtbot, change)
    assert change.errors.visible_errors() == {"password": "A password of digits only is too easy to guess."}

    change.new_edit.clear()
    qtbot.keyClicks(change.new_edit, "Temporary-99")
    qtbot.keyClicks(change.repeat_edit, "Temporary-99")
    click_change(qtbot, change)
    assert change.errors.visible_errors() == {"password": "Choose a password different from the current one."}

    change.new_edit.clear()
    qtbot.keyClicks(change.new_edit, "Her-own-choice-3")
    qtbot.keyClicks(change.repeat_edit, "Her-own-choice-3")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(change.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.actor == wang
    assert dialog.change_dialog is None
    assert not auth.needs_new_password(wang.id)
    assert auth.sign_in("reception", "Her-own-choice-3", now=clock()) == wang


def test_cancelling_the_forced_change_does_not_sign_in(qtbot, dialog, people):
    auth.set_password(people["admin"], people["reception"].id, "Temporary-99")
    sign_in(qtbot, dialog, "reception", "Temporary-99")
    change = dialog.change_dialog
    qtbot.mouseClick(change.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.actor is None and dialog.result() != QDialog.DialogCode.Accepted
    assert message(dialog) == "Choose a new password to sign in."
    assert dialog.password_edit.text() == ""
    assert auth.needs_new_password(people["reception"].id)


def test_changing_my_password_asks_for_the_current_one(qtbot, people, clock):
    wang = people["reception"]
    change = ChangePasswordDialog(wang)
    qtbot.addWidget(change)
    assert change.old_edit.isVisibleTo(change) and not change.intro_label.isVisibleTo(change)
    qtbot.keyClicks(change.old_edit, "not-it-at-all")
    qtbot.keyClicks(change.new_edit, "Her-own-choice-3")
    qtbot.keyClicks(change.repeat_edit, "Her-own-choice-3")
    click_change(qtbot, change)
    assert change.errors.visible_errors() == {"old_password": "The current password is wrong."}
    change.old_edit.clear()
    qtbot.keyClicks(change.old_edit, PASSWORD)
    click_change(qtbot, change)
    assert change.result() == QDialog.DialogCode.Accepted
    assert auth.sign_in("reception", "Her-own-choice-3", now=clock()) == wang


def test_the_new_password_is_stored_on_a_worker_and_esc_waits_for_it(qtbot, people, clock, monkeypatch):
    wang = people["reception"]
    change = ChangePasswordDialog(wang)
    qtbot.addWidget(change)
    change.show()
    stored_on: list[threading.Thread] = []
    real = auth.set_password
    monkeypatch.setattr(auth, "set_password",
                        lambda *a, **k: stored_on.append(threading.current_thread()) or real(*a, **k))
    qtbot.keyClicks(change.old_edit, PASSWORD)
    qtbot.keyClicks(change.new_edit, "Her-own-choice-3")
    qtbot.keyClicks(change.repeat_edit, "Her-own-choice-3")
    qtbot.mouseClick(change.ok_button, Qt.MouseButton.LeftButton)
    assert change.changing and change.ok_button.text() == "Changing…" and not change.ok_button.isEnabled()
    qtbot.keyClick(change, Qt.Key.Key_Escape)   # waits: the dialog is not taken away from under its worker
    assert change.isVisible()
    qtbot.waitUntil(lambda: not change.changing, timeout=10_000)
    assert change.result() == QDialog.DialogCode.Accepted
    assert len(stored_on) == 1 and stored_on[0] is not threading.main_thread()
    assert auth.sign_in("reception", "Her-own-choice-3", now=clock()) == wang


def test_a_given_user_name_wins_over_the_last_one(qtbot, people, clock):
    store = settings()
    store.setValue(LAST_USER_KEY, "reception")
    store.sync()
    dialog = SignInDialog(DeskService(now=clock), username="admin")
    qtbot.addWidget(dialog)
    assert dialog.username_edit.text() == "admin" and dialog.password_edit.text() == ""
    assert not dialog.demo_label.isVisibleTo(dialog)  # not the demo: no accounts are named


def test_the_demo_database_names_its_accounts_and_a_click_fills_one_in(qtbot, people, clock):
    from desk_app.services.demo import DEMO_PASSWORD, set_demo_passwords
    from desk_app.services.setup import finish_demo

    set_demo_passwords()
    finish_demo()
    dialog = SignInDialog(DeskService(now=clock))
    qtbot.addWidget(dialog)
    assert dialog.demo_label.isVisibleTo(dialog)
    usernames = [username for username, _name, _role in dialog.demo_accounts]
    assert usernames[:3] == ["reception", "dispatcher", "engineering.recv"] and "admin" in usernames
    assert DEMO_PASSWORD in dialog.demo_label.text() and "王芳" in dialog.demo_label.text()
    dialog.demo_label.linkActivated.emit("engineering.recv")
    assert dialog.username_edit.text() == "engineering.recv"
    qtbot.keyClicks(dialog.password_edit, DEMO_PASSWORD)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.signing_in, timeout=10_000)  # the password check's worker
    assert dialog.actor is not None and dialog.actor.name == "张伟"
