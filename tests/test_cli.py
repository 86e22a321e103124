"""The desk-app command line: init-db, demo, list, print slip and sla deadline, with one-line errors and exit code 2."""

from __future__ import annotations

import datetime as dt

import pytest

from desk_app.cli import main
from desk_app.models.db import close_database


@pytest.fixture
def cli_db(tmp_path, monkeypatch):
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DESK_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    yield tmp_path
    close_database()


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize(("start", "limit", "expected"), [
    ("2026-09-30 15:00", "3wd", "2026-10-10 23:59:59"),   # National Day, then the adjusted Saturday 10-10
    ("2026-11-17 09:00", "7wd", "2026-11-26 23:59:59"),
    ("2026-11-20 16:00", "4wh", "2026-11-23 11:00:00"),   # Fri 16:00–17:30, then Mon 08:30–11:00
    ("2026-11-17 09:00", "20m", "2026-11-17 09:20:00"),
    ("2026-11-17 09:00", "144h", "2026-11-23 09:00:00"),
    ("2026-11-17 09:00", "2d", "2026-11-19 23:59:59"),
])
def test_sla_deadline_prints_the_deadline(capsys, start, limit, expected):
    code, out, err = run(capsys, "sla", "deadline", "--start", start, "--limit", limit)
    assert (code, out.strip(), err) == (0, expected, "")


def test_sla_deadline_warns_when_the_year_has_no_official_schedule(capsys):
    code, out, err = run(capsys, "sla", "deadline", "--start", "2026-12-30 10:00", "--limit", "3wd")
    assert code == 0
    assert out.strip() == "2027-01-05 23:59:59"
    assert "2027" in err and "provisional" in err


@pytest.mark.parametrize("argv", [
    ["sla", "deadline", "--start", "tomorrow", "--limit", "3wd"],
    ["sla", "deadline", "--start", "2026-11-17 09:00", "--limit", "3 weeks"],
    ["sla", "deadline", "--start", "2026-11-17 09:00"],
    ["list", "--state", "nonsense"],
    ["no-such-command"],
])
def test_bad_arguments_get_one_line_and_exit_code_2(capsys, argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert len(err.strip().splitlines()) == 1 and err.startswith("desk-app")


def test_init_demo_list_and_print_slip(capsys, cli_db):
    assert run(capsys, "init-db")[0] == 0
    code, out, _ = run(capsys, "demo", "--tickets", "40")
    assert code == 0 and "demo data ready" in out
    code, out, _ = run(capsys, "list", "--limit", "5")
    lines = out.strip().splitlines()
    assert code == 0 and len(lines) == 5
    year = dt.date.today().year
    assert all(line.startswith(f"{year}-") for line in lines)
    number = lines[0].split("\t")[0]
    code, out, _ = run(capsys, "list", "--state", "archived", "--limit", "100")
    assert code == 0 and all("\t已归档\t" in line for line in out.strip().splitlines())
    pdf = cli_db / "slip.pdf"
    code, out, _ = run(capsys, "print", "slip", number, "-o", str(pdf))
    assert code == 0 and pdf.read_bytes().startswith(b"%PDF")
    code, _, err = run(capsys, "print", "slip", "1999-000001", "-o", str(pdf))
    assert code == 1 and "no ticket numbered" in err


def test_demo_refuses_a_database_that_has_tickets(capsys, cli_db):
    assert run(capsys, "demo", "--tickets", "10")[0] == 0
    code, _, err = run(capsys, "demo", "--tickets", "10")
    assert code == 1 and "empty database" in err


def test_calendar_commands_change_the_working_days_and_recompute(capsys, cli_db):
    assert run(capsys, "demo", "--tickets", "30")[0] == 0
    code, out, _ = run(capsys, "calendar", "show", "2027")
    assert code == 0 and "NO OFFICIAL SCHEDULE" in out and "2027-02-06\toff\t春节\trule" in out
    schedule = cli_db / "2027.txt"
    schedule.write_text("# 2027年部分节假日安排\n2027-02-06,休,春节\n2027-02-20,班,调休上班\n", encoding="utf-8")
    code, out, _ = run(capsys, "calendar", "import", "2027", str(schedule))
    assert code == 0 and "recomputed" in out
    code, out, _ = run(capsys, "calendar", "show", "2027")
    assert "2027: official" in out and "2027-02-20\twork" in out
    code, _, err = run(capsys, "calendar", "set", "2027-03-01", "off", "--user", "reception")
    assert code == 1 and "Not allowed" in err
    code, _, err = run(capsys, "calendar", "office-hours", "9-12")
    assert code == 1 and "08:30" in err
    assert run(capsys, "calendar", "office-hours", "09:00-12:00,14:00-18:00")[0] == 0
    assert "office hours 09:00-12:00,14:00-18:00" in run(capsys, "calendar", "show", "2026")[1]


def test_init_db_gives_the_administrator_a_one_time_password(capsys, cli_db):
    from desk_app.services.auth import sign_in

    code, out, _ = run(capsys, "init-db")
    password = out.split("initial password ")[1].split()[0]
    assert code == 0 and len(password) >= 8
    actor = sign_in("admin", password, now=dt.datetime.now())
    assert actor.role == "admin"
    assert "initial password" not in run(capsys, "init-db")[1]    # shown once only


def test_passwd_sets_a_password_from_standard_input(capsys, cli_db, monkeypatch):
    import io

    from desk_app.services.auth import sign_in

    assert run(capsys, "demo", "--tickets", "5")[0] == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("Front-desk-2026\n"))
    code, out, _ = run(capsys, "passwd", "reception", "--password-stdin")
    assert code == 0 and "must be changed" in out
    assert sign_in("reception", "Front-desk-2026", now=dt.datetime.now()).name == "王芳"
    monkeypatch.setattr("sys.stdin", io.StringIO("12345678\n"))
    code, _, err = run(capsys, "passwd", "reception", "--password-stdin")
    assert code == 1 and err.startswith("desk-app: ")
