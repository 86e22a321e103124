"""The queue tabs of the main window: which queues a role works from, and the table that shows one of them."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desk_app.core.kinds import Role
from desk_app.core.queues import QUEUES_FOR_ROLE, Queue
from desk_app.core.timelimits import ClockStatus
from desk_app.ui import settings as app_settings
from desk_app.ui.common import STATUS_COLORS
from desk_app.ui.queue_model import COLUMNS, TICKET_ID_ROLE, QueueModel

# Queue tabs, left to right, for a role the core names no queues for: the front desk's daily work first.
DEFAULT_QUEUES: tuple[Queue, ...] = (
    Queue.TO_DISPATCH, Queue.IN_HAND, Queue.TO_VISIT, Queue.TO_ARCHIVE, Queue.APPROACHING, Queue.OVERDUE,
    Queue.ARCHIVED, Queue.ALL,
)
DEFAULT_COLUMN_WIDTHS: dict[str, int] = {
    "number": 104, "state": 84, "kind": 80, "priority": 52, "caller_name": 72, "phone": 108, "address": 210,
    "department": 84, "created_at": 124, "time_left": 112,
}
# Where the time left shows by default: next to the state, not scrolled off to the right (columns can be moved).
TIME_LEFT_VISUAL_INDEX = 2
TAB_COLORS: dict[Queue, QColor] = {
    Queue.OVERDUE: STATUS_COLORS[ClockStatus.OVERDUE],
    Queue.APPROACHING: STATUS_COLORS[ClockStatus.APPROACHING],
}


def queues_for(role: Role) -> tuple[Queue, ...]:
    """The queues a role works from (desk_app.core.queues), as tabs."""
    return tuple(QUEUES_FOR_ROLE.get(Role(role), DEFAULT_QUEUES))


class QueueView(QTableView):
    """The table of one queue; tells which ticket the user picked and keeps its column layout in QSettings."""

    ticket_selected = Signal(int)

    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"queue_view_{model.queue.value}")
        self.selected_id: int | None = None
        self._quiet = False
        # Rows leaving the model (another desk's change, a refresh) move Qt's current row onto a neighbour: that is
        # not the user choosing another ticket, so it is not announced (the detail pane and its dialog stay). Connected
        # before setModel, so that this runs before the selection model moves the current row.
        self._model_changing = 0
        for about in (model.rowsAboutToBeRemoved, model.modelAboutToBeReset, model.layoutAboutToBeChanged):
            about.connect(self._on_model_about_to_change)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows (Ctrl/Shift-click) for batch printing; the detail pane follows the current row.
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setStretchLastSection(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, key in enumerate(COLUMNS):
            header.resizeSection(column, DEFAULT_COLUMN_WIDTHS[key])
        header.moveSection(header.visualIndex(COLUMNS.index("time_left")), TIME_LEFT_VISUAL_INDEX)
        header.setSortIndicator(model.sort_column(), model.sort_order())
        self.read_settings()
        # Enabling sorting sorts by the (restored) indicator once: the model re-sorts only if it differs.
        self.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._on_header_sort_indicator_changed)
        self.selectionModel().currentRowChanged.connect(self._on_selection_current_row_changed)
        for done in (model.rowsRemoved, model.modelReset, model.layoutChanged):
            done.connect(self._on_model_changed)   # after the selection model's own handlers (connected in setModel)
        # The current row moved onto rows still being read (Ctrl+End, Page Down): it is taken once they are in.
        self._waiting_row: int | None = None
        self._revalidate_when_loaded = False   # a refresh's check of the selection waits for the current row's page
        model.dataChanged.connect(self._on_model_data_changed)

    def queue_model(self) -> QueueModel:
        model = self.model()
        assert isinstance(model, QueueModel)
        return model

    def _settings_group(self) -> str:
        return f"queues/{self.queue_model().queue.value}"

    def read_settings(self) -> None:
        state = app_settings.read_bytes(app_settings.settings(self._settings_group()), "header")
        if state is not None:
            self.horizontalHeader().restoreState(state)

    def write_settings(self) -> None:
        store = app_settings.settings(self._settings_group())
        store.setValue("header", self.horizontalHeader().saveState())

    def selected_ticket_ids(self) -> list[int]:
        """The tickets of the selected rows, top to bottom (rows are selected only once they are loaded)."""
        model = self.queue_model()
        rows = sorted(index.row() for index in self.selectionModel().selectedRows())
        return [row.id for row in (model.row_at(r) for r in rows) if row is not None]

    def visible_rows(self) -> tuple[int, int]:
        """First and last row on screen (-1, -1 when the table is empty or hidden)."""
        count = self.model().rowCount()
        if not count:
            return -1, -1
        first = self.rowAt(0)
        last = self.rowAt(self.viewport().height() - 1)
        return (max(first, 0), count - 1 if last < 0 else last)

    def select_row(self, row: int, *, quiet: bool = True) -> None:
        """Select a row; `quiet` does not announce it (the ticket is shown already)."""
        self._quiet = quiet
        try:
            index = self.model().index(row, 0)
            self.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.scrollTo(index)
        finally:
            self._quiet = False

    def clear_selection_quietly(self) -> None:
        self._quiet = True
        try:
            self.selectionModel().clear()
        finally:
            self._quiet = False
        self.selected_id = None

    def revalidate_selection(self) -> None:
        """After a refresh rows may have moved: follow the selected ticket within what is loaded, else let go. The
        current row's page is read again on a worker after a count: this looks once its rows are in."""
        self._revalidate_when_loaded = False
        if self.selected_id is None:
            return
        model = self.queue_model()
        current = self.selectionModel().currentIndex()
        if current.isValid():
            if not model.is_loaded(current.row()):
                model.data(current, TICKET_ID_ROLE)   # what painting asks for: the read of its page, if not asked yet
                if not model.is_loaded(current.row()):
                    self._revalidate_when_loaded = True
                    return
            row = model.row_at(current.row())
            if row is not None and row.id == self.selected_id:
                return
        found = model.find_row(self.selected_id)
        if found is None:
            self.clear_selection_quietly()
        else:
            self.select_row(found)

    @Slot(int, Qt.SortOrder)
    def _on_header_sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        model = self.queue_model()
        if not model.is_sortable(column):
            # Phone and address do not sort: put the indicator back where the rows really are sorted.
            self.horizontalHeader().setSortIndicator(model.sort_column(), model.sort_order())

    @Slot()
    def _on_model_about_to_change(self) -> None:
        self._model_changing += 1

    @Slot()
    def _on_model_changed(self) -> None:
        self._model_changing = max(0, self._model_changing - 1)

    @Slot(QModelIndex, QModelIndex)
    def _on_selection_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self._model_changing:
            return
        ticket_id = self.model().data(current, TICKET_ID_ROLE)
        if ticket_id is None:
            self._waiting_row = current.row()   # its page is read on a worker: chosen once its rows are in
            return
        self._waiting_row = None
        self.selected_id = ticket_id
        if not self._quiet:
            self.ticket_selected.emit(ticket_id)

    @Slot(QModelIndex, QModelIndex)
    def _on_model_data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        current = self.selectionModel().currentIndex()
        if (self._revalidate_when_loaded and current.isValid()
                and top_left.row() <= current.row() <= bottom_right.row()
                and self.queue_model().is_loaded(current.row())):
            self.revalidate_selection()
        waiting = self._waiting_row
        if waiting is None or not top_left.row() <= waiting <= bottom_right.row():
            return
        current = self.selectionModel().currentIndex()
        self._waiting_row = None
        if current.isValid() and current.row() == waiting:
            self._on_selection_current_row_changed(current, QModelIndex())
