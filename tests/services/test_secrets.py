"""Passwords in the secret store: a keyring when there is a usable one, else a file only the user can read; the SMTP
password out of the Setting table (an old plain-text one moved on first read) and out of every log line."""

from __future__ import annotations

import datetime as dt
import logging
import stat

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from desk_app.models.schema import Setting, Staff
from desk_app.services import notify, secrets
from desk_app.services.desk import Actor
from desk_app.services.notify import NotifySettings, load_notify_settings, save_notify_settings

PASSWORD = "Pa55-w0rd-only-here"


class MemoryKeyring(KeyringBackend):
    """A keyring backend that keeps its passwords in a dict (a system keyring without the system)."""

    priority = 5

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.values.get((service, username))

    def set_password(self, service, username, password):
        self.values[(service, username)] = password

    def delete_password(self, service, username):
        del self.values[(service, username)]


@pytest.fixture(autouse=True)
def forget_this_runs_passwords(monkeypatch):
    monkeypatch.setattr(secrets, "_session", {})


@pytest.fixture
def restore_keyring():
    before = keyring.get_keyring()
    yield
    keyring.set_keyring(before)


@pytest.fixture
def memory_keyring(restore_keyring, tmp_path, monkeypatch) -> MemoryKeyring:
    """A usable keyring; not portable (no DESK_APP_DATA_DIR), the fallback folder in tmp_path to prove it stays
    unused."""
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    monkeypatch.delenv("DESK_APP_DATA_DIR", raising=False)
    monkeypatch.setenv(secrets.ENV_CONFIG_DIR, str(tmp_path / "config"))
    return backend


@pytest.fixture
def no_keyring(restore_keyring, tmp_path, monkeypatch):
    """No usable keyring (keyring's own fail backend, as on a headless Linux): the file in tmp_path/config."""
    keyring.set_keyring(fail.Keyring())
    monkeypatch.delenv("DESK_APP_DATA_DIR", raising=False)
    monkeypatch.setenv(secrets.ENV_CONFIG_DIR, str(tmp_path / "config"))
    return tmp_path / "config" / secrets.FILE_NAME


def admin() -> Actor:
    return Actor.of(Staff.get(Staff.username == "admin"))


def smtp_settings(password: str = PASSWORD) -> NotifySettings:
    return NotifySettings(smtp_host="smtp.example.com", smtp_port=587, smtp_from="desk@example.com",
                          smtp_user="desk", smtp_password=password, email_enabled=True)


def stored_smtp_password_row() -> str | None:
    row = Setting.get_or_none(Setting.key == "notify.smtp.password")
    return row.value if row else None


def test_a_usable_keyring_keeps_the_passwords_and_no_file_is_written(memory_keyring, tmp_path):
    secrets.set_secret("smtp", PASSWORD)
    assert secrets.get_secret("smtp") == PASSWORD
    assert memory_keyring.values == {("desk-app", "smtp"): PASSWORD}
    assert "system keyring" in secrets.where() and "MemoryKeyring" in secrets.where()
    secrets.delete_secret("smtp")
    secrets.delete_secret("smtp")  # a second time: nothing to delete, no error
    assert secrets.get_secret("smtp") is None and memory_keyring.values == {}
    assert not (tmp_path / "config").exists()


def test_without_a_keyring_the_file_is_readable_by_the_user_only(no_keyring):
    path = no_keyring
    secrets.set_secret("smtp", PASSWORD)
    secrets.set_secret("database:desk@db.example:5432/desk", "другой-密码")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert secrets.get_secret("smtp") == PASSWORD
    assert secrets.get_secret("database:desk@db.example:5432/desk") == "другой-密码"
    assert secrets.where() == f"file {path} (readable by this user only)"
    secrets.set_secret("smtp", "")  # empty: forgotten
    assert secrets.get_secret("smtp") is None and PASSWORD not in path.read_text(encoding="utf-8")
    assert [p.name for p in path.parent.iterdir()] == [secrets.FILE_NAME]  # no temporary file left behind


def test_a_portable_install_keeps_its_passwords_in_its_data_folder(restore_keyring, tmp_path, monkeypatch):
    keyring.set_keyring(MemoryKeyring())
    monkeypatch.delenv(secrets.ENV_CONFIG_DIR, raising=False)
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "portable"))
    secrets.set_secret("smtp", PASSWORD)
    assert secrets.where().startswith(f"file {tmp_path / 'portable' / secrets.FILE_NAME}")
    assert keyring.get_keyring().values == {}


def test_a_damaged_password_file_is_an_error_without_its_content(no_keyring):
    no_keyring.parent.mkdir(parents=True)
    no_keyring.write_text(f'{{"smtp": "{PASSWORD}"', encoding="utf-8")  # cut short
    with pytest.raises(secrets.SecretStoreError) as info:
        secrets.get_secret("smtp")
    assert PASSWORD not in str(info.value) and "JSONDecodeError" in str(info.value)


def test_the_smtp_password_goes_into_the_keyring_not_the_setting_table(memory_keyring, db_url, caplog):
    caplog.set_level(logging.DEBUG)
    save_notify_settings(admin(), smtp_settings())
    assert stored_smtp_password_row() == ""
    assert memory_keyring.values[("desk-app", "smtp")] == PASSWORD
    assert load_notify_settings().smtp_password == PASSWORD
    assert PASSWORD not in repr(load_notify_settings())
    assert not any(PASSWORD in record.getMessage() for record in caplog.records)


def test_without_a_keyring_the_smtp_password_goes_into_the_private_file(no_keyring, db_url, caplog):
    caplog.set_level(logging.DEBUG)
    save_notify_settings(admin(), smtp_settings())
    assert stored_smtp_password_row() == ""
    assert stat.S_IMODE(no_keyring.stat().st_mode) == 0o600
    assert load_notify_settings().smtp_password == PASSWORD
    # Kept when the form leaves it empty; forgotten when saved empty on purpose.
    save_notify_settings(admin(), smtp_settings(""), keep_password=True)
    assert load_notify_settings().smtp_password == PASSWORD
    save_notify_settings(admin(), smtp_settings(""))
    assert load_notify_settings().smtp_password == "" and secrets.get_secret("smtp") is None
    assert not any(PASSWORD in record.getMessage() for record in caplog.records)
    assert all(PASSWORD not in row.value for row in Setting.select())


def test_a_plain_text_smtp_password_is_moved_out_of_the_table_on_first_read(no_keyring, db_url, caplog):
    caplog.set_level(logging.DEBUG)
    Setting.insert_many([{"key": "notify.smtp.user", "value": "desk"},
                         {"key": "notify.smtp.password", "value": PASSWORD}]).execute()
    caplog.clear()  # the old version's row, written here by the test (peewee logs its statement)
    assert load_notify_settings().smtp_password == PASSWORD
    assert stored_smtp_password_row() == ""
    assert secrets.get_secret("smtp") == PASSWORD
    assert load_notify_settings().smtp_password == PASSWORD  # the second read from the store
    assert not any(PASSWORD in record.getMessage() for record in caplog.records)
    assert any("moved out of the settings table" in record.getMessage() for record in caplog.records)


def test_a_store_that_refuses_keeps_the_old_password_where_it_was(no_keyring, db_url, monkeypatch):
    Setting.insert(key="notify.smtp.password", value=PASSWORD).execute()

    def refuse(name, value):
        raise secrets.SecretStoreError("cannot write the password file: Read-only file system")

    monkeypatch.setattr(secrets, "set_secret", refuse)
    assert load_notify_settings().smtp_password == PASSWORD
    assert stored_smtp_password_row() == PASSWORD  # not lost
    with pytest.raises(notify.ValidationError) as info:
        save_notify_settings(admin(), smtp_settings("new-one"))
    assert info.value.field == "smtp_password" and "new-one" not in str(info.value)


def test_a_desk_without_the_smtp_password_leaves_the_e_mails_to_the_desk_that_has_it(no_keyring, db_url):
    from desk_app.models.schema import Outbox
    from desk_app.services.notify import EMAIL, Notifier

    save_notify_settings(admin(), smtp_settings())
    secrets.delete_secret("smtp")  # as on another PC: the shared settings, not this password
    now = dt.datetime(2026, 11, 17, 9, 0)
    Outbox.create(channel=EMAIL, address="a@example.com", subject="s", body="b", created_at=now,
                  next_attempt_at=now)
    report = Notifier(lambda: now).deliver_pending()
    assert report.attempted == 0 and Outbox.get().attempts == 0


# ----- database passwords -------------------------------------------------------------------------------------------


def test_a_server_urls_password_is_taken_out_and_given_back_only_for_connecting(no_keyring):
    url = f"postgresql://desk:{PASSWORD}@db.example:5432/desk"
    bare = secrets.take_password(url)  # for this run only: nothing written
    assert bare == "postgresql://desk@db.example:5432/desk" and not no_keyring.exists()
    assert secrets.url_for_connecting(bare) == url
    assert secrets.database_secret_name(url) == "database:desk@db.example:5432/desk"

    stored = secrets.take_password("postgresql://office:p%40ss@db.example/other", store=True)
    assert stored == "postgresql://office@db.example/other"
    assert secrets.get_secret("database:office@db.example/other") == "p@ss"  # %-decoded, as libpq reads it
    assert secrets.url_for_connecting(stored) == "postgresql://office:p%40ss@db.example/other"
    assert secrets.url_for_connecting("sqlite:////tmp/desk.db") == "sqlite:////tmp/desk.db"
    assert secrets.url_for_connecting("postgresql://nobody@db.example/x") == "postgresql://nobody@db.example/x"
