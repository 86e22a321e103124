"""The `desk-app` command: the window by default, and init-db, demo, list, print and sla for scripts and the terminal."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app import __version__
from desk_app.core.errors import DatabaseBusy, DatabaseUnavailable
from desk_app.core.states import State

if TYPE_CHECKING:
    from desk_app.core.summary import Period

# The presets shipped in desk_app/resources/presets (services.presets.available_presets(), kept static so that
# building the parser reads no files).
PRESET_CHOICES = ["telecom", "property", "terminal"]
STATE_CHOICES = [s.value for s in State] + ["open", "overdue", "approaching"]


class _Parser(argparse.ArgumentParser):
    """Bad arguments: one line on standard error and exit code 2, not a usage screen."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n")


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
    p.add_argument("--tickets", type=int, default=320, help="how many calls to simulate (default 320)")
    p = sub.add_parser("passwd", help="set a staff member's password (they must change it at the next sign-in)")
    _add_database(p)
    p.add_argument("username")
    p.add_argument("--password-stdin", action="store_true", help="read the new password from standard input")
    p = sub.add_parser("list", help="list tickets, one a line, number first")
    _add_database(p)
    p.add_argument("--state", choices=STATE_CHOICES, help="only tickets in this state (or open/overdue/approaching)")
    p.add_argument("--limit", type=int, default=50, help="at most this many lines (default 50)")
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
    check.add_argument("id", type=int, help="the inspection's id (工作 › 巡视检查)")
    check.add_argument("-o", "--output", required=True, type=Path, help="PDF file to write")
    _add_user(check)
    notice = forms.add_parser("notice", help="工作联系单 / 整改通知单 of an inspection finding")
    _add_database(notice)
    notice.add_argument("id", type=int, help="the finding's id")
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
    show.add_argument("year", type=int)
    day = cal.add_parser("set", help="make a date a working day or a day off")
    _add_database(day)
    _add_user(day)
    day.add_argument("date", type=_date)
    day.add_argument("kind", choices=["work", "off"])
    day.add_argument("--note", default="", help="e.g. 调休上班 or 临时停工")
    day = cal.add_parser("unset", help="drop an administrator's override of a date")
    _add_database(day)
    _add_user(day)
    day.add_argument("date", type=_date)
    year = cal.add_parser("import", help="enter a year's official schedule as published (lines 'YYYY-MM-DD,休|班')")
    _add_database(year)
    _add_user(year)
    year.add_argument("year", type=int)
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
    search.add_argument("--limit", type=int, default=20, help="at most this many lines (default 20)")
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
    found.add_argument("--limit", type=int, default=20, help="at most this many lines (default 20)")
    _add_user(found)
    yearly = cust.add_parser("summary", help="客户信息汇总 (butler procedure 4.1.3): totals, occupations, ages, needs, "
                                             "pets, festivals, interests of a year, one count a line")
    _add_database(yearly)
    yearly.add_argument("--year", type=int, required=True, metavar="YYYY")
    _add_user(yearly)
    merge = cust.add_parser("merge", help="merge the archive DUPLICATE_ID into KEEP_ID with its numbers, addresses, "
                                          "household, tickets, calls and follow-ups")
    _add_database(merge)
    merge.add_argument("keep", type=int, metavar="KEEP_ID")
    merge.add_argument("duplicate", type=int, metavar="DUPLICATE_ID")
    _add_user(merge)
    p = sub.add_parser("followups", help="回访跟踪: the follow-up calls due after complaints and repairs")
    follow = p.add_subparsers(dest="followups_command", required=True, parser_class=_Parser)
    due = follow.add_parser("list", help="the calls due (overdue first, then today's), one a line: due date, days "
                                         "overdue, reason, name, phone (masked for roles that do not see it), "
                                         "ticket")
    _add_database(due)
    due.add_argument("--days", type=int, default=0, help="also the calls of the next DAYS days (default 0)")
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


_MINUTE_FORMAT = "%Y-%m-%d %H:%M"


def _minute(text: str) -> dt.datetime:
    return dt.datetime.strptime(text.strip(), _MINUTE_FORMAT)


def _pause(text: str) -> tuple[dt.datetime, dt.datetime]:
    """--pause 'YYYY-MM-DD HH:MM..YYYY-MM-DD HH:MM': a closed pause that ends after it begins."""
    begin_text, dots, end_text = text.partition("..")
    try:
        if not dots:
            raise ValueError
        begin, end = _minute(begin_text), _minute(end_text)
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
        raise argparse.ArgumentTypeError(f"not a date like 2027-02-07: {text!r}") from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from desk_app.ui.app import run_gui

            return run_gui(args)
        handler = {"init-db": _init_db, "demo": _demo, "list": _list, "print": _print, "sla": _sla,
                   "calendar": _calendar, "passwd": _passwd, "ticket": _ticket, "report": _report,
                   "export": _export, "kb": _kb, "followups": _followups, "customers": _customers,
                   "backup": _backup, "restore": _restore}[args.command]
        return handler(parser, args)
    except KeyboardInterrupt:
        return 130
    except (DatabaseUnavailable, DatabaseBusy) as err:
        # The server went away or other desks kept the file busy in the middle of a command: one line, no traceback.
        print(f"desk-app: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error for a listing.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open until exit
        return 0


def chosen_database_url(args: argparse.Namespace, *, saved: str | None = None) -> str:
    """--database as given (an empty one too, which is then refused), else DESK_DATABASE_URL if it is set (also
    empty), else `saved` (the window's connection dialog's choice), else the embedded database in the user data
    folder."""
    from desk_app import paths
    from desk_app.services.setup import ENV_DATABASE_URL

    given = getattr(args, "database", None)
    if given is not None:
        return given
    from_environment = os.environ.get(ENV_DATABASE_URL)
    if from_environment is not None:
        return from_environment
    return saved or paths.default_database_url()


def _database_url(args: argparse.Namespace, *, create: bool) -> str:
    """The URL to connect to, checked (desk_app.models.db.check_url): a refused one is one line on standard error
    and exit code 2. A password in it is kept for this run only; the result may carry it, so it is never printed."""
    from desk_app.models.db import DatabaseUrlError, check_url
    from desk_app.services.secrets import take_password, url_for_connecting

    url = chosen_database_url(args)
    try:
        check_url(url, create=create)
    except DatabaseUrlError as error:
        print(f"desk-app: {error}", file=sys.stderr)
        raise SystemExit(2) from None
    return url_for_connecting(take_password(url))


def _open(args: argparse.Namespace) -> bool:
    from desk_app.models.db import failure_text
    from desk_app.services.setup import init_database

    url = _database_url(args, create=args.command == "init-db")
    try:
        return init_database(url)
    except Exception as error:  # an unreachable server, a wrong password, a newer schema: say so in one line
        print(f"desk-app: cannot open the database: {failure_text(error, url)}", file=sys.stderr)
        raise SystemExit(1) from None


def _init_db(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from desk_app.models.migrations import CURRENT_VERSION

    _open(args)
    print(f"database ready (schema version {CURRENT_VERSION})")
    if getattr(args, "preset", None):
        return _apply_preset(args.preset)
    _print_admin_password_if_new()
    return 0


def _print_admin_password_if_new() -> None:
    """A new database's administrator gets a generated password, shown once, to be changed at first sign-in."""
    from desk_app.services import auth
    from desk_app.services.setup import set_initial_password

    if not auth.has_password("admin"):
        password = auth.generate_password()
        set_initial_password("admin", password)
        print(f"administrator account: admin, initial password {password} (change it at the first sign-in)")


def _apply_preset(name: str) -> int:
    """Set the organisation up from a preset and print every account's initial password, this once."""
    from desk_app.services.presets import apply_preset

    try:
        result = apply_preset(name)
    except ValueError as error:
        print(f"desk-app: preset {name}: {error}", file=sys.stderr)
        return 1
    counts = result.counts
    print(f"preset {result.name} applied: {result.organization} ({result.title})")
    print(f"{counts.get('departments', 0)} departments, {counts.get('staff', 0)} accounts, "
          f"{counts.get('areas', 0)} areas, {counts.get('routing', 0)} routing rules, "
          f"{counts.get('policies', 0)} time-limit policies")
    print("accounts (initial passwords are shown only now; each must be changed at the first sign-in):")
    print("username\tname\trole\tinitial password")
    for account in result.accounts:
        print(f"{account.username}\t{account.name}\t{account.role}\t{account.password or '(unchanged)'}")
    return 0


def _demo(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from desk_app.services.demo import build_demo

    if args.tickets < 1:
        parser.error("--tickets must be at least 1")
    if not _open(args):
        print("desk-app: the database already has tickets; demo data goes into an empty database only",
              file=sys.stderr)
        return 1
    from desk_app.models.schema import Setting, Staff
    from desk_app.services.demo import DEMO_PASSWORD, find_organisation, set_demo_passwords

    organisation = find_organisation()
    if organisation is not None:
        # A set-up organisation (init-db --preset): its own people make the demo; no password is touched.
        try:
            made = build_demo(tickets=args.tickets)
        except ValueError as error:
            print(f"desk-app: demo: {error}", file=sys.stderr)
            return 1
        name = Setting.get_or_none(Setting.key == "organization")
        preset = f" (preset {organisation.preset})" if organisation.preset else ""
        print(f"demo data ready: {made} tickets, made by the staff of {name.value if name else 'the organisation'}"
              f"{preset}")
        print("no password was changed: every account signs in with the password it has (after init-db --preset, "
              "the initial one printed then, to be changed at the first sign-in); "
              "`desk-app passwd USERNAME` sets a new one")
        return 0

    def admin_hash() -> str | None:
        admin = Staff.get_or_none(Staff.username == "admin")
        return admin.password_hash if admin else None

    before = admin_hash()
    made = build_demo(tickets=args.tickets)
    set_demo_passwords(DEMO_PASSWORD)
    admin_changed = admin_hash() != before
    print(f"demo data ready: {made} tickets")
    print(f"every demo account (reception, reception2, dispatcher, supervisor, audit, office, center, and per "
          f"department <code>.recv, <code>.lead, <code>.w1, e.g. engineering.recv){', admin' if admin_changed else ''} "
          f"signs in with the password {DEMO_PASSWORD}")
    if not admin_changed:
        print("admin keeps the password it already had")
    return 0


def _passwd(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    import getpass

    from desk_app.core.errors import DeskError
    from desk_app.core.passwords import check_password_strength, check_repeat
    from desk_app.services.setup import set_initial_password

    _open(args)
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
        repeat = password
    else:
        password = getpass.getpass("new password: ")
        repeat = getpass.getpass("again: ")
    try:
        check_repeat(password, repeat)
        check_password_strength(password, args.username)
        set_initial_password(args.username, password)
    except DeskError as error:
        print(f"desk-app: {error}", file=sys.stderr)
        return 1
    print(f"password of {args.username} set; it must be changed at the next sign-in")
    return 0


def _list(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from desk_app.core.kinds import TicketKind
    from desk_app.core.labels import chinese
    from desk_app.core.queues import Queue
    from desk_app.core.states import State
    from desk_app.services.desk import DeskService
    from desk_app.services.queries import QueueFilter, queue_page

    if args.limit < 1:
        parser.error("--limit must be at least 1")
    _open(args)
    viewer = DeskService().viewer(_cli_actor(args))
    now = dt.datetime.now().replace(microsecond=0)
    special = {"open": Queue.ALL, "overdue": Queue.OVERDUE, "approaching": Queue.APPROACHING}
    queue = special.get(args.state or "", Queue.ALL)
    rows = []
    offset = 0
    while len(rows) < args.limit:
        page = queue_page(QueueFilter(queue, now, viewer=viewer), offset=offset, limit=200)
        if not page:
            break
        offset += len(page)
        for row in page:
            if args.state and args.state not in special and row.state != args.state:
                continue
            if args.state == "open" and row.state in ("visited", "archived"):
                continue
            rows.append(row)
    for row in rows[: args.limit]:
        due = row.due_at.strftime("%Y-%m-%d %H:%M") if row.due_at else "-"
        print(f"{row.number}\t{chinese(State(row.state))}\t{chinese(TicketKind(row.kind))}\tP{row.priority}\t"
              f"{row.caller_name}\t{row.department or '-'}\t{due}")
    return 0


def _print(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """`print slip|task|form|incident NUMBER`, `print register KIND --from --to`, `print check|notice ID`: the form
    as the --user may print it. A ticket, inspection or finding that has no such form: one line, exit code 2."""
    from desk_app.core.errors import DeskError, NotFound, PermissionDenied
    from desk_app.services.desk import DeskService
    from desk_app.services.papers import complaints, inspections, registers, slips, tickets
    from desk_app.services.queries import ticket_id_by_number

    _open_existing(args)
    actor = _cli_actor(args)
    viewer = DeskService().viewer(actor)
    by_ticket = {"slip": slips.slip_pdf, "task": tickets.task_sheet, "form": tickets.ticket_form,
                 "incident": complaints.incident_report}
    by_range = {"calls": registers.call_register, "complaints": registers.complaint_register,
                "visits": registers.visit_register}
    try:
        if args.form in by_ticket:
            try:
                ticket_id = ticket_id_by_number(args.number)
            except NotFound:
                print(f"desk-app: no ticket numbered {args.number}", file=sys.stderr)
                return 2
            extra = {"paper": args.paper} if args.form == "slip" else {}
            pdf = by_ticket[args.form](viewer, ticket_id, actor, **extra)
        elif args.form == "register":
            pdf = by_range[args.register](viewer, args.first, args.last, actor)
        elif args.form == "check":
            pdf = inspections.checklist(viewer, args.id, actor)
        else:
            pdf = inspections.notice(viewer, args.id, actor)
    except PermissionDenied as error:
        print(f"desk-app: {error}", file=sys.stderr)
        return 1
    except DeskError as error:   # no such ticket, inspection or finding, or it has no such form; a bad range
        print(f"desk-app: {error}", file=sys.stderr)
        return 2
    return _write(args.output, pdf)


def _cli_actor(args: argparse.Namespace):
    """The staff member the command acts and reads as (--user, default admin); one line and exit 1 if unknown."""
    from desk_app.core.errors import NotFound
    from desk_app.services.desk import Actor
    from desk_app.services.queries import staff_by_username

    username = getattr(args, "user", None) or "admin"
    try:
        return Actor.of(staff_by_username(username))
    except NotFound:
        print(f"desk-app: no active staff member {username}", file=sys.stderr)
        raise SystemExit(1) from None


def _ticket(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """`ticket actions NUMBER --user NAME`: the rule book's answer for every action, one a line."""
    from desk_app.core.errors import DeskError
    from desk_app.core.labels import chinese
    from desk_app.services.desk import DeskService
    from desk_app.services.queries import ticket_id_by_number

    _open(args)
    actor = _cli_actor(args)
    service = DeskService()
    try:
        answers = service.evaluate(actor, ticket_id_by_number(args.number))
    except DeskError as error:
        print(f"desk-app: {error}", file=sys.stderr)
        return 1
    width = max(len(str(what)) for what, _ in answers)
    for what, verdict in answers:
        if verdict.allowed:
            answer = "allowed" + (" (reason required)" if verdict.needs_reason else "")
        else:
            answer = f"refused: {verdict.render()}"
        print(f"{what!s:<{width}}  {chinese(what)}\t{answer}")
    return 0


def _calendar(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from desk_app.core.calendar import DayKind
    from desk_app.core.errors import DeskError
    from desk_app.services.desk import Actor, DeskService
    from desk_app.services.queries import staff_by_username

    _open(args)
    service = DeskService()
    if args.calendar_command == "show":
        calendar = service.calendar()
        status = "official" if calendar.is_official(args.year) else "NO OFFICIAL SCHEDULE: computed by rule"
        print(f"{args.year}: {status}; office hours {calendar.office_hours}")
        day = dt.date(args.year, 1, 1)
        while day.year == args.year:
            info = calendar.day_info(day)
            if info.kind in (DayKind.HOLIDAY, DayKind.ADJUSTED_WORKDAY) or info.source == "override":
                print(f"{day.isoformat()}\t{'work' if info.is_working else 'off'}\t{info.name or ''}\t{info.source}")
            day += dt.timedelta(days=1)
        return 0
    try:
        actor = Actor.of(staff_by_username(getattr(args, "user", None) or "admin"))
        if args.calendar_command == "set":
            changed = service.set_calendar_day(actor, args.date, args.kind == "work", args.note)
        elif args.calendar_command == "unset":
            changed = service.set_calendar_day(actor, args.date, None)
        elif args.calendar_command == "import":
            changed = service.import_official_schedule(actor, args.year, args.file.read_text(encoding="utf-8"))
        else:
            changed = service.set_office_hours(actor, args.hours)
    except OSError as error:
        print(f"desk-app: cannot read {args.file}: {error.strerror}", file=sys.stderr)
        return 1
    except DeskError as error:
        print(f"desk-app: {error}", file=sys.stderr)
        return 1
    print(f"calendar changed; deadlines of {changed} open tickets recomputed")
    return 0


def _summary_for(args: argparse.Namespace, period_of: Callable[[], Period]):
    """Open the database, check the period and the reader, and compute the summary; None (after one line on
    standard error) when the period is bad, the reader may not read it, or nothing happened in it."""
    from desk_app.core.errors import DeskError
    from desk_app.services.desk import DeskService
    from desk_app.services.exports import summary_is_empty
    from desk_app.services.summary import summarize

    try:
        period = period_of()
    except DeskError as error:
        print(f"desk-app: {error}", file=sys.stderr)
        return None
    _open_existing(args)
    now = dt.datetime.now().replace(microsecond=0)
    try:
        summary = summarize(DeskService().viewer(_cli_actor(args)), period, now)
    except DeskError as error:
        print(f"desk-app: {error}", file=sys.stderr)
        return None
    if summary_is_empty(summary):
        print(f"desk-app: no calls or tickets in {period.text()}; nothing written", file=sys.stderr)
        return None
    return summary


def _write(path: Path, data: bytes) -> int:
    try:
        path.write_bytes(data)
    except OSError as error:
        print(f"desk-app: cannot write {path}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"{path} ({len(data):,} bytes)")
    return 0


def _report(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """`report monthly --month YYYY-MM -o FILE.pdf`."""
    from desk_app.core.summary import month_period
    from desk_app.services.reports import report_from_summary

    summary = _summary_for(args, lambda: month_period(args.month))
    if summary is None:
        return 1
    return _write(args.output, report_from_summary(summary, printed_by=_cli_actor(args).name))


def _export(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """`export summary --from DATE --to DATE -o FILE.xlsx`."""
    from desk_app.core.errors import DeskError
    from desk_app.core.summary import Period, parse_day
    from desk_app.services.desk import DeskService
    from desk_app.services.exports import export_summary

    summary = _summary_for(args, lambda: Period(parse_day(args.first, "from"), parse_day(args.last, "to")))
    if summary is None:
        return 1
    try:
        export_summary(DeskService().viewer(_cli_actor(args)), summary, args.output)
    except DeskError as error:
        print(f"desk-app: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"desk-app: cannot write {args.output}: {error.strerror}", file=sys.stderr)
        return 1
    print(f"{args.output} ({args.output.stat().st_size:,} bytes)")
    return 0


def _open_existing(args: argparse.Namespace) -> None:
    """Open the database a reading command needs, which must exist already: if it does not (no SQLite file, or no
    tables yet), say so in one line and exit 2 (no file) or 1 (no tables) rather than leave an empty database
    behind; else as `_open`."""
    from desk_app.models.db import failure_text, redact_url
    from desk_app.services.setup import database_is_new

    url = _database_url(args, create=False)
    hint = "create it with `desk-app init-db` (with the same --database or DESK_DATABASE_URL)"
    shown = redact_url(url)
    try:
        new = database_is_new(url)
    except Exception as error:  # an unreachable server, a wrong password: say so in one line
        print(f"desk-app: cannot open the database: {failure_text(error, url)}", file=sys.stderr)
        raise SystemExit(1) from None
    if new:
        print(f"desk-app: the database {shown} has no tables yet; {hint}", file=sys.stderr)
        raise SystemExit(1)
    _open(args)


def _followups(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """`followups list [--days N] --user NAME`: the follow-up calls due, one a line (tab-separated)."""
    from desk_app.core.errors import DeskError
    from desk_app.core.followups import FollowUpReason
    from desk_app.core.labels import chinese

    if args.days < 0:
        parser.error("--days must be 0 or more")
    _open_existing(args)
    from desk_app.services import followups
    from desk_app.services.desk import DeskService

    service = DeskService()
    try:
        rows = followups.due_follow_ups(service.viewer(_cli_actor(args)), service.now().date(),
                                        include_upcoming_days=args.days)
    except DeskError as error:
        print(f"desk-app: {error}", file=sys.stderr)
        return 1
    for row in rows:
        print("\t".join((row.due_on.isoformat(), str(row.days_overdue), chinese(FollowUpReason(row.reason)),
                         row.name, row.phone, row.ticket_number)))
    return 0


def _customers(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """`customers search QUERY`, `customers summary --year YYYY`, `customers merge KEEP_ID DUPLICATE_ID`, each as
    --user (default admin): a refusal by the rule book exits 1, a bad argument or archive 2."""
    from desk_app.core.errors import DeskError, PermissionDenied
    from desk_app.core.search import mask_address, mask_phone

    if args.customers_command == "search":
        if args.limit < 1:
            parser.error("--limit must be at least 1")
        if "\x00" in args.query:
            parser.error("the query contains a NUL character")
    if args.customers_command == "summary" and not 1900 <= args.year <= 9999:
        parser.error("--year must be a year like 2026")
    _open_existing(args)
    from desk_app.services import customers
    from desk_app.services.desk import DeskService

    service = DeskService()
    actor = _cli_actor(args)
    try:
        if args.customers_command == "search":
            from desk_app.services.search import search_customers

            for hit in search_customers(service.viewer(actor), args.query, limit=args.limit):
                # Confidential by default: a line on a terminal or in a file never shows a whole number.
                phone = hit.phone if "*" in hit.phone else mask_phone(hit.phone)
                address = hit.address if "*" in hit.address else mask_address(hit.address)
                print("\t".join((str(hit.id), _one_line(hit.name), phone, hit.area, _one_line(address))))
        elif args.customers_command == "summary":
            summary = customers.archive_summary(service.viewer(actor), args.year)
            for key in ("total", "created", "updated"):
                print(f"{key}\t{getattr(summary, key)}")
            for section in ("occupations", "ages", "needs", "pets", "festivals", "interests"):
                for label, count in getattr(summary, section):
                    print(f"{section}\t{_one_line(label)}\t{count}")
        else:
            customers.merge_customers(service, actor, args.keep, args.duplicate)
            print(f"customer {args.duplicate} merged into {args.keep}")
    except PermissionDenied as error:
        print(f"desk-app: {error}", file=sys.stderr)
        return 1
    except DeskError as error:   # merging an archive with itself or a merged one, no such archive
        print(f"desk-app: {error}", file=sys.stderr)
        return 2
    return 0


def _kb(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """`kb search QUERY` (one article a line, best first) and `kb add --question Q --answer A --user NAME`."""
    from desk_app.core.errors import DeskError, PermissionDenied, ValidationError

    if args.kb_command == "search":
        if args.limit < 1:
            parser.error("--limit must be at least 1")
        if "\x00" in args.query:
            parser.error("the query contains a NUL character")
        _open_existing(args)
        from desk_app.services.search import search_articles

        for hit in search_articles(args.query, limit=args.limit):
            answer = next((ln.strip() for ln in hit.answer.splitlines() if ln.strip()), "")
            print("\t".join((str(hit.id), _one_line(hit.question), _one_line(answer), hit.tags)))
        return 0
    _open_existing(args)
    from desk_app.services import knowledge
    from desk_app.services.desk import DeskService

    actor = _cli_actor(args)
    try:
        article_id = knowledge.create_article(DeskService(), actor, args.question, args.answer, kind=args.kind,
                                              tags=args.tags)
    except PermissionDenied as error:
        print(f"desk-app: {error}", file=sys.stderr)
        return 1
    except ValidationError as error:
        parser.error(f"--{error.field or 'question'}: {error}")
    except DeskError as error:
        print(f"desk-app: {error}", file=sys.stderr)
        return 1
    print(article_id)
    return 0


def _one_line(text: str) -> str:
    return " ".join((text or "").split())


def _sla(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """`sla deadline`: the deadline (and warning time) a clock gets, on the same calendar the tickets use."""
    from desk_app.core.timelimits import LimitSpec, compute_deadline, warn_time
    from desk_app.services.desk import DeskService

    try:
        start = _minute(args.start)
    except ValueError:
        parser.error(f"--start must look like 'YYYY-MM-DD HH:MM', not {args.start!r}")
    try:
        spec = LimitSpec.parse(args.limit)
    except ValueError as error:
        parser.error(f"--limit: {error}")
    pauses = sorted(args.pause)
    for before, after in zip(pauses, pauses[1:]):
        if after[0] < before[1]:
            parser.error(f"--pause: {before[0]:{_MINUTE_FORMAT}}..{before[1]:{_MINUTE_FORMAT}} and "
                         f"{after[0]:{_MINUTE_FORMAT}}..{after[1]:{_MINUTE_FORMAT}} overlap")
    _open_existing(args)
    # The service builds the calendar the tickets' clocks use: overrides, imported years, office hours.
    service = DeskService()
    calendar = service.calendar()
    try:
        deadline = compute_deadline(start, spec, calendar, pauses)
    except (ValueError, OverflowError) as error:  # e.g. a working-day limit outside 1990-2099
        parser.error(f"no deadline for {spec} from {start:{_MINUTE_FORMAT}}: {error}")
    warn_at = warn_time(min(start, deadline.at), deadline.at, pauses, service.approaching_share())
    print(deadline.at.strftime("%Y-%m-%d %H:%M:%S"))
    print(f"approaching from {warn_at:%Y-%m-%d %H:%M:%S}")
    if deadline.provisional:
        years = ", ".join(str(y) for y in calendar.unofficial_years(start.date(), deadline.at.date()))
        print(f"warning: no official holiday schedule for {years}; this deadline is provisional (暂定: weekends "
              f"and statutory holidays computed by rule, no adjusted working days)", file=sys.stderr)
    return 0


def _backup(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """`backup -o FILE [--force]`: a consistent copy of the live database, while desks go on working."""
    from desk_app.core.errors import DeskError
    from desk_app.services.backup import backup, describe_database

    url = _database_url(args, create=False)
    try:
        info = backup(url, args.output, force=args.force)
    except DeskError as error:
        print(f"desk-app: backup: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"desk-app: backup: {error.strerror or error}: {error.filename or args.output}", file=sys.stderr)
        return 1
    tickets = f", {info.tickets} tickets" if info.tickets is not None else ""
    print(f"backup of {describe_database(url)} written to {info.path} ({info.size:,} bytes, schema version "
          f"{info.schema_version}{tickets})")
    return 0


def _restore(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """`restore FILE [--yes]`: replace the database by a backup; asks first, refuses without a terminal."""
    from desk_app.core.errors import DeskError
    from desk_app.services.backup import describe_database, restore

    url = _database_url(args, create=True)   # a backup may be restored into a new file
    where = describe_database(url)
    if not args.yes:
        if not sys.stdin or not sys.stdin.isatty():
            print(f"desk-app: restore: replacing {where} needs a confirmation: run it in a terminal or add --yes",
                  file=sys.stderr)
            return 1
        try:
            answer = input(f"replace everything in {where} by {args.file}? [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            print("desk-app: restore: nothing changed", file=sys.stderr)
            return 1
    try:
        info = restore(args.file, url)
    except DeskError as error:
        print(f"desk-app: restore: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"desk-app: restore: {error.strerror or error}: {error.filename or args.file}", file=sys.stderr)
        return 1
    upgraded = f", upgraded by {info.migrations_applied} migrations" if info.migrations_applied else ""
    print(f"{where} restored from {info.path} (schema version {info.schema_version}{upgraded})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
