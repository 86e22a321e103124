"""Screenshots of the seed's procedures in the real main window, each on its preset's demo data and seen by the person
who owns the step (offscreen, QWidget.grab).

    .venv/bin/python tools/screenshots_procedures.py [OUT_DIR]

For each preset it makes a database (`init-db --preset`, then `demo`), opens the main window as a person of the
procedure, shows the queue and the ticket a step waits on, and saves the window as proc_<name>.png in OUT_DIR
(default resources/screenshots). It also prints the rule book's answer (`ticket actions`) for that person and ticket.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

# The demo's last day and the window's clock (fixed, so every run shows the same tickets).
NOW = dt.datetime(2026, 11, 26, 10, 0)
# (file, preset, username, queue, ticket condition, what it shows)
SHOTS = [
    ("proc_10086_coordination", "telecom", "coord", "approval", {"state": "pending_coordination"},
     "10086: 协调小组 analyses before 质检 and the reply"),
    ("proc_transfer_leader", "telecom", "leader", "approval", {"state": "pending_leader", "kind": "consultation"},
     "transfer procedure: a consultation waits for the department leader"),
    ("proc_ftth_construction", "telecom", "ftth", "all", {"kind": "ftth_install", "construction": True},
     "FTTH: the install with its construction task"),
    ("proc_property_slip", "property", "receptionist", "to_visit",
     {"state": "resolved", "kind": "repair", "slip_pending": True},
     "property front desk: 返单 before the return visit, due the same day"),
    ("proc_terminal_jurisdiction", "terminal", "dispatcher", "all", {"state": "in_progress"},
     "terminal: the provincial 二级客服 sees and dispatches his own cities only"),
]


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "resources" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    for preset in sorted({shot[1] for shot in SHOTS}):
        with tempfile.TemporaryDirectory() as folder:
            os.environ["DESK_APP_DATA_DIR"] = folder
            url = f"sqlite:///{Path(folder) / 'desk.db'}"
            _make_database(url, preset)
            for shot in (s for s in SHOTS if s[1] == preset):
                _shoot(url, out, *shot)
            if preset == "property":
                _weekly_check(url, out)
    return 0


def _weekly_check(url: str, out: Path) -> None:
    """周检: the front desk walks the seed's checklist with the property company's person, two problems, co-signed;
    the inspections dialog opened from the work menu (工作 › 巡视检查)."""
    from desk_app.core.inspections import InspectionKind, Responsibility, checklist_for
    from desk_app.models.db import close_database
    from desk_app.models.schema import Staff
    from desk_app.services import inspections
    from desk_app.services.desk import Actor, DeskService
    from desk_app.services.setup import init_database
    from desk_app.ui.app import install_translators, make_application
    from desk_app.ui.context import DeskContext
    from desk_app.ui.main_window import MainWindow

    app = make_application()
    install_translators(app, "zh_CN")
    init_database(url)
    try:
        service = DeskService(now=lambda: NOW)
        desk = Actor.of(Staff.select().where(Staff.role == "receptionist").order_by(Staff.id).first())
        check = inspections.start_inspection(service, desk, InspectionKind.WEEKLY, area="一期")
        problems = {1: ("3号楼垃圾箱外观脏污", Responsibility.PROPERTY, False, "3号楼"),
                    7: ("5号楼单元门禁无法刷卡开门", Responsibility.OWN, True, "5号楼2单元")}
        for index, item in enumerate(checklist_for(InspectionKind.WEEKLY)):
            if index in problems:
                text, responsible, serious, where = problems[index]
                inspections.record_result(service, desk, check, item.code, ok=False, problem=text,
                                          responsibility=responsible, serious=serious, location=where)
            else:
                inspections.record_result(service, desk, check, item.code, ok=True)
        inspections.co_sign(service, desk, check, "物业公司 赵经理")
        ctx = DeskContext(service, desk)
        window = MainWindow(ctx, database_url=url)
        window.resize(1600, 1000)
        window.show()
        dialog = window.open_inspections_dialog()
        dialog.resize(1400, 860)
        dialog.select_inspection(check)
        for _ in range(20):
            app.processEvents()   # a screenshot tool, not the app: let the dialog paint once
        path = out / "proc_property_weekly_check.png"
        dialog.grab().save(str(path))
        shrink(path)
        print(f"{path.name}: property weekly check, co-signed, two findings — {desk.name}")
        window.close()
        ctx.close()
        window.deleteLater()
        app.processEvents()
    finally:
        close_database()


def shrink(path: Path) -> None:
    """A palette PNG of at most MAX_BYTES (ImageMagick, no dithering: text stays sharp), as the other tools do."""
    if shutil.which("convert") is None:
        return
    from screenshots_main import palette_png

    raw = path.with_suffix(".raw.png")
    path.rename(raw)
    palette_png(raw, path)


def _make_database(url: str, preset: str) -> None:
    from desk_app.models.db import close_database
    from desk_app.services.demo import build_demo
    from desk_app.services.presets import apply_preset
    from desk_app.services.setup import init_database

    init_database(url)
    apply_preset(preset)
    build_demo(tickets=320, now=NOW)
    close_database()


def _person(kind: str):
    """A staff member for the shot: a role name, or a department code's leader ("coord", "ftth")."""
    from desk_app.models.schema import Department, Staff
    from desk_app.services.desk import Actor

    if kind == "coord":
        department = Department.get(Department.code == "coord")
        return Actor.of(Staff.get((Staff.department == department.id) & (Staff.role == "leader")))
    if kind == "ftth":
        department = Department.get(Department.code == "network")
        return Actor.of(Staff.get((Staff.department == department.id) & (Staff.role == "receiver")))
    return Actor.of(Staff.select().where((Staff.role == kind) & Staff.active).order_by(Staff.id).first())


def _ticket(viewer, condition: dict) -> int | None:
    from desk_app.models.schema import ConstructionTask, Ticket
    from desk_app.services.queries import scope_condition

    query = Ticket.select(Ticket.id).where(scope_condition(viewer))
    if "state" in condition:
        query = query.where(Ticket.state == condition["state"])
    if "kind" in condition:
        query = query.where(Ticket.kind == condition["kind"])
    if condition.get("construction"):      # a construction task still under way
        query = query.where(Ticket.id.in_(ConstructionTask.select(ConstructionTask.ticket).where(
            ConstructionTask.maintainer_notified_at.is_null())))
    if condition.get("any_construction"):
        query = query.where(Ticket.id.in_(ConstructionTask.select(ConstructionTask.ticket)))
    if condition.get("slip_pending"):
        query = query.where(Ticket.slip_returned_at.is_null())
    row = query.order_by(Ticket.id.desc()).first()
    if row is None and condition.get("construction"):     # none under way: one whose construction is done
        return _ticket(viewer, {**condition, "construction": False, "any_construction": True})
    return row.id if row else None


def _shoot(url: str, out: Path, name: str, preset: str, who: str, queue: str, condition: dict, what: str) -> None:

    from desk_app.core.labels import chinese
    from desk_app.core.queues import Queue
    from desk_app.models.db import close_database
    from desk_app.services.desk import DeskService
    from desk_app.services.setup import init_database
    from desk_app.ui.app import install_translators, make_application
    from desk_app.ui.context import DeskContext
    from desk_app.ui.main_window import MainWindow

    app = make_application()
    install_translators(app, "zh_CN")
    init_database(url)
    try:
        service = DeskService(now=lambda: NOW)
        actor = _person(who)
        ctx = DeskContext(service, actor)
        window = MainWindow(ctx, database_url=url)
        window.resize(1600, 1000)
        window.show()
        window.show_queue(Queue(queue))
        ticket_id = _ticket(ctx.viewer(), condition)
        if ticket_id is not None:
            window.show_ticket(ticket_id)
        for _ in range(20):
            app.processEvents()   # a screenshot tool, not the app: let the window paint once
        path = out / f"{name}.png"
        window.grab().save(str(path))
        shrink(path)
        print(f"{path.name}: {what} — {actor.name} ({actor.role}), ticket {ticket_id}")
        if ticket_id is not None:
            for capability, verdict in service.evaluate(actor, ticket_id):
                if verdict.allowed or verdict.waiting:
                    state = "allowed" if verdict.allowed else f"waiting: {verdict.render()}"
                    print(f"    {chinese(capability)}: {state}")
        window.close()
        ctx.close()
        window.deleteLater()
        app.processEvents()
    finally:
        close_database()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
