"""Papers made off the window's thread: any form or register built on a worker behind a progress bar with 取消,
then shown in the preview (zoom, pages, the system print dialog); 批量打印派工单 is one of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QWidget

from desk_app.core.errors import DeskError
from desk_app.services.papers.slips import slips_pdf
from desk_app.ui import settings as app_settings
from desk_app.ui.common import error_text
from desk_app.ui.context import DeskContext
from desk_app.ui.export import ExcelExport
from desk_app.ui.workers import ProgressFn

if TYPE_CHECKING:
    from desk_app.ui.pdf_preview import PdfPreviewDialog


class PaperJob(ExcelExport):
    """One paper under way, run like an export (progress dialog with 取消, cancelled and waited for when its window
    closes); at the end the preview (`preview`) instead of a message. `done` is emitted with the preview, or None
    when making it failed or was cancelled. `work(viewer, actor, report)` returns the PDF; it runs on the job's
    thread and reads who prints there."""

    MESSAGE_NAME = "paper_message"

    def __init__(self, parent: QWidget, ctx: DeskContext, work: Callable[..., bytes], *, title: str,
                 file_name: str, label_text: str, total: int = 0) -> None:
        service, actor = ctx.service, ctx.actor

        def run(report: ProgressFn) -> object:
            return work(service.viewer(actor), actor, report)

        super().__init__(parent, run, None, label_text=label_text, success_text=str, title=title)
        self.setObjectName("paper_job")
        self.file_name = file_name
        self.preview: PdfPreviewDialog | None = None
        if total and self.dialog is not None:
            self.dialog.setRange(0, total)

    @Slot(object)
    def _on_job_succeeded(self, pdf: object) -> None:
        self._close_dialog()
        assert isinstance(pdf, bytes)
        from desk_app.ui.pdf_preview import PdfPreviewDialog  # QtPdf: loaded with the first preview

        self.preview = PdfPreviewDialog(pdf, title=self.title, file_name=self.file_name, parent=self._parent)
        self.preview.show()
        self.result = self.preview

    def _failure_text(self, error: object) -> str:
        if isinstance(error, DeskError):
            return error_text(error)
        return self.tr("The paper could not be made: {error}").format(error=error)


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
