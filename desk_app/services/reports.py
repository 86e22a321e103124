"""Printed reports built from the summary: the monthly report (月度工单统计报告) as PDF bytes."""

from __future__ import annotations

import datetime as dt

from desk_app.core.summary import Summary, month_period
from desk_app.services.desk import DeskService, Viewer
from desk_app.services.queries import organization_name
from desk_app.services.summary import ProgressFn, summarize


def _no_progress(done: int, total: int) -> None:
    return None


def monthly_report(viewer: Viewer, month: str, now: dt.datetime, *, printed_by: str | None = None,
                   progress: ProgressFn = _no_progress) -> bytes:
    """The report of the calendar month "YYYY-MM" as `viewer` may read it (summarize checks VIEW_SUMMARY), as of
    `now`; 编制 is `printed_by`, or the viewer's name. `progress(done, total)` is summarize's (it may raise to
    cancel)."""
    summary = summarize(viewer, month_period(month), now, progress=progress)
    return report_from_summary(summary, printed_by=printed_by or viewer.actor.name, printed_at=now)


def report_from_summary(summary: Summary, *, printed_by: str, printed_at: dt.datetime | None = None) -> bytes:
    """The monthly report of a summary already computed (the summary window's, or the command line's after it
    checked the month is not empty)."""
    from desk_app.print.monthly_report import ReportData, monthly_report_pdf  # ReportLab loads on the first print

    procedures = {policy.code: policy.name for policy in DeskService().policies()}
    data = ReportData(
        organization=organization_name(),
        summary=summary,
        printed_by=printed_by,
        printed_at=printed_at or summary.now,
        procedures=procedures,
    )
    return monthly_report_pdf(data)
