"""Which database URLs the command line opens: an empty, in-memory, missing or non-database one is refused in one
line with exit code 2 (init-db creates a missing file, nothing else does); a password in a URL shows nowhere."""

from __future__ import annotations

import itertools
import logging
import sqlite3
from pathlib import Path

import pytest

from desk_app.cli import main
from desk_app.models.db import (
    DatabaseUrlError,
    check_url,
    close_database,
    failure_text,
    probe_database,
    redact_text,
    redact_url,
)
from desk_app.services import secrets
from tests.postgres import Cluster

PASSWORD = "Zz-top-secret-9"
_names = itertools.count(1)


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch):
    """The data folder (and so the default database and the password file) in tmp_path; no DESK_DATABASE_URL."""
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DESK_DATABASE_URL", raising=False)
    monkeypatch.setattr(secrets, "_session", {})
    yield
    close_database()


@pytest.fixture(scope="module")
def cluster():
    server = Cluster().start()
    yield server
    server.stop()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = stop.code
    out = capsys.readouterr()
    return code, out.out, out.err


def sqlite(path: Path) -> str:
    return f"sqlite:///{path}"


# ----- the rules, in desk_app.models.db.check_url -------------------------------------------------------------------


@pytest.mark.parametrize("url, create, reason", [
    ("", True, "no database given"),
    ("  ", True, "no database given"),
    ("sqlite://", True, "in memory"),
    ("sqlite:///:memory:", True, "in memory"),
    ("sqlite:///file::memory:?cache=shared", True, "in memory"),
    ("mysql://root@localhost/desk", True, "not a database URL"),
    ("desk.db", True, "not a database URL"),
    ("postgresql://desk@db.example", True, "names no database"),
    ("sqlite:////no/such/folder/desk.db", True, "does not exist"),
    ("sqlite:////dev/null", True, "not a regular file"),
    (f"sqlite:///{'a' * 300}/desk.db", True, "cannot use"),
    ("postgresql://desk:pw@db.example:port/desk", True, "not a database URL"),
    ("postgresql://desk@db.example:99999/desk", True, "not a database URL"),
    ("postgresql://[::1/desk", True, "not a database URL"),
])
def test_urls_refused_even_for_init_db(url, create, reason):
    with pytest.raises(DatabaseUrlError) as info:
        check_url(url, create=create)
    assert reason in str(info.value) and "\n" not in str(info.value)


def test_a_missing_or_empty_file_is_created_by_init_only(tmp_path):
    missing = tmp_path / "desk.db"
    with pytest.raises(DatabaseUrlError, match="no database at"):
        check_url(sqlite(missing), create=False)
    assert check_url(sqlite(missing), create=True) == sqlite(missing)
    missing.touch()
    with pytest.raises(DatabaseUrlError, match="is empty"):
        check_url(sqlite(missing), create=False)
    assert check_url(sqlite(missing), create=True)


def test_a_file_that_is_not_a_database_is_never_taken(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("call 张三 back", encoding="utf-8")
    for create in (False, True):
        with pytest.raises(DatabaseUrlError, match="not an SQLite database; it is left as it is"):
            check_url(sqlite(notes), create=create)
    with pytest.raises(DatabaseUrlError, match="is a folder"):
        check_url(sqlite(tmp_path), create=True)
    real = tmp_path / "real.db"
    sqlite3.connect(real).execute("CREATE TABLE t (x)").connection.close()
    assert check_url(sqlite(real), create=False) == sqlite(real)


def test_the_password_is_shown_as_stars_wherever_it_is_written():
    url = f"postgresql://desk:{PASSWORD}@db.example:5432/desk?sslmode=require"
    assert redact_url(url) == "postgresql://desk:***@db.example:5432/desk?sslmode=require"
    assert redact_url(f"postgresql://desk@db.example/desk?password={PASSWORD}") == \
        "postgresql://desk@db.example/desk?password=***"
    assert redact_url("sqlite:////srv/desk.db") == "sqlite:////srv/desk.db"
    text = redact_text(f'could not use "{url}":\n  password {PASSWORD} refused', url)
    assert PASSWORD not in text and "\n" not in text and "desk:***@db.example" in text


def test_a_wrapped_drivers_reason_is_kept_and_its_password_is_not():
    url = f"postgresql://desk:{PASSWORD}@db.example/desk"
    try:
        try:
            raise OSError(f'FATAL: password "{PASSWORD}" authentication failed for user "desk"')
        except OSError as cause:
            raise RuntimeError("The database cannot be reached.") from cause
    except RuntimeError as error:
        text = failure_text(error, url)
    assert text == 'The database cannot be reached: FATAL: password "***" authentication failed for user "desk"'


# ----- the command line -----------------------------------------------------------------------------------------------


def test_an_empty_database_option_is_refused_not_replaced_by_the_default(capsys, tmp_path):
    code, out, err = run(capsys, "list", "--database", "")
    assert code == 2 and out == "" and err.startswith("desk-app: no database given") and err.count("\n") == 1
    code, _, err = run(capsys, "init-db", "--database", "")
    assert code == 2 and "no database given" in err
    assert not (tmp_path / "data" / "desk.db").exists()  # the default was not opened either


def test_an_empty_environment_variable_is_refused_too(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("DESK_DATABASE_URL", "")
    code, _, err = run(capsys, "init-db")
    assert code == 2 and "no database given" in err
    assert not (tmp_path / "data" / "desk.db").exists()


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:"])
def test_a_memory_database_is_refused_by_init_db_too(capsys, url):
    for argv in (("init-db",), ("list",), ("demo", "--tickets", "3")):
        code, out, err = run(capsys, *argv, "--database", url)
        assert code == 2 and "ready" not in out and "keeps nothing" in err, argv


def test_a_mistyped_path_is_refused_and_init_db_creates_it(capsys, tmp_path):
    typo = tmp_path / "dsek.db"
    for argv in (("list",), ("demo", "--tickets", "3"), ("calendar", "show", "2026"), ("kb", "search", "")):
        code, _, err = run(capsys, *argv, "--database", sqlite(typo))
        assert code == 2 and f"no database at {typo}" in err and "init-db" in err, argv
        assert not typo.exists()
    code, out, _ = run(capsys, "init-db", "--database", sqlite(typo))
    assert code == 0 and "database ready" in out and typo.exists()
    code, _, _ = run(capsys, "list", "--database", sqlite(typo))
    assert code == 0


def test_a_small_file_that_is_not_a_database_is_left_as_it_is(capsys, tmp_path):
    notes = tmp_path / "notes.db"
    content = "张三 13800000000 回电\n".encode()
    notes.write_bytes(content)
    for argv in (("init-db",), ("list",)):
        code, _, err = run(capsys, *argv, "--database", sqlite(notes))
        assert code == 2 and "not an SQLite database" in err
    assert notes.read_bytes() == content


def test_an_empty_file_becomes_a_database_by_init_db_only(capsys, tmp_path):
    empty = tmp_path / "empty.db"
    empty.touch()
    code, _, err = run(capsys, "list", "--database", sqlite(empty))
    assert code == 2 and "is empty" in err
    code, out, _ = run(capsys, "init-db", "--database", sqlite(empty))
    assert code == 0 and empty.read_bytes()[:16] == b"SQLite format 3\x00"


# ----- passwords never shown -------------------------------------------------------------------------------------------


def test_an_unreachable_servers_password_is_in_no_output_and_no_log(capsys, caplog):
    caplog.set_level(logging.DEBUG)
    url = f"postgresql://desk:{PASSWORD}@127.0.0.1:1/desk"  # nothing listens on port 1
    for argv in (("init-db",), ("list",), ("kb", "search", "水管")):
        code, out, err = run(capsys, *argv, "--database", url)
        assert code == 1 and err.startswith("desk-app: cannot open the database") and err.count("\n") == 1
        assert PASSWORD not in out + err
    assert caplog.records == [] or not any(PASSWORD in r.getMessage() for r in caplog.records)


def test_a_server_url_with_a_password_works_and_the_password_shows_nowhere(capsys, caplog, cluster, tmp_path):
    caplog.set_level(logging.DEBUG)
    name = f"cli_url_{next(_names)}"
    bare = cluster.create_database(name)  # postgresql://postgres@127.0.0.1:PORT/NAME
    url = bare.replace("postgres@", f"postgres:{PASSWORD}@")
    code, out, err = run(capsys, "init-db", "--database", url)
    assert code == 0 and "database ready" in out
    code, out, err = run(capsys, "list", "--database", url)
    assert code == 0
    code, out, err = run(capsys, "list", "--database", url.replace(name, "no_such_db"))
    assert code == 1 and "no_such_db" in err
    assert all(PASSWORD not in text for text in (out, err))
    assert not any(PASSWORD in record.getMessage() for record in caplog.records)
    # Given on the command line, it is kept for this run only: nothing was written to the password store.
    assert not (tmp_path / "data" / secrets.FILE_NAME).exists()
    assert probe_database(url).startswith("PostgreSQL ")
