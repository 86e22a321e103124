"""Never a traceback from the command line: every command and option given malformed, missing, out-of-range, binary
and oversized input, unreadable or corrupt files and years outside the calendar answers one line on standard error
and exit code 2 (a refusal of the rule book: 1), in time.

The table below is explicit: a template per argument slot of every command, filled with each bad value; the files
cases give the file arguments (database, calendar schedule, backup) missing, folders, binary, empty, read-only and
corrupt. A hypothesis test then throws arbitrary text at the slots. Any exception that escapes `main`, or a
"Traceback" on standard error, fails the test.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desk_app.cli import main
from desk_app.models.db import close_database

ROOT = Path(__file__).resolve().parents[1]
HUGE = "9" * 10 * 1024 * 1024          # a 10 MB argument
X = object()                           # the slot a bad value fills
OUT = "{out}"                          # an output file under the test's folder

# Bad values for any slot: empty, blank, NUL, lone surrogates (unencodable: PostgreSQL and UTF-8 files refuse
# them), control characters, oversized, numbers out of range, impossible dates, years outside the calendar, paths
# that lead nowhere, and things that look like options.
BAD_VALUES = [
    "", "\x00", "a\x00b", "\ud800", "x\udcff", "\n\t", "\x1b[31m", HUGE,
    "-1", "0", "99999999999999999999", "1e309",
    "2026-02-30", "1900", "3000", "2026-13", "9999-12-31 23:59",
    "/nonexistent/dir/file", "/",
]

# Every command and option: (argv with X where a bad value goes). OUT is an output file, SCHEDULE a good schedule.
TEMPLATES: list[list[object]] = [
    ["--database", X, "list"],
    ["--lang", X],
    ["init-db", "--preset", X],
    ["demo", "--tickets", X],
    ["passwd", X, "--password-stdin"],
    ["list", "--state", X],
    ["list", "--limit", X],
    ["list", "--user", X],
    ["print", X, "2026-000001", "-o", OUT],
    ["print", "slip", X, "-o", OUT],
    ["print", "slip", "2026-000001", "-o", X],
    ["print", "slip", "2026-000001", "-o", OUT, "--paper", X],
    ["print", "task", X, "-o", OUT],
    ["print", "form", "2026-000001", "-o", OUT, "--user", X],
    ["print", "incident", X, "-o", OUT],
    ["print", "register", X, "--from", "2026-11-01", "--to", "2026-11-30", "-o", OUT],
    ["print", "register", "calls", "--from", X, "--to", "2026-11-30", "-o", OUT],
    ["print", "register", "visits", "--from", "2026-11-01", "--to", X, "-o", OUT],
    ["print", "check", X, "-o", OUT],
    ["print", "notice", X, "-o", OUT],
    ["ticket", "actions", X],
    ["ticket", "actions", "2026-000001", "--user", X],
    ["calendar", "show", X],
    ["calendar", "set", X, "work"],
    ["calendar", "set", "2026-12-01", X],
    ["calendar", "set", "2026-12-01", "work", "--note", X],
    ["calendar", "unset", X],
    ["calendar", "import", X, "{schedule}"],
    ["calendar", "import", "2027", X],
    ["calendar", "office-hours", X],
    ["report", "monthly", "--month", X, "-o", OUT],
    ["report", "monthly", "--month", "2026-11", "-o", X],
    ["export", "summary", "--from", X, "--to", "2026-11-30", "-o", OUT],
    ["export", "summary", "--from", "2026-11-01", "--to", X, "-o", OUT],
    ["kb", "search", X],
    ["kb", "search", "wifi", "--limit", X],
    ["kb", "add", "--question", X, "--answer", "a"],
    ["kb", "add", "--question", "q", "--answer", X],
    ["kb", "add", "--question", "q", "--answer", "a", "--kind", X],
    ["kb", "add", "--question", "q", "--answer", "a", "--tags", X],
    ["customers", "search", X],
    ["customers", "search", "zs", "--limit", X],
    ["customers", "summary", "--year", X],
    ["customers", "merge", X, "1"],
    ["customers", "merge", "1", X],
    ["followups", "list", "--days", X],
    ["backup", "-o", X],
    ["restore", X, "--yes"],
    ["sla", "deadline", "--start", X, "--limit", "3wd"],
    ["sla", "deadline", "--start", "2026-11-17 09:00", "--limit", X],
    ["sla", "deadline", "--start", "2026-11-17 09:00", "--limit", "3wd", "--pause", X],
]

# Values that are well-formed for their slot but out of range or outside the calendar.
RANGE_CASES: list[list[str]] = [
    ["demo", "--tickets", "10000000"],
    ["demo", "--tickets", "2147483648"],
    ["calendar", "show", "1"],
    ["calendar", "show", "10000"],
    ["calendar", "show", "-2026"],
    ["calendar", "set", "0001-01-01", "off"],
    ["calendar", "set", "9999-12-31", "work"],
    ["calendar", "import", "1", "{schedule}"],
    ["calendar", "import", "99999", "{schedule}"],
    ["customers", "summary", "--year", "1899"],
    ["customers", "summary", "--year", "10000"],
    ["customers", "merge", "9223372036854775808", "1"],
    ["print", "check", "9223372036854775808", "-o", OUT],
    ["print", "notice", "-9223372036854775809", "-o", OUT],
    ["print", "register", "calls", "--from", "0001-01-01", "--to", "9999-12-31", "-o", OUT],
    ["print", "register", "calls", "--from", "2026-12-01", "--to", "2026-11-01", "-o", OUT],
    ["report", "monthly", "--month", "0000-01", "-o", OUT],
    ["report", "monthly", "--month", "10000-01", "-o", OUT],
    ["export", "summary", "--from", "0001-01-01", "--to", "9999-12-31", "-o", OUT],
    ["followups", "list", "--days", "99999999"],
    ["followups", "list", "--days", "9223372036854775808"],
    ["list", "--limit", "9223372036854775808"],
    ["kb", "search", "wifi", "--limit", "9223372036854775808"],
    ["customers", "search", "zs", "--limit", "9223372036854775808"],
    ["sla", "deadline", "--start", "1900-01-01 09:00", "--limit", "3wd"],
    ["sla", "deadline", "--start", "3000-01-01 09:00", "--limit", "3wd"],
    ["sla", "deadline", "--start", "9999-12-31 23:00", "--limit", "2d"],
    ["sla", "deadline", "--start", "0001-01-01 00:00", "--limit", "1m"],
    ["sla", "deadline", "--start", "2026-11-17 09:00", "--limit", "99999999wd"],
    ["sla", "deadline", "--start", "2026-11-17 09:00", "--limit", "99999999wh"],
    ["sla", "deadline", "--start", "2026-11-17 09:00", "--limit", "999999999999d"],
    ["sla", "deadline", "--start", "2026-11-17 09:00", "--limit", "0m"],
    ["sla", "deadline", "--start", "2026-11-17 09:00", "--limit", "3wd",
     "--pause", "0001-01-01 00:00..9999-12-31 23:59"],
]

# File arguments: the schedule of `calendar import`, the backup of `restore`, the database itself.
FILE_KINDS = ["missing", "folder", "binary", "empty", "garbage", "other_year", "only_workdays", "corrupt_sqlite",
              "truncated_sqlite", "huge"]
FILE_TEMPLATES = [
    ["calendar", "import", "2027", "{file}"],
    ["restore", "{file}", "--yes"],
    ["--database", "sqlite:///{file}", "list"],
    ["--database", "sqlite:///{file}", "sla", "deadline", "--start", "2026-11-17 09:00", "--limit", "3wd"],
    ["--database", "sqlite:///{file}", "calendar", "set", "2026-12-01", "off"],
    ["--database", "sqlite:///{file}", "init-db"],
    ["--database", "sqlite:///{file}", "backup", "-o", OUT],
]


class Hung(Exception):
    pass


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail a case that runs longer than `seconds` (a hang) instead of hanging the suite."""

    def expire(signum, frame):
        raise Hung(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def fuzz_template(template_database, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """A migrated database with a few demo tickets, made once and copied per test (SQLite or PostgreSQL, as the
    run's), and a folder with a good schedule file."""
    from desk_app.services.demo import build_demo
    from desk_app.services.setup import init_database

    url = template_database("fuzz")
    init_database(url)
    build_demo(tickets=3)   # a few tickets: `demo` then refuses at once, the ticket commands find one
    close_database()
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "schedule.txt").write_text("2027-01-01,休\n2027-02-16,休\n2027-02-14,班\n", encoding="utf-8")
    yield url, folder
    close_database()


@pytest.fixture
def cli(fuzz_template, copy_database, monkeypatch, tmp_path):
    template, folder = fuzz_template
    url = copy_database(template, "fuzz")
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DESK_DATABASE_URL", url)
    monkeypatch.setattr(sys, "stdin", io.StringIO("Secret-pass-2026!\n"))
    monkeypatch.chdir(tmp_path)   # a bad value taken as a relative output file lands here
    return {"out": str(tmp_path / "out.pdf"), "schedule": str(folder / "schedule.txt"), "url": url}


def _fill(template: list[object], value: str, names: dict[str, str]) -> list[str]:
    argv = []
    for part in template:
        if part is X:
            argv.append(value)
        else:
            argv.append(str(part).format(**names))
    return argv


def run_cli(capsys, argv: list[str], *, seconds: float = 20.0) -> tuple[int, str, str]:
    """main(argv) in this process; any exception but SystemExit escaping it fails the test (a traceback)."""
    capsys.readouterr()
    try:
        with deadline(seconds):
            code = main(argv)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 2
    finally:
        close_database()
    out, err = capsys.readouterr()
    return code, out, err


def assert_answered(code: int, err: str, argv: list[str]) -> None:
    shown = [a if len(a) < 80 else a[:20] + "…" for a in argv]
    assert "Traceback" not in err, (shown, err[-2000:])
    if code != 0:
        lines = err.strip().splitlines()
        assert len(lines) == 1, (shown, code, err[:2000])
        assert len(lines[0]) < 2000, (shown, code, err[:300])
        assert code in (1, 2), (shown, code, err[:300])


def _failure(capsys, argv: list[str]) -> str | None:
    """What is wrong with the answer to argv (a traceback, a hang, several lines, a strange exit code), or None."""
    shown = [repr(a if len(a) < 40 else a[:20] + "…") for a in argv]
    try:
        code, _, err = run_cli(capsys, argv)
        assert_answered(code, err, argv)
    except Exception as error:  # the exception escaped main (or the answer is wrong): name it, go on
        return f"{' '.join(shown)}: {type(error).__name__}: {str(error)[:300]}"
    return None


@pytest.mark.parametrize("template", TEMPLATES, ids=[" ".join("X" if p is X else str(p) for p in t)
                                                     for t in TEMPLATES])
def test_bad_value_in_every_slot_is_one_line_not_a_traceback(capsys, cli, template):
    """Each of BAD_VALUES in this slot (one test per slot, the values in a loop: quick, and every failure listed)."""
    failures = [f for value in BAD_VALUES if (f := _failure(capsys, _fill(template, value, cli))) is not None]
    assert not failures, "\n".join(failures)


def test_the_table_is_broad():
    """The size of the explicit table (the issue found 17 tracebacks and a hang in 238 inputs)."""
    total = len(TEMPLATES) * len(BAD_VALUES) + len(RANGE_CASES) + len(FILE_TEMPLATES) * len(FILE_KINDS)
    assert total >= 1000
    commands = {t[0] for t in TEMPLATES if isinstance(t[0], str) and not t[0].startswith("--")}
    assert commands >= {"init-db", "demo", "passwd", "list", "print", "ticket", "calendar", "report", "export",
                        "kb", "customers", "followups", "backup", "restore", "sla"}


# Any text at all in any slot: lone surrogates, NUL, control and private-use characters.
ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=30)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(template=st.sampled_from(TEMPLATES), value=ANY_TEXT)
def test_any_text_in_any_slot_is_answered_without_a_traceback(capsys, cli, template, value):
    failure = _failure(capsys, _fill(template, value, cli))
    assert failure is None, failure


@pytest.mark.parametrize("argv", RANGE_CASES, ids=[" ".join(a) for a in RANGE_CASES])
def test_out_of_range_values_are_one_line_not_a_traceback(capsys, cli, argv):
    argv = _fill(argv, "", cli)
    code, _, err = run_cli(capsys, argv)
    assert_answered(code, err, argv)
    assert code != 0 or argv[0] in ("calendar", "sla", "export", "print", "report", "followups", "list", "kb",
                                    "customers"), err


def _make_file(kind: str, folder: Path) -> Path:
    path = folder / f"{kind}.dat"
    if kind == "missing":
        return path
    if kind == "folder":
        path.mkdir()
        return path
    if kind == "binary":
        path.write_bytes(bytes(range(256)) * 64)
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "only_workdays":
        path.write_text("2027-02-07,班\n", encoding="utf-8")
    elif kind == "garbage":
        path.write_text("hello, world\nthis is not a schedule\n", encoding="utf-8")
    elif kind == "other_year":
        path.write_text("2026-01-01,休\n2026-10-01,休\n", encoding="utf-8")
    elif kind == "corrupt_sqlite":
        path.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    elif kind == "truncated_sqlite":
        from desk_app.services.setup import init_database

        init_database(f"sqlite:///{path}")
        close_database()
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3])
    elif kind == "huge":
        with path.open("wb") as handle:
            handle.truncate(64 * 1024 * 1024)   # sparse: 64 MB of zeros
    return path


FILE_CASES = [(t, k) for t in FILE_TEMPLATES for k in FILE_KINDS]


@pytest.mark.parametrize(("template", "kind"), FILE_CASES, ids=[f"{' '.join(t)}-{k}" for t, k in FILE_CASES])
def test_bad_files_are_one_line_not_a_traceback(capsys, cli, tmp_path, template, kind):
    names = dict(cli, file=str(_make_file(kind, tmp_path)))
    argv = _fill(template, "", names)
    code, _, err = run_cli(capsys, argv)
    assert_answered(code, err, argv)
    if not (template[-1] == "init-db" and kind in ("missing", "empty")):   # init-db creates a new file there
        assert code != 0, (argv, err)


READ_ONLY_COMMANDS = [
    ["calendar", "set", "2026-12-01", "off"],
    ["kb", "add", "--question", "停水通知在哪里看？", "--answer", "小区公告栏。"],
    ["init-db"],
    ["demo", "--tickets", "5"],
    ["list"],
]


def _in_a_child_without_write_permission(argv: list[str]) -> tuple[int, str]:
    """main(argv) in a forked child that may not write the file: as root (which writes any file) the child drops
    to the user nobody first, so the read-only file is read-only for real. Returns the exit code and stderr."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:   # the child: never returns into pytest
        code = 3
        try:
            os.close(read_end)
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - the child exits below
            sys.stderr = open(write_end, "w", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            code = main(argv)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 2
        except BaseException:
            import traceback

            traceback.print_exc()
            code = 99
        finally:
            sys.stderr.flush()
            os._exit(code)
    os.close(write_end)
    with open(read_end, encoding="utf-8") as pipe:
        err = pipe.read()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), err


@pytest.mark.parametrize("argv", READ_ONLY_COMMANDS, ids=[a[0] for a in READ_ONLY_COMMANDS])
def test_a_read_only_database_file_is_one_line_and_exit_code_2(capsys, cli, tmp_path_factory, argv):
    from desk_app.services.setup import init_database

    folder = tmp_path_factory.mktemp("read_only")
    path = folder / "desk.db"
    url = f"sqlite:///{path}"
    init_database(url)
    close_database()
    run_cli(capsys, ["--database", url, *argv])   # once writable: every module the command needs is imported
    close_database()
    shutil.rmtree(folder)
    folder.mkdir()
    init_database(url)
    close_database()
    for parent in (folder, *folder.parents):   # nobody may reach the file (pytest's folders are the owner's only)
        if parent == Path("/tmp"):
            break
        parent.chmod(parent.stat().st_mode | 0o005)
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        code, err = _in_a_child_without_write_permission(["--database", url, *argv])
    finally:
        folder.chmod(0o755)
    assert "Traceback" not in err, err
    if argv[0] == "list":   # reading works, or is refused in one line
        assert code in (0, 2), err
    else:
        assert code == 2, (code, err)
        assert len(err.strip().splitlines()) == 1 and "read-only" in err, err


# The real entry point, as a terminal runs it (slow: a few only). Undecodable bytes in argv arrive as lone surrogates.
ENTRY_POINT_CASES = [
    [b"kb", b"search", b"\xff\xfe"],
    [b"calendar", b"show", b"3000"],
    [b"passwd", b"admin"],
    [b"sla", b"deadline", b"--start", b"2026-11-17 09:00", b"--limit", b"99999999wd"],
]


@pytest.mark.parametrize("argv", ENTRY_POINT_CASES, ids=[b" ".join(a).decode("latin-1") for a in ENTRY_POINT_CASES])
def test_the_entry_point_answers_in_one_line(cli, tmp_path, argv):
    close_database()   # the child process has the database to itself
    env = dict(os.environ, DESK_DATABASE_URL=cli["url"], DESK_APP_DATA_DIR=str(tmp_path), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "desk_app.cli", *argv], stdin=subprocess.DEVNULL,
                          capture_output=True, env=env, cwd=tmp_path, timeout=60)
    err = done.stderr.decode("utf-8", "backslashreplace")
    assert b"Traceback" not in done.stderr, err
    assert done.returncode in (0, 1, 2), (done.returncode, err)
    if done.returncode:
        assert len(err.strip().splitlines()) == 1, err
