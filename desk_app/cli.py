"""The `desk-app` command: the window by default, and init-db, demo, list, print and sla for scripts and the terminal."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desk_app.cli_parser import (
    MAX_SCHEDULE_BYTES,
    PRESET_CHOICES,
    STATE_CHOICES,
    build_parser,
    check_arguments,
)
from desk_app.cli_parser import MINUTE_FORMAT as _MINUTE_FORMAT
from desk_app.cli_parser import parse_minute as _minute
from desk_app.cli_parser import say as _error
from desk_app.core.errors import DatabaseBusy, DatabaseUnavailable

if TYPE_CHECKING:
    from desk_app.core.summary import Period

# The parser and its choices live in desk_app.cli_parser; they are read from here too (tests, tools).
__all__ = ["PRESET_CHOICES", "STATE_CHOICES", "build_parser", "chosen_database_url", "main"]


def _streams_never_fail() -> None:
    """A text that cannot be encoded (a file name with undecodable bytes, typed into a message) is shown escaped
    on the terminal rather than ending the command with UnicodeEncodeError, as Python does for standard error."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "") == "strict":
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a closed or detached stream: nothing to protect
                pass


def _damaged_database(error: BaseException) -> str | None:
    """Why the database file itself cannot be used (damaged, not a database, read-only), or None."""
    from desk_app.models.db import sqlite_file_problem

    return sqlite_file_problem(error)


def main(argv: Sequence[str] | None = None) -> int:
    _streams_never_fail()
    parser = build_parser()
    args = parser.parse_args(argv)
    check_arguments(parser, args)
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
        _error(f"desk-app: {err}")
        return 1
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error for a listing.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open until exit
        return 0
    except Exception as err:
        # A database file damaged or read-only under a running command: one line, exit code 2, no traceback.
        from desk_app.models.db import sqlite_file

        reason = _damaged_database(err) if sqlite_file(chosen_database_url(args)) is not None else None
        if reason is None:
            raise
        _error(f"desk-app: {reason}")
        return 2


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
        _error(f"desk-app: {error}")
        raise SystemExit(2) from None
    return url_for_connecting(take_password(url))


def _open(args: argparse.Namespace) -> bool:
    from desk_app.services.setup import init_database

    url = _database_url(args, create=args.command == "init-db")
    try:
        return init_database(url)
    except Exception as error:  # an unreachable server, a wrong password, a newer schema: say so in one line
        _cannot_open(error, url)


def _cannot_open(error: Exception, url: str) -> None:
    """One line on why the database did not open, then exit: 2 for an SQLite file that is damaged, read-only or not
    a database (the file given is bad input), 1 for a server that cannot be reached or refuses (as before)."""
    from desk_app.models.db import failure_text, sqlite_file

    damaged = _damaged_database(error) if sqlite_file(url) is not None else None
    if damaged is not None:
        _error(f"desk-app: cannot open the database: {damaged}")
        raise SystemExit(2) from None
    _error(f"desk-app: cannot open the database: {failure_text(error, url)}")
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
        _error(f"desk-app: preset {name}: {error}")
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

    if not _open(args):
        _error("desk-app: the database already has tickets; demo data goes into an empty database only")
        return 1
    from desk_app.models.schema import Setting, Staff
    from desk_app.services.demo import DEMO_PASSWORD, find_organisation, set_demo_passwords

    organisation = find_organisation()
    if organisation is not None:
        # A set-up organisation (init-db --preset): its own people make the demo; no password is touched.
        try:
            made = build_demo(tickets=args.tickets)
        except ValueError as error:
            _error(f"desk-app: demo: {error}")
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

    if not args.password_stdin and not (sys.stdin and sys.stdin.isatty()):
        # getpass would fall back to reading an echoed line (or fail) without a terminal: say what works instead.
        _error("desk-app: passwd: no terminal to type the password on; pipe it in with --password-stdin")
        return 2
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
        _error(f"desk-app: {error}")
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
                _error(f"desk-app: no ticket numbered {args.number}")
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
        _error(f"desk-app: {error}")
        return 1
    except DeskError as error:   # no such ticket, inspection or finding, or it has no such form; a bad range
        _error(f"desk-app: {error}")
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
        _error(f"desk-app: no active staff member {username}")
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
        _error(f"desk-app: {error}")
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
    from desk_app.core.errors import DeskError, ValidationError
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
            changed = service.import_official_schedule(actor, args.year, _schedule_text(args.file))
        else:
            changed = service.set_office_hours(actor, args.hours)
    except OSError as error:
        _error(f"desk-app: cannot read {args.file}: {error.strerror or error}")
        return 2
    except ValidationError as error:
        # A schedule that does not describe the year is bad input (2); bad office hours keep their refusal (1).
        _error(f"desk-app: {error}")
        return 2 if error.field == "schedule" else 1
    except DeskError as error:
        _error(f"desk-app: {error}")
        return 1
    print(f"calendar changed; deadlines of {changed} open tickets recomputed")
    return 0


def _schedule_text(path: Path) -> str:
    """The text of a schedule file: UTF-8 (with or without a byte-order mark), at most MAX_SCHEDULE_BYTES; an
    unreadable, binary or oversized file is an OSError saying so (one line)."""
    with path.open("rb") as handle:
        data = handle.read(MAX_SCHEDULE_BYTES + 1)
    if len(data) > MAX_SCHEDULE_BYTES:
        raise OSError(f"more than {MAX_SCHEDULE_BYTES:,} bytes, not a holiday schedule")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise OSError("not UTF-8 text, not a holiday schedule") from None


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
        _error(f"desk-app: {error}")
        return None
    _open_existing(args)
    now = dt.datetime.now().replace(microsecond=0)
    try:
        summary = summarize(DeskService().viewer(_cli_actor(args)), period, now)
    except DeskError as error:
        _error(f"desk-app: {error}")
        return None
    if summary_is_empty(summary):
        _error(f"desk-app: no calls or tickets in {period.text()}; nothing written")
        return None
    return summary


def _write(path: Path, data: bytes) -> int:
    try:
        path.write_bytes(data)
    except OSError as error:
        _error(f"desk-app: cannot write {path}: {error.strerror}")
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
        _error(f"desk-app: {error}")
        return 1
    except OSError as error:
        _error(f"desk-app: cannot write {args.output}: {error.strerror}")
        return 1
    print(f"{args.output} ({args.output.stat().st_size:,} bytes)")
    return 0


def _open_existing(args: argparse.Namespace) -> None:
    """Open the database a reading command needs, which must exist already: if it does not (no SQLite file, or no
    tables yet), say so in one line and exit 2 (no file) or 1 (no tables) rather than leave an empty database
    behind; else as `_open`."""
    from desk_app.models.db import redact_url
    from desk_app.services.setup import database_is_new

    url = _database_url(args, create=False)
    hint = "create it with `desk-app init-db` (with the same --database or DESK_DATABASE_URL)"
    shown = redact_url(url)
    try:
        new = database_is_new(url)
    except Exception as error:  # an unreachable server, a wrong password: say so in one line
        _cannot_open(error, url)
    if new:
        _error(f"desk-app: the database {shown} has no tables yet; {hint}")
        raise SystemExit(1)
    _open(args)


def _followups(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """`followups list [--days N] --user NAME`: the follow-up calls due, one a line (tab-separated)."""
    from desk_app.core.errors import DeskError
    from desk_app.core.followups import FollowUpReason
    from desk_app.core.labels import chinese

    _open_existing(args)
    from desk_app.services import followups
    from desk_app.services.desk import DeskService

    service = DeskService()
    try:
        rows = followups.due_follow_ups(service.viewer(_cli_actor(args)), service.now().date(),
                                        include_upcoming_days=args.days)
    except DeskError as error:
        _error(f"desk-app: {error}")
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
        _error(f"desk-app: {error}")
        return 1
    except DeskError as error:   # merging an archive with itself or a merged one, no such archive
        _error(f"desk-app: {error}")
        return 2
    return 0


def _kb(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """`kb search QUERY` (one article a line, best first) and `kb add --question Q --answer A --user NAME`."""
    from desk_app.core.errors import DeskError, PermissionDenied, ValidationError

    if args.kb_command == "search":
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
        _error(f"desk-app: {error}")
        return 1
    except ValidationError as error:
        parser.error(f"--{error.field or 'question'}: {error}")
    except DeskError as error:
        _error(f"desk-app: {error}")
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
        _error(f"desk-app: backup: {error}")
        return 1
    except OSError as error:
        _error(f"desk-app: backup: {error.strerror or error}: {error.filename or args.output}")
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
            _error(f"desk-app: restore: replacing {where} needs a confirmation: run it in a terminal or add --yes")
            return 1
        try:
            answer = input(f"replace everything in {where} by {args.file}? [y/N] ")
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            _error("desk-app: restore: nothing changed")
            return 1
    try:
        info = restore(args.file, url)
    except DeskError as error:
        _error(f"desk-app: restore: {error}")
        return 1
    except OSError as error:
        _error(f"desk-app: restore: {error.strerror or error}: {error.filename or args.file}")
        return 1
    upgraded = f", upgraded by {info.migrations_applied} migrations" if info.migrations_applied else ""
    print(f"{where} restored from {info.path} (schema version {info.schema_version}{upgraded})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
