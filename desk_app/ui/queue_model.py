"""The table model of one work queue: rows come from SQL a page at a time, sorted and searched in SQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from desk_app.core.kinds import TicketKind
from desk_app.core.policies import ClockKind
from desk_app.core.queues import Queue
from desk_app.core.states import State
from desk_app.core.timelimits import ClockStatus, clock_status
from desk_app.services import search as ticket_search
from desk_app.services.desk import Viewer
from desk_app.services.queries import QueueFilter, TicketCondition, count_queue, queue_page
from desk_app.services.views import TicketRow
from desk_app.ui.common import STATUS_BACKGROUNDS, STATUS_COLORS, format_time, label_of, time_left_text

AnyIndex = QModelIndex | QPersistentModelIndex

# Column keys, in display order.
COLUMNS: tuple[str, ...] = (
    "number", "state", "kind", "priority", "caller_name", "phone", "address", "department", "created_at", "time_left",
)
TIME_LEFT = COLUMNS.index("time_left")
# Column → sort key of services.queries.queue_page; phone and address are not sortable (no index, no use).
SORT_KEYS: dict[str, str] = {
    "number": "number", "state": "state", "kind": "kind", "priority": "priority", "caller_name": "caller_name",
    "department": "department", "created_at": "created_at", "time_left": "due_at",
}
# Open queues are worked through by urgency (soonest deadline first); these are looked up, newest first.
NEWEST_FIRST = frozenset({Queue.TO_ARCHIVE, Queue.ARCHIVED, Queue.ALL})


def default_sort(queue: Queue) -> tuple[str, bool]:
    """(sort key, descending) a queue opens with."""
    return ("created_at", True) if queue in NEWEST_FIRST else ("due_at", False)

PRIORITY_COLORS = {1: QColor("#c62828"), 2: QColor("#b26a00")}

TICKET_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CLOCK_STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
# What a tick may change in the time-left cells.
TICK_ROLES = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole,
              Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole, CLOCK_STATUS_ROLE]


def row_status(row: TicketRow, now: dt.datetime) -> ClockStatus:
    """The status of a ticket's earliest running limit; a blocked ticket's clocks stand still (and one already
    overdue when it was blocked stays overdue: OVERDUE_PAUSED)."""
    return clock_status(now, row.due_at, row.warn_at, paused=row.state == State.BLOCKED)


class QueueModel(QAbstractTableModel):
    """One queue (待派单, 处理中, …) as a table. rowCount is a SQL COUNT; rows are fetched in pages when shown.

    Pages of `page_size` rows are cached, at most `cached_pages` of them (least recently used dropped first).
    `now` is a callable (the context's clock) so the countdown can be tested with a fixed time.
    """

    def __init__(self, queue: Queue, now: Callable[[], dt.datetime], parent: QObject | None = None, *,
                 page_size: int = 100, cached_pages: int = 5, department_id: int | None = None,
                 viewer: Callable[[], Viewer] | None = None, drill: TicketCondition | None = None) -> None:
        super().__init__(parent)
        if page_size < 1 or cached_pages < 1:
            raise ValueError("page_size and cached_pages must be at least 1")
        self._queue = queue
        self._now = now
        self._page_size = page_size
        self._max_pages = cached_pages
        self._department_id = department_id
        # Who reads: the queue shows only what the rule book lets them read (asked again at each refresh).
        self._viewer = viewer
        # Only the tickets behind a summary figure (services.summary.Drill), if given.
        self._drill = drill
        self._search = ""
        # The search's text matched more tickets than it looks at (only the newest TEXT_MATCHES of them are shown).
        self._search_capped = False
        self._sort_key, self._descending = default_sort(queue)
        self._pages: OrderedDict[int, list[TicketRow]] = OrderedDict()
        self._bold = QFont()
        self._bold.setBold(True)
        self._filter = self._make_filter()
        self._count = count_queue(self._filter)
        # The filter handed out by filter_snapshot() for a count made elsewhere, until a count is taken in.
        self._awaited: QueueFilter | None = None

    # ----- what it shows ---------------------------------------------------------------------------------------

    @property
    def queue(self) -> Queue:
        return self._queue

    @property
    def search(self) -> str:
        return self._search

    @property
    def sort_key(self) -> str:
        return self._sort_key

    @property
    def descending(self) -> bool:
        return self._descending

    def sort_column(self) -> int:
        return next(i for i, c in enumerate(COLUMNS) if SORT_KEYS.get(c) == self._sort_key)

    def sort_order(self) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder if self._descending else Qt.SortOrder.AscendingOrder

    @staticmethod
    def is_sortable(column: int) -> bool:
        return 0 <= column < len(COLUMNS) and COLUMNS[column] in SORT_KEYS

    def cached_page_numbers(self) -> list[int]:
        """Pages held now, least recently used first (tests and the tick use it)."""
        return list(self._pages)

    def _make_filter(self, search: str | None = None, *, ask_viewer: bool = True) -> QueueFilter:
        # `now` is frozen per refresh so the count and every page agree on who is approaching or overdue.
        viewer = self._viewer() if ask_viewer and self._viewer is not None else None
        return QueueFilter(self._queue, self._now(), self._search if search is None else search,
                           self._department_id, viewer, self._drill)

    def filter_snapshot(self) -> QueueFilter:
        """What a count of this model would count now, frozen for a worker thread: queue, search, department and
        the moment. Who reads is left out (viewer None): it is a read of the database, so whoever counts asks for
        it on their own thread, puts it in (dataclasses.replace) and hands that filter back to apply_count()."""
        self._awaited = self._make_filter(ask_viewer=False)
        return self._awaited

    def current_filter(self) -> QueueFilter:
        """What the table shows now (queue, search, department, drill, its reader and moment): e.g. to export it.
        No database read: the filter of the last count."""
        return self._filter

    @property
    def search_capped(self) -> bool:
        """Whether the search left out older tickets matching its text (services.search.TEXT_MATCHES)."""
        return self._search_capped

    def search_note(self) -> str:
        """What to say beside the number found when the search is capped ("" otherwise)."""
        if not self._search_capped:
            return ""
        return self.tr("(only the newest {n} matches shown)").format(n=ticket_search.TEXT_MATCHES)

    def count_without_search(self) -> int:
        """The queue's size as its tab shows it: the row count, or one more COUNT while a search narrows it."""
        return count_queue(self._make_filter("")) if self._search else self._count

    # ----- changing it -----------------------------------------------------------------------------------------

    def set_search(self, text: str) -> None:
        """Show only tickets matching `text` (number prefix, phone, name, address, description)."""
        text = " ".join(text.split())
        if text == self._search:
            return
        self.beginResetModel()
        self._search = text
        self._awaited = None  # a count made elsewhere meanwhile is of the old search
        self._filter = self._make_filter()
        viewer = self._filter.viewer
        self._search_capped = bool(text) and ticket_search.text_matches_capped(
            text, area_code=viewer.area_code if viewer is not None else "")
        self._count = count_queue(self._filter)
        self._pages.clear()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL; a column that cannot be sorted (phone, address) leaves the order as it is."""
        if not self.is_sortable(column):
            return
        key = SORT_KEYS[COLUMNS[column]]
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort_key, self._descending):
            return
        self.beginResetModel()
        self._sort_key, self._descending = key, descending
        self._pages.clear()
        self.endResetModel()

    def refresh(self) -> None:
        """Count again here and now (after this desk's own change, in tests) and forget cached pages, keeping
        search, sort, scroll position and selection by row; the periodic refresh counts on a worker instead
        (filter_snapshot, apply_count)."""
        self._awaited = None  # this count is newer than one made elsewhere from an earlier snapshot
        flt = self._make_filter()
        self._take_count(flt, count_queue(flt))

    def apply_count(self, flt: QueueFilter, count: int) -> bool:
        """Take a count made elsewhere of the last filter_snapshot() (with its viewer put in): what refresh() does
        after counting. Ignored (False) when it is stale: the search changed, or the model counted itself, since
        that snapshot."""
        if self._awaited is None or flt.viewer is None or dataclasses.replace(flt, viewer=None) != self._awaited:
            return False
        self._awaited = None
        self._take_count(flt, count)
        return True

    def _take_count(self, flt: QueueFilter, new_count: int) -> None:
        """The queue now holds `new_count` tickets of `flt`. Rows stay where they are for the view: the table grows
        or shrinks at its end and every row is announced changed, so shown rows are fetched again as painted."""
        self._filter = flt
        self._pages.clear()
        old_count = self._count
        if new_count < old_count:
            self.beginRemoveRows(QModelIndex(), new_count, old_count - 1)
            self._count = new_count
            self.endRemoveRows()
        elif new_count > old_count:
            self.beginInsertRows(QModelIndex(), old_count, new_count - 1)
            self._count = new_count
            self.endInsertRows()
        if new_count:
            self.dataChanged.emit(self.index(0, 0), self.index(new_count - 1, len(COLUMNS) - 1))

    def tick(self, first: int | None = None, last: int | None = None) -> None:
        """Repaint the time-left cells of cached rows (within [first, last] if given): no query.

        Rows not in a cached page have never been shown since the last refresh, so they need no tick.
        """
        if not self._count:
            return
        low = 0 if first is None or first < 0 else first
        high = self._count - 1 if last is None or last < 0 else min(last, self._count - 1)
        for page in sorted(self._pages):
            start = max(low, page * self._page_size)
            end = min(high, page * self._page_size + len(self._pages[page]) - 1)
            if start <= end:
                self.dataChanged.emit(self.index(start, TIME_LEFT), self.index(end, TIME_LEFT), TICK_ROLES)

    # ----- rows ------------------------------------------------------------------------------------------------

    def row_at(self, index: AnyIndex | int) -> TicketRow | None:
        """The ticket shown at a row (fetching its page if needed); None past the end."""
        row = index if isinstance(index, int) else index.row()
        if not 0 <= row < self._count:
            return None
        page_number, offset = divmod(row, self._page_size)
        page = self._pages.get(page_number)
        if page is None:
            page = queue_page(self._filter, offset=page_number * self._page_size, limit=self._page_size,
                              sort=self._sort_key, descending=self._descending)
            self._pages[page_number] = page
            while len(self._pages) > self._max_pages:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_number)
        # A page can come back short when tickets left the queue since the count: those rows show empty.
        return page[offset] if offset < len(page) else None

    def find_row(self, ticket_id: int, *, fetch_first_page: bool = False) -> int | None:
        """The row of a ticket among the cached pages (and the first page if asked), else None."""
        if fetch_first_page and 0 not in self._pages and self._count:
            self.row_at(0)
        for page_number, page in self._pages.items():
            for offset, row in enumerate(page):
                if row.id == ticket_id:
                    return page_number * self._page_size + offset
        return None

    # ----- QAbstractTableModel ---------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.column_titles()[section]
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section] == "time_left":
            return self.tr("Time left on the earliest running limit")
        return None

    def column_titles(self) -> list[str]:
        return [self.tr("No."), self.tr("State"), self.tr("Kind"), self.tr("Priority"), self.tr("Caller"),
                self.tr("Phone"), self.tr("Address"), self.tr("Department"), self.tr("Received"),
                self.tr("Time left")]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.column() >= len(COLUMNS):
            return None
        row = self.row_at(index)
        if row is None:
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == TICKET_ID_ROLE:
            return row.id
        if column == "time_left":
            return self._time_left_data(row, role)
        if column == "priority":
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return Qt.AlignmentFlag.AlignCenter
            if role == Qt.ItemDataRole.ForegroundRole:
                return PRIORITY_COLORS.get(row.priority)
        if column == "address" and role == Qt.ItemDataRole.ToolTipRole:
            return row.address or None
        return None

    def _display(self, row: TicketRow, column: str) -> str:
        if column == "state":
            return label_of(State, row.state)
        if column == "kind":
            return label_of(TicketKind, row.kind)
        if column == "priority":
            return f"P{row.priority}"
        if column == "created_at":
            return format_time(row.created_at)
        if column == "time_left":
            now = self._now()
            return time_left_text(now, row.due_at, row_status(row, now))
        return getattr(row, column)

    def _time_left_data(self, row: TicketRow, role: int) -> object:
        status = row_status(row, self._now())
        if role == CLOCK_STATUS_ROLE:
            return status
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if row.due_at is None and status != ClockStatus.PAUSED:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return STATUS_COLORS.get(status)
        if role == Qt.ItemDataRole.BackgroundRole:
            return STATUS_BACKGROUNDS.get(status)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if status in (ClockStatus.OVERDUE, ClockStatus.OVERDUE_PAUSED) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return deadline_tooltip(row)
        return None


def deadline_tooltip(row: TicketRow) -> str:
    """'Resolution: due 2026-11-27 17:30' and, when it rests on a guessed calendar year, a note saying so."""
    if row.due_at is None:
        return QCoreApplication.translate(
            "Deadline", "Paused: the clock stands still while waiting for an outside party")
    clock = label_of(ClockKind, row.due_clock) if row.due_clock else QCoreApplication.translate("Deadline", "Limit")
    text = QCoreApplication.translate("Deadline", "{clock}: due {time}")
    text = text.format(clock=clock, time=format_time(row.due_at))
    if row.provisional:
        text += "\n" + QCoreApplication.translate(
            "Deadline", "Provisional: that year's official holiday schedule is not published yet")
    return text


__all__ = [
    "CLOCK_STATUS_ROLE", "COLUMNS", "SORT_KEYS", "TICKET_ID_ROLE", "TIME_LEFT", "QueueModel",
    "deadline_tooltip", "default_sort", "row_status",
]
