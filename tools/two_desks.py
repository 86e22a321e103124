"""Two desks on one PostgreSQL server, under an X display: a change travels, a conflict is refused, an outage is
survived in the same process. Screenshots of the whole screen at each step (issue 10's "done when").

    Xvfb :98 -screen 0 2560x1080x24 &
    DISPLAY=:98 .venv/bin/python tools/two_desks.py [OUT_DIR]

The script starts a throwaway PostgreSQL cluster (tests/postgres.py), fills it with the demo center,
and starts `desk-app` twice (desk_app.ui.app.run_gui, each in a process of its own, side by side on the screen): desk
A signed in as reception (前台一), desk B as reception2 (前台二), through the real sign-in dialog. Then it sends each
desk commands through a folder (the desk reads them on a timer and does what a person would: types into the intake,
clicks a ticket, clicks 派单… and OK) and stops and starts the server with pg_ctl. It prints what it measured and
fails (exit code 1) if a step did not happen. Writes into OUT_DIR (default /tmp/two_desks):
two_desks_1_travelled.png, two_desks_2_conflict.png, two_desks_3_outage.png, two_desks_4_back.png.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SCREEN = (2560, 1080)
MARK = "两台前台测试"   # in the texts this script types, to find its tickets


def write_whole(path: Path, data: dict) -> None:
    """The reader sees the file whole or not at all."""
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    os.replace(temporary, path)


# ----- in a desk's process ------------------------------------------------------------------------------------------

def desk(args: argparse.Namespace) -> int:
    """Sign in as args.user through the real dialog, then do the commands found in args.ctrl, one by one."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desk_app.core.kinds import TicketKind
    from desk_app.core.queues import Queue
    from desk_app.core.states import Action
    from desk_app.services.demo import DEMO_PASSWORD
    from desk_app.ui import app as app_module
    from desk_app.ui.main_window.window import MainWindow
    from desk_app.ui.queue_model import TICKET_ID_ROLE
    from desk_app.ui.signin import SignInDialog
    from tools.signin_driver import type_and_sign_in

    ctrl = Path(args.ctrl)
    x = int(args.x)
    done: set[str] = set()

    def window() -> MainWindow | None:
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)

    def rows(win: MainWindow) -> list[tuple[int, str]]:
        model = win.current_view().model()
        return [(model.index(r, 0).data(TICKET_ID_ROLE), model.index(r, 0).data()) for r in
                range(min(model.rowCount(), 60))]

    def select(win: MainWindow, number: str) -> bool:
        view = win.current_view()
        for row, (_id, shown) in enumerate(rows(win)):
            if shown == number:
                index = view.model().index(row, 0)
                view.scrollTo(index)
                QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
                return True
        return False

    def modal_text() -> str:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            return box.text()
        return ""

    def run(command: dict) -> dict:
        win = window()
        name = command["cmd"]
        if name == "ready":
            return {"ok": win is not None and not win.detail.loading() if win else False}
        assert win is not None
        if name == "show_queue":
            win.show_queue(Queue(command["queue"]))
            return {"ok": True}
        if name == "intake":
            panel = win.intake
            panel.clear_form()
            QTest.keyClicks(panel.phone_edit, command["phone"])
            panel.caller_edit.setText(command["caller"])
            panel.content_edit.setPlainText(command["content"])
            panel.kind_combo.setCurrentIndex(panel.kind_combo.findData(TicketKind(command["kind"])))
            QTest.qWait(200)
            QTest.mouseClick(panel.create_button, Qt.MouseButton.LeftButton)
            return {"ok": True, "at": time.time()}
        if name == "status":
            return {"ok": True, "intake_status": win.intake.status_label.text(),
                    "banner": win.outage_banner.isVisible(), "banner_text": win.outage_banner.title_label.text()
                    + " " + win.outage_banner.waiting_label.text(), "statusbar": win.statusBar().currentMessage(),
                    "modal": modal_text(), "detail": win.detail.current_ticket_id,
                    "dialog_open": win.detail._dialog is not None,
                    "message": win.detail.message_label.text() if win.detail.message_label.isVisible() else ""}
        if name == "first_row":
            shown = rows(win)
            return {"ok": bool(shown), "number": shown[0][1] if shown else ""}
        if name == "has":
            return {"ok": any(shown == command["number"] for _id, shown in rows(win)), "at": time.time()}
        if name == "select":
            return {"ok": select(win, command["number"])}
        if name == "open_dispatch":
            QTest.mouseClick(win.detail.action_buttons[Action.DISPATCH], Qt.MouseButton.LeftButton)
            QTest.qWait(300)
            dialog = win.detail._dialog
            if dialog is None:
                return {"ok": False}
            dialog.select_department(command["department_id"])
            return {"ok": True}
        if name == "ok":
            dialog = win.detail._dialog
            if dialog is None:
                return {"ok": False}
            QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
            return {"ok": True}
        if name == "close_modal":
            box = QApplication.activeModalWidget()
            if box is not None:
                box.close()
            return {"ok": True}
        if name == "quit":
            win.close()
            return {"ok": True}
        return {"ok": False, "error": f"unknown command {name}"}

    def poll() -> None:
        for path in sorted(ctrl.glob("cmd-*.json")):
            if path.name in done:
                continue
            done.add(path.name)
            command = json.loads(path.read_text("utf-8"))
            try:
                result = run(command)
            except Exception as error:  # reported to the driver, which fails the step
                result = {"ok": False, "error": repr(error)}
            write_whole(ctrl / path.name.replace("cmd-", "res-"), result)

    def sign_in(dialog) -> int:
        if not isinstance(dialog, SignInDialog):
            return dialog.exec()
        result = type_and_sign_in(dialog, args.user, DEMO_PASSWORD)
        QTimer.singleShot(500, place)
        return result

    def place() -> None:
        win = window()
        if win is None:
            QTimer.singleShot(200, place)
            return
        win.showNormal()
        win.setGeometry(x, 0, SCREEN[0] // 2, SCREEN[1] - 30)
        timer = QTimer(win)
        timer.timeout.connect(poll)
        timer.start(50)

    app_module.run_dialog = sign_in
    return app_module.run_gui(argparse.Namespace(database=args.database, lang="zh_CN", user=args.user,
                                                 no_demo=True))


# ----- the driver ---------------------------------------------------------------------------------------------------

class Desk:
    """A desk process and its command folder."""

    def __init__(self, name: str, user: str, x: int, url: str, folder: Path) -> None:
        self.name = name
        self.ctrl = folder / f"ctrl-{name}"
        self.ctrl.mkdir()
        home = folder / f"home-{name}"
        env = dict(os.environ, XDG_CONFIG_HOME=str(home / "config"), DESK_APP_DATA_DIR=str(home / "data"))
        env.pop("QT_QPA_PLATFORM", None)
        self.log = open(folder / f"desk-{name}.log", "w")
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--desk", "--user", user, "--x", str(x), "--ctrl", str(self.ctrl),
             "--database", url], env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.count = 0

    def send(self, cmd: str, timeout: float = 20, **args) -> dict:
        self.count += 1
        name = f"cmd-{self.count:04d}.json"
        write_whole(self.ctrl / name, {"cmd": cmd, **args})
        result = self.ctrl / name.replace("cmd-", "res-")
        deadline = time.time() + timeout
        while time.time() < deadline:
            if result.exists():
                return json.loads(result.read_text("utf-8"))
            if self.process.poll() is not None:
                raise SystemExit(f"desk {self.name} ended (code {self.process.returncode}); see its log")
            time.sleep(0.02)
        raise SystemExit(f"desk {self.name}: no answer to {cmd} within {timeout} s")

    def until(self, cmd: str, check, timeout: float = 20, **args) -> dict:
        """Send `cmd` again until check(result) holds; the last result."""
        deadline = time.time() + timeout
        while True:
            result = self.send(cmd, **args)
            if check(result) or time.time() > deadline:
                return result
            time.sleep(0.05)


def grab(path: Path) -> None:
    """The whole X screen as a palette PNG (tools/screenshots_main.py's size limit)."""
    from tools.screenshots_main import palette_png

    raw = path.with_suffix(".raw.png")
    subprocess.run(["import", "-window", "root", str(raw)], check=True)
    palette_png(raw, path)


def step(ok: bool, what: str, failures: list[str]) -> None:
    print(("ok      " if ok else "FAILED  ") + what, flush=True)
    if not ok:
        failures.append(what)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default="/tmp/two_desks")
    parser.add_argument("--desk", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--user", help=argparse.SUPPRESS)
    parser.add_argument("--x", help=argparse.SUPPRESS)
    parser.add_argument("--ctrl", help=argparse.SUPPRESS)
    parser.add_argument("--database", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.desk:
        return desk(args)
    if not os.environ.get("DISPLAY"):
        parser.error("needs an X display: start Xvfb :98 -screen 0 2560x1080x24 and set DISPLAY=:98")
    from tests.postgres import Cluster

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    failures: list[str] = []
    cluster = Cluster().start()
    desks: list[Desk] = []
    try:
        url = cluster.create_database("center")
        cli = [sys.executable, "-m", "desk_app", "--database", url]
        subprocess.run([*cli, "init-db"], check=True, capture_output=True)
        subprocess.run([*cli, "demo"], check=True, capture_output=True)   # the demo center: reception, reception2…
        folder = Path(tempfile.mkdtemp(prefix="two_desks_"))
        a = Desk("A", "reception", 0, url, folder)
        b = Desk("B", "reception2", SCREEN[0] // 2, url, folder)
        desks = [a, b]
        for d in desks:
            d.until("ready", lambda r: r.get("ok"), timeout=90)
        print(f"two desks signed in; logs and folders in {folder}", flush=True)
        time.sleep(2)
        from desk_app.core.queues import Queue

        for d in desks:
            d.send("show_queue", queue=Queue.TO_DISPATCH.value)

        # 1. A change travels: A takes a call and makes a ticket; it shows in B's open queue.
        typed = a.send("intake", phone="13905718866", caller="沈先生", kind="consultation",
                       content=f"{MARK}：咨询小区车位租赁办理流程")
        made = a.until("status", lambda r: "2026-" in r["intake_status"] or "已" in r["intake_status"], timeout=10)
        number = next((w for w in made["intake_status"].replace("：", " ").replace("，", " ").split()
                       if w.startswith("20") and "-" in w), "")
        step(bool(number), f"A made ticket {number!r} ({made['intake_status']})", failures)
        seen = b.until("has", lambda r: r["ok"], timeout=5, number=number)
        step(seen["ok"], f"B's queue shows {number} {seen['at'] - typed['at']:.2f} s after A clicked 生成工单",
             failures)
        b.send("select", number=number)
        time.sleep(1.2)
        grab(out / "two_desks_1_travelled.png")

        # 2. A conflict: A opens 派单 on it and chooses a department; meanwhile B dispatches it; A's OK is refused.
        from desk_app.models.db import close_database, open_database
        from desk_app.models.schema import Department, Ticket

        open_database(url)
        departments = [d.id for d in Department.select().where(Department.active == True)  # noqa: E712
                       .order_by(Department.id)]
        close_database()
        a.send("select", number=number)
        time.sleep(1.0)
        step(a.send("open_dispatch", department_id=departments[0])["ok"], "A opened 派单 and chose a department",
             failures)
        b.send("select", number=number)
        time.sleep(1.0)
        step(b.send("open_dispatch", department_id=departments[1])["ok"], "B opened 派单", failures)
        b.send("ok")
        time.sleep(2.0)   # B's dispatch is saved and announced; A's pane hears it
        a.send("ok")
        refused = a.until("status", lambda r: r["modal"] or r["message"], timeout=10)
        text = refused["modal"] or refused["message"]
        step("他人" in text or "changed" in text, f"A's dispatch refused: {text!r}", failures)
        time.sleep(0.5)
        grab(out / "two_desks_2_conflict.png")
        a.send("close_modal")
        open_database(url)
        ticket = Ticket.get(Ticket.number == number)
        step(ticket.department_id == departments[1], "the ticket went where B sent it (A overwrote nothing)", failures)
        close_database()

        # 3. An outage: the server stops while A has 派单 open on another ticket and B is idle. A clicks OK, then
        # takes a call anyway; the banner shows; what she did and typed is kept on her PC.
        other = a.send("first_row")["number"]
        from desk_app.models.schema import History

        open_database(url)
        other_id = Ticket.get(Ticket.number == other).id
        dispatches_before = History.select().where((History.ticket == other_id)
                                                   & (History.action == "dispatch")).count()
        close_database()
        a.send("select", number=other)
        time.sleep(1.0)
        step(a.send("open_dispatch", department_id=departments[0])["ok"], f"A opened 派单 on {other}", failures)
        cluster.pause()
        a.send("ok")
        kept_action = a.until("status", lambda r: r["banner"], timeout=15)
        step(kept_action["banner"], f"A's dispatch of {other} kept: {kept_action['message']!r}", failures)
        seen_down = b.until("status", lambda r: r["banner"], timeout=15)
        step(seen_down["banner"], f"B, idle, shows the banner too: {seen_down['banner_text']!r}", failures)
        a.send("intake", phone="13867120099", caller="韩女士", kind="repair",
               content=f"{MARK}：断网期间受理，厨房水槽下水管漏水")
        kept = a.until("status", lambda r: r["banner"], timeout=15)
        step(kept["banner"], f"A's banner: {kept['banner_text']!r}; intake: {kept['intake_status']!r}", failures)
        time.sleep(1.0)
        grab(out / "two_desks_3_outage.png")

        # 4. The server is back: the kept intake is saved once, the banner goes, B sees the new ticket.
        cluster.resume()
        back = a.until("status", lambda r: not r["banner"], timeout=20)
        step(not back["banner"], f"A's banner gone; status bar: {back['statusbar']!r}", failures)
        open_database(url)
        saved = list(Ticket.select().where(Ticket.description.contains("断网期间受理")))
        dispatched = Ticket.get(Ticket.number == other)
        dispatches = History.select().where((History.ticket == dispatched.id)
                                            & (History.action == "dispatch")).count() - dispatches_before
        close_database()
        step(len(saved) == 1, f"the kept intake was saved exactly once ({len(saved)} ticket)", failures)
        step(dispatched.department_id == departments[0] and dispatches == 1,
             f"the kept dispatch of {other} was saved exactly once ({dispatches} dispatch line)", failures)
        b_back = b.until("status", lambda r: not r["banner"], timeout=20)
        step(not b_back["banner"], "B's banner gone", failures)
        if saved:
            b.send("show_queue", queue=Queue.IN_HAND.value if saved[0].state != "new" else Queue.TO_DISPATCH.value)
            seen = b.until("has", lambda r: r["ok"], timeout=10, number=saved[0].number)
            step(seen["ok"], f"B's queue shows the kept intake {saved[0].number}", failures)
            b.send("select", number=saved[0].number)
            a.send("select", number=saved[0].number)
        time.sleep(1.5)
        grab(out / "two_desks_4_back.png")
    finally:
        for d in desks:
            try:
                d.send("quit", timeout=5)
            except SystemExit:
                pass
            try:
                d.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                d.process.kill()
            d.log.close()
        cluster.stop()
    print("screenshots in", out)
    if failures:
        print(f"{len(failures)} step(s) failed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
