"""The desk-app command line: init-db, demo, list, print slip and sla deadline, with one-line errors and exit code 2."""

from __future__ import annotations

import datetime as dt

import pytest

from desk_app.cli import main
from desk_app.core.errors import DatabaseBusy, DatabaseUnavailable
from desk_app.models.db import close_database
from desk_app.models.schema import Ticket
from desk_app.services.setup import init_database


@pytest.fixture
def cli_db(tmp_path, monkeypatch, database_url):
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    url = database_url("cli")
    monkeypatch.setenv("DESK_DATABASE_URL", url)
    init_database(url)  # only init-db creates a database (tests/test_cli_database_url.py)
    close_database()
    yield tmp_path
    close_database()


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def default_db(tmp_path, monkeypatch):
    """The default embedded database (in DESK_APP_DATA_DIR, no DESK_DATABASE_URL), created by `init-db`."""
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DESK_DATABASE_URL", raising=False)
    assert main(["init-db"]) == 0
    yield tmp_path / "data" / "desk.db"
    close_database()


@pytest.mark.parametrize(("start", "limit", "expected"), [
    ("2026-09-30 15:00", "3wd", "2026-10-10 23:59:59"),   # National Day, then the adjusted Saturday 10-10
    ("2026-11-17 09:00", "7wd", "2026-11-26 23:59:59"),
    ("2026-11-20 16:00", "4wh", "2026-11-23 11:00:00"),   # Fri 16:00–17:30, then Mon 08:30–11:00
    ("2026-11-17 09:00", "20m", "2026-11-17 09:20:00"),
    ("2026-11-17 09:00", "144h", "2026-11-23 09:00:00"),
    ("2026-11-17 09:00", "2d", "2026-11-19 23:59:59"),
])
def test_sla_deadline_prints_the_deadline(capsys, default_db, start, limit, expected):
    capsys.readouterr()
    code, out, err = run(capsys, "sla", "deadline", "--start", start, "--limit", limit)
    assert (code, out.splitlines()[0], err) == (0, expected, "")
    assert out.splitlines()[1].startswith("approaching from ")


def test_sla_deadline_warns_when_the_year_has_no_official_schedule(capsys, default_db):
    capsys.readouterr()
    code, out, err = run(capsys, "sla", "deadline", "--start", "2026-12-30 10:00", "--limit", "3wd")
    assert code == 0
    assert out.splitlines()[0] == "2027-01-05 23:59:59"
    assert "2027" in err and "provisional" in err and "暂定" in err


def _deadline_and_warning(out: str) -> tuple[dt.datetime, dt.datetime]:
    deadline, warning = out.strip().splitlines()
    return (dt.datetime.fromisoformat(deadline),
            dt.datetime.fromisoformat(warning.removeprefix("approaching from ")))


def test_sla_deadline_uses_the_ticket_calendar_of_the_default_database(capsys, default_db):
    from desk_app.core.kinds import TicketKind
    from desk_app.core.validation import TicketDraft
    from desk_app.models.schema import Clock
    from desk_app.services.demo import create_organization
    from desk_app.services.desk import DeskService

    tuesday = dt.datetime(2026, 11, 17, 9, 0)
    service = DeskService(now=lambda: tuesday)
    ticket_id = service.create_ticket(create_organization()["reception"], TicketDraft(
        kind=TicketKind.CONSULTATION, description="物业费怎么交", phone="13812345678", caller_name="张三",
        address="阳光花园3栋2单元501", area="城北片区"))
    before = {c.id: c.deadline for c in Clock.select().where(Clock.ticket == ticket_id)}
    # Wednesday becomes a day off: the ticket's working-day deadlines move, and the command must follow them.
    assert run(capsys, "calendar", "set", "2026-11-18", "off", "--note", "临时停工")[0] == 0
    clocks = list(Clock.select().where(Clock.ticket == ticket_id))
    assert any(c.deadline != before[c.id] for c in clocks)
    for clock in clocks:
        assert clock.started_at == tuesday
        code, out, err = run(capsys, "sla", "deadline", "--start", "2026-11-17 09:00", "--limit", clock.limit)
        assert (code, err) == (0, "")
        assert _deadline_and_warning(out) == (clock.deadline, clock.warn_at)
    # And by hand: 3 working days from Tuesday with Wednesday off are Thu, Fri, Mon.
    code, out, _ = run(capsys, "sla", "deadline", "--start", "2026-11-17 09:00", "--limit", "3wd")
    assert (code, out.splitlines()[0]) == (0, "2026-11-23 23:59:59")
    assert default_db.is_file()


@pytest.mark.parametrize("naming", ["env", "option"])
def test_sla_deadline_uses_the_calendar_of_a_named_database(capsys, tmp_path, monkeypatch, naming, database_url):
    from desk_app.core.timelimits import LimitSpec, compute_deadline
    from desk_app.services.desk import DeskService

    # An empty data folder: the default database does not exist, so only the named one can answer.
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DESK_DATABASE_URL", raising=False)
    url = database_url("named")
    if naming == "env":
        monkeypatch.setenv("DESK_DATABASE_URL", url)
        named = []
    else:
        named = ["--database", url]
    try:
        assert main(["init-db", *named]) == 0
        assert main(["calendar", "set", "2026-11-18", "off", *named]) == 0
        schedule = tmp_path / "2027.txt"
        schedule.write_text("2027-01-01,休,元旦\n2027-01-04,休,临时\n", encoding="utf-8")
        assert main(["calendar", "import", "2027", str(schedule), *named]) == 0
        capsys.readouterr()
        code, out, err = run(capsys, "sla", "deadline", *named, "--start", "2026-11-17 09:00", "--limit", "3wd")
        assert (code, out.splitlines()[0], err) == (0, "2026-11-23 23:59:59", "")
        # 2027 is official now (no 暂定 warning), with Monday 01-04 off: Thu 31, Tue 5, Wed 6.
        code, out, err = run(capsys, "sla", "deadline", *named, "--start", "2026-12-30 10:00", "--limit", "3wd")
        assert (code, out.splitlines()[0], err) == (0, "2027-01-06 23:59:59", "")
        expected = compute_deadline(dt.datetime(2026, 12, 30, 10, 0), LimitSpec.parse("3wd"), DeskService().calendar())
        assert (expected.at, expected.provisional) == (dt.datetime(2027, 1, 6, 23, 59, 59), False)
    finally:
        close_database()
    assert not (tmp_path / "data" / "desk.db").exists()


@pytest.mark.parametrize(("limit", "pauses", "expected"), [
    # Tue 2026-11-17 + 3 working days: Wed, Thu, Fri → Fri 11-20 23:59:59.
    ("3wd", [], "2026-11-20 23:59:59"),
    # A whole working day of pause (Wed) adds one working day: Mon 11-23.
    ("3wd", ["2026-11-18 00:00..2026-11-19 00:00"], "2026-11-23 23:59:59"),
    # Two pauses, Wed 09:00–17:00 and Thu 09:00–Fri 01:00, count 8 h + 16 h = one working day of 24 h: Monday.
    ("3wd", ["2026-11-18 09:00..2026-11-18 17:00", "2026-11-19 09:00..2026-11-20 01:00"], "2026-11-23 23:59:59"),
    # Two whole working days of pause (given in reverse order) and a weekend pause that adds nothing: Tue 11-24.
    ("3wd", ["2026-11-19 00:00..2026-11-20 00:00", "2026-11-18 00:00..2026-11-19 00:00",
             "2026-11-21 00:00..2026-11-23 00:00"], "2026-11-24 23:59:59"),
    # Working hours: 09:00–10:00, paused 10:00–11:00, 11:00–12:00, lunch, 13:30–15:30.
    ("4wh", ["2026-11-17 10:00..2026-11-17 11:00"], "2026-11-17 15:30:00"),
    # Clock hours: a 30-minute pause adds 30 minutes.
    ("2h", ["2026-11-17 09:30..2026-11-17 10:00"], "2026-11-17 11:30:00"),
])
def test_sla_deadline_with_pauses(capsys, default_db, limit, pauses, expected):
    capsys.readouterr()
    argv = ["sla", "deadline", "--start", "2026-11-17 09:00", "--limit", limit]
    for pause in pauses:
        argv += ["--pause", pause]
    code, out, err = run(capsys, *argv)
    assert (code, out.splitlines()[0], err) == (0, expected, "")


def test_sla_deadline_warning_time_leaves_the_pauses_out(capsys, default_db):
    capsys.readouterr()
    # 2h from 09:00 with a 30-minute pause: deadline 11:30, active span 2 h, approaching after 75 % = 1.5 h → 11:00.
    code, out, _ = run(capsys, "sla", "deadline", "--start", "2026-11-17 09:00", "--limit", "2h",
                       "--pause", "2026-11-17 09:30..2026-11-17 10:00")
    assert code == 0
    assert _deadline_and_warning(out) == (dt.datetime(2026, 11, 17, 11, 30), dt.datetime(2026, 11, 17, 11, 0))


@pytest.mark.parametrize("pauses", [
    ["2026-11-18 09:00"],                                        # no end
    ["2026-11-18..2026-11-19"],                                  # no times
    ["2026-11-18 09:00 - 2026-11-18 10:00"],                     # not '..'
    ["2026-11-18 25:00..2026-11-18 26:00"],                      # no such time
    ["2026-11-18 10:00..2026-11-18 09:00"],                      # reversed
    ["2026-11-18 10:00..2026-11-18 10:00"],                      # empty
    ["2026-11-18 09:00..2026-11-18 12:00", "2026-11-18 11:00..2026-11-18 14:00"],   # overlapping
    ["2026-11-18 11:00..2026-11-18 12:00", "2026-11-18 09:00..2026-11-19 09:00"],   # one inside the other
])
def test_sla_deadline_refuses_bad_pauses_in_one_line(capsys, default_db, pauses):
    capsys.readouterr()
    argv = ["sla", "deadline", "--start", "2026-11-17 09:00", "--limit", "3wd"]
    for pause in pauses:
        argv += ["--pause", pause]
    with pytest.raises(SystemExit) as info:
        main(argv)
    out, err = capsys.readouterr()
    assert info.value.code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("desk-app") and "pause" in err


@pytest.mark.parametrize(("start", "limit", "pause"), [
    ("2150-01-05 09:00", "3wd", None),                           # start after the calendar's last year
    ("1985-06-03 09:00", "4wh", None),                           # start before its first year
    ("2099-12-30 09:00", "3wd", None),                           # the deadline would fall after 2099-12-31
    ("2026-11-17 09:00", "3wd", "2026-11-18 00:00..2150-01-01 00:00"),   # a pause reaching past it
])
def test_sla_deadline_outside_the_calendar_gets_one_line(capsys, default_db, start, limit, pause):
    capsys.readouterr()
    argv = ["sla", "deadline", "--start", start, "--limit", limit] + (["--pause", pause] if pause else [])
    with pytest.raises(SystemExit) as info:
        main(argv)
    out, err = capsys.readouterr()
    assert info.value.code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "supported calendar" in err


@pytest.mark.parametrize("naming", ["default", "env", "option"])
def test_sla_deadline_does_not_create_a_missing_database(capsys, tmp_path, monkeypatch, naming):
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DESK_DATABASE_URL", raising=False)
    missing = tmp_path / "data" / "desk.db" if naming == "default" else tmp_path / "missing.db"
    argv = ["sla", "deadline", "--start", "2026-11-17 09:00", "--limit", "3wd"]
    if naming == "env":
        monkeypatch.setenv("DESK_DATABASE_URL", f"sqlite:///{missing}")
    elif naming == "option":
        argv += ["--database", f"sqlite:///{missing}"]
    with pytest.raises(SystemExit) as info:
        main(argv)
    out, err = capsys.readouterr()
    assert info.value.code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and str(missing) in err and "init-db" in err
    assert not missing.exists()


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
    assert code == 2 and "no ticket numbered" in err


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


def test_ticket_actions_prints_the_rule_books_answer_for_a_user(capsys, cli_db):
    """`desk-app ticket actions NUMBER --user NAME`: one action a line, allowed or refused and why."""
    from desk_app.core.kinds import TicketKind
    from desk_app.core.validation import TicketDraft
    from desk_app.services.demo import create_organization
    from desk_app.services.desk import DeskService

    assert run(capsys, "init-db")[0] == 0
    people = create_organization()
    service = DeskService()
    ticket_id = service.create_ticket(people["reception"], TicketDraft(
        kind=TicketKind.REPAIR, description="楼道灯不亮", phone="13812345678", caller_name="张三"))
    number = Ticket.get_by_id(ticket_id).number
    code, out, _ = run(capsys, "ticket", "actions", number, "--user", "reception")
    lines = dict(line.split(None, 1) for line in out.strip().splitlines())
    assert code == 0
    assert lines["dispatch"].endswith("allowed")
    assert "refused" in lines["accept"] and "receptionist" in lines["accept"]
    assert "refused" in lines["visit"]
    code, _, err = run(capsys, "ticket", "actions", number, "--user", "engineering.recv")
    assert code == 1 and "not visible to you" in err     # another department's receiver may not even read it
    service.dispatch(people["reception"], ticket_id, people["engineering"].department_id)
    code, out, _ = run(capsys, "ticket", "actions", number, "--user", "engineering.recv")
    lines = dict(line.split(None, 1) for line in out.strip().splitlines())
    assert lines["accept"].endswith("allowed") and lines["return"].endswith("allowed (reason required)")
    with pytest.raises(SystemExit) as exit_info:
        main(["ticket", "actions", number, "--user", "nobody"])
    assert exit_info.value.code == 1
    assert capsys.readouterr().err.strip() == "desk-app: no active staff member nobody"
    code, _, err = run(capsys, "ticket", "actions", "2026-999999", "--user", "reception")
    assert code == 1 and "2026-999999" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("error", [DatabaseUnavailable, DatabaseBusy])
def test_a_database_lost_in_the_middle_of_a_command_gets_one_line_and_exit_code_1(capsys, cli_db, monkeypatch,
                                                                                  error):
    """The server going away (or other desks keeping the file busy) during a command is one line, never a
    traceback (issue 10: "never a traceback")."""
    from desk_app.services import queries

    def lost(*_args, **_kwargs):
        raise error()

    monkeypatch.setattr(queries, "queue_page", lost)
    code, out, err = run(capsys, "list")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith("desk-app: The database")
    assert "Traceback" not in err
