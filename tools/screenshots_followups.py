"""Screenshots of the follow-up calls (回访跟踪) and the register with incoming and outgoing lines, to look at.

    .venv/bin/python tools/screenshots_followups.py [OUT_DIR [PRESET]]

Makes a database (`init-db --preset`, default property, then `demo` ending at NOW: its closed complaints and repairs
have their follow-up calls, some overdue, some due today, some done as outgoing register lines), opens the main
window as the first front-desk agent in Chinese and writes, in OUT_DIR (default /tmp/shots):
followups_list.png (工作 › 回访跟踪 with due and overdue calls), followups_call_dialog.png (拨打并记录, filled in),
followups_register.png (来电来访登记表 of today with 去电 lines, after the call was logged), and
followups_main_window.png (the toolbar's count).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from screenshots_procedures import NOW, _make_database  # noqa: E402 - after the path is set


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path("/tmp/shots")
    preset = argv[2] if len(argv) > 2 else "property"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DESK_APP_DATA_DIR"] = folder
        url = f"sqlite:///{Path(folder) / 'desk.db'}"
        _make_database(url, preset)
        _shoot(url, out)
    return 0


def _settle(app, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()   # a screenshot tool, not the app: let the windows paint once


def _shoot(url: str, out: Path) -> None:
    from desk_app.core.validation import CallDraft
    from desk_app.models.db import close_database
    from desk_app.models.schema import Staff
    from desk_app.services.desk import Actor, DeskService
    from desk_app.services.register import LineFilter
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
        ctx = DeskContext(service, desk)
        window = MainWindow(ctx, database_url=url)
        window.resize(1600, 1000)
        window.show()
        while window.follow_up_count.running or window.follow_up_count.value == 0:
            app.processEvents()
        _settle(app)
        path = out / "followups_main_window.png"
        window.grab().save(str(path))
        print(f"{path}: the main window, {window.follow_up_count.value} follow-up calls due")

        dialog = window.open_follow_ups()
        dialog.resize(1300, 720)
        _settle(app)
        path = out / "followups_list.png"
        dialog.grab().save(str(path))
        print(f"{path}: {dialog.due_model.rowCount()} due, {dialog.upcoming_model.rowCount()} to come")

        call = dialog.open_call_dialog()
        call.content_edit.setPlainText("客户表示维修后一直正常，对处理结果满意")
        call.note_edit.setText("提醒客户冬季注意水管防冻")
        call.next_check.setChecked(True)
        _settle(app)
        path = out / "followups_call_dialog.png"
        call.grab().save(str(path))
        print(f"{path}: 拨打并记录 for {call.item.name}")
        call.save()
        _settle(app)

        # A call still open (the caller waits for an answer): 已解答 and 转为工单 are offered on it.
        open_line = service.record_call(desk, CallDraft(content="询问电梯年检时间，需要回复", phone="13911112222",
                                                        caller_name="赵女士"))
        register_dialog = window.open_register()
        register_dialog.resize(1500, 720)
        register_dialog.set_filter(LineFilter.ALL)
        register_dialog.select_line(open_line)
        _settle(app)
        path = out / "followups_register.png"
        register_dialog.grab().save(str(path))
        lines = register_dialog.current().lines
        print(f"{path}: {len(lines)} lines, {sum(1 for line in lines if line.direction == 'out')} outgoing")

        register_dialog.set_filter(LineFilter.OUTGOING)
        _settle(app)
        path = out / "followups_register_outgoing.png"
        register_dialog.grab().save(str(path))
        print(f"{path}: the outgoing lines only")
        window.close()
        ctx.close()
        window.deleteLater()
        app.processEvents()
    finally:
        close_database()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
