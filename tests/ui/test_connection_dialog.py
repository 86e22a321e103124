"""The connection dialog (数据库连接) against a real PostgreSQL server, and the window's start-up error dialog: the
password is typed into a dots-only field, tested off the window's thread, saved into the secret store and never
shown in a label, a message box or a log line."""

from __future__ import annotations

import argparse
import itertools
import logging

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox

from desk_app.models.db import close_database
from desk_app.services import secrets
from desk_app.services.setup import init_database
from desk_app.ui import app as app_module
from desk_app.ui.connection import ConnectionDialog, saved_database_url
from desk_app.ui.signin import SignInDialog
from tests.postgres import Cluster

PASSWORD = "Qq-never-shown-7"
_names = itertools.count(1)




@pytest.fixture(autouse=True)
def portable(data_dir, monkeypatch):
    """Passwords in the data folder's private file (DESK_APP_DATA_DIR set: a portable install), nothing kept from
    another test's run."""
    monkeypatch.setattr(secrets, "_session", {})
    return data_dir


def server_database(cluster: Cluster) -> tuple[str, str]:
    name = f"dialog_{next(_names)}"
    return cluster.create_database(name), name


def fill_server(qtbot, dialog: ConnectionDialog, cluster: Cluster, database: str, password: str = PASSWORD) -> None:
    dialog.kind_combo.setCurrentIndex(1)
    for edit, text in ((dialog.host_edit, "127.0.0.1"), (dialog.database_edit, database),
                       (dialog.user_edit, "postgres")):
        edit.clear()
        qtbot.keyClicks(edit, text)
    dialog.port_spin.setValue(cluster.port)
    qtbot.keyClicks(dialog.password_edit, password)


def test_the_connection_is_tested_off_the_window_thread_and_saved_without_its_password(qtbot, cluster, portable,
                                                                                      caplog):
    caplog.set_level(logging.DEBUG)
    bare, name = server_database(cluster)
    dialog = ConnectionDialog()
    qtbot.addWidget(dialog)
    fill_server(qtbot, dialog, cluster, name)
    assert dialog.password_edit.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.form_url() == bare.replace("@127.0.0.1:", "@127.0.0.1:")  # the same URL, no password

    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.testing and not dialog.test_button.isEnabled()  # the window's thread is not the one waiting
    qtbot.waitUntil(lambda: not dialog.testing, timeout=10000)
    assert dialog.result_label.text().startswith("Connected: PostgreSQL ")

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert saved_database_url() == bare and dialog.url == bare
    assert secrets.get_secret(f"database:postgres@127.0.0.1:{cluster.port}/{name}") == PASSWORD
    assert secrets.url_for_connecting(bare) == bare.replace("postgres@", f"postgres:{PASSWORD}@")
    assert not any(PASSWORD in record.getMessage() for record in caplog.records)

    again = ConnectionDialog()  # opened again: the saved choice, the password only as "set"
    qtbot.addWidget(again)
    assert again.kind_combo.currentIndex() == 1 and again.database_edit.text() == name
    assert again.password_edit.text() == "" and again.password_edit.placeholderText().startswith("•••••• (set)")
    assert "readable by this user only" in again.store_label.text()


def test_a_failed_test_says_why_without_the_password(qtbot, cluster):
    dialog = ConnectionDialog()
    qtbot.addWidget(dialog)
    fill_server(qtbot, dialog, cluster, "no_such_database")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.testing, timeout=10000)
    text = dialog.result_label.text()
    assert text.startswith("Cannot connect: ") and "no_such_database" in text and PASSWORD not in text
    assert saved_database_url() is None  # nothing saved by a test


def test_an_embedded_file_must_exist_to_be_tested_or_saved(qtbot, tmp_path):
    dialog = ConnectionDialog()
    qtbot.addWidget(dialog)
    dialog.kind_combo.setCurrentIndex(0)
    dialog.file_edit.setText(str(tmp_path / "typo.db"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "no database at" in dialog.result_label.text() and dialog.result() != QDialog.DialogCode.Accepted
    assert not (tmp_path / "typo.db").exists()
    url = f"sqlite:///{tmp_path / 'real.db'}"
    init_database(url)
    close_database()
    dialog.file_edit.setText(str(tmp_path / "real.db"))
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.testing, timeout=10000)
    assert dialog.result_label.text().startswith("Connected: SQLite 3.")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved_database_url() == url


def test_the_sign_in_dialog_opens_the_connection_dialog(qtbot, monkeypatch, desk_db):
    opened = []

    def exec_(dialog):
        opened.append(dialog.windowTitle())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ConnectionDialog, "exec", exec_)
    from desk_app.services.desk import DeskService

    dialog = SignInDialog(DeskService())
    qtbot.addWidget(dialog)
    assert dialog.database_button.text() == "Database…"
    qtbot.mouseClick(dialog.database_button, Qt.MouseButton.LeftButton)
    assert opened == ["Database connection"]


# ----- the window's start-up ---------------------------------------------------------------------------------------


def start(monkeypatch, qapp, database: str, answer) -> tuple[int, list[str]]:
    """run_gui on `database`; each dialog goes to `answer` (which records the message boxes' text)."""
    texts: list[str] = []

    def run_dialog(dialog):
        if isinstance(dialog, QMessageBox):
            texts.append(dialog.text())
        if isinstance(dialog, SignInDialog):
            # Shown for real: the database opens once it has painted (a failure closes it); once it is open, the
            # answer decides.
            def when_ready():
                if dialog.ready and dialog.isVisible():
                    poll.stop()
                    dialog.done(int(answer(dialog)))

            poll = QTimer(dialog)
            poll.timeout.connect(when_ready)
            poll.start(10)
            return dialog.exec()
        return answer(dialog)

    font = qapp.font()
    monkeypatch.setattr(app_module, "run_dialog", run_dialog)
    try:
        code = app_module.run_gui(argparse.Namespace(database=database, lang="en", user=None, no_demo=True))
    finally:
        qapp.setFont(font)
        close_database()
    return code, texts


def test_the_start_up_error_shows_the_url_without_its_password(monkeypatch, qapp, caplog):
    caplog.set_level(logging.DEBUG)
    url = f"postgresql://desk:{PASSWORD}@127.0.0.1:1/desk"  # nothing listens on port 1
    code, texts = start(monkeypatch, qapp, url, lambda dialog: QDialog.DialogCode.Rejected)
    assert code == 1 and len(texts) == 1
    assert "postgresql://desk:***@127.0.0.1:1/desk" in texts[0] and "Connection refused" in texts[0]
    assert PASSWORD not in texts[0]
    assert not any(PASSWORD in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("database, reason", [("", "no database given"), ("sqlite://", "keeps nothing"),
                                              ("typo", "not a database URL")])
def test_a_refused_url_is_said_at_start_up_and_nothing_is_created(monkeypatch, qapp, portable, database, reason):
    code, texts = start(monkeypatch, qapp, database, lambda dialog: QDialog.DialogCode.Rejected)
    assert code == 1 and reason in texts[0]
    assert not (portable / "desk.db").exists()


def test_a_mistyped_file_is_not_created_at_start_up(monkeypatch, qapp, tmp_path):
    typo = tmp_path / "dsek.db"
    code, texts = start(monkeypatch, qapp, f"sqlite:///{typo}", lambda dialog: QDialog.DialogCode.Rejected)
    assert code == 1 and f"no database at {typo}" in texts[0] and not typo.exists()


def test_from_the_start_up_error_the_connection_dialog_chooses_another_database(monkeypatch, qapp, tmp_path):
    real = tmp_path / "real.db"
    init_database(f"sqlite:///{real}")
    close_database()

    def answer(dialog):
        if isinstance(dialog, QMessageBox) and dialog.objectName() == "startupErrorBox":
            [button] = [b for b in dialog.buttons() if b.text() == "Database…"]
            button.click()
            return dialog.result()
        if isinstance(dialog, QMessageBox):  # the new database's administrator password, shown once
            return QDialog.DialogCode.Accepted
        if isinstance(dialog, ConnectionDialog):
            dialog.kind_combo.setCurrentIndex(0)
            dialog.file_edit.setText(str(real))
            dialog.save_button.click()
            return dialog.result()
        assert isinstance(dialog, SignInDialog)  # the chosen database opened: the sign-in comes next
        return QDialog.DialogCode.Rejected

    code, texts = start(monkeypatch, qapp, f"sqlite:///{tmp_path / 'gone.db'}", answer)
    assert code == 0 and "no database at" in texts[0] and saved_database_url() == f"sqlite:///{real}"


def test_the_first_start_creates_the_embedded_default_database(monkeypatch, qapp, portable):
    """`desk-app` with no --database: the first start makes the database in the data folder (init-db's part)."""
    names = []

    def answer(dialog):
        if isinstance(dialog, SignInDialog):
            names.append(dialog.username_edit.text())   # once the database is open and the password was shown
        return QDialog.DialogCode.Rejected

    code, texts = start(monkeypatch, qapp, None, answer)
    assert code == 0 and texts and "administrator account is admin" in texts[0]
    assert names == ["admin"]   # the only account anyone can sign in with is filled in
    assert (portable / "desk.db").read_bytes()[:16] == b"SQLite format 3\x00"


def test_the_saved_connection_is_used_when_nothing_else_is_given(monkeypatch, qapp, portable, tmp_path):
    chosen = tmp_path / "chosen.db"
    init_database(f"sqlite:///{chosen}")
    close_database()
    from desk_app.ui.settings import settings

    settings("database").setValue("url", f"sqlite:///{chosen}")
    opened = []
    from desk_app.services import setup

    real_init = setup.init_database
    monkeypatch.setattr(setup, "init_database", lambda url: opened.append(url) or real_init(url))
    monkeypatch.setattr(app_module, "first_administrator_password", lambda: None)
    code, _ = start(monkeypatch, qapp, None, lambda dialog: QDialog.DialogCode.Rejected)
    assert code == 0 and opened == [f"sqlite:///{chosen}"] and not (portable / "desk.db").exists()
    monkeypatch.setenv("DESK_DATABASE_URL", f"sqlite:///{tmp_path / 'env.db'}")  # the environment wins over it
    code, texts = start(monkeypatch, qapp, None, lambda dialog: QDialog.DialogCode.Rejected)
    assert code == 1 and "env.db" in texts[0]
