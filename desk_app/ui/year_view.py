"""A year of the working calendar at a glance: twelve small month grids, holidays red, adjusted working days
(调休上班) blue, administrator overrides outlined, days guessed by rule (暂定) hatched. Click or arrow keys pick a day."""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desk_app.core.calendar import DayInfo, DayKind
from desk_app.core.labels import QT_TRANSLATE_NOOP

MONTH_COLUMNS = 4
MONTH_ROWS = 3
WEEKS = 6
GAP = 10
PADDING = 4

HOLIDAY_BACKGROUND = QColor("#fdd8d8")
HOLIDAY_TEXT = QColor("#b71c1c")
ADJUSTED_BACKGROUND = QColor("#d4e6fb")
ADJUSTED_TEXT = QColor("#0d47a1")
WEEKEND_BACKGROUND = QColor("#f3f4f6")
WEEKEND_TEXT = QColor("#8a9399")
WORKDAY_BACKGROUND = QColor("#ffffff")
WORKDAY_TEXT = QColor("#263238")
OVERRIDE_OUTLINE = QColor("#7b1fa2")
SELECTED_OUTLINE = QColor("#263238")
TODAY_TEXT = QColor("#e65100")
HEADER_TEXT = QColor("#455a64")

KIND_BACKGROUNDS = {
    DayKind.HOLIDAY: HOLIDAY_BACKGROUND,
    DayKind.ADJUSTED_WORKDAY: ADJUSTED_BACKGROUND,
    DayKind.WEEKEND: WEEKEND_BACKGROUND,
    DayKind.WORKDAY: WORKDAY_BACKGROUND,
}
KIND_TEXTS = {
    DayKind.HOLIDAY: HOLIDAY_TEXT,
    DayKind.ADJUSTED_WORKDAY: ADJUSTED_TEXT,
    DayKind.WEEKEND: WEEKEND_TEXT,
    DayKind.WORKDAY: WORKDAY_TEXT,
}



def _tr(text: str) -> str:
    return QCoreApplication.translate("YearView", text)


# Marked for lupdate; translated through _tr() when drawn.
WEEKDAY_NAMES = (
    QT_TRANSLATE_NOOP("YearView", "Mon"), QT_TRANSLATE_NOOP("YearView", "Tue"),
    QT_TRANSLATE_NOOP("YearView", "Wed"), QT_TRANSLATE_NOOP("YearView", "Thu"),
    QT_TRANSLATE_NOOP("YearView", "Fri"), QT_TRANSLATE_NOOP("YearView", "Sat"),
    QT_TRANSLATE_NOOP("YearView", "Sun"),
)
MONTH_NAMES = (
    QT_TRANSLATE_NOOP("YearView", "January"), QT_TRANSLATE_NOOP("YearView", "February"),
    QT_TRANSLATE_NOOP("YearView", "March"), QT_TRANSLATE_NOOP("YearView", "April"),
    QT_TRANSLATE_NOOP("YearView", "May"), QT_TRANSLATE_NOOP("YearView", "June"),
    QT_TRANSLATE_NOOP("YearView", "July"), QT_TRANSLATE_NOOP("YearView", "August"),
    QT_TRANSLATE_NOOP("YearView", "September"), QT_TRANSLATE_NOOP("YearView", "October"),
    QT_TRANSLATE_NOOP("YearView", "November"), QT_TRANSLATE_NOOP("YearView", "December"),
)


LONG_WEEKDAY_NAMES = (
    QT_TRANSLATE_NOOP("YearView", "Monday"), QT_TRANSLATE_NOOP("YearView", "Tuesday"),
    QT_TRANSLATE_NOOP("YearView", "Wednesday"), QT_TRANSLATE_NOOP("YearView", "Thursday"),
    QT_TRANSLATE_NOOP("YearView", "Friday"), QT_TRANSLATE_NOOP("YearView", "Saturday"),
    QT_TRANSLATE_NOOP("YearView", "Sunday"),
)


def weekday_name(day: dt.date, *, long: bool = False) -> str:
    return _tr((LONG_WEEKDAY_NAMES if long else WEEKDAY_NAMES)[day.weekday()])


def kind_text(kind: DayKind) -> str:
    return {
        DayKind.WORKDAY: QCoreApplication.translate("YearView", "Working day"),
        DayKind.WEEKEND: QCoreApplication.translate("YearView", "Weekend"),
        DayKind.HOLIDAY: QCoreApplication.translate("YearView", "Holiday"),
        DayKind.ADJUSTED_WORKDAY: QCoreApplication.translate("YearView", "Adjusted working day"),
    }[kind]


def source_text(source: str) -> str:
    return {
        "official": QCoreApplication.translate("YearView", "official schedule"),
        "override": QCoreApplication.translate("YearView", "set by the administrator"),
        "rule": QCoreApplication.translate("YearView", "computed by rule (provisional)"),
    }.get(source, source)


class YearView(QWidget):
    """The twelve months of one year; paints from DayInfo only, so it knows nothing of the database."""

    day_clicked = Signal(object)      # datetime.date
    day_activated = Signal(object)    # double click or Enter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("year_view")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.year = dt.date.today().year
        self.today: dt.date | None = None
        self.selected: dt.date | None = None
        self._infos: dict[dt.date, DayInfo] = {}
        self._overridden: set[dt.date] = set()

    # ----- data ----------------------------------------------------------------------------------------------------

    def set_days(self, year: int, infos: dict[dt.date, DayInfo], overridden: set[dt.date]) -> None:
        self.year = year
        self._infos = dict(infos)
        self._overridden = set(overridden)
        if self.selected is not None and self.selected.year != year:
            self.selected = None
        self.update()

    def set_selected(self, day: dt.date | None) -> None:
        self.selected = day
        self.update()

    def info(self, day: dt.date) -> DayInfo | None:
        return self._infos.get(day)

    def is_overridden(self, day: dt.date) -> bool:
        return day in self._overridden

    def day_background(self, day: dt.date) -> QColor:
        """The fill of a day's cell: what the eye reads as holiday / adjusted working day / weekend / working day."""
        info = self._infos.get(day)
        return KIND_BACKGROUNDS[info.kind] if info else WORKDAY_BACKGROUND

    # ----- geometry ------------------------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(MONTH_COLUMNS * 7 * 30 + (MONTH_COLUMNS + 1) * GAP, MONTH_ROWS * (WEEKS + 2) * 21 + 4 * GAP)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(MONTH_COLUMNS * 7 * 20 + (MONTH_COLUMNS + 1) * GAP, MONTH_ROWS * (WEEKS + 2) * 15 + 4 * GAP)

    def _month_rect(self, month: int) -> QRectF:
        width = (self.width() - (MONTH_COLUMNS + 1) * GAP) / MONTH_COLUMNS
        height = (self.height() - (MONTH_ROWS + 1) * GAP) / MONTH_ROWS
        column, row = (month - 1) % MONTH_COLUMNS, (month - 1) // MONTH_COLUMNS
        return QRectF(GAP + column * (width + GAP), GAP + row * (height + GAP), width, height)

    def _grid_rect(self, month: int) -> QRectF:
        """The month's box less a small padding, so cells never cover its frame."""
        return self._month_rect(month).adjusted(PADDING, 0, -PADDING, -PADDING)

    def _cell_size(self) -> tuple[float, float]:
        box = self._grid_rect(1)
        return box.width() / 7, box.height() / (WEEKS + 2)

    def _cell_rect(self, month: int, row: int, column: int) -> QRectF:
        """Row 0 is the month title, row 1 the weekday names, rows 2.. the weeks."""
        box = self._grid_rect(month)
        width, height = self._cell_size()
        return QRectF(box.left() + column * width, box.top() + row * height, width, height)

    def _position(self, day: dt.date) -> tuple[int, int]:
        first = dt.date(day.year, day.month, 1)
        offset = first.weekday()  # Monday first, as on Chinese calendars
        index = offset + day.day - 1
        return 2 + index // 7, index % 7

    def day_rect(self, day: dt.date) -> QRect:
        """Where a day of the shown year is drawn (for clicks in tests and for tooltips)."""
        row, column = self._position(day)
        return self._cell_rect(day.month, row, column).toAlignedRect()

    def date_at(self, pos: QPoint) -> dt.date | None:
        for month in range(1, 13):
            box = self._grid_rect(month)
            if not box.contains(pos.toPointF()):
                continue
            width, height = self._cell_size()
            row = int((pos.y() - box.top()) // height)
            column = int((pos.x() - box.left()) // width)
            if row < 2 or not 0 <= column < 7:
                return None
            offset = dt.date(self.year, month, 1).weekday()
            number = (row - 2) * 7 + column - offset + 1
            if 1 <= number <= pycalendar.monthrange(self.year, month)[1]:
                return dt.date(self.year, month, number)
            return None
        return None

    # ----- painting ------------------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(self.rect(), self.palette().base())
        base = QFont(self.font())
        width, height = self._cell_size()
        base.setPixelSize(max(9, min(int(height * 0.55), int(width * 0.5), 15)))
        bold = QFont(base)
        bold.setBold(True)
        small = QFont(base)
        small.setPixelSize(max(8, base.pixelSize() - 2))
        weekdays = [_tr(name) for name in WEEKDAY_NAMES]
        for month in range(1, 13):
            box = self._month_rect(month)
            painter.setPen(QPen(QColor("#cfd8dc")))
            painter.drawRect(box.adjusted(0, 0, -1, -1))
            title = self._cell_rect(month, 0, 0)
            title.setWidth(box.width())
            painter.setFont(bold)
            painter.setPen(HEADER_TEXT)
            painter.drawText(title, Qt.AlignmentFlag.AlignCenter, _month_name(month))
            painter.setFont(small)
            for column, name in enumerate(weekdays):
                painter.setPen(WEEKEND_TEXT if column >= 5 else HEADER_TEXT)
                painter.drawText(self._cell_rect(month, 1, column), Qt.AlignmentFlag.AlignCenter, name)
            days = pycalendar.monthrange(self.year, month)[1]
            for number in range(1, days + 1):
                self._paint_day(painter, dt.date(self.year, month, number), base, bold)
        painter.end()

    def _paint_day(self, painter: QPainter, day: dt.date, base: QFont, bold: QFont) -> None:
        row, column = self._position(day)
        cell = self._cell_rect(day.month, row, column).adjusted(1, 1, -1, -1)
        info = self._infos.get(day)
        kind = info.kind if info else (DayKind.WEEKEND if day.weekday() >= 5 else DayKind.WORKDAY)
        painter.fillRect(cell, KIND_BACKGROUNDS[kind])
        if info is not None and info.source == "rule" and kind == DayKind.HOLIDAY:
            # Provisional: a holiday known only from the statutory rule, not from a published schedule.
            painter.fillRect(cell, QBrush(QColor(183, 28, 28, 70), Qt.BrushStyle.BDiagPattern))
        if day in self._overridden:
            painter.setPen(QPen(OVERRIDE_OUTLINE, 2))
            painter.drawRect(cell.adjusted(1, 1, -1, -1))
        if day == self.selected:
            pen = QPen(SELECTED_OUTLINE, 2)
            pen.setStyle(Qt.PenStyle.DotLine)
            painter.setPen(pen)
            painter.drawRect(cell.adjusted(-1, -1, 0, 0))
        painter.setFont(bold if day == self.today or kind == DayKind.HOLIDAY else base)
        painter.setPen(TODAY_TEXT if day == self.today else KIND_TEXTS[kind])
        painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, str(day.day))

    # ----- interaction ---------------------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        day = self.date_at(event.position().toPoint())
        if day is not None and event.button() == Qt.MouseButton.LeftButton:
            self.set_selected(day)
            self.day_clicked.emit(day)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        day = self.date_at(event.position().toPoint())
        if day is not None:
            self.day_activated.emit(day)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7}
        key = Qt.Key(event.key())
        if key in steps:
            current = self.selected or dt.date(self.year, 1, 1)
            day = current + dt.timedelta(days=steps[key])
            if day.year == self.year:
                self.set_selected(day)
                self.day_clicked.emit(day)
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected is not None:
            self.day_activated.emit(self.selected)
            event.accept()
            return
        super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            day = self.date_at(event.pos())
            info = self._infos.get(day) if day else None
            if info is None:
                QToolTip.hideText()
                event.ignore()
                return True
            QToolTip.showText(event.globalPos(), self.describe(info), self)
            return True
        return super().event(event)

    def describe(self, info: DayInfo) -> str:
        parts = [info.day.strftime("%Y-%m-%d"), kind_text(info.kind)]
        if info.name:
            parts.append(info.name)
        parts.append(source_text(info.source))
        return " · ".join(parts)


def _month_name(month: int) -> str:
    return _tr(MONTH_NAMES[month - 1])
