"""The summary's charts (QtCharts): the trend of new, completed and overdue per day, week or month; the on-time rate
per department; the satisfaction of the return visits; the complaint hot-spot areas.

Series are told apart by line dash, marker shape and fill pattern as well as colour, and the colours differ in
lightness, so a chart printed in black and white still reads. A click on a point or bar asks for the tickets behind it
(drill_requested with a DrillRequest).
"""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLegend,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QCoreApplication, QMargins, QPointF, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QApplication, QComboBox, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desk_app.core.kinds import Satisfaction
from desk_app.core.summary import (
    BreakdownRow,
    Dimension,
    Figure,
    Granularity,
    Period,
    Summary,
    Trend,
    bucket_start,
)
from desk_app.ui.common import label
from desk_app.ui.summary.breakdown import hot_spot_request
from desk_app.ui.summary.drill import DrillRequest

# Three inks far apart in lightness (grey values about 40, 90 and 160 of 255): they stay three greys on paper.
DARK = QColor("#1a237e")
MIDDLE = QColor("#c62828")
LIGHT = QColor("#e69500")
AXIS_GREY = QColor("#78909c")
# How the trend's series differ besides their colour: dash and marker shape.
TREND_STYLES: dict[str, tuple[QColor, Qt.PenStyle, str]] = {
    "new": (DARK, Qt.PenStyle.SolidLine, "square"),
    "closed": (LIGHT, Qt.PenStyle.DashLine, "circle"),
    "overdue": (MIDDLE, Qt.PenStyle.DotLine, "triangle"),
}
# The satisfaction levels' fills: solid, hatched, cross-hatched.
SATISFACTION_STYLES: dict[Satisfaction, tuple[QColor, Qt.BrushStyle]] = {
    Satisfaction.SATISFIED: (DARK, Qt.BrushStyle.SolidPattern),
    Satisfaction.BASICALLY: (DARK, Qt.BrushStyle.BDiagPattern),
    Satisfaction.UNSATISFIED: (MIDDLE, Qt.BrushStyle.DiagCrossPattern),
}
MARKER_SIZE = 9
# At most this many bars of a horizontal bar chart: more and QtCharts elides their names at the window's size.
MAX_BARS = 8
# At most about this many dates under the trend (every n-th point is named when there are more).
TREND_LABELS = 9


def chart_font(scale: float = 1.0, *, bold: bool = False) -> QFont:
    """The application's font (with its CJK fallback) at a scale: charts do not inherit it by themselves."""
    font = QFont(QApplication.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    return font


def marker_image(shape: str, color: QColor, size: int = MARKER_SIZE) -> QImage:
    """A marker drawn once: a filled square, an open circle or a filled triangle (shapes survive greyscale)."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(color, 1.6))
    if shape == "circle":
        painter.setBrush(QBrush(Qt.GlobalColor.white))
        painter.drawEllipse(1, 1, size - 2, size - 2)
    elif shape == "triangle":
        painter.setBrush(QBrush(color))
        path = QPainterPath()
        path.addPolygon(QPolygonF([QPointF(size / 2, 0.5), QPointF(size - 0.5, size - 0.5), QPointF(0.5, size - 0.5)]))
        path.closeSubpath()
        painter.drawPath(path)
    else:
        painter.setBrush(QBrush(color))
        painter.drawRect(1, 1, size - 2, size - 2)
    painter.end()
    return image


def nice_maximum(value: float) -> float:
    """An axis maximum a little above `value` on a round number (at least 5, so an empty chart has a scale)."""
    if value <= 5:
        return 5
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = step * magnitude
        if top >= value * 1.1:
            return top
    return 10 * magnitude


class SummaryChart(QWidget):
    """A chart in its view, with a line above it (a title and, for the trend, a selector). Subclasses fill it from a
    Summary; `drill_requested` carries what a click on a bar or point means."""

    drill_requested = Signal(object)   # a DrillRequest

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.setBackgroundRoundness(0)
        self.chart.setMargins(QMargins(2, 2, 2, 2))
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart.legend().setFont(chart_font())
        self.view = QChartView(self.chart, self)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(230)
        self.title_label = QLabel(self)
        self.title_label.setObjectName("chartTitle")
        self.title_label.setFont(chart_font(1.05, bold=True))
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("chartEmpty")
        self.empty_label.setStyleSheet("color: #5f6b76;")
        self.header = QHBoxLayout()
        self.header.setContentsMargins(4, 0, 4, 0)
        self.header.addWidget(self.title_label)
        self.header.addWidget(self.empty_label)
        self.header.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self.header)
        layout.addWidget(self.view, 1)
        self._summary: Summary | None = None
        # Said after the title: nothing to show, or only part of it shown.
        self.note = ""

    def translate_ui(self) -> None:
        if self._summary is not None:
            self.set_summary(self._summary)

    def set_summary(self, summary: Summary) -> None:
        self._summary = summary
        self._clear()
        self.note = ""
        if not self.fill(summary):
            # Not self.tr(): at run time that takes the subclass's name as the context.
            self.note = QCoreApplication.translate("SummaryChart", "(nothing in the period)")
        self.empty_label.setText(self.note)
        self.empty_label.setVisible(bool(self.note))

    def fill(self, summary: Summary) -> bool:
        """Put the series in; False when there is nothing to show."""
        raise NotImplementedError

    def _clear(self) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
            axis.deleteLater()

    def _value_axis(self, maximum: float, *, percent: bool = False) -> QValueAxis:
        axis = QValueAxis()
        if percent:
            # Room right of 100 % for the number at the end of a full bar; ticks every 20 % up to 100 % only.
            axis.setRange(0, 118)
            axis.setTickType(QValueAxis.TickType.TicksDynamic)
            axis.setTickAnchor(0)
            axis.setTickInterval(20)
            axis.setLabelFormat("%d%%")
        else:
            axis.setRange(0, maximum)
            axis.setTickCount(6)
            axis.setLabelFormat("%d")
        axis.setLabelsFont(chart_font(0.9))
        axis.setGridLineColor(QColor("#dfe4e8"))
        axis.setLinePenColor(AXIS_GREY)
        return axis

    def _category_axis(self, names: list[str]) -> QBarCategoryAxis:
        axis = QBarCategoryAxis()
        axis.append(names)
        axis.setLabelsFont(chart_font(0.9))
        axis.setGridLineVisible(False)
        axis.setLinePenColor(AXIS_GREY)
        return axis

    @staticmethod
    def _style_labels(series: QAbstractBarSeries) -> None:
        series.setLabelsVisible(True)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)


class TrendChart(SummaryChart):
    """新建 / 办结 / 超时 per day, week or month of the period; the selector asks for another granularity."""

    granularity_changed = Signal(object)   # a Granularity

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.granularity_combo = QComboBox(self)
        self.granularity_combo.setObjectName("granularity_combo")
        for granularity in Granularity:
            self.granularity_combo.addItem("", granularity.value)
        self.granularity_combo.activated.connect(self._on_granularity_combo_activated)
        self.header.addWidget(self.granularity_combo)
        self.series: dict[str, QLineSeries] = {}
        self._trend: Trend | None = None
        self._period: Period | None = None
        self.translate_ui()

    def translate_ui(self) -> None:
        self.title_label.setText(self.tr("Trend: new, completed and overdue"))
        for index, granularity in enumerate(Granularity):
            self.granularity_combo.setItemText(index, label(granularity))
        super().translate_ui()

    def granularity(self) -> Granularity:
        return Granularity(self.granularity_combo.currentData())

    def show_granularity(self, granularity: Granularity) -> None:
        """Show which granularity the figures are in (without asking for another)."""
        self.granularity_combo.setCurrentIndex(list(Granularity).index(Granularity(granularity)))

    def series_names(self) -> dict[str, str]:
        return {"new": self.tr("New"), "closed": self.tr("Completed"),
                "overdue": self.tr("Overdue (resolution missed)")}

    def fill(self, summary: Summary) -> bool:
        trend = summary.trend
        self._trend, self._period = trend, summary.period
        self.series = {}
        if trend is None or not trend.points:
            return False
        self.show_granularity(trend.granularity)
        names = self.series_names()
        top = 0
        axis_x = self._date_axis(trend)
        for key, values in (("new", trend.new), ("closed", trend.closed), ("overdue", trend.overdue)):
            color, dash, shape = TREND_STYLES[key]
            series = QLineSeries()
            series.setName(names[key])
            pen = QPen(color, 2.4 if key == "new" else 2.0, dash)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            series.setPen(pen)
            series.setPointsVisible(True)
            series.setMarkerSize(MARKER_SIZE)
            series.setLightMarker(marker_image(shape, color))
            for index, value in enumerate(values):
                series.append(float(index), float(value))
            top = max([top, *values])
            series.clicked.connect(self._on_series_clicked)
            self.chart.addSeries(series)
            self.series[key] = series
        axis_y = self._value_axis(nice_maximum(top))
        self.chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for series in self.series.values():
            series.attachAxis(axis_x)
            series.attachAxis(axis_y)
        self.chart.legend().setVisible(True)
        self.chart.legend().setMarkerShape(QLegend.MarkerShape.MarkerShapeFromSeries)
        return True

    def _date_axis(self, trend: Trend) -> QCategoryAxis:
        """Dates under their points, every n-th one when there are many (rotated labels would be elided)."""
        axis = QCategoryAxis()
        axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        count = len(trend.points)
        axis.setRange(-0.5, count - 0.5)
        step = max(1, math.ceil(count / TREND_LABELS))
        for index in range(0, count, step):
            axis.append(self.point_text(trend.points[index], trend.granularity), index)
        axis.setLabelsFont(chart_font(0.9))
        axis.setGridLineColor(QColor("#eceff1"))
        axis.setLinePenColor(AXIS_GREY)
        return axis

    @staticmethod
    def point_text(day: dt.date, granularity: Granularity) -> str:
        if granularity == Granularity.MONTH:
            return day.strftime("%Y-%m")
        return day.strftime("%m-%d")

    def point_period(self, index: int) -> Period | None:
        """The days of one trend point within the summary's period."""
        trend, period = self._trend, self._period
        if trend is None or period is None or not 0 <= index < len(trend.points):
            return None
        first = max(trend.points[index], period.first)
        if index + 1 < len(trend.points):
            last = trend.points[index + 1] - dt.timedelta(days=1)
        else:
            last = period.last
        last = min(last, period.last)
        assert bucket_start(first, trend.granularity) == trend.points[index]
        return Period(first, last)

    def request_for(self, key: str, index: int) -> DrillRequest | None:
        """The tickets behind one point of a series: the new or completed ones of those days, or the resolution
        clocks (10086 feedback included) due those days and missed."""
        period = self.point_period(index)
        if period is None:
            return None
        if key == "new":
            return DrillRequest(Figure.TICKETS_IN, period=period)
        if key == "closed":
            return DrillRequest(Figure.CLOSED, period=period)
        return DrillRequest(Figure.ON_TIME_RESOLVE, period=period, missed=True, with_feedback=True)

    @Slot(QPointF)
    def _on_series_clicked(self, point: QPointF) -> None:
        sender = self.sender()
        key = next((k for k, s in self.series.items() if s is sender), None)
        request = self.request_for(key, round(point.x())) if key is not None else None
        if request is not None:
            self.drill_requested.emit(request)

    @Slot(int)
    def _on_granularity_combo_activated(self, _index: int) -> None:
        if self._trend is None or self.granularity() != self._trend.granularity:
            self.granularity_changed.emit(self.granularity())


class HorizontalBars(SummaryChart):
    """One horizontal bar per category, the first at the top, the number at the end of each bar."""

    _count = 0

    def _bars(self, name: str, categories: list[str], values: list[float], *, percent: bool = False) -> None:
        bar_set = QBarSet(name)
        bar_set.setColor(DARK)
        bar_set.setBorderColor(DARK)
        bar_set.setLabelColor(QColor("#000000"))
        bar_set.setLabelFont(chart_font(0.9))
        # Bottom to top in Qt: reversed, so the list reads from the top like the tables.
        bar_set.append(list(reversed(values)))
        series = QHorizontalBarSeries()
        series.append(bar_set)
        # A few bars would be slabs at the usual width.
        series.setBarWidth(0.35 if len(values) <= 2 else 0.5 if len(values) <= 4 else 0.6)
        self._style_labels(series)
        series.setLabelsFormat("@value%" if percent else "@value")
        series.clicked.connect(self._on_bars_clicked)
        self.chart.addSeries(series)
        axis_y = self._category_axis(list(reversed(categories)))
        axis_x = self._value_axis(100 if percent else nice_maximum(max(values, default=0)), percent=percent)
        self.chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_y)
        series.attachAxis(axis_x)
        self.chart.legend().setVisible(False)
        self._count = len(categories)

    def request_at(self, row: int) -> DrillRequest | None:
        """What the row-th bar from the top drills into."""
        raise NotImplementedError

    @Slot(int, QBarSet)
    def _on_bars_clicked(self, index: int, _bar_set: QBarSet) -> None:
        request = self.request_at(self._count - 1 - index)
        if request is not None:
            self.drill_requested.emit(request)


class DepartmentRateChart(HorizontalBars):
    """The resolution on-time rate of each department (10086 feedback clocks included), a department with nothing
    decided in the period left out. A bar opens the department's misses."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[BreakdownRow] = []
        self.translate_ui()

    def translate_ui(self) -> None:
        self.title_label.setText(self.tr("On-time resolution by department"))
        super().translate_ui()

    def fill(self, summary: Summary) -> bool:
        rows = [r for r in summary.breakdowns.get(Dimension.DEPARTMENT, []) if r.key and r.resolve_rate.denominator]
        # The lowest rates first: those are the ones to look into.
        rows.sort(key=lambda r: (r.resolve_rate.value or 0, -r.resolve_rate.denominator, r.name))
        self.rows = rows[:MAX_BARS]
        if not self.rows:
            return False
        if len(rows) > MAX_BARS:
            self.note = self.tr("(the {shown} lowest of {count})").format(shown=MAX_BARS, count=len(rows))
        values = [round(100 * (r.resolve_rate.value or 0), 1) for r in self.rows]
        self._bars(self.tr("On time"), [r.name for r in self.rows], values, percent=True)
        return True

    def request_at(self, row: int) -> DrillRequest | None:
        if not 0 <= row < len(self.rows):
            return None
        found = self.rows[row]
        return DrillRequest(Figure.ON_TIME_RESOLVE, dimension=Dimension.DEPARTMENT, key=found.key, group=found.name,
                            missed=found.resolve_rate.missed > 0, with_feedback=True)


class HotSpotChart(HorizontalBars):
    """投诉热点: the areas with the most complaints in the period. A bar opens those complaints."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spots: list[tuple[str, int]] = []
        self.translate_ui()

    def translate_ui(self) -> None:
        self.title_label.setText(self.tr("Complaint hot spots by area"))
        super().translate_ui()

    def fill(self, summary: Summary) -> bool:
        self.spots = summary.hot_areas[:MAX_BARS]
        if not self.spots:
            return False
        if len(summary.hot_areas) > MAX_BARS:
            self.note = self.tr("(the first {shown})").format(shown=MAX_BARS)
        self._bars(self.tr("Complaints"), [name for name, _ in self.spots], [float(n) for _, n in self.spots])
        return True

    def request_at(self, row: int) -> DrillRequest | None:
        if not 0 <= row < len(self.spots):
            return None
        return hot_spot_request(Dimension.AREA, self.spots[row][0])


class SatisfactionChart(SummaryChart):
    """The return visits of the period by satisfaction, a bar (and a fill pattern) per level. A bar opens the
    tickets visited with that answer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sets: dict[Satisfaction, QBarSet] = {}
        self.translate_ui()

    def translate_ui(self) -> None:
        self.title_label.setText(self.tr("Satisfaction of the return visits"))
        super().translate_ui()

    def fill(self, summary: Summary) -> bool:
        self.sets = {}
        if not sum(summary.satisfaction.values()):
            return False
        total = sum(summary.satisfaction.values())
        series = QBarSeries()
        for level, (color, pattern) in SATISFACTION_STYLES.items():
            count = summary.satisfaction.get(level.value, 0)
            bar_set = QBarSet(f"{label(level)} {count} ({100 * count / total:.1f}%)")
            bar_set.setBrush(QBrush(color, pattern))
            bar_set.setPen(QPen(color, 1.5))
            bar_set.setLabelColor(QColor("#000000"))
            bar_set.setLabelFont(chart_font(0.9))
            bar_set.append(float(count))
            series.append(bar_set)
            self.sets[level] = bar_set
        series.setBarWidth(0.8)
        self._style_labels(series)
        series.setLabelsFormat("@value")
        series.clicked.connect(self._on_series_clicked)
        self.chart.addSeries(series)
        axis_x = self._category_axis([self.tr("Return visits: {count}").format(count=total)])
        axis_y = self._value_axis(nice_maximum(max(summary.satisfaction.values())))
        self.chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_x)
        series.attachAxis(axis_y)
        self.chart.legend().setVisible(True)
        return True

    def request_for(self, level: Satisfaction) -> DrillRequest:
        return DrillRequest(Figure.SATISFACTION, satisfaction=Satisfaction(level).value)

    @Slot(int, QBarSet)
    def _on_series_clicked(self, _index: int, bar_set: QBarSet) -> None:
        level = next((k for k, s in self.sets.items() if s is bar_set), None)
        if level is not None:
            self.drill_requested.emit(self.request_for(level))


class ChartsPage(QWidget):
    """The four charts, two by two."""

    drill_requested = Signal(object)
    granularity_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.trend = TrendChart(self)
        self.rates = DepartmentRateChart(self)
        self.satisfaction = SatisfactionChart(self)
        self.hot_spots = HotSpotChart(self)
        self.charts: list[SummaryChart] = [self.trend, self.rates, self.satisfaction, self.hot_spots]
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setSpacing(8)
        for index, chart in enumerate(self.charts):
            grid.addWidget(chart, index // 2, index % 2)
            chart.drill_requested.connect(self.drill_requested)
        self.trend.granularity_changed.connect(self.granularity_changed)

    def translate_ui(self) -> None:
        for chart in self.charts:
            chart.translate_ui()

    def set_summary(self, summary: Summary) -> None:
        for chart in self.charts:
            chart.set_summary(summary)
