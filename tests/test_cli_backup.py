"""`desk-app backup -o FILE [--force]` and `desk-app restore FILE [--yes]`: one line each, exit 2 for usage, 1 for a
refusal; a restore asks first and refuses without a terminal; a PostgreSQL password never shows."""

from __future__ import annotations

import io
import sqlite3

import pytest

from desk_app.cli import main
from desk_app.models.db import close_database, open_database
from desk_app.models.migrations import CURRENT_VERSION
from desk_app.core.kinds import TicketKind
from desk_app.core.validation import TicketDraft
from desk_app.models.schema import Staff, Ticket
from desk_app.services.desk import Actor, DeskService
from tests.postgres import Cluster


@pytest.fixture
def cli_db(tmp_path, monkeypatch):
    """An initialised demo database named by DESK_DATABASE_URL."""
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DESK_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    assert main(["init-db"]) == 0
    close_database()   # each command is a process of its own: its connection ends with it
    assert main(["demo", "--tickets", "12"]) == 0
    close_database()
    yield tmp_path
    close_database()


def run(capsys, *argv):
    capsys.readouterr()
    code = main(list(argv))
    close_database()
    out = capsys.readouterr()
    return code, out.out, out.err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def tickets(url: str) -> int:
    open_database(url)
    try:
        return Ticket.select().count()
    finally:
        close_database()


def test_backup_writes_the_file_and_says_so_in_one_line(capsys, cli_db):
    target = cli_db / "backup.db"
    code, out, err = run(capsys, "backup", "-o", str(target))
    assert (code, err) == (0, "")
    assert len(out.splitlines()) == 1 and str(target) in out and f"schema version {CURRENT_VERSION}" in out
    copy = sqlite3.connect(target)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()


def test_backup_refuses_an_existing_file_without_force(capsys, cli_db):
    target = cli_db / "backup.db"
    target.write_text("keep me")
    code, out, err = run(capsys, "backup", "-o", str(target))
    assert (code, out) == (1, "") and len(err.splitlines()) == 1 and "--force" in err
    assert target.read_text() == "keep me"
    code, out, err = run(capsys, "backup", "-o", str(target), "--force")
    assert code == 0 and err == ""


@pytest.mark.parametrize("argv", [["backup"], ["backup", "-o"], ["restore"], ["restore", "a", "b"],
                                  ["backup", "-o", "x.db", "--bogus"]])
def test_usage_errors_exit_2_in_one_line(capsys, cli_db, argv):
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    assert len(capsys.readouterr().err.splitlines()) == 1


def test_restore_without_a_terminal_and_without_yes_is_refused(capsys, cli_db, monkeypatch):
    code, _, _ = run(capsys, "backup", "-o", str(cli_db / "b.db"))
    assert code == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    code, out, err = run(capsys, "restore", str(cli_db / "b.db"))
    assert (code, out) == (1, "") and "--yes" in err and len(err.splitlines()) == 1


def test_restore_asks_and_a_no_changes_nothing(capsys, cli_db, monkeypatch):
    url = f"sqlite:///{cli_db / 'cli.db'}"
    run(capsys, "backup", "-o", str(cli_db / "b.db"))
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    code, out, err = run(capsys, "restore", str(cli_db / "b.db"))
    assert code == 1 and "replace everything in" in out and "nothing changed" in err
    monkeypatch.setattr("sys.stdin", Terminal(""))          # the terminal closed before an answer
    code, out, err = run(capsys, "restore", str(cli_db / "b.db"))
    assert code == 1 and "nothing changed" in err
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    before = tickets(url)
    code, out, err = run(capsys, "restore", str(cli_db / "b.db"))
    assert code == 0 and err == "" and "restored from" in out
    assert tickets(url) == before


def test_restore_with_yes_brings_the_tickets_back(capsys, cli_db):
    url = f"sqlite:///{cli_db / 'cli.db'}"
    before = tickets(url)
    run(capsys, "backup", "-o", str(cli_db / "b.db"))
    open_database(url)   # the day goes on after the backup: three more calls
    reception = Actor.of(Staff.get(Staff.username == "reception"))
    for n in range(3):
        DeskService().create_ticket(reception, TicketDraft(kind=TicketKind.REPAIR, description=f"漏水 {n}",
                                                           phone="13812345678", caller_name="张三"))
    close_database()
    assert tickets(url) == before + 3
    code, out, err = run(capsys, "restore", str(cli_db / "b.db"), "--yes")
    assert (code, err) == (0, "") and len(out.splitlines()) == 1
    assert tickets(url) == before


@pytest.mark.parametrize("content", [b"", b"hello\n", b"\x00\xff" * 300])
def test_restore_refuses_a_file_that_is_not_a_backup(capsys, cli_db, content):
    junk = cli_db / "junk.db"
    junk.write_bytes(content)
    code, out, err = run(capsys, "restore", str(junk), "--yes")
    assert (code, out) == (1, "") and "not a backup" in err and len(err.splitlines()) == 1


def test_restore_refuses_a_newer_backup(capsys, cli_db):
    run(capsys, "backup", "-o", str(cli_db / "b.db"))
    copy = sqlite3.connect(cli_db / "b.db")
    copy.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, '2027-01-01')", (CURRENT_VERSION + 1,))
    copy.commit()
    copy.close()
    code, out, err = run(capsys, "restore", str(cli_db / "b.db"), "--yes")
    assert (code, out) == (1, "") and "newer program" in err and len(err.splitlines()) == 1


def test_restore_of_a_missing_file_and_backup_into_a_missing_folder_are_refused(capsys, cli_db):
    code, _, err = run(capsys, "restore", str(cli_db / "nothing.db"), "--yes")
    assert code == 1 and "no file" in err
    code, _, err = run(capsys, "backup", "-o", str(cli_db / "no" / "where.db"))
    assert code == 1 and "does not exist" in err


def test_a_postgres_password_never_shows_in_the_output(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    server = Cluster().start()
    try:
        password = "Pw-only-for-the-env-77"
        url = server.create_database("cli_backup").replace("postgres@", f"postgres:{password}@")
        assert main(["init-db", "--database", url]) == 0
        close_database()
        outputs = []
        for argv in (["backup", "-o", str(tmp_path / "pg.dump")],
                     ["backup", "-o", str(tmp_path / "pg.dump")],              # refused: exists
                     ["restore", str(tmp_path / "pg.dump"), "--yes"],
                     ["backup", "-o", str(tmp_path / "x.dump"), "--database", url.replace("cli_backup", "nope")]):
            code, out, err = run(capsys, *argv, *([] if "--database" in argv else ["--database", url]))
            outputs.append((code, out + err))
        assert [code for code, _ in outputs] == [0, 1, 0, 1]
        assert "nope" in outputs[-1][1]
        assert all(password not in text for _, text in outputs)
    finally:
        close_database()
        server.stop()
