"""导出Excel from the window: the file asked for, the workbook written off the GUI thread behind a progress dialog that
closes at the end, the outcome told in a message box; cancelling leaves no file; the front desk is refused."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog, QWidget

from desk_app.core.queues import Queue
from desk_app.core.summary import Period
from desk_app.services import exports
from desk_app.services.desk import Actor, DeskService
from desk_app.services.queries import QueueFilter, count_queue, staff_by_username
from desk_app.services.summary import summarize
from desk_app.ui import export as export_module
from desk_app.ui.context import DeskContext
from desk_app.ui.export import export_queue_to_excel, export_summary_to_excel, queue_file_name
from desk_app.ui.main_window.window import MainWindow
from tests.conftest import FIXED_NOW


@pytest.fixture
def supervisor_ctx(qapp, demo_db, clock):
    context = DeskContext(DeskService(now=clock), Actor.of(staff_by_username("supervisor")))
    yield context
    context.close()


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


class SaveDialog:
    """QFileDialog.getSaveFileName, answered with `answer` (no extension: the export adds .xlsx)."""

    def __init__(self, monkeypatch, answer: Path | None) -> None:
        self.answer = answer
        self.asked: list[str] = []
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self)

    def __call__(self, parent, caption, suggested, filters):
        self.asked.append(suggested)
        return (str(self.answer) if self.answer else "", "")


def progress_dialogs() -> list[QProgressDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]


def close_message(runner) -> str:
    box = runner.message_box
    assert box is not None and box.isVisible()
    text = box.text()
    box.close()
    return text


def test_a_queue_is_written_off_the_gui_thread_and_the_dialog_closes(qtbot, monkeypatch, supervisor_ctx, parent,
                                                                     tmp_path):
    dialog = SaveDialog(monkeypatch, tmp_path / "全部")
    threads: list[int] = []
    real = exports.export_queue

    def spy(*args, **kwargs):
        threads.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(exports, "export_queue", spy)
    viewer = supervisor_ctx.viewer()
    flt = QueueFilter(Queue.ALL, FIXED_NOW, viewer=viewer)
    runner = export_queue_to_excel(parent, supervisor_ctx, flt, "全部")
    assert runner is not None
    with qtbot.waitSignal(runner.done, timeout=20_000) as done:
        pass
    rows = count_queue(flt)
    assert done.args == [rows]
    assert threads and threads[0] != threading.get_ident()
    assert dialog.asked[0].endswith(queue_file_name("全部", FIXED_NOW.date()))
    assert dialog.asked[0].endswith("_全部_20261126.xlsx")
    path = tmp_path / "全部.xlsx"
    assert load_workbook(path)["工单"].max_row == rows + 1
    assert progress_dialogs() == []
    text = close_message(runner)
    assert str(rows) in text and str(path) in text


def test_the_summary_is_written_and_the_folder_remembered(qtbot, monkeypatch, supervisor_ctx, parent, tmp_path):
    SaveDialog(monkeypatch, tmp_path / "月报.xlsx")
    summary = summarize(supervisor_ctx.viewer(), Period(FIXED_NOW.date().replace(day=1), FIXED_NOW.date()),
                        FIXED_NOW)
    runner = export_summary_to_excel(parent, supervisor_ctx, summary)
    with qtbot.waitSignal(runner.done, timeout=20_000):
        pass
    assert load_workbook(tmp_path / "月报.xlsx").sheetnames[0] == "汇总"
    assert str(tmp_path / "月报.xlsx") in close_message(runner)
    assert export_module.default_folder() == tmp_path
    assert export_module.summary_file_name(summary).endswith("_2026-11-01_2026-11-26.xlsx")


def test_cancel_stops_it_and_leaves_no_file(qtbot, monkeypatch, supervisor_ctx, parent, tmp_path):
    SaveDialog(monkeypatch, tmp_path / "q.xlsx")
    monkeypatch.setattr(exports, "QUEUE_PAGE", 5)
    gate = threading.Event()
    real = exports.export_queue

    def held(*args, progress, **kwargs):
        def report(done, total):
            gate.wait(10)   # the worker waits at its first report until the test has pressed 取消
            progress(done, total)
        return real(*args, progress=report, **kwargs)

    monkeypatch.setattr(exports, "export_queue", held)
    flt = QueueFilter(Queue.ALL, FIXED_NOW, viewer=supervisor_ctx.viewer())
    runner = export_queue_to_excel(parent, supervisor_ctx, flt, "全部")
    runner.dialog.canceled.emit()   # what the 取消 button does
    assert runner.job.cancelled
    gate.set()
    with qtbot.waitSignal(runner.done, timeout=20_000) as done:
        pass
    assert done.args == [None] and runner.message_box is None
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".xlsx", ".part")) == []
    assert progress_dialogs() == []


def test_no_file_chosen_nothing_runs(monkeypatch, supervisor_ctx, parent):
    SaveDialog(monkeypatch, None)
    flt = QueueFilter(Queue.ALL, FIXED_NOW, viewer=supervisor_ctx.viewer())
    assert export_queue_to_excel(parent, supervisor_ctx, flt, "全部") is None


def test_the_front_desk_is_told_no_and_asked_nothing(qtbot, monkeypatch, ctx, parent):
    dialog = SaveDialog(monkeypatch, Path("never.xlsx"))
    flt = QueueFilter(Queue.ALL, FIXED_NOW, viewer=ctx.viewer())
    assert export_queue_to_excel(parent, ctx, flt, "全部") is None
    assert dialog.asked == []
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1
    boxes[0].close()


def test_a_failure_is_a_message_not_a_traceback(qtbot, monkeypatch, supervisor_ctx, parent, tmp_path):
    SaveDialog(monkeypatch, tmp_path / "missing" / "folder" / "q.xlsx")
    flt = QueueFilter(Queue.ALL, FIXED_NOW, viewer=supervisor_ctx.viewer())
    runner = export_queue_to_excel(parent, supervisor_ctx, flt, "全部")
    with qtbot.waitSignal(runner.done, timeout=20_000) as done:
        pass
    assert done.args == [None] and isinstance(runner.error, OSError)
    text = close_message(runner)
    assert "Traceback" not in text and str(tmp_path / "missing" / "folder" / "q.xlsx") in text


def test_the_main_windows_file_menu_exports_the_queue_on_screen(qtbot, monkeypatch, supervisor_ctx, demo_db,
                                                                tmp_path):
    monkeypatch.setattr(MainWindow, "SCAN_FIRST_DELAY_MS", 3_600_000)
    window = MainWindow(supervisor_ctx, database_url=demo_db)
    qtbot.addWidget(window)
    window.show()
    assert window.export_action.isEnabled() and window.export_action in window.file_menu.actions()
    SaveDialog(monkeypatch, tmp_path / "queue.xlsx")
    model = window.current_view().queue_model()
    runner = window.export_current_queue()
    with qtbot.waitSignal(runner.done, timeout=20_000) as done:
        pass
    assert done.args == [model.rowCount()]
    numbers = [c.value for c in load_workbook(tmp_path / "queue.xlsx")["工单"]["A"][1:]]
    assert numbers == [model.row_at(i).number for i in range(model.rowCount())]
    close_message(runner)
    window.close()


def test_the_front_desks_window_has_the_action_disabled(qtbot, monkeypatch, ctx, demo_db):
    monkeypatch.setattr(MainWindow, "SCAN_FIRST_DELAY_MS", 3_600_000)
    window = MainWindow(ctx, database_url=demo_db)
    qtbot.addWidget(window)
    assert not window.export_action.isEnabled()
    window.close()
