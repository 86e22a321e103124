"""Papers made off the window's thread: any form or register built on a worker behind a progress bar with 取消,
then shown in the preview (zoom, pages, the system print dialog); 批量打印派工单 is one of them."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desk_app.core.errors import DeskError
from desk_app.services.papers.slips import slips_pdf
from desk_app.ui import settings as app_settings
from desk_app.ui.common import error_text
from desk_app.ui.context import DeskContext
from desk_app.ui.pdf_preview import PdfPreviewDialog
from desk_app.ui.workers import BackgroundJob, JobCancelled, ProgressFn


class PaperJob(QObject):
    """One paper under way: its progress dialog and job; at the end the preview (`preview`) or a message.
    `done` is emitted with the preview, or None when making it failed or was cancelled. `work(viewer, actor,
    report)` returns the PDF; it runs on the job's thread and reads who prints there."""

    done = Signal(object)

    def __init__(self, parent: QWidget, ctx: DeskContext, work: Callable[..., bytes], *, title: str,
                 file_name: str, label_text: str, total: int = 0) -> None:
        super().__init__(parent)
        self.setObjectName("paper_job")
        self._parent = parent
        self.title, self.file_name = title, file_name
        self.preview: PdfPreviewDialog | None = None
        service, actor = ctx.service, ctx.actor

        def run(report: ProgressFn) -> object:
            return work(service.viewer(actor), actor, report)

        self.dialog = QProgressDialog(parent)
        self.dialog.setObjectName("paper_progress")
        self.dialog.setWindowTitle(title)
        self.dialog.setLabelText(label_text)
        self.dialog.setCancelButtonText(self.tr("Cancel"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumDuration(300)
        self.dialog.setRange(0, total)
        self.dialog.canceled.connect(self._on_dialog_canceled)
        self.job = BackgroundJob(run, self, name="paper")
        self.job.progressed.connect(self._on_job_progressed)
        self.job.succeeded.connect(self._on_job_succeeded)
        self.job.failed.connect(self._on_job_failed)

    def start(self) -> None:
        self.job.start()

    @Slot()
    def _on_dialog_canceled(self) -> None:
        self.job.cancel()

    @Slot(int, int)
    def _on_job_progressed(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))

    def _close_dialog(self) -> None:
        self.dialog.canceled.disconnect(self._on_dialog_canceled)   # closing a progress dialog reports "canceled"
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()

    @Slot(object)
    def _on_job_succeeded(self, pdf: object) -> None:
        self._close_dialog()
        assert isinstance(pdf, bytes)
        self.preview = PdfPreviewDialog(pdf, title=self.title, file_name=self.file_name, parent=self._parent)
        self.preview.show()
        self.done.emit(self.preview)

    @Slot(object)
    def _on_job_failed(self, error: object) -> None:
        self._close_dialog()
        if not isinstance(error, JobCancelled):
            text = error_text(error) if isinstance(error, DeskError) else self.tr(
                "The paper could not be made: {error}").format(error=error)
            box = QMessageBox(QMessageBox.Icon.Warning, self.title, text, QMessageBox.StandardButton.Ok,
                              self._parent)
            box.setObjectName("paper_message")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        self.done.emit(None)


def print_paper(parent: QWidget, ctx: DeskContext, make: Callable[..., bytes], *args: object, title: str,
                file_name: str) -> PaperJob:
    """Make one paper, `make(viewer, *args, actor)` (a services.papers function), off the window's thread and show
    it; the service asks the rule book."""
    job = PaperJob(parent, ctx, lambda viewer, actor, report: make(viewer, *args, actor), title=title,
                   file_name=file_name, label_text=QCoreApplication.translate("PaperJob", "Making {title}…").format(
                       title=title))
    job.start()
    return job


def print_slips(parent: QWidget, ctx: DeskContext, ticket_ids: list[int]) -> PaperJob:
    """Start a batch of slips; the service asks the rule book (PRINT_SLIP, and the read rule per ticket)."""
    count = len(ticket_ids)

    paper = app_settings.slip_paper()

    def work(viewer, actor, report: ProgressFn) -> bytes:
        return slips_pdf(viewer, ticket_ids, actor, progress=report, paper=paper)

    job = PaperJob(parent, ctx, work, total=count,
                   title=QCoreApplication.translate("PaperJob", "Dispatch slips of {count} tickets").format(count=count),
                   file_name=QCoreApplication.translate("PaperJob", "Dispatch slips.pdf"),
                   label_text=QCoreApplication.translate("PaperJob", "Making {count} dispatch slips…").format(
                       count=count))
    job.start()
    return job
