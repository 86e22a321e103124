"""打印月报 from the summary window: ask where to save the month's PDF, build it on a worker thread behind a progress
bar with a cancel button, and say how it went (the same runner as the Excel export)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from desk_app.core.summary import Summary
from desk_app.services.reports import monthly_report
from desk_app.ui.context import DeskContext
from desk_app.ui.export import ExcelExport, default_folder, safe_file_name
from desk_app.ui.workers import ProgressFn


def report_month(summary: Summary) -> str:
    """The month the report covers: the month of the period's last day ("本月" is the month so far)."""
    return f"{summary.period.last:%Y-%m}"


def report_file_name(month: str) -> str:
    """月度工单统计报告_2026-11.pdf"""
    return f"{QCoreApplication.translate('MonthlyReport', 'Monthly report')}_{month}.pdf"


def ask_pdf_path(parent: QWidget, month: str) -> Path | None:
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("MonthlyReport", "Save the monthly report of {month}").format(month=month),
        str(default_folder() / safe_file_name(report_file_name(month))),
        QCoreApplication.translate("MonthlyReport", "PDF documents (*.pdf)"))
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def print_monthly_report(parent: QWidget, ctx: DeskContext, summary: Summary) -> ExcelExport | None:
    """The monthly report of the summary's month to a PDF the user picks; None if no file was chosen. The service
    asks the rule book again (VIEW_SUMMARY) with the person's current record."""
    month = report_month(summary)
    path = ask_pdf_path(parent, month)
    if path is None:
        return None
    service, actor, now = ctx.service, ctx.actor, ctx.now()

    def work(report: ProgressFn) -> object:
        pdf = monthly_report(service.viewer(actor), month, now, printed_by=actor.name, progress=report)
        part = path.with_name(path.name + ".part")
        part.write_bytes(pdf)
        os.replace(part, path)   # a reader never sees half a report
        return len(pdf)

    def success(_size: object) -> str:
        return QCoreApplication.translate("MonthlyReport", "Saved the monthly report of {month} to {path}.").format(
            month=month, path=path)

    runner = ExcelExport(parent, work, path, success_text=success,
                         title=QCoreApplication.translate("MonthlyReport", "Monthly report"),
                         label_text=QCoreApplication.translate("MonthlyReport", "Writing the report of {month}…")
                         .format(month=month))
    runner.start()
    return runner
