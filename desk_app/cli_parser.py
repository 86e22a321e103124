"""The `desk-app` command's arguments: the parser, the types that check each value (dates and years the working
calendar covers, bounded numbers) and the check of every text and file argument, so that any malformed input is one
line on standard error and exit code 2 before anything is opened."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path

from desk_app import __version__
from desk_app.core.states import State

# The presets shipped in desk_app/resources/presets (services.presets.available_presets(), kept static so that
# building the parser reads no files).
PRESET_CHOICES = ["telecom", "property", "terminal"]
STATE_CHOICES = [s.value for s in State] + ["open", "overdue", "approaching"]


# Bounds of the numbers the commands take: a demo is a demonstration (benchmark databases are built by
# tools/, not here), ids and counts fit a 64-bit column, the follow-up horizon is ten years.
MAX_DEMO_TICKETS = 10_000
MAX_ID = 2**63 - 1
MAX_COUNT = 1_000_000
MAX_DAYS = 3660
# An argument longer than this is refused before anything reads it (the services' own limits are far lower).
MAX_ARGUMENT = 65_536
# A calendar schedule is a few dozen lines; a file larger than this is not one.
MAX_SCHEDULE_BYTES = 1_000_000
# Shown values in messages are cut to this many characters (a 10 MB argument is still one short line).
_SHOWN = 80


def one_line_message(message: str) -> str:
    """A message as one line of reasonable length: line breaks shown as spaces, a long message cut."""
    text = " ".join(str(message).split())
    return text if len(text) <= 400 else text[:400] + "…"


def say(message: str) -> None:
    """One line on standard error: a message that quotes typed text is kept on one line and short."""
    print(one_line_message(message), file=sys.stderr)


def _shown(text: str) -> str:
    """A value quoted in a message: repr (control characters and surrogates escaped), cut to a short length."""
    return repr(text if len(text) <= _SHOWN else text[:_SHOWN] + "…")


class _Parser(argparse.ArgumentParser):
    """Bad arguments: one line on standard error and exit code 2, not a usage screen."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {one_line_message(message)}\n")


def _add_database(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database", metavar="URL", default=argparse.SUPPRESS,
                        help="sqlite:///path/desk.db or postgresql://user@host/db (default: DESK_DATABASE_URL, "
                             "else the embedded database in the user data folder)")


def _add_user(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", metavar="USERNAME", default=argparse.SUPPRESS,
                        help="act as this staff member (default: admin)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="desk-app", description="工单台 Service Desk")
    parser.add_argument("--version", action="version", version=f"desk-app {__version__}")
    _add_database(parser)
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="language of the window (default: saved choice, zh_CN)")
    parser.add_argument("--user", help="fill this user name into the sign-in dialog (the password is still asked)")
    parser.add_argument("--no-demo", action="store_true", help="do not fill a new database with demo data")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("init-db", help="create or upgrade the database schema")
    _add_database(p)
    p.add_argument("--preset", choices=PRESET_CHOICES,
                   help="set a new database up as this organisation (departments, accounts, routing, time limits) "
                        "and print the accounts with their initial passwords")
    p = sub.add_parser("demo", help="fill an empty database with a month of demo calls and tickets")
    _add_database(p)
    p.add_argument("--tickets", type=_int_in(1, MAX_DEMO_TICKETS), default=320,
                   help=f"how many calls to simulate (default 320, at most {MAX_DEMO_TICKETS:,})")
    p = sub.add_parser("passwd", help="set a staff member's password (they must change it at the next sign-in)")
    _add_database(p)
    p.add_argument("username")
    p.add_argument("--password-stdin", action="store_true", help="read the new password from standard input")
    p = sub.add_parser("list", help="list tickets, one a line, number first")
    _add_database(p)
    p.add_argument("--state", choices=STATE_CHOICES, help="only tickets in this state (or open/overdue/approaching)")
    p.add_argument("--limit", type=_int_in(1, MAX_COUNT), default=50, help="at most this many lines (default 50)")
    _add_user(p)
    p = sub.add_parser("print", help="print a form to PDF")
    _add_database(p)
    forms = p.add_subparsers(dest="form", required=True, parser_class=_Parser)
    for name, text in (("slip", "派工单: the three-part dispatch slip of a ticket"),
                       ("task", "FTTH 待装工单建设任务单: the construction task sheet of a ticket"),
                       ("form", "工单处理单: the ticket form the leader signs"),
                       ("incident", "住户投诉事件报告: the incident report of a complaint")):
        form = forms.add_parser(name, help=text)
        _add_database(form)
        form.add_argument("number", help="ticket number, e.g. 2026-000123")
        form.add_argument("-o", "--output", required=True, type=Path, help="PDF file to write")
        if name == "slip":
            form.add_argument("--paper", choices=["A4", "A5"], default="A4", help="paper size (default A4)")
        _add_user(form)
    register = forms.add_parser("register", help="来电来访登记表 / 客户投诉登记表 / 维修回访登记表 over a date range")
    _add_database(register)
    register.add_argument("register", choices=["calls", "complaints", "visits"])
    register.add_argument("--from", dest="first", required=True, type=_date, metavar="YYYY-MM-DD")
    register.add_argument("--to", dest="last", required=True, type=_date, metavar="YYYY-MM-DD")
    register.add_argument("-o", "--output", required=True, type=Path, help="PDF file to write")
    _add_user(register)
    check = forms.add_parser("check", help="周检/月检: the checklist of an inspection with findings and signatures")
    _add_database(check)
    check.add_argument("id", type=_int_in(1, MAX_ID), help="the inspection's id (工作 › 巡视检查)")
    check.add_argument("-o", "--output", required=True, type=Path, help="PDF file to write")
    _add_user(check)
    notice = forms.add_parser("notice", help="工作联系单 / 整改通知单 of an inspection finding")
    _add_database(notice)
    notice.add_argument("id", type=_int_in(1, MAX_ID), help="the finding's id")
    notice.add_argument("-o", "--output", required=True, type=Path, help="PDF file to write")
    _add_user(notice)
    p = sub.add_parser("ticket", help="one ticket, for checks and support")
    _add_database(p)
    ticket = p.add_subparsers(dest="ticket_command", required=True, parser_class=_Parser)
    actions = ticket.add_parser("actions", help="what a staff member may do to a ticket now, and why not")
    _add_database(actions)
    _add_user(actions)
    actions.add_argument("number", help="ticket number, e.g. 2026-000123")
    p = sub.add_parser("calendar", help="the working calendar (administrators)")
    _add_database(p)
    cal = p.add_subparsers(dest="calendar_command", required=True, parser_class=_Parser)
    show = cal.add_parser("show", help="holidays, adjusted working days and overrides of a year")
    _add_database(show)
    show.add_argument("year", type=_calendar_year)
    day = cal.add_parser("set", help="make a date a working day or a day off")
    _add_database(day)
    _add_user(day)
    day.add_argument("date", type=_calendar_date)
    day.add_argument("kind", choices=["work", "off"])
    day.add_argument("--note", default="", help="e.g. 调休上班 or 临时停工")
    day = cal.add_parser("unset", help="drop an administrator's override of a date")
    _add_database(day)
    _add_user(day)
    day.add_argument("date", type=_calendar_date)
    year = cal.add_parser("import", help="enter a year's official schedule as published (lines 'YYYY-MM-DD,休|班')")
    _add_database(year)
    _add_user(year)
    year.add_argument("year", type=_calendar_year)
    year.add_argument("file", type=Path)
    hours = cal.add_parser("office-hours", help="set the office hours of working days")
    _add_database(hours)
    _add_user(hours)
    hours.add_argument("hours", help="e.g. 08:30-12:00,13:30-17:30")

    p = sub.add_parser("report", help="print a report to PDF (for scheduled jobs)")
    reports = p.add_subparsers(dest="report_command", required=True, parser_class=_Parser)
    monthly = reports.add_parser("monthly", help="月度工单统计报告: the month's figures, charts, departments, clocks")
    _add_database(monthly)
    _add_user(monthly)
    monthly.add_argument("--month", required=True, metavar="YYYY-MM", help="the calendar month, e.g. 2026-11")
    monthly.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")

    p = sub.add_parser("export", help="export to Excel (for scheduled jobs)")
    exports = p.add_subparsers(dest="export_command", required=True, parser_class=_Parser)
    summary = exports.add_parser("summary", help="the supervisor summary of a period, a sheet per breakdown")
    _add_database(summary)
    _add_user(summary)
    summary.add_argument("--from", dest="first", required=True, metavar="YYYY-MM-DD", help="first day of the period")
    summary.add_argument("--to", dest="last", required=True, metavar="YYYY-MM-DD", help="last day (included)")
    summary.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.xlsx")

    p = sub.add_parser("kb", help="知识库: search the knowledge base, add an article")
    kb = p.add_subparsers(dest="kb_command", required=True, parser_class=_Parser)
    search = kb.add_parser("search", help="articles matching QUERY, best first, one a line: id, question, the "
                                          "answer's first line, tags")
    _add_database(search)
    search.add_argument("query", help="words to find in questions, answers and tags ('' for the latest)")
    search.add_argument("--limit", type=_int_in(1, MAX_COUNT), default=20, help="at most this many lines (default 20)")
    add = kb.add_parser("add", help="add an article (roles that may edit the knowledge base); prints its id")
    _add_database(add)
    add.add_argument("--question", required=True)
    add.add_argument("--answer", required=True)
    add.add_argument("--kind", default="", help="a ticket kind (consultation, complaint, ...) or none for any")
    add.add_argument("--tags", default="", help="words to search by, separated by spaces")
    _add_user(add)
    p = sub.add_parser("customers", help="客户档案: search the customer archive, its yearly summary, merge duplicates")
    cust = p.add_subparsers(dest="customers_command", required=True, parser_class=_Parser)
    found = cust.add_parser("search", help="customers matching QUERY (name, pinyin, digits of a number, address), "
                                           "best first, one a line: id, name, phone, area, address (masked)")
    _add_database(found)
    found.add_argument("query", help="a name (张三, zs, zhangsan), digits of a number, part of an address")
    found.add_argument("--limit", type=_int_in(1, MAX_COUNT), default=20, help="at most this many lines (default 20)")
    _add_user(found)
    yearly = cust.add_parser("summary", help="客户信息汇总 (butler procedure 4.1.3): totals, occupations, ages, needs, "
                                             "pets, festivals, interests of a year, one count a line")
    _add_database(yearly)
    yearly.add_argument("--year", type=int, required=True, metavar="YYYY")
    _add_user(yearly)
    merge = cust.add_parser("merge", help="merge the archive DUPLICATE_ID into KEEP_ID with its numbers, addresses, "
                                          "household, tickets, calls and follow-ups")
    _add_database(merge)
    merge.add_argument("keep", type=_int_in(1, MAX_ID), metavar="KEEP_ID")
    merge.add_argument("duplicate", type=_int_in(1, MAX_ID), metavar="DUPLICATE_ID")
    _add_user(merge)
    p = sub.add_parser("followups", help="回访跟踪: the follow-up calls due after complaints and repairs")
    follow = p.add_subparsers(dest="followups_command", required=True, parser_class=_Parser)
    due = follow.add_parser("list", help="the calls due (overdue first, then today's), one a line: due date, days "
                                         "overdue, reason, name, phone (masked for roles that do not see it), "
                                         "ticket")
    _add_database(due)
    due.add_argument("--days", type=_int_in(0, MAX_DAYS), default=0,
                     help="also the calls of the next DAYS days (default 0)")
    _add_user(due)
    p = sub.add_parser("backup", help="copy the database into a backup file (SQLite: the online backup API; "
                                      "PostgreSQL: pg_dump custom format)")
    _add_database(p)
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE", help="the backup file to write")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p = sub.add_parser("restore", help="replace the database by a backup file (refused for a backup from a newer "
                                       "program); no desk may have the database open")
    _add_database(p)
    p.add_argument("file", type=Path, metavar="FILE", help="a file written by `desk-app backup`")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p = sub.add_parser("sla", help="time-limit calculations")
    limits = p.add_subparsers(dest="sla_command", required=True, parser_class=_Parser)
    deadline = limits.add_parser("deadline", help="print the deadline of a limit started at a moment, on the "
                                                   "database's working calendar (as the tickets get it)")
    _add_database(deadline)
    deadline.add_argument("--start", required=True, help="'YYYY-MM-DD HH:MM'")
    deadline.add_argument("--limit", required=True, help="<N>m, <N>h, <N>wh (working hours), <N>wd, <N>d")
    deadline.add_argument("--pause", action="append", type=_pause, default=[], metavar="'FROM..TO'",
                          help="a time the clock stood still, 'YYYY-MM-DD HH:MM..YYYY-MM-DD HH:MM' "
                               "(repeat for several; they must not overlap)")
    return parser


MINUTE_FORMAT = "%Y-%m-%d %H:%M"


def parse_minute(text: str) -> dt.datetime:
    return dt.datetime.strptime(text.strip(), MINUTE_FORMAT)


def _pause(text: str) -> tuple[dt.datetime, dt.datetime]:
    """--pause 'YYYY-MM-DD HH:MM..YYYY-MM-DD HH:MM': a closed pause that ends after it begins."""
    begin_text, dots, end_text = text.partition("..")
    try:
        if not dots:
            raise ValueError
        begin, end = parse_minute(begin_text), parse_minute(end_text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"a pause looks like 'YYYY-MM-DD HH:MM..YYYY-MM-DD HH:MM', not {text!r}") from None
    if end <= begin:
        raise argparse.ArgumentTypeError(f"the pause {text!r} must end after it begins")
    return begin, end


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date like 2027-02-07: {_shown(text)}") from None


def _calendar_span() -> tuple[dt.date, dt.date]:
    from desk_app.core.calendar import CALENDAR_EPOCH, CALENDAR_LAST_DAY

    return CALENDAR_EPOCH, CALENDAR_LAST_DAY


def _calendar_date(text: str) -> dt.date:
    """A date the working calendar covers (1990-2099)."""
    day = _date(text)
    first, last = _calendar_span()
    if not first <= day <= last:
        raise argparse.ArgumentTypeError(f"{day.isoformat()} is outside the working calendar "
                                         f"({first.year}-{last.year})")
    return day


def _calendar_year(text: str) -> int:
    """A year the working calendar covers (1990-2099)."""
    first, last = _calendar_span()
    year = _int_in(first.year, last.year)(text)
    return year


def _int_in(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high`, else one line naming the range."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip()) if len(text) <= 40 else None
        except ValueError:
            value = None
        if value is None:
            raise argparse.ArgumentTypeError(f"not a whole number: {_shown(text)}")
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is out of range: from {low} to {high}")
        return value

    parse.__name__ = "number"
    return parse


def check_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Every text argument as the services check typed text (core.text.text_problem: no NUL, no lone
    surrogate) and not oversized: refused before anything is opened, one line, exit code 2."""
    from desk_app.core.text import text_problem

    for name, value in vars(args).items():
        name = {"first": "from", "last": "to"}.get(name, name)
        shown = f"--{name.replace('_', '-')}" if name in _OPTION_NAMES else name
        if isinstance(value, Path):
            _check_path(parser, shown, value)
            continue
        if not isinstance(value, str):
            continue
        if len(value) > MAX_ARGUMENT:
            parser.error(f"{shown}: too long ({len(value):,} characters; at most {MAX_ARGUMENT:,})")
        problem = text_problem(value)
        if problem is not None:
            parser.error(f"{shown}: {problem}")


def _check_path(parser: argparse.ArgumentParser, shown: str, path: Path) -> None:
    """A file argument the system can name: no NUL, no character the file system cannot encode, not absurdly long."""
    text = str(path)
    if not text or text == ".":
        parser.error(f"{shown}: no file name given")
    if "\x00" in text:
        parser.error(f"{shown}: the file name contains a NUL character")
    try:
        encoded = os.fsencode(text)
    except UnicodeEncodeError:
        parser.error(f"{shown}: not a file name: {_shown(text)}")
    if len(encoded) > 4096:
        parser.error(f"{shown}: the file name is too long ({len(encoded):,} bytes)")


# The destinations of options (shown as --name); the others are positional arguments, shown by name.
_OPTION_NAMES = {"database", "user", "lang", "preset", "state", "paper", "note", "month", "question", "answer",
                 "kind", "tags", "start", "limit", "from", "to", "output"}
