"""The summary's tables: the breakdown by one dimension (department, handler, kind, area, channel, station), calls and
tickets by channel, and the complaint hot spots. Read-only table models over one Summary; a cell says which tickets
are behind it (drill_at)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desk_app.core.kinds import Channel, TicketKind
from desk_app.core.summary import BreakdownRow, Dimension, Figure, Measure, Summary, percent
from desk_app.ui.common import label, label_of
from desk_app.ui.summary.drill import DrillRequest

AnyIndex = QModelIndex | QPersistentModelIndex
# The value a column sorts by (numbers as numbers).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
# A breakdown's group names that are enum values, shown in the interface language.
NAMED_BY_ENUM: dict[Dimension, type[Enum]] = {Dimension.KIND: TicketKind, Dimension.CHANNEL: Channel}
# The breakdown's count columns and the figure each drills into.
MEASURE_FIGURES: dict[Measure, Figure] = {
    Measure.TICKETS_IN: Figure.TICKETS_IN,
    Measure.CLOSED: Figure.CLOSED,
    Measure.OPEN_NOW: Figure.OPEN_NOW,
    Measure.OVERDUE_NOW: Figure.OVERDUE_NOW,
}


class SummaryTableModel(QAbstractTableModel):
    """Rows of one Summary, sorted in memory (a breakdown has a few dozen rows). Subclasses give the columns, each
    row's cells as (text, sort value) and what a cell drills into."""

    # Columns of names (left-aligned); the others hold numbers.
    TEXT_COLUMNS: frozenset[int] = frozenset({0})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list = []
        self._cells: list[list[tuple[str, object]]] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._titles: list[str] | None = None   # column_titles(), kept until the language changes

    # ----- for subclasses --------------------------------------------------------------------------------------

    def column_titles(self) -> list[str]:
        raise NotImplementedError

    def column_tooltip(self, column: int) -> str | None:
        return None

    def cells(self, row: object) -> list[tuple[str, object]]:
        raise NotImplementedError

    def drill_at(self, index: AnyIndex) -> DrillRequest | None:
        """The tickets behind a cell; None where there are none to show."""
        raise NotImplementedError

    def cell_tooltip(self, row: object, column: int) -> str | None:
        return None

    # ----- contents --------------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[object]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._cells = [self.cells(r) for r in self._rows]
        if self._sort is not None:
            self._apply_sort(*self._sort)
        self.endResetModel()

    def row_object(self, row: int) -> object | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def text(self, row: int, column: int) -> str:
        return self._cells[row][column][0]

    def retranslate(self) -> None:
        """Texts again in the interface language (names of kinds and channels, headers)."""
        self._titles = None
        if self._rows:
            self._cells = [self.cells(r) for r in self._rows]
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def _column_titles(self) -> list[str]:
        """column_titles(), made once: a header asks for them thousands of times as the window is built."""
        if self._titles is None:
            self._titles = self.column_titles()
        return self._titles

    # ----- QAbstractTableModel ---------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._column_titles())

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._column_titles()[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.column_tooltip(section)
        if role == Qt.ItemDataRole.TextAlignmentRole and section not in self.TEXT_COLUMNS:
            return RIGHT
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) \
                or not 0 <= index.column() < self.columnCount():
            return None
        text, value = self._cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == SORT_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() not in self.TEXT_COLUMNS:
            return RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.cell_tooltip(self._rows[index.row()], index.column())
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.columnCount():
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._apply_sort(column, order)
        self.layoutChanged.emit()

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> None:
        pairs = list(zip(self._rows, self._cells, strict=True))
        known = [p for p in pairs if p[1][column][1] is not None]
        # Rates without a denominator ("—") go last whichever way the column is sorted.
        unknown = [p for p in pairs if p[1][column][1] is None]
        known.sort(key=lambda p: p[1][column][1], reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = [p[0] for p in known + unknown]
        self._cells = [p[1] for p in known + unknown]


def group_name(dimension: Dimension, row: BreakdownRow) -> str:
    """What a breakdown group is called on screen; the group without a value says what it is."""
    if row.key is None or row.key == "":
        if dimension == Dimension.DEPARTMENT:
            return QCoreApplication.translate("BreakdownModel", "Not dispatched yet")
        if dimension == Dimension.HANDLER:
            return QCoreApplication.translate("BreakdownModel", "No handler yet")
        return QCoreApplication.translate("BreakdownModel", "Not given")
    enum = NAMED_BY_ENUM.get(dimension)
    if enum is not None:
        return label_of(enum, row.key)
    return row.name or row.key


class BreakdownModel(SummaryTableModel):
    """分项统计 by one dimension: new, completed, open now, overdue now, the resolution clocks due and met, and their
    on-time rate. Every cell drills into its figure within the group."""

    MEASURES: tuple[Measure, ...] = (Measure.TICKETS_IN, Measure.CLOSED, Measure.OPEN_NOW, Measure.OVERDUE_NOW,
                                     Measure.RESOLVE_DUE, Measure.RESOLVE_ON_TIME)
    RATE = len(MEASURES) + 1

    def __init__(self, dimension: Dimension, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dimension = Dimension(dimension)

    def column_titles(self) -> list[str]:
        return [label(self.dimension), *(label(m) for m in self.MEASURES), self.tr("On-time rate")]

    def column_tooltip(self, column: int) -> str | None:
        if column in (self.RATE, self.RATE - 1, self.RATE - 2):
            return self.tr("Resolution clocks whose deadline falls in the period and that are decided, the 10086 "
                           "feedback clocks included; the rate is the share met")
        if column == 4:
            return self.tr("Open tickets whose earliest running clock is past its deadline now")
        return None

    def cells(self, row: BreakdownRow) -> list[tuple[str, object]]:
        cells: list[tuple[str, object]] = [(group_name(self.dimension, row), group_name(self.dimension, row))]
        cells += [(str(row.values.get(m, 0)), row.values.get(m, 0)) for m in self.MEASURES]
        ratio = row.resolve_rate
        cells.append((percent(ratio.value), ratio.value))
        return cells

    def cell_tooltip(self, row: BreakdownRow, column: int) -> str | None:
        if column == self.RATE:
            ratio = row.resolve_rate
            return self.tr("{met} of {due} met").format(met=ratio.numerator, due=ratio.denominator)
        return None

    def drill_at(self, index: AnyIndex) -> DrillRequest | None:
        row = self.row_object(index.row()) if index.isValid() else None
        if not isinstance(row, BreakdownRow):
            return None
        group = dict(dimension=self.dimension, key=row.key, group=group_name(self.dimension, row))
        column = index.column()
        if column == 0:
            return DrillRequest(Figure.TICKETS_IN, **group)
        if column <= len(MEASURE_FIGURES):
            return DrillRequest(MEASURE_FIGURES[self.MEASURES[column - 1]], **group)
        # Due, met and the rate: the resolution clocks of the group; the rate opens the misses when there are some.
        missed = column == self.RATE and row.resolve_rate.missed > 0
        return DrillRequest(Figure.ON_TIME_RESOLVE, missed=missed, with_feedback=True, **group)


class ChannelModel(SummaryTableModel):
    """来电来访 and 新建工单 by channel (受理渠道). The calls column is the register's: drilling it opens the register."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._summary: Summary | None = None

    def set_summary(self, summary: Summary) -> None:
        self._summary = summary
        channels = sorted(set(summary.calls_by_channel) | set(summary.tickets_by_channel),
                          key=lambda c: (-summary.calls_by_channel.get(c, 0), -summary.tickets_by_channel.get(c, 0),
                                         c))
        self.set_rows(channels)

    def column_titles(self) -> list[str]:
        return [label(Dimension.CHANNEL), label(Figure.CALLS_IN), label(Figure.TICKETS_IN)]

    def cells(self, channel: str) -> list[tuple[str, object]]:
        summary = self._summary
        assert summary is not None
        calls = summary.calls_by_channel.get(channel, 0) if summary.register_visible else None
        tickets = summary.tickets_by_channel.get(channel, 0)
        return [(label_of(Channel, channel), label_of(Channel, channel)),
                ("—" if calls is None else str(calls), calls), (str(tickets), tickets)]

    def drill_at(self, index: AnyIndex) -> DrillRequest | None:
        channel = self.row_object(index.row()) if index.isValid() else None
        if channel is None:
            return None
        if index.column() == 1:
            return DrillRequest(Figure.CALLS_IN)       # the register (the window opens it)
        return DrillRequest(Figure.TICKETS_IN, dimension=Dimension.CHANNEL, key=str(channel),
                            group=label_of(Channel, str(channel)))


class HotSpotModel(SummaryTableModel):
    """投诉热点: the areas or stations with the most complaints in the period (the 10086 coordination group's
    analysis). A row drills into those complaints."""

    TEXT_COLUMNS = frozenset({0, 1})

    def __init__(self, dimension: Dimension, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if dimension not in (Dimension.AREA, Dimension.STATION):
            raise ValueError(dimension)
        self.dimension = Dimension(dimension)

    def set_summary(self, summary: Summary) -> None:
        spots = summary.hot_areas if self.dimension == Dimension.AREA else summary.hot_stations
        self.set_rows([(rank, name, count) for rank, (name, count) in enumerate(spots, start=1)])

    def column_titles(self) -> list[str]:
        return [self.tr("Rank"), label(self.dimension), self.tr("Complaints")]

    def cells(self, spot: tuple[int, str, int]) -> list[tuple[str, object]]:
        rank, name, count = spot
        return [(str(rank), rank), (name, name), (str(count), count)]

    def drill_at(self, index: AnyIndex) -> DrillRequest | None:
        spot = self.row_object(index.row()) if index.isValid() else None
        if spot is None:
            return None
        return hot_spot_request(self.dimension, spot[1])


def hot_spot_request(dimension: Dimension, name: str) -> DrillRequest:
    """The complaints of the period from one area or station."""
    return DrillRequest(Figure.TICKETS_IN, dimension=dimension, key=name, group=name, kind=TicketKind.COMPLAINT.value)


class SummaryTable(QTableView):
    """A read-only, sortable table of a SummaryTableModel; a click on a cell asks for the tickets behind it."""

    drill_requested = Signal(object)   # a DrillRequest

    def __init__(self, model: SummaryTableModel, parent: QWidget | None = None, *, stretch_column: int = 0) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        # Rows come in the service's order (the busiest first); a click on a header sorts.
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setMinimumSectionSize(64)   # numbers in columns of one width, not each squeezed to its digits
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setMouseTracking(True)
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.clicked.connect(self._on_clicked)

    def table_model(self) -> SummaryTableModel:
        model = self.model()
        assert isinstance(model, SummaryTableModel)
        return model

    @Slot(QModelIndex)
    def _on_clicked(self, index: QModelIndex) -> None:
        request = self.table_model().drill_at(index)
        if request is not None:
            self.drill_requested.emit(request)
