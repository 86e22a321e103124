"""备份数据库: this desk's daily backup (a per-PC setting) and a backup made now, both on a worker thread.

The daily backup is a setting of the PC, not of the shared database (QSettings group "backup": `daily`, `folder`,
`keep`): the folder is on this PC, and a center on a server backs up on the server instead (README, Backups).
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import DeskError
from desk_app.services import backup as backups
from desk_app.ui.common import error_text
from desk_app.ui.settings import settings
from desk_app.ui.workers import BackgroundJob, JobCancelled

log = logging.getLogger(__name__)

GROUP = "backup"
DEFAULT_DAILY = False   # the desk's person turns it on (文件 › 备份数据库…); README, Backups


def daily_enabled() -> bool:
    value = settings(GROUP).value("daily", DEFAULT_DAILY)
    return value in (True, "true", "1", 1)


def backup_folder() -> Path:
    value = settings(GROUP).value("folder", "")
    return Path(value) if isinstance(value, str) and value.strip() else backups.default_backup_folder()


def keep_count() -> int:
    try:
        return max(1, min(365, int(settings(GROUP).value("keep", backups.DEFAULT_KEEP))))
    except (TypeError, ValueError):
        return backups.DEFAULT_KEEP


def save_daily_settings(enabled: bool, folder: Path, keep: int) -> None:
    store = settings(GROUP)
    store.setValue("daily", bool(enabled))
    store.setValue("folder", str(folder))
    store.setValue("keep", int(keep))
    store.sync()


def _error_text(error: BaseException) -> str:
    return error_text(error) if isinstance(error, DeskError) else str(error)


class DailyBackup(QObject):
    """The main window's daily backup: run_if_due() starts today's backup on a worker thread when the setting is on
    and today's file is not there yet (the first start of the day, or a window left open past midnight)."""

    progressed = Signal(int, int)
    done = Signal(object)      # the BackupInfo of the backup made
    failed = Signal(str)       # what went wrong, for the status bar

    def __init__(self, database_url: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.database_url = database_url
        self._job: BackgroundJob | None = None
        self._failed_on: dt.date | None = None   # one attempt a day: a failing backup does not retry every minute
        self._today = dt.date.today()
        self._closed = False

    @property
    def running(self) -> bool:
        return self._job is not None

    def is_due(self, today: dt.date | None = None) -> bool:
        today = today or dt.date.today()
        if self._closed or self._job is not None or not daily_enabled() or self._failed_on == today:
            return False
        try:
            if backups.database_kind(self.database_url) != "sqlite":
                return False     # a server is backed up on the server
            name = backups.daily_file_name(self.database_url, today)
        except DeskError:
            return False
        return not (backup_folder() / name).exists()

    @Slot()
    def run_if_due(self, today: dt.date | None = None) -> BackgroundJob | None:
        today = today or dt.date.today()
        if not self.is_due(today):
            return None
        url, folder, keep = self.database_url, backup_folder(), keep_count()

        def work(report):
            return backups.daily_backup(url, folder, keep=keep, today=today, progress=report)

        job = BackgroundJob(work, self, name="daily-backup")
        job.progressed.connect(self.progressed)
        job.succeeded.connect(self._on_job_succeeded)
        job.failed.connect(self._on_job_failed)
        job.finished.connect(self._on_job_finished)
        self._job = job
        self._today = today
        job.start()
        return job

    def shutdown(self) -> None:
        self._closed = True
        if self._job is not None:
            self._job.shutdown()

    @Slot(object)
    def _on_job_succeeded(self, info: object) -> None:
        if info is not None:
            self.done.emit(info)

    @Slot(object)
    def _on_job_failed(self, error: object) -> None:
        if isinstance(error, JobCancelled):   # the window is closing
            return
        self._failed_on = self._today
        log.warning("the daily backup failed: %s", error)
        self.failed.emit(_error_text(error))  # type: ignore[arg-type]

    @Slot()
    def _on_job_finished(self) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.deleteLater()


class BackupDialog(QDialog):
    """文件 › 备份数据库…: turn the daily backup on or off, choose its folder and how many to keep; back up now."""

    def __init__(self, database_url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backup_dialog")
        self.database_url = database_url
        self._job: BackgroundJob | None = None
        try:
            self._sqlite = backups.database_kind(database_url) == "sqlite"
        except DeskError:
            self._sqlite = False
        self.daily_check = QCheckBox(self)
        self.daily_check.setObjectName("daily_check")
        self.folder_edit = QLineEdit(self)
        self.folder_edit.setObjectName("folder_edit")
        self.folder_edit.setMinimumWidth(360)
        self.browse_button = QPushButton(self)
        self.browse_button.setObjectName("browse_button")
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        self.keep_spin = QSpinBox(self)
        self.keep_spin.setObjectName("keep_spin")
        self.keep_spin.setRange(1, 365)
        self.server_label = QLabel(self)
        self.server_label.setObjectName("server_label")
        self.server_label.setWordWrap(True)
        self.server_label.setVisible(not self._sqlite)
        self.now_button = QPushButton(self)
        self.now_button.setObjectName("backup_now_button")
        self.now_button.clicked.connect(self._on_now_button_clicked)
        self.now_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("backup_progress")
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.result_label = QLabel(self)
        self.result_label.setObjectName("backup_result_label")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Close, self)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)
        self.form = QFormLayout()
        self.form.addRow(self.daily_check)
        self.folder_label = QLabel(self)
        self.keep_label = QLabel(self)
        self.form.addRow(self.folder_label, folder_row)
        self.form.addRow(self.keep_label, self.keep_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.server_label)
        now_row = QHBoxLayout()
        now_row.addWidget(self.now_button)
        now_row.addWidget(self.progress, 1)
        layout.addLayout(now_row)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)
        for widget in (self.daily_check, self.folder_edit, self.browse_button, self.keep_spin):
            widget.setEnabled(self._sqlite)
        self.translate_ui()
        self.read_settings()

    def translate_ui(self) -> None:
        self.setWindowTitle(self.tr("Back up the database"))
        self.daily_check.setText(self.tr("Back up this desk's database every day (at the first start of the day)"))
        self.folder_label.setText(self.tr("Folder:"))
        self.browse_button.setText(self.tr("Browse…"))
        self.keep_label.setText(self.tr("Keep the newest:"))
        self.keep_spin.setSuffix(self.tr(" backups"))
        self.server_label.setText(self.tr("This desk works on a shared server: the server is backed up on the "
                                          "server every evening (see the README). A backup made here needs the "
                                          "PostgreSQL client program pg_dump."))
        self.now_button.setText(self.tr("Back up now…"))

    def read_settings(self) -> None:
        self.daily_check.setChecked(daily_enabled())
        self.folder_edit.setText(str(backup_folder()))
        self.keep_spin.setValue(keep_count())

    def folder(self) -> Path:
        text = self.folder_edit.text().strip()
        return Path(text) if text else backups.default_backup_folder()

    @property
    def running(self) -> bool:
        return self._job is not None

    def back_up_to(self, target: Path, *, force: bool = False) -> BackgroundJob | None:
        """Make a backup into `target` on a worker thread; progress in the dialog, the outcome in its label."""
        if self._job is not None:
            return None
        from desk_app.services.secrets import url_for_connecting

        url = url_for_connecting(self.database_url)

        def work(report):
            return backups.backup(url, target, force=force, progress=report)

        job = BackgroundJob(work, self, name="backup-now")
        job.progressed.connect(self._on_job_progressed)
        job.succeeded.connect(self._on_job_succeeded)
        job.failed.connect(self._on_job_failed)
        job.finished.connect(self._on_job_finished)
        self._job = job
        self.now_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.result_label.setText(self.tr("Backing up…"))
        job.start()
        return job

    def suggested_file(self, now: dt.datetime | None = None) -> Path:
        now = now or dt.datetime.now()
        suffix = "db" if self._sqlite else "dump"
        # Not desk-YYYY-MM-DD.db: a backup made by hand is never deleted by the daily pruning.
        return self.folder() / f"desk-{now:%Y-%m-%d-%H%M}.{suffix}"

    @Slot()
    def _on_now_button_clicked(self) -> None:
        suggested = self.suggested_file()
        suggested.parent.mkdir(parents=True, exist_ok=True)
        name, _filter = QFileDialog.getSaveFileName(self, self.tr("Back up the database to"), str(suggested))
        if name:
            # The file dialog has asked before replacing an existing file.
            self.back_up_to(Path(name), force=True)

    @Slot()
    def _on_browse_button_clicked(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder for the daily backups"), str(self.folder()))
        if chosen:
            self.folder_edit.setText(chosen)

    @Slot()
    def _on_buttons_accepted(self) -> None:
        if self._sqlite:
            folder = self.folder()
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                self.result_label.setText(self.tr("Cannot use the folder {folder}: {reason}").format(
                    folder=str(folder), reason=error.strerror or str(error)))
                return
            save_daily_settings(self.daily_check.isChecked(), folder, self.keep_spin.value())
        self.accept()

    @Slot(int, int)
    def _on_job_progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    @Slot(object)
    def _on_job_succeeded(self, info: object) -> None:
        assert isinstance(info, backups.BackupInfo)
        self.result_label.setText(self.tr("Backup saved: {path} ({size} KB)").format(
            path=str(info.path), size=f"{max(1, info.size // 1024):,}"))

    @Slot(object)
    def _on_job_failed(self, error: object) -> None:
        self.result_label.setText(self.tr("The backup failed: {reason}").format(
            reason=_error_text(error)))  # type: ignore[arg-type]

    @Slot()
    def _on_job_finished(self) -> None:
        job, self._job = self._job, None
        self.progress.hide()
        self.now_button.setEnabled(True)
        if job is not None:
            job.deleteLater()

    def done(self, result: int) -> None:  # Qt override: a closing dialog waits for its backup
        if self._job is not None:
            self._job.shutdown()
        super().done(result)
