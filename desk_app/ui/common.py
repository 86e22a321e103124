"""Small pieces every screen uses: translated domain names, error text, time-left text and colours."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QWidget

from desk_app.core.errors import DeskError
from desk_app.core.labels import ERROR_CONTEXT, LABEL_CONTEXT, english
from desk_app.core.timelimits import ClockStatus

STATUS_COLORS: dict[ClockStatus, QColor] = {
    ClockStatus.NORMAL: QColor("#1b5e20"),
    ClockStatus.APPROACHING: QColor("#b26a00"),
    ClockStatus.OVERDUE: QColor("#c62828"),
    ClockStatus.PAUSED: QColor("#546e7a"),
    ClockStatus.OVERDUE_PAUSED: QColor("#c62828"),
    ClockStatus.MET: QColor("#1b5e20"),
    ClockStatus.BREACHED: QColor("#c62828"),
}
STATUS_BACKGROUNDS: dict[ClockStatus, QColor] = {
    ClockStatus.APPROACHING: QColor("#fff3cd"),
    ClockStatus.OVERDUE: QColor("#fde0e0"),
    ClockStatus.OVERDUE_PAUSED: QColor("#fde0e0"),
}


def label(member: Enum) -> str:
    """The name of a domain value in the interface language."""
    return QCoreApplication.translate(LABEL_CONTEXT, english(member))


def label_of(enum_type: type[Enum], value: str | None) -> str:
    """Like label() for a stored value; unknown or empty values are shown as they are."""
    if value is None:
        return ""
    try:
        return label(enum_type(value))
    except ValueError:
        return value or ""


def error_text(error: DeskError) -> str:
    """A service error in the interface language, with enum parameters named too."""
    template = QCoreApplication.translate(ERROR_CONTEXT, error.message)
    params = {k: label(v) if isinstance(v, Enum) else v for k, v in error.params.items()}
    return template.format(**params)


def verdict_text(verdict) -> str:
    """The rule book's reason for a refusal (core.rules.Verdict) in the interface language."""
    if verdict.allowed:
        return ""
    template = QCoreApplication.translate(ERROR_CONTEXT, verdict.reason)
    params = {k: label(v) if isinstance(v, Enum) else v for k, v in verdict.params.items()}
    return template.format(**params)


def duration_text(seconds: int) -> str:
    """A compact duration: 2天3小时 / 3小时12分 / 12分05秒 (and the English equivalents)."""
    seconds = abs(int(seconds))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return QCoreApplication.translate("Duration", "{d}d {h}h").format(d=days, h=hours)
    if hours:
        return QCoreApplication.translate("Duration", "{h}h {m}m").format(h=hours, m=minutes)
    return QCoreApplication.translate("Duration", "{m}m {s:02d}s").format(m=minutes, s=secs)


def time_left_text(now: dt.datetime, deadline: dt.datetime | None, status: ClockStatus) -> str:
    if status == ClockStatus.PAUSED:
        return QCoreApplication.translate("Duration", "paused")
    if deadline is None:
        return ""
    left = int((deadline - now).total_seconds())
    if status == ClockStatus.OVERDUE_PAUSED:
        return QCoreApplication.translate("Duration", "overdue {t}, paused").format(t=duration_text(max(0, -left)))
    if left < 0:
        return QCoreApplication.translate("Duration", "overdue {t}").format(t=duration_text(-left))
    return duration_text(left)


def format_time(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def read_only_table(columns: int, parent: QWidget) -> QTableWidget:
    """A read-only table of a dialog: one row selectable, the last column stretching."""
    table = QTableWidget(0, columns, parent)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table
