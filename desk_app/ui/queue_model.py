"""The table model of one work queue: rows come from SQL a page at a time, sorted and searched in SQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont

from desk_app.core.errors import DatabaseBusy, DatabaseUnavailable
from desk_app.core.kinds import TicketKind
from desk_app.core.policies import ClockKind
from desk_app.core.queues import Queue
from desk_app.core.states import State
from desk_app.core.timelimits import ClockStatus, clock_status
from desk_app.services import search as ticket_search
from desk_app.services.desk import Viewer
from desk_app.services.queries import (
    KeyedPage,
    QueueFilter,
    SortKey,
    TicketCondition,
    count_filters,
    count_queue,
    queue_key_at,
    queue_seek,
)
from desk_app.services.views import TicketRow
from desk_app.ui.common import STATUS_BACKGROUNDS, STATUS_COLORS, format_time, label_of, time_left_text
from desk_app.ui.workers import RequestSequencer

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


@dataclasses.dataclass(frozen=True)
class SearchCount:
    """A search counted on a worker: the filter (its reader put in), how many it finds, whether its text matched
    more tickets than the search looks at, the queue's size without the search (None: not asked for), and its first
    page (None: not read)."""

    filter: QueueFilter
    count: int
    capped: bool
    unsearched: int | None
    first: KeyedPage | None = None
    order: tuple[str, bool] | None = None   # the first page's (sort key, descending)


def count_search(viewer: Callable[[], Viewer] | None, flt: QueueFilter, *, unsearched: bool,
                 first_page: tuple[int, str, bool] | None = None) -> SearchCount:
    """start_search's work on a worker thread (no widgets): who reads (a read of their record), then the count of
    the search, and with `unsearched` the queue's count without it too, in one grouped query; with `first_page`
    (page size, sort key, descending) the first page of what it found as well, so that the rows come with the count."""
    if viewer is not None:
        flt = dataclasses.replace(flt, viewer=viewer())
    area_code = flt.viewer.area_code if flt.viewer is not None else ""
    capped = bool(flt.search) and ticket_search.text_matches_capped(flt.search, area_code=area_code)
    whole = None
    if unsearched and flt.search:
        count, whole = count_filters([flt, dataclasses.replace(flt, search="")])
    else:
        count = count_queue(flt)
    first = None
    if first_page is not None and count:
        size, sort, descending = first_page
        first = queue_seek(flt, limit=min(size, count), after=None, sort=sort, descending=descending, count=count)
    return SearchCount(flt, count, capped, whole, first, first_page[1:] if first_page is not None else None)


def read_first_pages(reads: list[tuple[object, int, Callable[[], KeyedPage | None] | None]],
                     ticket_id: int) -> list[tuple[object, int, KeyedPage | None]]:
    """On a worker: the first pages of some queues, (key, generation, reader) in the order to look, read until one
    holds `ticket_id` (a ticket just taken in: the window then selects it where it is, with no read of its own)."""
    pages = []
    for key, generation, read in reads:
        if read is None:
            continue
        found = read()
        pages.append((key, generation, found))
        if found is not None and any(row.id == ticket_id for row in found.rows):
            break
    return pages


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

    Pages are read by key, never by offset: the first page from the start, the last from the end (the order
    reversed), and any other after the last row of the page above it or before the first row of the page below it,
    whose keys (sort value, id) the model remembers for every page it has read since the last refresh. A page with no
    known neighbour (the scroll bar dragged into the middle) is reached by a jump from the nearest known row or end,
    which reads only the sort column's index (queries.queue_key_at), and the pages around it are then seeks again.
    Pages of `page_size` rows are cached, at most `cached_pages` of them (least recently used dropped first).

    With `reads_on_worker` (the window's queues), painting never reads: every page is read on a worker, one read per
    page at a time, and its rows are announced changed when they are in (dataChanged). A seek next to rows already
    read is a few ms, but not always: how long depends on the queue, the sort and the plan the database chose.
    Meanwhile the rows shown before the last count stay on screen (a refresh does not blank the table), else the rows
    show empty.
    Without it (tests, scripts) a page is read when first asked for. row_at() always reads now.
    `now` is a callable (the context's clock) so the countdown can be tested with a fixed time.
    `unreachable(error)`: a page could not be read, the database is away (the rows show empty until the next count).

    With `counted=False` the model starts empty and uncounted (no query at all: the window's count job counts it on
    a worker and hands the count to apply_count()); start_search() counts a search on a worker, `searched()` when
    its rows are in. refresh() and set_search() count here and now (tests; never the window).
    """

    unreachable = Signal(object)
    searched = Signal()   # a search started by start_search() is counted: its rows are shown now

    def __init__(self, queue: Queue, now: Callable[[], dt.datetime], parent: QObject | None = None, *,
                 page_size: int = 100, cached_pages: int = 5, department_id: int | None = None,
                 counted: bool = True, reads_on_worker: bool = False,
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
        # Keys of the first and last row of every page read since the rows last changed (kept when pages are not).
        self._edges: dict[int, tuple[SortKey, SortKey]] = {}
        # Which reading of the rows is shown (bumped whenever they are forgotten): an answer of an older one is dropped.
        self._generation = 0
        # Pages read on workers (reads_on_worker), one read per page at a time; the pages shown before the last count,
        # shown until their new rows are in.
        self._reads_on_worker = reads_on_worker
        self._page_reads = RequestSequencer(self, name=f"queue-pages-{queue.value}")
        self._shown_before: dict[int, list[TicketRow]] = {}
        # Pages a paint asked for, read once that paint is over (a zero timer): a worker started within the paint
        # would hold the interpreter lock while the paint needs it for every cell.
        self._to_read: set[int] = set()
        self._read_timer = QTimer(self)
        self._read_timer.setSingleShot(True)
        self._read_timer.setInterval(0)
        self._read_timer.timeout.connect(self._start_reads)
        self._closed = False   # its window closed: no page is read on a worker any more
        self._searches = RequestSequencer(self, name=f"queue-search-{queue.value}")
        # The database could not be reached for a page: rows show empty, and no page is asked for again (at every
        # paint) until the next count says it is back.
        self._unreachable = False
        self._bold = QFont()
        self._bold.setBold(True)
        # Not counted yet (counted=False): no rows, and no read of who reads either, until the first count.
        self._counted = counted
        self._filter = self._make_filter(ask_viewer=counted)
        self._count = count_queue(self._filter) if counted else 0
        # The queue's size without the search, while one narrows it (count_without_search); None: not known.
        self._unsearched: int | None = self._count if counted else None
        # The filter handed out by filter_snapshot() for a count made elsewhere, until a count is taken in.
        self._awaited: QueueFilter | None = None

    # ----- what it shows ---------------------------------------------------------------------------------------

    @property
    def queue(self) -> Queue:
        return self._queue

    @property
    def search(self) -> str:
        """The search whose rows are shown (one started by start_search() shows once counted)."""
        return self._search

    @property
    def counted(self) -> bool:
        """False until the model's first count is in (a model made with counted=False shows no rows until then)."""
        return self._counted

    @property
    def searching(self) -> bool:
        """True while a search started by start_search() is being counted on a worker."""
        return self._searches.busy

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

    def is_loaded(self, row: int) -> bool:
        """Whether the rows read since the last count include `row` (then row_at() does not read)."""
        return row // self._page_size in self._pages

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
        """The queue's size as its tab shows it: the row count, or while a search narrows it the count taken last
        without one (a COUNT of the whole queue only when there is none: 1,000,000 tickets, 11-20 ms on the window's
        thread at each search; the periodic count refreshes it)."""
        if not self._search:
            return self._count
        if self._unsearched is None:
            self._unsearched = count_queue(self._make_filter(""))
        return self._unsearched

    @property
    def unsearched_count(self) -> int | None:
        """The queue's size without the search as far as known without a query (None: not known now)."""
        return self._count if not self._search and self._counted else self._unsearched

    # ----- changing it -----------------------------------------------------------------------------------------

    def set_search(self, text: str) -> None:
        """Show only tickets matching `text` (number prefix, phone, name, address, description), counted here and
        now (tests; the window uses start_search)."""
        text = " ".join(text.split())
        self._searches.drop()   # a search still counted on a worker is older than this one
        if text == self._search:
            return
        self.beginResetModel()
        if not self._search and self._counted:
            self._unsearched = self._count
        self._counted = True
        self._search = text
        self._awaited = None  # a count made elsewhere meanwhile is of the old search
        self._filter = self._make_filter()
        viewer = self._filter.viewer
        self._search_capped = bool(text) and ticket_search.text_matches_capped(
            text, area_code=viewer.area_code if viewer is not None else "")
        self._count = count_queue(self._filter)
        self._forget_pages()
        self.endResetModel()

    def start_search(self, text: str) -> bool:
        """set_search on a worker: the search is counted there (and the queue without it, if that is not known) and
        its rows replace the ones shown when the answer is in (`searched()`); meanwhile the rows shown stay. The
        newest search wins. False if `text` is the search shown already (nothing to count)."""
        text = " ".join(text.split())
        if text == self._search:
            self._searches.drop()   # typed back to what is shown: an answer still on its way is of other text
            return False
        flt = self._make_filter(text, ask_viewer=False)
        # Searching from a counted queue with no search: its size is the row count; otherwise it may not be known.
        unsearched = bool(text) and (self._unsearched is None if self._search else not self._counted)
        # The window's queues get the first page of what is found with the count: the rows come at once.
        first_page = (self._page_size, self._sort_key, self._descending) if self._reads_on_worker else None
        self._searches.run(functools.partial(count_search, self._viewer, flt, unsearched=unsearched,
                                             first_page=first_page),
                           self._on_search_counted, self._on_search_failed)
        return True

    def _on_search_counted(self, found: SearchCount) -> None:
        self.beginResetModel()
        if not self._search and self._counted:
            self._unsearched = self._count
        self._counted = True
        self._search = found.filter.search
        self._awaited = None  # a count made elsewhere meanwhile is of the old search
        self._filter = found.filter
        self._search_capped = found.capped
        self._count = found.count
        if not found.filter.search:
            self._unsearched = found.count
        elif found.unsearched is not None:
            self._unsearched = found.unsearched
        self._forget_pages()
        if found.first is not None and found.order == (self._sort_key, self._descending):
            self._cache(0, found.first)
        self.endResetModel()
        self.searched.emit()

    def _on_search_failed(self, error: BaseException) -> None:
        # The rows shown stay (of the search before); an outage shows as the window's banner.
        if isinstance(error, (DatabaseUnavailable, DatabaseBusy)):
            self.unreachable.emit(error)

    def wait_for_searches(self, msecs: int = 10_000) -> bool:
        """Block until no search is counted on a worker and its answer was taken in (closing, tests)."""
        return self._searches.wait(msecs)

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
        self._forget_pages()
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
        self._counted = True
        self._filter = flt
        self._forget_pages(keep_shown=True)
        # Without a search this is the queue's size; with one, the size without it may have changed as well: it is
        # counted again when next asked.
        self._unsearched = None if flt.search else new_count
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

    def _forget_pages(self, *, keep_shown: bool = False) -> None:
        """Forget the rows read (a new count, sort or search). With `keep_shown` (the same rows counted again) the
        pages shown stay on screen until their new rows are read on a worker."""
        self._unreachable = False   # a count came through: the database is there again
        if keep_shown and self._reads_on_worker:
            # The pages cached now over those still waiting from an earlier count, the most recent few only.
            shown = {**self._shown_before, **self._pages}
            self._shown_before = dict(list(shown.items())[-2 * self._max_pages:])
        else:
            self._shown_before = {}
        self._pages.clear()
        self._edges.clear()
        self._generation += 1
        self._to_read.clear()
        self._page_reads.drop()

    def loading(self) -> bool:
        """Whether pages are being read on workers, or asked for by a paint and about to be (reads_on_worker: their
        rows show when they are in)."""
        return bool(self._to_read) or not self._page_reads.idle

    def shutdown(self) -> None:
        """Its window closes: no page is read on a worker any more, and the reads and searches running are waited
        for, their answers dropped (a page's rows announced now would move the selection and start the detail
        pane's read in a window that has already stopped its workers)."""
        self._closed = True
        self._to_read.clear()
        for requests in (self._page_reads, self._searches):
            requests.drop()
            requests.wait()

    def wait_for_pages(self, msecs: int = 10_000) -> bool:
        """Block until no page is read on a worker and the answers were taken in (closing, tests)."""
        self._start_reads()
        return self._page_reads.wait(msecs)

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
        """The ticket shown at a row, its page read now if it is not cached; None past the end."""
        row = index if isinstance(index, int) else index.row()
        if not 0 <= row < self._count:
            return None
        page_number, offset = divmod(row, self._page_size)
        page = self._pages.get(page_number)
        if page is None:
            if self._unreachable:
                return None
            try:
                found = self._page_reader(page_number)()
            except (DatabaseUnavailable, DatabaseBusy) as error:
                # Within a paint: no exception may leave data(). The window shows the banner and counts again.
                self._unreachable = True
                self.unreachable.emit(error)
                return None
            page = self._cache(page_number, found)
        else:
            self._pages.move_to_end(page_number)
        # A page can come back short when tickets left the queue since the count: those rows show empty.
        return page[offset] if offset < len(page) else None

    def _row_to_paint(self, row: int) -> TicketRow | None:
        """What a paint shows at a row: cached, else (reads_on_worker) the row shown there before the last count
        while the page is read on a worker, or nothing yet."""
        if not self._reads_on_worker:
            return self.row_at(row)
        if not 0 <= row < self._count:
            return None
        page_number, offset = divmod(row, self._page_size)
        page = self._pages.get(page_number)
        if page is not None:
            self._pages.move_to_end(page_number)
        else:
            self._read_on_worker(page_number)
            page = self._shown_before.get(page_number)
            if page is None:
                return None
        return page[offset] if offset < len(page) else None

    def _read_on_worker(self, page_number: int) -> None:
        if self._unreachable or self._closed or page_number in self._to_read or self._page_reads.pending(page_number):
            return
        self._to_read.add(page_number)
        self._read_timer.start()

    @Slot()
    def _start_reads(self) -> None:
        """Start the reads the paints since the last turn of the event loop asked for."""
        self._read_timer.stop()
        pages, self._to_read = sorted(self._to_read), set()
        for page_number in pages:
            if (self._unreachable or self._closed or page_number in self._pages
                    or self._page_reads.pending(page_number)):
                continue
            self._page_reads.run(self._page_reader(page_number),
                                 functools.partial(self._on_page_read, self._generation, page_number),
                                 functools.partial(self._on_page_failed, self._generation), key=page_number)

    def _on_page_read(self, generation: int, page_number: int, found: KeyedPage | None) -> None:
        if generation != self._generation:
            return   # the rows were forgotten (a refresh, a sort, a search) since: it is asked for again when painted
        self._cache(page_number, found)
        self._shown_before.pop(page_number, None)
        first = page_number * self._page_size
        last = min(first + self._page_size, self._count) - 1
        if first <= last:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))

    def _on_page_failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation and isinstance(error, (DatabaseUnavailable, DatabaseBusy)):
            self._unreachable = True   # no page is asked for again until the next count says it is back
            self.unreachable.emit(error)

    def _cache(self, page_number: int, found: KeyedPage | None) -> list[TicketRow]:
        page = self._remember(page_number, found)
        self._pages[page_number] = page
        self._pages.move_to_end(page_number)
        while len(self._pages) > self._max_pages:
            self._pages.popitem(last=False)
        return page

    def _known_around(self, page_number: int) -> tuple[int, SortKey | None, int, SortKey | None]:
        """The nearest rows above and below the page whose keys are known, as (position, key) each: rows of the
        pages read since the last count, else the start (position -1) or the end (position `count`), with no key."""
        first = page_number * self._page_size
        last = min(first + self._page_size, self._count) - 1
        known: list[tuple[int, SortKey | None]] = [(-1, None), (self._count, None)]
        for number, (head, tail) in self._edges.items():
            start = number * self._page_size
            known += [(start, head), (min(start + self._page_size, self._count) - 1, tail)]
        above, above_key = max((k for k in known if k[0] < first), key=lambda k: k[0])
        below, below_key = min((k for k in known if k[0] > last), key=lambda k: k[0])
        return above, above_key, below, below_key

    def _page_reader(self, page_number: int) -> Callable[[], KeyedPage | None]:
        """The read of one page by key, planned from the nearest row whose key is known (the start and the end
        included): stepping over the rows between in the sort column's index (queries.queue_key_at) when it is
        not next to the page, then a seek. Runs here (row_at) or on a worker (no widget, no model state in it);
        None: no rows to show now (the queue shrank since it was counted)."""
        first = page_number * self._page_size
        last = min(first + self._page_size, self._count) - 1
        flt = self._filter
        order = {"sort": self._sort_key, "descending": self._descending, "count": self._count}
        above, above_key, below, below_key = self._known_around(page_number)
        limit = last - first + 1
        if first - 1 - above <= below - last - 1:
            gap = first - 1 - above   # rows between the known one and the page: stepped over in the index

            def read_down() -> KeyedPage | None:
                after = above_key
                if gap:
                    after = queue_key_at(flt, gap - 1, after=above_key, **order)
                    if after is None:
                        return None
                return queue_seek(flt, limit=limit, after=after, **order)

            return read_down
        gap = below - last - 1

        def read_up() -> KeyedPage | None:
            before, from_end = below_key, below_key is None
            if gap:
                before = queue_key_at(flt, gap - 1, before=below_key, from_end=from_end, **order)
                if before is None:
                    return None
                from_end = False
            return queue_seek(flt, limit=limit, before=before, from_end=from_end, **order)

        return read_up

    def _remember(self, page_number: int, found: KeyedPage | None) -> list[TicketRow]:
        if found is None or found.first is None or found.last is None:
            return []   # the queue shrank since it was counted: the rows show empty until the next count
        if len(found.rows) == self._page_size or page_number == (self._count - 1) // self._page_size:
            self._edges[page_number] = (found.first, found.last)
        return found.rows

    @property
    def generation(self) -> int:
        """Which reading of the rows is shown (it changes whenever the cached pages are forgotten)."""
        return self._generation

    def first_page_reader(self) -> Callable[[], KeyedPage | None] | None:
        """The read of the first page as the table would make it, to run on a worker and hand to take_first_page()
        with the generation it was made in; None if the queue shows no rows."""
        if not self._count:
            return None
        return functools.partial(queue_seek, self._filter, limit=min(self._page_size, self._count), after=None,
                                 sort=self._sort_key, descending=self._descending, count=self._count)

    def take_first_page(self, generation: int, found: KeyedPage | None) -> bool:
        """Cache a first page read elsewhere (first_page_reader) unless the rows changed since; True if taken."""
        if generation != self._generation or 0 in self._pages or not self._count:
            return False
        self._cache(0, found)
        self._shown_before.pop(0, None)
        return True

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
        row = self._row_to_paint(index.row())
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
    "CLOCK_STATUS_ROLE", "COLUMNS", "SORT_KEYS", "TICKET_ID_ROLE", "TIME_LEFT", "QueueModel", "SearchCount",
    "count_search", "deadline_tooltip", "default_sort", "read_first_pages", "row_status",
]
