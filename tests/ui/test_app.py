"""Start-up pieces: the CJK font, translations, a new database with demo data behind a progress bar (its accounts can
sign in), the first administrator password, signing in."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from desk_app.core.errors import NotFound
from desk_app.core.kinds import Role
from desk_app.models.db import close_database
from desk_app.models.schema import Ticket
from desk_app.services import demo
from desk_app.services.setup import database_is_new, init_database
from desk_app.ui import app as app_module
from desk_app.ui import settings as app_settings


@pytest.fixture
def restore_app_font(qapp):
    font = qapp.font()
    yield
    qapp.setFont(font)
    app_module.install_translators(qapp, "en")


def test_make_application_reuses_the_instance_and_adds_the_cjk_font(qapp, restore_app_font):
    assert app_module.make_application() is qapp
    assert app_module.CJK_FAMILY in QFontDatabase.families()
    families = QApplication.font().families()
    assert families[-1] == app_module.CJK_FAMILY
    assert QCoreApplication.organizationName() and QCoreApplication.applicationName()


def test_translators_for_chinese_include_qts_own_and_english_has_none(qapp, restore_app_font):
    installed = app_module.install_translators(qapp, "zh_CN")
    assert installed  # at least qtbase_zh_CN; ours once the translation file is built
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert app_module.install_translators(qapp, "en") == []
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_language_setting_defaults_to_chinese(qapp):
    assert app_settings.language() == "zh_CN"
    app_settings.set_language("en")
    assert app_settings.language() == "en"
    with pytest.raises(ValueError):
        app_settings.set_language("fr")


def test_the_acting_user_defaults_to_the_first_receptionist(demo_db):
    assert app_module.pick_actor(None).role == Role.RECEPTIONIST
    assert app_module.pick_actor("dispatcher").name == "何平"
    with pytest.raises(NotFound):
        app_module.pick_actor("nobody")


def test_a_new_database_has_only_the_administrator(desk_db):
    assert app_module.pick_actor(None).role == Role.ADMIN


def test_database_is_new_only_before_the_schema_exists(data_dir, database_url):
    url = database_url("fresh")
    assert database_is_new(url)
    init_database(url)
    try:
        assert not database_is_new(url)
    finally:
        close_database()


def test_demo_data_is_built_on_a_worker_behind_a_progress_dialog(qtbot, monkeypatch, desk_db):
    real = demo.build_demo
    monkeypatch.setattr(demo, "build_demo", lambda progress=None: real(tickets=12, progress=progress))
    made = app_module.build_demo_with_progress()
    assert made == Ticket.select().count() > 0


def test_the_demo_is_marked_and_its_accounts_can_sign_in(qtbot, monkeypatch, desk_db):
    from desk_app.services import auth
    from desk_app.services.setup import is_demo_database

    real = demo.build_demo
    monkeypatch.setattr(demo, "build_demo", lambda progress=None: real(tickets=5, progress=progress))
    assert not is_demo_database()
    app_module.build_demo_with_progress()
    assert is_demo_database()
    for username in ("reception", "engineering.recv", "admin"):
        actor = auth.sign_in(username, demo.DEMO_PASSWORD, now=dt.datetime.now())
        assert not auth.needs_new_password(actor.id)
    assert app_module.first_administrator_password() is None  # somebody can sign in already


def test_a_database_nobody_can_sign_into_gets_an_administrator_password_once(desk_db):
    from desk_app.services import auth

    password = app_module.first_administrator_password()
    assert password and len(password) >= 8
    actor = auth.sign_in("admin", password, now=dt.datetime.now())
    assert actor.role == Role.ADMIN and auth.needs_new_password(actor.id)  # to be replaced at the first sign-in
    assert app_module.first_administrator_password() is None


def test_sign_in_returns_the_person_or_none(qtbot, monkeypatch, demo_db, clock):
    from PySide6.QtCore import Qt

    from desk_app.services.desk import DeskService

    demo.set_demo_passwords()

    def type_password(dialog):
        assert dialog.username_edit.text() == "audit"  # --user fills the name in; the password is still asked
        qtbot.keyClicks(dialog.password_edit, demo.DEMO_PASSWORD)
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.signing_in, timeout=10_000)  # the password check's worker
        return dialog.result()

    monkeypatch.setattr(app_module, "run_dialog", type_password)
    person = app_module.sign_in(DeskService(now=clock), username="audit")
    assert person is not None and person.role == Role.AUDIT
    monkeypatch.setattr(app_module, "run_dialog", lambda dialog: dialog.reject() or dialog.result())
    assert app_module.sign_in(DeskService(now=clock)) is None
    assert QApplication.instance().quitOnLastWindowClosed()
