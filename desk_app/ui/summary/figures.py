"""The summary's figure tiles: a big number, its name, "n/m" under a rate; the figure's definition as its tooltip, and a
click that asks for the tickets behind it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from desk_app.core.summary import ON_TIME_CLOCKS, REGISTER_FIGURES, Figure, Ratio, Summary, definition_text, percent
from desk_app.core.timelimits import ClockStatus
from desk_app.ui.common import STATUS_COLORS, label

# The tiles in their groups, as they are laid out (two groups a row).
GROUPS: tuple[tuple[str, tuple[Figure, ...]], ...] = (
    ("received", (Figure.CALLS_IN, Figure.TICKETS_IN, Figure.CLOSED, Figure.FORMAL_COMPLAINTS)),
    ("now", (Figure.OPEN_NOW, Figure.APPROACHING_NOW, Figure.OVERDUE_NOW)),
    ("on_time", tuple(ON_TIME_CLOCKS)),
    ("quality", (Figure.FIRST_CONTACT, Figure.KB_ANSWERED, Figure.VISIT_COVERAGE, Figure.SATISFACTION)),
)
# A "now" figure above zero is shown in its deadline colour.
ALERT_COLORS = {
    Figure.APPROACHING_NOW: STATUS_COLORS[ClockStatus.APPROACHING],
    Figure.OVERDUE_NOW: STATUS_COLORS[ClockStatus.OVERDUE],
}

TILE_STYLE = """
QFrame#figureTile { background: #ffffff; border: 1px solid #c5ccd3; border-radius: 4px; }
QFrame#figureTile:hover, QFrame#figureTile:focus { border: 1px solid #1a237e; background: #f3f5fb; }
QLabel#figureName { color: #37474f; }
QLabel#figureDetail { color: #5f6b76; }
"""


class FigureTile(QFrame):
    """One figure. Its tooltip is the figure's one-sentence definition; a click (or Enter/Space) emits `clicked`."""

    clicked = Signal(object)   # the Figure

    def __init__(self, figure: Figure, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = Figure(figure)
        self.setObjectName("figureTile")
        self.setProperty("figure", self.figure.value)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(104)
        self.name_label = QLabel(self)
        self.name_label.setObjectName("figureName")
        self.name_label.setWordWrap(True)
        self.value_label = QLabel("—", self)
        self.value_label.setObjectName("figureValue")
        big = QFont(self.font())
        big.setPointSizeF(max(big.pointSizeF(), 9.0) * 2.0)
        big.setBold(True)
        self.value_label.setFont(big)
        self.detail_label = QLabel(self)
        self.detail_label.setObjectName("figureDetail")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(0)
        layout.addWidget(self.name_label)
        layout.addWidget(self.value_label)
        layout.addWidget(self.detail_label)
        self.value: int | Ratio | None = None
        self.translate_ui()

    def translate_ui(self) -> None:
        self.name_label.setText(label(self.figure))
        definition = definition_text(self.figure, QCoreApplication.translate)
        self.setToolTip(self.tr("{definition}\nClick to see the tickets behind it.").format(definition=definition))
        self.setAccessibleName(label(self.figure))
        self.setAccessibleDescription(definition)

    def set_value(self, value: int | Ratio | None) -> None:
        """A count, or a Ratio (shown as a percentage with "numerator/denominator" under it)."""
        self.value = value
        color = None
        if isinstance(value, Ratio):
            self.value_label.setText(percent(value.value))
            self.detail_label.setText(f"{value.numerator}/{value.denominator}")
        else:
            self.value_label.setText("—" if value is None else str(value))
            self.detail_label.setText("")
            if value:
                color = ALERT_COLORS.get(self.figure)
        self.value_label.setStyleSheet(f"color: {color.name()};" if color is not None else "")

    def value_text(self) -> str:
        return self.value_label.text()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit(self.figure)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(self.figure)
            event.accept()
            return
        super().keyPressEvent(event)


class FigurePanel(QWidget):
    """Every figure of the summary as a tile, in four groups: received and completed, at this moment, on-time rates,
    service quality. The register's figures show only to those who read the whole desk."""

    figure_clicked = Signal(object)   # the Figure

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(TILE_STYLE)
        self.tiles: dict[Figure, FigureTile] = {}
        self.groups: dict[str, QGroupBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        for index, (name, figures) in enumerate(GROUPS):
            box = QGroupBox(self)
            box.setObjectName(f"figures_{name}")
            row = QHBoxLayout(box)
            row.setContentsMargins(6, 4, 6, 6)
            row.setSpacing(6)
            for figure in figures:
                tile = FigureTile(figure, box)
                tile.clicked.connect(self.figure_clicked)
                row.addWidget(tile)
                self.tiles[figure] = tile
            self.groups[name] = box
            grid.addWidget(box, index // 2, index % 2)
        # The columns share the width by how many tiles their widest group holds (on-time 6, now and quality 3).
        grid.setColumnStretch(0, 6)
        grid.setColumnStretch(1, 3)
        self.translate_ui()

    def translate_ui(self) -> None:
        titles = {"received": self.tr("Received and completed"), "now": self.tr("At this moment"),
                  "on_time": self.tr("On-time rates"), "quality": self.tr("Service quality")}
        for name, box in self.groups.items():
            box.setTitle(titles[name])
        for tile in self.tiles.values():
            tile.translate_ui()

    def set_summary(self, summary: Summary) -> None:
        for figure, tile in self.tiles.items():
            shown = summary.register_visible or figure not in REGISTER_FIGURES
            tile.setVisible(shown)
            tile.set_value(summary.figure(figure) if shown else None)
