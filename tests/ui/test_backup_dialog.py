"""文件 › 备份数据库…: the daily backup setting of this desk, a backup made now on a worker thread, and the main
window's daily run (once a day, the oldest beyond the number kept deleted)."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from desk_app.services.backup import daily_backups
from desk_app.ui import backup as backup_ui
from desk_app.ui.backup import BackupDialog, DailyBackup
from desk_app.ui.main_window.window import MainWindow


@pytest.fixture(autouse=True)
def no_background_scan(monkeypatch):
    monkeypatch.setattr(MainWindow, "SCAN_FIRST_DELAY_MS", 3_600_000)


DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def single_desk(tmp_path, data_dir) -> str:
    """A single desk's SQLite database (a release's file with tickets), whatever database this run's other tests
    use: the daily backup is for a single desk."""
    path = tmp_path / "single.db"
    shutil.copyfile(DATA / "desk-v5.db", path)
    return f"sqlite:///{path}"


@pytest.fixture
def dialog(qtbot, single_desk):
    widget = BackupDialog(single_desk)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.close()


def test_the_daily_backup_is_off_until_turned_on_and_the_setting_is_kept(qtbot, dialog, tmp_path, data_dir):
    assert not dialog.daily_check.isChecked()
    assert Path(dialog.folder_edit.text()) == data_dir / "backups"
    assert dialog.keep_spin.value() == 14
    folder = tmp_path / "my backups"
    qtbot.mouseClick(dialog.daily_check, Qt.MouseButton.LeftButton)
    dialog.folder_edit.setText(str(folder))
    dialog.keep_spin.setValue(5)
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert backup_ui.daily_enabled() and backup_ui.backup_folder() == folder and backup_ui.keep_count() == 5
    assert folder.is_dir()


def test_back_up_now_writes_the_chosen_file_off_the_window_thread(qtbot, dialog, tmp_path, monkeypatch):
    chosen = tmp_path / "now.db"
    asked: list[str] = []

    def save_file_name(parent, caption, suggested, *rest):
        asked.append(suggested)
        return str(chosen), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_file_name))
    qtbot.mouseClick(dialog.now_button, Qt.MouseButton.LeftButton)
    assert dialog.running and not dialog.now_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    assert Path(asked[0]).name.startswith("desk-") and Path(asked[0]).parent == backup_ui.backup_folder()
    assert str(chosen) in dialog.result_label.text() and dialog.now_button.isEnabled()
    copy = sqlite3.connect(chosen)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT COUNT(*) FROM ticket").fetchone()[0] > 0
    finally:
        copy.close()


def test_a_failed_backup_is_said_in_the_dialog(qtbot, dialog, tmp_path):
    dialog.back_up_to(tmp_path / "no" / "folder" / "x.db")
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    assert "does not exist" in dialog.result_label.text()


def test_the_daily_backup_runs_once_a_day_and_keeps_the_newest(qtbot, single_desk, tmp_path):
    folder = tmp_path / "daily"
    backup_ui.save_daily_settings(True, folder, 2)
    daily = DailyBackup(single_desk)
    made: list[object] = []
    daily.done.connect(made.append)
    for n in range(4):
        day = dt.date(2026, 11, 20) + dt.timedelta(days=n)
        job = daily.run_if_due(day)
        assert job is not None
        with qtbot.waitSignal(job.finished, timeout=20_000):
            pass
        assert daily.run_if_due(day) is None   # today's is there: not again
    assert len(made) == 4
    assert [p.name for p in daily_backups(folder)] == ["desk-2026-11-22.db", "desk-2026-11-23.db"]
    daily.shutdown()


def test_the_daily_backup_does_nothing_when_off(qtbot, single_desk, tmp_path):
    backup_ui.save_daily_settings(False, tmp_path / "daily", 3)
    assert DailyBackup(single_desk).run_if_due(dt.date(2026, 12, 1)) is None
    assert not (tmp_path / "daily").exists()


def test_a_desk_on_a_server_has_no_daily_backup_and_says_why(qtbot, tmp_path):
    backup_ui.save_daily_settings(True, tmp_path / "daily", 3)
    url = "postgresql://desk:Secret-1@db.example/desk"
    assert DailyBackup(url).run_if_due(dt.date(2026, 12, 1)) is None
    widget = BackupDialog(url)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    assert not widget.daily_check.isEnabled() and widget.server_label.isVisible()
    assert widget.now_button.isEnabled() and widget.suggested_file().suffix == ".dump"
    widget.close()


def test_the_window_runs_the_daily_backup_with_its_scan_and_offers_the_dialog(qtbot, ctx, single_desk, tmp_path):
    folder = tmp_path / "daily"
    backup_ui.save_daily_settings(True, folder, 14)
    win = MainWindow(ctx, database_url=single_desk)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    messages: list[str] = []   # the status bar's; the scan's notices may be announced there after the backup's
    win.statusBar().messageChanged.connect(messages.append)
    try:
        assert win.backup_action in win.file_menu.actions()
        with qtbot.waitSignal(win.daily_backup.done, timeout=20_000):
            win._on_scan_timer_timeout()
        qtbot.waitUntil(lambda: not win.daily_backup.running and not win.scan_running, timeout=20_000)
        assert [p.name for p in daily_backups(folder)] == [f"desk-{dt.date.today()}.db"]
        assert any("desk-" in message for message in messages)
        win.backup_action.trigger()
        assert win.backup_dialog is not None and win.backup_dialog.isVisible()
        assert win.backup_dialog.daily_check.isChecked()
    finally:
        win.close()


def test_a_failing_daily_backup_is_reported_once_and_tried_again_the_next_day(qtbot, single_desk, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the folder should be")
    backup_ui.save_daily_settings(True, blocked, 3)
    daily = DailyBackup(single_desk)
    reasons: list[str] = []
    daily.failed.connect(reasons.append)
    day = dt.date(2026, 12, 1)
    job = daily.run_if_due(day)
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    assert len(reasons) == 1 and reasons[0]
    assert daily.run_if_due(day) is None                 # not again every minute
    blocked.unlink()
    job = daily.run_if_due(day + dt.timedelta(days=1))   # the next day it tries again
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    assert [p.name for p in daily_backups(blocked)] == ["desk-2026-12-02.db"]
    daily.shutdown()
