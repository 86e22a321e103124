"""Screenshots of the knowledge base (知识库) on the property preset's demo data, in Chinese (offscreen, QWidget.grab).

    .venv/bin/python tools/screenshots_knowledge.py [OUT_DIR]

kb_intake_offered.png: the intake panel while a caller asks about decoration: the answers the knowledge base offers
under the content, the first chosen and shown whole; kb_intake_answered.png: the same call closed with it
(已解答（知识库）), the status line saying so; kb_window.png: 工作 › 知识库 as the supervisor, searching, an article
agreed at the weekly meeting on the right; kb_meeting_dialog.png: 存入知识库（班务会答复口径） on a solved ticket.
OUT_DIR defaults to /tmp/shots.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

NOW = dt.datetime(2026, 11, 26, 10, 0)
CONTENT = "业主来电：下个月准备装修，问装修手续怎么办理，要带什么材料"


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path("/tmp/shots")
    out.mkdir(parents=True, exist_ok=True)
    from screenshots_procedures import _make_database, shrink

    with tempfile.TemporaryDirectory() as folder:
        os.environ["DESK_APP_DATA_DIR"] = folder
        url = f"sqlite:///{Path(folder) / 'desk.db'}"
        _make_database(url, "property")
        for path in _shoot(url, out):
            shrink(path)
            print(path)
    return 0


def _settle(app) -> None:
    for _ in range(20):
        app.processEvents()   # a screenshot tool, not the app: let the widgets paint once


def _shoot(url: str, out: Path) -> list[Path]:
    from desk_app.core.search import national_digits
    from desk_app.models.db import close_database
    from desk_app.models.schema import Customer, KbArticle, Staff, Ticket
    from desk_app.services.desk import Actor, DeskService
    from desk_app.services.setup import init_database
    from desk_app.ui.app import install_translators, make_application
    from desk_app.ui.context import DeskContext
    from desk_app.ui.main_window import MainWindow

    app = make_application()
    install_translators(app, "zh_CN")
    init_database(url)
    paths: list[Path] = []
    try:
        service = DeskService(now=lambda: NOW)
        desk = Actor.of(Staff.select().where(Staff.role == "receptionist").order_by(Staff.id).first())
        supervisor = Actor.of(Staff.select().where(Staff.role == "supervisor").order_by(Staff.id).first())
        ctx = DeskContext(service, desk)
        window = MainWindow(ctx, database_url=url)
        window.resize(1600, 1000)
        window.show()
        panel = window.intake
        window.intake_dock.show()
        customer = Customer.select().order_by(Customer.id).first()
        panel.phone_edit.setText(national_digits(customer.phone))
        panel.lookup_customer()
        panel.content_edit.setPlainText(CONTENT)
        panel.kb_suggestions.refresh()
        panel.kb_suggestions.list.setCurrentRow(0)
        _settle(app)
        path = out / "kb_intake_offered.png"
        window.intake_dock.grab().save(str(path))
        paths.append(path)
        panel.kb_suggestions.answer_button.click()
        _settle(app)
        path = out / "kb_intake_answered.png"
        window.intake_dock.grab().save(str(path))
        paths.append(path)

        ctx.set_actor(supervisor)
        kb = window.open_knowledge_window()
        kb.resize(1200, 640)
        meeting = KbArticle.select().where(KbArticle.source == "meeting").order_by(KbArticle.id).first()
        kb.search_edit.setText("")
        kb.search()   # an empty search: the latest changed first, the weekly meeting's answers on top
        if meeting is not None:
            kb.select_row(max(0, kb.model.row_of(meeting.id)))
        _settle(app)
        path = out / "kb_window.png"
        kb.grab().save(str(path))
        paths.append(path)
        kb.close()

        ticket = (Ticket.select().where(Ticket.state.in_(["resolved", "visited", "archived"])
                                        & Ticket.kind.in_(["consultation", "complaint"]) & (Ticket.reply_note != "")
                                        & ~Ticket.id.in_(KbArticle.select(KbArticle.source_ticket)
                                                         .where(KbArticle.source_ticket.is_null(False))))
                  .order_by(Ticket.id.desc()).first())
        if ticket is not None:
            window.show_ticket(ticket.id)
            _settle(app)
            dialog = window.detail.open_meeting_answer_dialog()
            if dialog is not None:
                _settle(app)
                path = out / "kb_meeting_dialog.png"
                dialog.grab().save(str(path))
                paths.append(path)
                dialog.reject()
        window.close()
        ctx.close()
        window.deleteLater()
        app.processEvents()
    finally:
        close_database()
    return paths


if __name__ == "__main__":
    sys.exit(main(sys.argv))
