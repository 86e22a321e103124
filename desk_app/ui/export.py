"""导出Excel from any window: ask where to save, write the workbook on a worker thread behind a progress bar with a
cancel button, and say in a message box how it went.

The window's thread only asks for the file name and shows progress; the reading and writing (services/exports.py)
happen in a BackgroundJob, which also reads the exporting person's current record.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QStandardPaths, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from desk_app.core.errors import DeskError
from desk_app.core.permissions import Operation
from desk_app.core.rules import may_operate
from desk_app.core.summary import Summary
from desk_app.services.queries import QueueFilter
from desk_app.ui import settings as app_settings
from desk_app.ui.common import error_text, verdict_text
from desk_app.ui.context import DeskContext
from desk_app.ui.workers import BackgroundJob, JobCancelled, ProgressFn

SETTINGS_GROUP = "export"
# Characters Windows does not allow in a file name (a queue's or a search's name may hold one).
_NOT_IN_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


class ExcelExport(QObject):
    """One export under way: its progress dialog, its job and, at the end, its message box (the runner of every
    long piece of work that writes something: the monthly report too, and ui.batch_print's papers).

    `done` is emitted once the outcome is known (what the export returned, or None when it failed or was
    cancelled); the message box, if any, is open by then (`message_box`). Closing the window it belongs to cancels
    it and waits. The job is deleted when it has finished; this object, a child of `parent`, with its window.
    """

    done = Signal(object)
    # The object name of its message boxes (tests and style sheets find them by it).
    MESSAGE_NAME = "export_message"

    def __init__(self, parent: QWidget, work: Callable[[ProgressFn], object], path: Path | None, *, label_text: str,
                 success_text: Callable[[object], str], title: str | None = None) -> None:
        super().__init__(parent)
        self.title = title or self.tr("Export to Excel")
        self.setObjectName("excel_export")
        self.path = path
        self.result: object = None
        self.error: BaseException | None = None
        self.message_box: QMessageBox | None = None
        self._success_text = success_text
        self._parent = parent
        self._finished = False

        self.dialog: QProgressDialog | None = QProgressDialog(parent)
        self.dialog.setObjectName("export_progress")
        self.dialog.setWindowTitle(self.title)
        self.dialog.setLabelText(label_text)
        self.dialog.setCancelButtonText(self.tr("Cancel"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumDuration(300)   # a small queue is written before the dialog would flash up
        self.dialog.setRange(0, 0)            # busy until the first report says how much there is
        self.dialog.canceled.connect(self._on_dialog_canceled)

        # Closing the window cancels the job and waits for it (eventFilter): it is never deleted while running.
        self.job = BackgroundJob(work, self, name="excel-export")
        self.job.progressed.connect(self._on_job_progressed)
        self.job.succeeded.connect(self._on_job_succeeded)
        self.job.failed.connect(self._on_job_failed)
        self.job.finished.connect(self._on_job_finished)
        self._window = parent.window()
        self._window.installEventFilter(self)

    def start(self) -> None:
        self.job.start()

    def cancel(self) -> None:
        """Stop at the next page; the half-written file is removed."""
        if not self._finished:
            self.job.cancel()

    def is_running(self) -> bool:
        return not self._finished

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self._window and event.type() == QEvent.Type.Close and not self._finished:
            self.job.shutdown()   # cancelled, and its outcome delivered now: nothing outlives the window
        return False

    # ----- the job's reports (GUI thread) ----------------------------------------------------------------------

    @Slot(int, int)
    def _on_job_progressed(self, done: int, total: int) -> None:
        if self.dialog is not None and not self.job.cancelled:
            self.dialog.setMaximum(max(total, 1))
            self.dialog.setValue(min(done, max(total, 1)))

    @Slot(object)
    def _on_job_succeeded(self, result: object) -> None:
        self.result = result
        self._close_dialog()
        self._remember_folder()
        self.message_box = _message(self._parent, QMessageBox.Icon.Information, self._success_text(result),
                                    self.title, self.MESSAGE_NAME)

    @Slot(object)
    def _on_job_failed(self, error: object) -> None:
        self._close_dialog()
        if isinstance(error, JobCancelled):
            return   # the person asked for it: nothing to tell
        self.error = error if isinstance(error, BaseException) else None
        self.message_box = _message(self._parent, QMessageBox.Icon.Warning, self._failure_text(error), self.title,
                                    self.MESSAGE_NAME)

    @Slot()
    def _on_job_finished(self) -> None:
        self._window.removeEventFilter(self)
        self._finished = True
        self.job.deleteLater()
        self.done.emit(self.result)
        # This small object itself stays until its window goes: deleting it here, under a receiver of `done` that
        # still holds it (pytest-qt's waitSignal), crashes PySide 6.12.

    @Slot()
    def _on_dialog_canceled(self) -> None:
        if not self._finished:
            self.job.cancel()
            if self.dialog is not None:
                self.dialog.setLabelText(self.tr("Cancelling…"))

    # ----- helpers ---------------------------------------------------------------------------------------------

    def _close_dialog(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.canceled.disconnect(self._on_dialog_canceled)   # closing a progress dialog reports "canceled"
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()

    def _failure_text(self, error: object) -> str:
        if isinstance(error, DeskError):
            return error_text(error)
        if isinstance(error, OSError):
            return self.tr("Could not write {path}: {error}").format(path=self.path,
                                                                    error=error.strerror or str(error))
        return self.tr("The export failed: {error}").format(error=str(error) or type(error).__name__)

    def _remember_folder(self) -> None:
        app_settings.settings(SETTINGS_GROUP).setValue("folder", str(self.path.parent))


def _message(parent: QWidget, icon: QMessageBox.Icon, text: str, title: str | None = None,
             name: str = ExcelExport.MESSAGE_NAME) -> QMessageBox:
    """A message box that does not block: the window goes on painting and the test goes on running."""
    title = title or QCoreApplication.translate("ExcelExport", "Export to Excel")
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName(name)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box


def _allowed(parent: QWidget, ctx: DeskContext) -> bool:
    """The rule book's answer for the signed-in person (the service asks again with their current record)."""
    verdict = may_operate(ctx.actor.facts, Operation.EXPORT)
    if not verdict.allowed:
        _message(parent, QMessageBox.Icon.Warning, verdict_text(verdict))
    return verdict.allowed


def default_folder() -> Path:
    """Where the last export went, else the user's Documents folder."""
    saved = app_settings.settings(SETTINGS_GROUP).value("folder", "")
    if isinstance(saved, str) and saved and Path(saved).is_dir():
        return Path(saved)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def safe_file_name(name: str) -> str:
    return _NOT_IN_NAMES.sub("_", name).strip() or "export.xlsx"


def ask_path(parent: QWidget, caption: str, name: str) -> Path | None:
    """The file to write, asked with the system's save dialog (it asks before replacing one); None if cancelled."""
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, caption, str(default_folder() / safe_file_name(name)),
        QCoreApplication.translate("ExcelExport", "Excel workbooks (*.xlsx)"))
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


def summary_file_name(summary: Summary) -> str:
    """统计汇总_2026-11-01_2026-11-30.xlsx"""
    prefix = QCoreApplication.translate("ExcelExport", "Summary")
    return f"{prefix}_{summary.period.first.isoformat()}_{summary.period.last.isoformat()}.xlsx"


def queue_file_name(title: str, day: dt.date) -> str:
    """工单_待派单_20261126.xlsx"""
    prefix = QCoreApplication.translate("ExcelExport", "Tickets")
    return f"{prefix}_{title}_{day:%Y%m%d}.xlsx"


def export_summary_to_excel(parent: QWidget, ctx: DeskContext, summary: Summary) -> ExcelExport | None:
    """统计汇总 to a workbook the user picks; None if not allowed or no file was chosen."""
    if not _allowed(parent, ctx):
        return None
    caption = QCoreApplication.translate("ExcelExport", "Export the summary to Excel")
    path = ask_path(parent, caption, summary_file_name(summary))
    if path is None:
        return None
    service, actor, now = ctx.service, ctx.actor, ctx.now()
    from desk_app.services import exports  # openpyxl: imported on the first export, not at start-up

    def work(report: ProgressFn) -> object:
        return exports.export_summary(service.viewer(actor), summary, path, now=now, progress=report)

    def success(_path: object) -> str:
        return QCoreApplication.translate("ExcelExport", "Exported the summary to {path}.").format(path=path)

    runner = ExcelExport(parent, work, path, success_text=success,
                         label_text=QCoreApplication.translate("ExcelExport", "Writing the summary…"))
    runner.start()
    return runner


def export_queue_to_excel(parent: QWidget, ctx: DeskContext, flt: QueueFilter, title: str, *,
                          sort: str = "created_at", descending: bool = True) -> ExcelExport | None:
    """A queue as the table shows it (its filter, search and order) to a workbook the user picks; None if not
    allowed or no file was chosen. `title` names the queue (待派单) in the file name and the dialogs."""
    if not _allowed(parent, ctx):
        return None
    now = ctx.now()
    caption = QCoreApplication.translate("ExcelExport", "Export {queue} to Excel").format(queue=title)
    path = ask_path(parent, caption, queue_file_name(title, now.date()))
    if path is None:
        return None
    service, actor = ctx.service, ctx.actor
    from desk_app.services import exports  # openpyxl: imported on the first export, not at start-up

    def work(report: ProgressFn) -> object:
        return exports.export_queue(service.viewer(actor), flt, path, sort=sort, descending=descending, now=now,
                                    progress=report)

    def success(rows: object) -> str:
        return QCoreApplication.translate("ExcelExport", "Exported {count} rows to {path}.").format(
            count=rows, path=path)

    runner = ExcelExport(parent, work, path, success_text=success,
                         label_text=QCoreApplication.translate("ExcelExport", "Writing {queue}…").format(queue=title))
    runner.start()
    return runner


__all__ = ["ExcelExport", "ask_path", "default_folder", "export_queue_to_excel", "export_summary_to_excel",
           "queue_file_name", "summary_file_name"]
