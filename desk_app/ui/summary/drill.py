"""The tickets behind a number of the summary: what a click asks for, and the window that lists them as a queue."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desk_app.core.kinds import Satisfaction, TicketKind
from desk_app.core.queues import Queue
from desk_app.core.summary import Dimension, Figure, Period
from desk_app.services.desk import Viewer
from desk_app.services.queries import QueueFilter, TicketCondition, count_queue
from desk_app.services.summary import Drill
from desk_app.ui.common import label, label_of
from desk_app.ui.context import DeskContext
from desk_app.ui.main_window.queues import QueueView
from desk_app.ui.queue_model import TICKET_ID_ROLE, QueueModel
from desk_app.ui.workers import RequestSequencer


@dataclass(frozen=True)
class DrillRequest:
    """What a click on a number asks for: the figure, and how the tickets behind it are narrowed.

    `group` is the breakdown group's name as shown (the list's title); `period`, when given, is a part of the
    summary's period (one point of the trend); `with_feedback` adds the 10086 feedback clocks to a resolution rate.
    """

    figure: Figure
    dimension: Dimension | None = None
    key: str | None = None
    group: str = ""
    kind: str | None = None
    satisfaction: str | None = None
    missed: bool = False
    period: Period | None = None
    with_feedback: bool = False

    def condition(self, period: Period, now: dt.datetime) -> TicketCondition:
        """The queue filter's condition for the summary read over `period` at `now`."""
        return Drill(self.figure, self.period or period, now, self.dimension, self.key, self.missed, self.kind,
                     self.satisfaction, self.with_feedback)


class DrillWindow(QDialog):
    """The tickets behind one number, in the paging queue table of the main window; a double click opens a ticket
    there (ticket_requested)."""

    ticket_requested = Signal(int)

    def __init__(self, ctx: DeskContext, condition: TicketCondition, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summary_drill")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ctx = ctx
        self.title = title
        self.heading = QLabel(title, self)
        self.heading.setObjectName("drill_heading")
        self.heading.setWordWrap(True)
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("drill_count")
        # Every ticket the reader may read (全部), narrowed to the figure's: the same rows the figure counted. Counted
        # on a worker when the list opens; its pages are read on workers as they are shown.
        self.model = QueueModel(Queue.ALL, ctx.now, self, viewer=ctx.viewer, drill=condition, counted=False,
                                reads_on_worker=True)
        self._counting = RequestSequencer(self, name="drill-count")
        self.view = QueueView(self.model, self)
        self.view.setObjectName("drill_view")
        self.view.activated.connect(self._on_view_activated)  # a double click, or Enter
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.count_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        self.resize(1180, 620)
        self.translate_ui()
        self._counting.run(functools.partial(count_drill, ctx.viewer, self.model.filter_snapshot()),
                           self._on_counted, self._on_count_failed)

    def translate_ui(self) -> None:
        self.setWindowTitle(self.tr("Tickets behind the figure – {title}").format(title=self.title))
        if self.model.counted:
            self.count_label.setText(self.tr("{count} tickets. Double-click one to open it in the main window.")
                                     .format(count=self.row_count()))
        else:
            self.count_label.setText(self.tr("Counting the tickets…"))

    def row_count(self) -> int:
        return self.model.rowCount()

    @property
    def counting(self) -> bool:
        return self._counting.busy

    def _on_counted(self, counted: tuple[QueueFilter, int]) -> None:
        self.model.apply_count(*counted)
        self.translate_ui()

    def _on_count_failed(self, error: BaseException) -> None:
        self.count_label.setText(self.tr("The tickets could not be counted: {error}").format(error=error))

    def open_row(self, row: int) -> None:
        """Ask for the ticket shown at `row` (what a double click or Enter does)."""
        ticket_id = self.model.data(self.model.index(row, 0), TICKET_ID_ROLE)
        if ticket_id is not None:
            self.ticket_requested.emit(int(ticket_id))

    @Slot(QModelIndex)
    def _on_view_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_row(index.row())


def count_drill(viewer: Callable[[], Viewer], flt: QueueFilter) -> tuple[QueueFilter, int]:
    """On a worker: who reads (a read of their record) put into the list's filter, and its count."""
    flt = dataclasses.replace(flt, viewer=viewer())
    return flt, count_queue(flt)


def drill_title(request: DrillRequest, period: Period) -> str:
    """The list's title: the figure (and "missed" for a rate's misses), the level, the group, the kind, the period."""
    parts = [label(request.figure)]
    if request.missed:
        parts[0] = QCoreApplication.translate("DrillWindow", "{figure}: missed").format(figure=parts[0])
    if request.satisfaction:
        parts.append(label_of(Satisfaction, request.satisfaction))
    if request.group:
        parts.append(request.group)
    if request.kind:
        parts.append(label_of(TicketKind, request.kind))
    parts.append((request.period or period).text())
    return " · ".join(parts)
