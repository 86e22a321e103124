"""时限: the detail pane's table of a ticket's clocks, with the time left of each counting down in colour.

Its texts keep the translation context "DetailPane" they had when they were written in the pane itself.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QHeaderView, QTableWidgetItem, QWidget

from desk_app.core.policies import ClockKind
from desk_app.core.timelimits import ClockStatus, clock_status
from desk_app.services.views import ClockView
from desk_app.ui.common import (
    STATUS_BACKGROUNDS,
    STATUS_COLORS,
    duration_text,
    format_time,
    label_of,
    time_left_text,
)
from desk_app.ui.detail.common import ReadOnlyTable, bold_font
from desk_app.ui.forms import limit_text


class ClocksTable(ReadOnlyTable):
    """One row per clock: its kind, the limit allowed, the deadline and the time left (`tick()` redraws the last
    column only, without the database)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(4, parent)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self._clocks: list[ClockView] = []

    def translate_ui(self) -> None:
        self.setHorizontalHeaderLabels(
            [QCoreApplication.translate("DetailPane", "Limit"), QCoreApplication.translate("DetailPane", "Allowed"),
             QCoreApplication.translate("DetailPane", "Deadline"),
             QCoreApplication.translate("DetailPane", "Time left")])

    def show_clocks(self, clocks: list[ClockView], now: dt.datetime) -> None:
        """Fill the rows; the table hides itself when the ticket has no clocks."""
        self._clocks = clocks
        self.setRowCount(len(clocks))
        for row, clock in enumerate(clocks):
            if clock.deadline:
                deadline = format_time(clock.deadline)
            elif clock.paused:
                deadline = QCoreApplication.translate("DetailPane", "— (set again on resume)")
            else:
                deadline = "—"
            if clock.deadline and clock.provisional:
                deadline += " " + QCoreApplication.translate("DetailPane", "(provisional)")
            texts = [label_of(ClockKind, clock.kind), limit_text(clock.limit), deadline, ""]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if column == 2 and clock.provisional:
                    item.setToolTip(QCoreApplication.translate(
                        "DetailPane", "The official holiday schedule of that year is not entered yet: "
                                      "the deadline may move when it is."))
                self.setItem(row, column, item)
        self.setVisible(bool(clocks))
        self.tick(now)
        self.fit_height()

    def tick(self, now: dt.datetime) -> None:
        """Redraw the time left and the colours of each row as of `now`."""
        bold = bold_font(self.font())
        for row, clock in enumerate(self._clocks):
            if row >= self.rowCount():
                break
            status = clock_status(now, clock.deadline, clock.warn_at, paused=clock.paused,
                                  stopped_at=clock.stopped_at)
            text = self._clock_text(now, clock, status)
            color = QBrush(STATUS_COLORS[status])
            background = STATUS_BACKGROUNDS.get(status)
            for column in range(self.columnCount()):
                item = self.item(row, column)
                if item is None:
                    continue
                if column == 3:
                    item.setText(text)
                    item.setForeground(color)
                    if status in (ClockStatus.OVERDUE, ClockStatus.OVERDUE_PAUSED, ClockStatus.APPROACHING,
                                  ClockStatus.PAUSED):
                        item.setFont(bold)
                if background is not None:
                    item.setBackground(QBrush(background))
                else:
                    item.setData(Qt.ItemDataRole.BackgroundRole, None)
                if status in (ClockStatus.MET, ClockStatus.BREACHED) and column != 3:
                    item.setForeground(QBrush(STATUS_COLORS[ClockStatus.PAUSED]))

    @staticmethod
    def _clock_text(now: dt.datetime, clock: ClockView, status: ClockStatus) -> str:
        if status == ClockStatus.MET:
            return QCoreApplication.translate("DetailPane", "met {time}").format(time=format_time(clock.stopped_at))
        if status == ClockStatus.BREACHED:
            late = int((clock.stopped_at - clock.deadline).total_seconds())
            return QCoreApplication.translate("DetailPane", "met late by {t}").format(t=duration_text(late))
        return time_left_text(now, clock.deadline, status)
