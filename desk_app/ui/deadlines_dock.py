"""即将超时: a dock with the limits that run out next and the overdue count, counting down each second.

Department roles (receiver, leader, field staff) see their own department's tickets only, as in their queues."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desk_app.core.kinds import TicketKind
from desk_app.core.policies import ClockKind
from desk_app.core.queues import Queue
from desk_app.core.timelimits import ClockStatus
from desk_app.services.events import Change
from desk_app.services.desk import Actor, DeskService, Viewer
from desk_app.services.queries import QueueFilter, count_queue, nearest_deadlines
from desk_app.services.views import TicketRow
from desk_app.ui.common import STATUS_BACKGROUNDS, STATUS_COLORS, label_of, time_left_text
from desk_app.ui.context import DeskContext
from desk_app.ui.queue_model import CLOCK_STATUS_ROLE, TICK_ROLES, TICKET_ID_ROLE, deadline_tooltip, row_status
from desk_app.ui.workers import RequestSequencer

log = logging.getLogger(__name__)

AnyIndex = QModelIndex | QPersistentModelIndex

DEADLINE_COLUMNS: tuple[str, ...] = ("time_left", "number", "caller_name", "clock", "kind")
# Changes that can move a deadline (a logged call, a notice or a handover cannot).
REFRESH_TOPICS = frozenset({"ticket", "calendar", "settings", "customer"})


def read_deadlines(service: DeskService, actor: Actor, now: dt.datetime, limit: int) -> tuple[int, list[TicketRow]]:
    """On a worker: the overdue count and the nearest `limit` deadlines the actor may read (the actor as the rule
    book sees them now, re-read here)."""
    viewer = service.viewer(actor)
    return count_queue(QueueFilter(Queue.OVERDUE, now, viewer=viewer)), nearest_deadlines(viewer, now, limit)


class DeadlineModel(QAbstractTableModel):
    """The next limits to run out (queries.nearest_deadlines), soonest first; refresh() reads, tick() only repaints."""

    def __init__(self, now: Callable[[], dt.datetime], parent: QObject | None = None, *, limit: int = 40,
                 viewer: Callable[[], Viewer] | None = None) -> None:
        super().__init__(parent)
        self._now = now
        self._limit = limit
        self._viewer = viewer
        self._rows: list[TicketRow] = []
        self._bold = QFont()
        self._bold.setBold(True)

    @property
    def limit(self) -> int:
        return self._limit

    def refresh(self) -> None:
        """Read the rows here and now (tests; the dock reads them on a worker and hands them to set_rows)."""
        self.set_rows(nearest_deadlines(self._viewer(), self._now(), self._limit))

    def set_rows(self, rows: list[TicketRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def tick(self) -> None:
        if self._rows:
            column = DEADLINE_COLUMNS.index("time_left")
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column), TICK_ROLES)

    def row_at(self, index: AnyIndex | int) -> TicketRow | None:
        row = index if isinstance(index, int) else index.row()
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(DEADLINE_COLUMNS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = [self.tr("Time left"), self.tr("No."), self.tr("Caller"), self.tr("Limit"), self.tr("Kind")]
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row_at(index) if index.isValid() else None
        if row is None or index.column() >= len(DEADLINE_COLUMNS):
            return None
        column = DEADLINE_COLUMNS[index.column()]
        if role == TICKET_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return deadline_tooltip(row)
        if column != "time_left":
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            if column == "clock":
                return label_of(ClockKind, row.due_clock)
            if column == "kind":
                return label_of(TicketKind, row.kind)
            return getattr(row, column)
        now = self._now()
        status = row_status(row, now)
        if role == Qt.ItemDataRole.DisplayRole:
            return time_left_text(now, row.due_at, status)
        if role == CLOCK_STATUS_ROLE:
            return status
        if role == Qt.ItemDataRole.ForegroundRole:
            return STATUS_COLORS.get(status)
        if role == Qt.ItemDataRole.BackgroundRole:
            return STATUS_BACKGROUNDS.get(status)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if status in (ClockStatus.APPROACHING, ClockStatus.OVERDUE,
                                            ClockStatus.OVERDUE_PAUSED) else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None


class DeadlinesDock(QDockWidget):
    """The dock "即将超时": a line with the overdue count, then the nearest deadlines; double-click opens one."""

    ticket_activated = Signal(int)
    overdue_requested = Signal()
    # The rows and the overdue count were read again (on a worker) and are shown.
    refreshed = Signal()

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None, *, limit: int = 40) -> None:
        super().__init__(parent)
        self.setObjectName("deadlines_dock")
        self._ctx = ctx
        self._overdue = 0
        self.model = DeadlineModel(ctx.now, self, limit=limit, viewer=ctx.viewer)
        self._reads = RequestSequencer(self, name="deadlines")

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.setSpacing(2)
        self.summary = QLabel(body)
        self.summary.setObjectName("deadlines_summary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.linkActivated.connect(self._on_summary_link_activated)
        layout.addWidget(self.summary)

        self.view = QTableView(body)
        self.view.setObjectName("deadlines_view")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        for column, width in zip(range(len(DEADLINE_COLUMNS)), (104, 108, 72, 104, 80), strict=True):
            header.resizeSection(column, width)
        self.view.activated.connect(self._on_view_activated)
        layout.addWidget(self.view)
        self.setWidget(body)

        ctx.changed.connect(self._on_ctx_changed)
        ctx.actor_changed.connect(self._on_ctx_actor_changed)
        self.translate_ui()
        self.refresh()

    def translate_ui(self) -> None:
        self.setWindowTitle(self.tr("Approaching limits"))
        self._update_summary()

    @property
    def overdue_count(self) -> int:
        return self._overdue

    def refresh(self) -> None:
        """Read the nearest deadlines and the overdue count again, on a worker (two small queries; the newest read
        wins); `refreshed` once they are shown. What is on screen stays until then."""
        ctx, limit = self._ctx, self.model.limit
        self._reads.run(functools.partial(read_deadlines, ctx.service, ctx.actor, ctx.now(), limit),
                        self._on_read, self._on_read_failed)

    def wait_for_reads(self, msecs: int = 10_000) -> bool:
        """Block until the read on its worker has ended and its answer is shown (closing, tests)."""
        return self._reads.wait(msecs)

    def _on_read(self, read: tuple[int, list[TicketRow]]) -> None:
        self._overdue, rows = read
        self.model.set_rows(rows)
        self._update_summary()
        self.refreshed.emit()

    def _on_read_failed(self, error: BaseException) -> None:
        # An outage shows as the window's banner (its counts meet it too); what is shown stays.
        log.warning("reading the nearest deadlines failed: %s", error)

    def tick(self) -> None:
        """Advance the countdown; no query."""
        self.model.tick()

    def _update_summary(self) -> None:
        if self._overdue:
            text = self.tr("Overdue now: {count}").format(count=self._overdue)
            link = self.tr("show")
            self.summary.setText(f'<b style="color:{STATUS_COLORS[ClockStatus.OVERDUE].name()}">{text}</b>'
                                 f' &nbsp;<a href="overdue">{link}</a>')
        else:
            self.summary.setText(self.tr("Nothing overdue"))
        self.summary.setToolTip(self.tr("Next {count} limits to run out, soonest first")
                                .format(count=self.model.limit))

    @Slot(str)
    def _on_summary_link_activated(self, _link: str) -> None:
        self.overdue_requested.emit()

    @Slot(QModelIndex)
    def _on_view_activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index)
        if row is not None:
            self.ticket_activated.emit(row.id)

    @Slot(object)
    def _on_ctx_changed(self, change: Change) -> None:
        if change.topic in REFRESH_TOPICS:
            self.refresh()

    @Slot(object)
    def _on_ctx_actor_changed(self, _actor: object) -> None:
        self.refresh()
