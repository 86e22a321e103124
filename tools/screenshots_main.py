"""Screenshots of the real application, one person of each role signed in, on an X display (Xvfb).

    Xvfb :97 -screen 0 1600x1000x24 &
    DISPLAY=:97 .venv/bin/python tools/screenshots_main.py [OUT_DIR] [--database URL] [--language zh_CN|en]

Each role runs `desk-app` itself (desk_app.ui.app.run_gui) in a fresh process: the very first one meets a new
database and builds the demo behind its progress bar. The script only does what a person at the desk would: it
types the user name and the demo password into the sign-in dialog, clicks a ticket in the queue, then the whole
screen is grabbed with ImageMagick's `import -window root`. Writes main_window.png (the front desk),
role_<role>.png for the others, and signin.png, into OUT_DIR (default resources/screenshots).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# (role, file name); the user name of each is chosen on the database (see pick_users).
ROLES = [("receptionist", "main_window.png"), ("receiver", "role_receiver.png"), ("leader", "role_leader.png"),
         ("audit", "role_audit.png"), ("supervisor", "role_supervisor.png"), ("admin", "role_admin.png"),
         ("dispatcher", "role_dispatcher.png"), ("office", "role_office.png"), ("center", "role_center.png"),
         ("field", "role_field.png")]
SETTLE_MS = 7_000      # after sign-in: the first deadline scan (3 s) has written its notices
MAX_BYTES = 150_000    # a palette PNG of a 1600x1000 screen: fewer colours until it fits


def pick_users(url: str) -> dict[str, str]:
    """One demo account per role: the receiver of the department with most tickets to accept, and the leader of
    one with solutions to approve (if the demo's month left none waiting, a few drafted solutions are handed in
    first, by their receivers, through the services)."""
    from desk_app.core.states import State
    from desk_app.core.workflow import Step, workflow_for
    from desk_app.core.kinds import TicketKind
    from desk_app.models.db import close_database
    from desk_app.models.schema import Department, Staff, Ticket
    from desk_app.services.desk import Actor, DeskService
    from desk_app.services.notify import Notifier
    from desk_app.services.setup import init_database

    init_database(url)
    try:
        service = DeskService()
        service.events.subscribe(Notifier(service.now, events=service.events).on_change)  # the leader is told

        def busiest(state: str) -> Department | None:
            counts: dict[int, int] = {}
            for ticket in Ticket.select(Ticket.department).where(Ticket.state == state):
                if ticket.department_id:
                    counts[ticket.department_id] = counts.get(ticket.department_id, 0) + 1
            return Department.get_by_id(max(counts, key=counts.get)) if counts else None

        def member(department: Department, role: str) -> str:
            return Staff.get((Staff.department == department.id) & (Staff.role == role)).username

        if busiest(State.PENDING_LEADER.value) is None:
            drafted = 0
            for ticket in Ticket.select().where(Ticket.state == State.IN_PROGRESS.value).order_by(Ticket.id):
                path = workflow_for(TicketKind(ticket.kind), service.workflows()).path(ticket.sensitive)
                if path[:1] != [Step.LEADER] or ticket.receiver_id is None:
                    continue
                receiver = Actor.of(Staff.get_by_id(ticket.receiver_id))
                service.resolve(receiver, ticket.id, "已与相关住户沟通协调，问题已解决，请领导审批")
                drafted += 1
                if drafted == 3:
                    break
        return {
            "receptionist": "reception",
            "receiver": member(busiest(State.DISPATCHED.value) or Department.get(Department.code == "engineering"),
                               "receiver"),
            "leader": member(busiest(State.PENDING_LEADER.value) or Department.get(Department.code == "assist"),
                             "leader"),
            "audit": "audit",
            "supervisor": "supervisor",
            "admin": "admin",
            "dispatcher": "dispatcher",
            "office": "office",
            "center": "center",
            "field": member(Department.get(Department.code == "engineering"), "field"),
        }
    finally:
        close_database()


def grab(path: Path) -> None:
    """The whole X screen as a palette PNG of at most MAX_BYTES (text stays sharp: no dithering)."""
    raw = path.with_suffix(".raw.png")
    subprocess.run(["import", "-window", "root", str(raw)], check=True)
    palette_png(raw, path)


def palette_png(raw: Path, path: Path) -> None:
    """`raw` as a palette PNG at `path` of at most MAX_BYTES, fewer colours until it fits; `raw` is removed."""
    try:
        for colors in (256, 96, 64, 48, 40, 32, 24):
            subprocess.run(["convert", str(raw), "-dither", "None", "-colors", str(colors), "-define",
                            "png:compression-level=9", f"png8:{path}"], check=True)
            if path.stat().st_size <= MAX_BYTES:
                break
    finally:
        raw.unlink()


def one(args: argparse.Namespace) -> int:
    """In the child process: sign in as args.user through the real dialog, show some work, grab the screen."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desk_app.core.queues import Queue
    from desk_app.services.demo import DEMO_PASSWORD
    from desk_app.ui import app as app_module
    from desk_app.ui.main_window.window import MainWindow
    from desk_app.ui.signin import SignInDialog
    from tools.signin_driver import type_and_sign_in

    out = Path(args.out)
    preferred = {
        "receptionist": [Queue.TO_DISPATCH, Queue.IN_HAND], "receiver": [Queue.TO_ACCEPT, Queue.IN_HAND],
        "leader": [Queue.APPROVAL], "audit": [Queue.TO_CONFIRM, Queue.RETURNED], "supervisor": [Queue.OVERDUE],
        "admin": [Queue.ALL], "dispatcher": [Queue.TO_DISPATCH], "office": [Queue.APPROVAL, Queue.ALL],
        "center": [Queue.APPROVAL, Queue.ALL], "field": [Queue.IN_HAND],
    }[args.role]

    def show_work() -> None:
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        queue = next((q for q in preferred if window.queue_count(q)), window.queues[0])
        window.show_queue(queue)
        view = window.current_view()
        if view.model().rowCount():
            index = view.model().index(0, 0)
            QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
        if args.role == "admin":
            bar = window.menuBar()
            window.admin_menu.popup(bar.mapToGlobal(bar.actionGeometry(window.admin_menu.menuAction()).bottomLeft()))
        QTimer.singleShot(1500, lambda: finish(window))

    def finish(window) -> None:
        grab(out / args.file)
        window.admin_menu.hide()
        window.close()

    def sign_in(dialog) -> int:
        if not isinstance(dialog, SignInDialog):
            return dialog.exec()
        def before_click() -> None:
            QTest.qWait(300)
            if args.signin:
                grab(out / "signin.png")

        result = type_and_sign_in(dialog, args.user, DEMO_PASSWORD, before_click=before_click)
        QTimer.singleShot(SETTLE_MS, show_work)
        return result

    app_module.run_dialog = sign_in
    return app_module.run_gui(argparse.Namespace(database=args.database, lang=args.language, user=args.user,
                                                 no_demo=False))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(ROOT / "resources" / "screenshots"))
    parser.add_argument("--database", help="default: a new database in a temporary folder (the demo is built)")
    parser.add_argument("--language", default="zh_CN")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--role", help=argparse.SUPPRESS)
    parser.add_argument("--user", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--signin", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        return one(args)
    if not os.environ.get("DISPLAY"):
        parser.error("needs an X display: start Xvfb :97 -screen 0 1600x1000x24 and set DISPLAY=:97")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        database = args.database or f"sqlite:///{Path(folder) / 'desk.db'}"
        users: dict[str, str] = {}
        for index, (role, file) in enumerate(ROLES):
            # Each run as a first start on this machine: its own settings and data folders.
            home = Path(folder) / f"home-{role}"
            # The first run makes the new database: as the embedded default of its data folder (the window creates
            # only that one; a --database file that does not exist is refused as a mistyped path).
            data = folder if index == 0 and not args.database else str(home / "data")
            env = dict(os.environ, XDG_CONFIG_HOME=str(home / "config"), DESK_APP_DATA_DIR=data)
            env.pop("QT_QPA_PLATFORM", None)
            user = users.get(role, "reception")
            command = [sys.executable, __file__, str(out), "--one", "--role", role, "--user", user, "--file", file,
                       "--database", database, "--language", args.language]
            if index == 0:
                command.append("--signin")
            subprocess.run(command, env=env, check=True, timeout=300)
            if index == 0:
                users = pick_users(database)
            print(f"{out / file}: {role} ({user})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
