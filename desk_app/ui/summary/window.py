"""统计汇总: the supervisor's summary window. A period (today, this week, this month or any), its figures as tiles,
the breakdowns and the charts; any number opens the tickets behind it. The figures are computed by a background job
and arrive by signal: the window never waits, and shows the previous figures while the next are computed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate, QMetaMethod, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QDateEdit,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QSizePolicy,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.core.errors import DeskError
from desk_app.core.permissions import Operation
from desk_app.core.rules import may_operate
from desk_app.core.summary import (
    RATE_FIGURES,
    REGISTER_FIGURES,
    Dimension,
    Figure,
    Granularity,
    Period,
    PeriodKind,
    Summary,
    period_for,
)
from desk_app.services import queries
from desk_app.services import summary as summary_service
from desk_app.services.desk import Viewer
from desk_app.ui import settings as app_settings
from desk_app.ui.common import error_text, format_time, label
from desk_app.ui.context import DeskContext
from desk_app.ui.summary.breakdown import BreakdownModel, ChannelModel, HotSpotModel, SummaryTable
from desk_app.ui.summary.charts import ChartsPage, TrendChart
from desk_app.ui.summary.drill import DrillRequest, DrillWindow, drill_title
from desk_app.ui.summary.figures import FigurePanel
from desk_app.ui.workers import BackgroundJob, JobCancelled

# After a change of the desk (a ticket moved, a call was taken) the figures are computed again this much later, once
# for a burst of changes.
RECOMPUTE_DELAY_MS = 3_000
# A date typed into the period is taken this long after the last keystroke.
DATE_DELAY_MS = 500
CHANGE_TOPICS = frozenset({"ticket", "call", "register", "calendar", "settings"})
WINDOW_STYLE = """
QLabel#summaryScope { color: #37474f; padding: 2px 2px 4px 2px; }
QLabel#summaryError { color: #c62828; }
QLabel#summaryBusy { color: #1a237e; }
"""


@dataclass(frozen=True)
class ReadingScope:
    """What the reader's figures cover: the whole center, or their departments (and jurisdiction)."""

    whole: bool
    departments: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()


@dataclass(frozen=True)
class SummaryResult:
    summary: Summary
    scope: ReadingScope


def reading_scope(viewer: Viewer) -> ReadingScope:
    """The reader's scope in names (a read of the database: called by the job, on its thread)."""
    if summary_service.register_visible(viewer):
        return ReadingScope(True)
    own = viewer.scope.departments
    names = tuple(d.name for d in queries.departments() if d.id in own)
    return ReadingScope(False, names, tuple(sorted(viewer.scope.areas or ())))


class SummaryWindow(QMainWindow):
    """统计汇总 for the signed-in person (the rule book's VIEW_SUMMARY: supervisor, administrator, center leader,
    office, department leaders for their department).

    Signals: `ticket_requested(id)` when a drilled list opens a ticket (the main window shows it); `export_requested`
    and `report_requested` from 导出Excel… and 打印月报… (their buttons show only while something is connected);
    `summary_shown(summary)` once new figures are on screen.
    """

    ticket_requested = Signal(int)
    export_requested = Signal()
    report_requested = Signal()
    summary_shown = Signal(object)

    PRESETS: tuple[PeriodKind, ...] = (PeriodKind.TODAY, PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.CUSTOM)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if parent is not None:
            self.setWindowFlag(Qt.WindowType.Window, True)   # its own window, closed with the main window
        self.setObjectName("summary_window")
        self.setStyleSheet(WINDOW_STYLE)
        self.ctx = ctx
        self.summary: Summary | None = None
        self.scope: ReadingScope | None = None
        self.drill_windows: list[DrillWindow] = []
        self.register_dialog: QDialog | None = None
        self._job: BackgroundJob | None = None
        self._cancelled: list[BackgroundJob] = []
        # The trend's granularity the reader chose; None: the period's default.
        self._granularity: Granularity | None = None
        self._kind = PeriodKind.MONTH

        self._build_toolbar()
        self._build_pages()
        self._recompute_timer = QTimer(self)
        self._recompute_timer.setSingleShot(True)
        self._recompute_timer.setInterval(RECOMPUTE_DELAY_MS)
        self._recompute_timer.timeout.connect(self.recompute)
        self._date_timer = QTimer(self)
        self._date_timer.setSingleShot(True)
        self._date_timer.setInterval(DATE_DELAY_MS)
        self._date_timer.timeout.connect(self.recompute)
        ctx.changed.connect(self._on_ctx_changed)
        ctx.actor_changed.connect(self._on_ctx_actor_changed)
        self.translate_ui()
        self.read_settings()
        self._update_hooks()

    # ----- building --------------------------------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        bar = QToolBar(self)
        bar.setObjectName("summary_toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar = bar
        self.period_group = QButtonGroup(self)
        self.period_group.setExclusive(True)
        self.period_buttons: dict[PeriodKind, QToolButton] = {}
        for kind in self.PRESETS:
            button = QToolButton(bar)
            button.setObjectName(f"period_{kind.value}")
            button.setCheckable(True)
            button.setAutoRaise(True)
            self.period_group.addButton(button)
            self.period_buttons[kind] = button
            bar.addWidget(button)
        self.period_group.buttonClicked.connect(self._on_period_group_button_clicked)
        today = QDate(self.ctx.now().date())
        self.first_edit = self._date_edit("period_first", today)
        self.dash_label = QLabel(" – ", bar)
        self.last_edit = self._date_edit("period_last", today)
        bar.addWidget(self.first_edit)
        bar.addWidget(self.dash_label)
        bar.addWidget(self.last_edit)
        self.refresh_action = QAction(self)
        self.refresh_action.setObjectName("summary_refresh_action")
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_action.triggered.connect(self.recompute)
        bar.addAction(self.refresh_action)
        self.busy_label = QLabel(bar)
        self.busy_label.setObjectName("summaryBusy")
        self.busy_label.setContentsMargins(8, 0, 4, 0)
        self.progress_bar = QProgressBar(bar)
        self.progress_bar.setObjectName("summary_progress")
        self.progress_bar.setMaximumWidth(120)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setRange(0, 0)
        # A widget in a toolbar shows and hides by its action.
        self.busy_action = bar.addWidget(self.busy_label)
        self.progress_action = bar.addWidget(self.progress_bar)
        spacer = QWidget(bar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.register_action = QAction(self)
        self.register_action.setObjectName("register_action")
        self.register_action.triggered.connect(self._on_register_action_triggered)
        self.register_action.setVisible(False)   # until the figures say whether the reader sees the register
        self.export_action = QAction(self)
        self.export_action.setObjectName("export_action")
        self.export_action.triggered.connect(self.export_summary)
        self.report_action = QAction(self)
        self.report_action.setObjectName("monthly_report_action")
        self.report_action.triggered.connect(self.print_monthly_report)
        bar.addAction(self.register_action)
        bar.addAction(self.export_action)
        bar.addAction(self.report_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        self._set_busy(False)

    def _date_edit(self, name: str, day: QDate) -> QDateEdit:
        edit = QDateEdit(day, self.toolbar)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.dateChanged.connect(self._on_date_edit_date_changed)
        return edit

    def _build_pages(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(4)
        self.scope_label = QLabel(central)
        self.scope_label.setObjectName("summaryScope")
        self.scope_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label = QLabel(central)
        self.error_label.setObjectName("summaryError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.tabs = QTabWidget(central)
        self.tabs.setObjectName("summary_tabs")
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.scope_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        # 概览: the tiles; under them calls and tickets by channel, the complaint hot spots and the trend.
        overview = QWidget(self.tabs)
        overview.setObjectName("summary_overview")
        page = QVBoxLayout(overview)
        page.setContentsMargins(0, 6, 0, 0)
        self.figures = FigurePanel(overview)
        self.figures.figure_clicked.connect(self._on_figures_figure_clicked)
        page.addWidget(self.figures)
        lower = QHBoxLayout()
        self.channel_model = ChannelModel(self)
        self.hot_area_model = HotSpotModel(Dimension.AREA, self)
        self.hot_station_model = HotSpotModel(Dimension.STATION, self)
        self.channel_box = QGroupBox(overview)
        self.channel_box.setObjectName("box_channels")
        self.channel_table = self._table(self.channel_box, self.channel_model, "channels", 0)
        QVBoxLayout(self.channel_box).addWidget(self.channel_table)
        self.hot_spot_box = QGroupBox(overview)
        self.hot_spot_box.setObjectName("box_hot_spots")
        self.hot_spot_tabs = QTabWidget(self.hot_spot_box)
        self.hot_spot_tabs.setObjectName("hot_spot_tabs")
        self.hot_spot_tabs.setDocumentMode(True)
        self.hot_area_table = self._table(self.hot_spot_tabs, self.hot_area_model, "hot_areas", 1)
        self.hot_station_table = self._table(self.hot_spot_tabs, self.hot_station_model, "hot_stations", 1)
        self.hot_spot_tabs.addTab(self.hot_area_table, "")
        self.hot_spot_tabs.addTab(self.hot_station_table, "")
        QVBoxLayout(self.hot_spot_box).addWidget(self.hot_spot_tabs)
        # The trend again, where the supervisor looks first (the charts page has it with the other charts).
        self.overview_trend = TrendChart(overview)
        self.overview_trend.setObjectName("overview_trend")
        self.overview_trend.drill_requested.connect(self._on_drill_requested)
        self.overview_trend.granularity_changed.connect(self._on_charts_granularity_changed)
        lower.addWidget(self.channel_box, 5)
        lower.addWidget(self.hot_spot_box, 4)
        lower.addWidget(self.overview_trend, 11)
        page.addLayout(lower, 1)
        self.tabs.addTab(overview, "")

        # 图表.
        self.charts = ChartsPage(self.tabs)
        self.charts.setObjectName("summary_charts")
        self.charts.drill_requested.connect(self._on_drill_requested)
        self.charts.granularity_changed.connect(self._on_charts_granularity_changed)
        self.tabs.addTab(self.charts, "")

        # 分项统计: a table per dimension.
        self.breakdown_tabs = QTabWidget(self.tabs)
        self.breakdown_tabs.setObjectName("breakdown_tabs")
        self.breakdown_models: dict[Dimension, BreakdownModel] = {}
        self.breakdown_tables: dict[Dimension, SummaryTable] = {}
        for dimension in Dimension:
            model = BreakdownModel(dimension, self)
            table = SummaryTable(model, self.breakdown_tabs)
            table.setObjectName(f"breakdown_{dimension.value}")
            table.drill_requested.connect(self._on_drill_requested)
            self.breakdown_models[dimension] = model
            self.breakdown_tables[dimension] = table
            self.breakdown_tabs.addTab(table, "")
        self.tabs.addTab(self.breakdown_tabs, "")

    def _table(self, parent: QWidget, model, name: str, stretch: int) -> SummaryTable:
        table = SummaryTable(model, parent, stretch_column=stretch)
        table.setObjectName(f"table_{name}")
        table.drill_requested.connect(self._on_drill_requested)
        return table

    # ----- language, settings ----------------------------------------------------------------------------------

    def translate_ui(self) -> None:
        self.toolbar.setWindowTitle(self.tr("Summary toolbar"))
        for kind, button in self.period_buttons.items():
            button.setText(label(kind))
        self.period_buttons[PeriodKind.CUSTOM].setToolTip(self.tr("Any period: choose its first and last day"))
        self.first_edit.setToolTip(self.tr("First day of the period"))
        self.last_edit.setToolTip(self.tr("Last day of the period"))
        self.refresh_action.setText(self.tr("Refresh"))
        self.refresh_action.setToolTip(self.tr("Compute the figures again (F5)"))
        self.busy_label.setText(self.tr("Computing…"))
        self.register_action.setText(self.tr("Call register / sign-off"))
        self.register_action.setToolTip(self.tr("The day's call and visit register, and its signature"))
        self.export_action.setText(self.tr("Export to Excel…"))
        self.report_action.setText(self.tr("Print monthly report…"))
        self.tabs.setTabText(0, self.tr("Overview"))
        self.tabs.setTabText(1, self.tr("Charts"))
        self.tabs.setTabText(2, self.tr("Breakdown"))
        for index, dimension in enumerate(self.breakdown_models):
            self.breakdown_tabs.setTabText(index, label(dimension))
        self.channel_box.setTitle(self.tr("By channel"))
        self.hot_spot_box.setTitle(self.tr("Complaint hot spots"))
        self.hot_spot_tabs.setTabText(0, label(Dimension.AREA))
        self.hot_spot_tabs.setTabText(1, label(Dimension.STATION))
        self.overview_trend.translate_ui()
        self.figures.translate_ui()
        self.charts.translate_ui()
        for model in (self.channel_model, self.hot_area_model, self.hot_station_model,
                      *self.breakdown_models.values()):
            model.retranslate()
        self._update_title()
        self._update_scope()

    def read_settings(self) -> None:
        store = app_settings.settings("summary_window")
        geometry = app_settings.read_bytes(store, "geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            screen = self.screen().availableGeometry()
            self.resize(min(1280, screen.width()), min(800, screen.height()))
        try:
            kind = PeriodKind(store.value("period", PeriodKind.MONTH.value))
        except ValueError:
            kind = PeriodKind.MONTH
        # A custom period is not kept: the reader opens on the month and picks the days again.
        self.set_period_kind(PeriodKind.MONTH if kind == PeriodKind.CUSTOM else kind, compute=False)
        try:
            self.tabs.setCurrentIndex(int(store.value("tab", 0)))
        except (TypeError, ValueError):
            self.tabs.setCurrentIndex(0)

    def write_settings(self) -> None:
        store = app_settings.settings("summary_window")
        store.setValue("geometry", self.saveGeometry())
        store.setValue("period", self._kind.value)
        store.setValue("tab", self.tabs.currentIndex())
        store.sync()

    # ----- the period ------------------------------------------------------------------------------------------

    @property
    def period_kind(self) -> PeriodKind:
        return self._kind

    def set_period_kind(self, kind: PeriodKind, *, compute: bool = True) -> None:
        """今日 / 本周 / 本月 (the dates follow) or 自定义 (the dates as they are)."""
        self._kind = PeriodKind(kind)
        self.period_buttons[self._kind].setChecked(True)
        if self._kind != PeriodKind.CUSTOM:
            period = period_for(self._kind, self.ctx.now().date())
            self._show_dates(period)
        self._granularity = None
        if compute:
            self.recompute()

    def set_custom_period(self, period: Period) -> None:
        """A period of any days (what typing the two dates does), computed at once."""
        self._kind = PeriodKind.CUSTOM
        self.period_buttons[PeriodKind.CUSTOM].setChecked(True)
        self._show_dates(period)
        self._granularity = None
        self.recompute()

    def _show_dates(self, period: Period) -> None:
        for edit, day in ((self.first_edit, period.first), (self.last_edit, period.last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day))
            edit.blockSignals(False)

    def period(self) -> Period:
        """The chosen period; ValidationError for a custom one that ends before it begins or is too long."""
        if self._kind != PeriodKind.CUSTOM:
            return period_for(self._kind, self.ctx.now().date())
        return Period(self.first_edit.date().toPython(), self.last_edit.date().toPython())

    # ----- computing -------------------------------------------------------------------------------------------

    @property
    def computing(self) -> bool:
        return self._job is not None

    @Slot()
    def recompute(self) -> BackgroundJob | None:
        """Compute the figures of the chosen period in the background; one still running is cancelled (its result
        would be of the old request). The figures on screen stay until the new ones arrive."""
        self._recompute_timer.stop()
        self._date_timer.stop()
        try:
            period = self.period()
        except DeskError as error:
            self._show_error(error_text(error))
            return None
        if self._kind != PeriodKind.CUSTOM:
            self._show_dates(period)
        self._cancel_job()
        service, actor, now, granularity = self.ctx.service, self.ctx.actor, self.ctx.now(), self._granularity

        def work(report):
            # Who reads is asked on the job's thread: it is a read of the database like the figures.
            viewer = service.viewer(actor)
            figures = summary_service.summarize(viewer, period, now, granularity=granularity, progress=report)
            return SummaryResult(figures, reading_scope(viewer))

        job = BackgroundJob(work, self, name="summary")
        job.progressed.connect(self._on_job_progressed)
        job.succeeded.connect(self._on_job_succeeded)
        job.failed.connect(self._on_job_failed)
        job.finished.connect(self._on_job_finished)
        self._job = job
        self.progress_bar.setRange(0, 0)
        self._set_busy(True)
        job.start()
        return job

    def _cancel_job(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._cancelled.append(self._job)
            self._job = None

    def _set_busy(self, busy: bool) -> None:
        self.busy_action.setVisible(busy)
        self.progress_action.setVisible(busy)

    def show_result(self, result: SummaryResult) -> None:
        """Put new figures on screen (every page at once)."""
        summary = result.summary
        self.summary, self.scope = summary, result.scope
        self.error_label.hide()
        self.figures.set_summary(summary)
        self.channel_model.set_summary(summary)
        self.hot_area_model.set_summary(summary)
        self.hot_station_model.set_summary(summary)
        # Stations are the telecom desk's (the preset's complaint stations): elsewhere there are none to show.
        self.hot_spot_tabs.setTabVisible(1, bool(summary.hot_stations))
        # The register's column only for those who read the register.
        self.channel_table.setColumnHidden(1, not summary.register_visible)
        self.overview_trend.set_summary(summary)
        for dimension, model in self.breakdown_models.items():
            model.set_rows(summary.breakdowns.get(dimension, []))
        self.charts.set_summary(summary)
        self.register_action.setVisible(summary.register_visible)
        self._update_hooks()
        self._update_title()
        self._update_scope()
        self.summary_shown.emit(summary)

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def _update_title(self) -> None:
        self.setWindowTitle(self.tr("Summary – {name}").format(name=self.ctx.actor.name))

    def _update_scope(self) -> None:
        """Who reads and what the figures cover: 全中心 or the leader's department; the period and the moment."""
        actor = self.ctx.actor
        parts = [self.tr("Read by {name} ({role})").format(name=actor.name, role=label(actor.role))]
        scope = self.scope
        if scope is not None:
            if scope.whole:
                covered = self.tr("the whole center")
            else:
                covered = "、".join(scope.departments + scope.areas) or self.tr("what you may read")
            parts.append(self.tr("Covers: {scope}").format(scope=covered))
        if self.summary is not None:
            parts.append(self.tr("Period: {period}").format(period=self.summary.period.text()))
            parts.append(self.tr("As of {time}").format(time=format_time(self.summary.now)))
        if not may_operate(actor.facts, Operation.SIGN_REGISTER).allowed:
            parts.append(self.tr("read-only"))
        self.scope_label.setText("    ".join(parts))

    # ----- drilling down ---------------------------------------------------------------------------------------

    def request_for(self, figure: Figure) -> DrillRequest:
        """What a figure's tile opens: for a rate the tickets that missed it when there are any, else all behind it."""
        figure = Figure(figure)
        ratio = self.summary.ratios.get(figure) if self.summary is not None and figure in RATE_FIGURES else None
        return DrillRequest(figure, missed=ratio is not None and ratio.missed > 0)

    def open_drill(self, request: DrillRequest) -> QDialog | None:
        """The tickets behind a number, in a list of their own (a register figure: the register)."""
        summary = self.summary
        if summary is None:
            return None
        if request.figure in REGISTER_FIGURES:
            return self.open_register(summary.period.last)
        window = DrillWindow(self.ctx, request.condition(summary.period, summary.now),
                             drill_title(request, summary.period), self)
        window.ticket_requested.connect(self.ticket_requested)
        window.finished.connect(self._on_drill_window_finished)
        self.drill_windows.append(window)
        window.show()
        return window

    def open_register(self, day: dt.date | None = None) -> QDialog:
        """来电来访登记表: the day's register and its signature."""
        from desk_app.ui.register_dialog import RegisterDialog  # its screen loads on first use

        if self.register_dialog is None:
            self.register_dialog = RegisterDialog(self.ctx, self, day=day)
            self.register_dialog.finished.connect(self._on_register_dialog_finished)
        if self.register_dialog.isVisible():
            self.register_dialog.raise_()
        else:
            self.register_dialog.show()
        self.register_dialog.activateWindow()
        return self.register_dialog

    # ----- export and report (connected by whoever provides them) ----------------------------------------------

    @Slot()
    def export_summary(self) -> None:
        """导出Excel…: asks whoever is connected to export_requested (the window has the figures: `summary`)."""
        if self.summary is not None:
            self.export_requested.emit()

    @Slot()
    def print_monthly_report(self) -> None:
        """打印月报…: asks whoever is connected to report_requested."""
        self.report_requested.emit()

    def _connected(self, signal: Signal) -> bool:
        return self.isSignalConnected(QMetaMethod.fromSignal(signal))

    def _update_hooks(self) -> None:
        """The export and report buttons show only while something receives them (and the rule book lets the reader
        export)."""
        exports = may_operate(self.ctx.actor.facts, Operation.EXPORT).allowed
        self.export_action.setVisible(exports and self._connected(self.export_requested))
        self.export_action.setEnabled(self.summary is not None)
        self.report_action.setVisible(exports and self._connected(self.report_requested))

    def connectNotify(self, signal: QMetaMethod) -> None:  # noqa: N802 - Qt override
        super().connectNotify(signal)
        if signal.name() in (b"export_requested", b"report_requested") and hasattr(self, "report_action"):
            self._update_hooks()

    def disconnectNotify(self, signal: QMetaMethod) -> None:  # noqa: N802 - Qt override
        super().disconnectNotify(signal)
        if signal.name() in (b"export_requested", b"report_requested") and hasattr(self, "report_action"):
            # The connection is gone only once this returns.
            QTimer.singleShot(0, self, self._update_hooks)

    # ----- slots -----------------------------------------------------------------------------------------------

    @Slot(int, int)
    def _on_job_progressed(self, done: int, total: int) -> None:
        if self.sender() is self._job:
            self.progress_bar.setRange(0, max(total, 1))
            self.progress_bar.setValue(done)

    @Slot(object)
    def _on_job_succeeded(self, result: object) -> None:
        if self.sender() is self._job and isinstance(result, SummaryResult):
            self.show_result(result)

    @Slot(object)
    def _on_job_failed(self, error: object) -> None:
        if self.sender() is not self._job or isinstance(error, JobCancelled):
            return
        if isinstance(error, DeskError):
            self._show_error(error_text(error))
        else:
            self._show_error(self.tr("The figures could not be computed: {error}").format(error=error))

    @Slot()
    def _on_job_finished(self) -> None:
        job = self.sender()
        if job is self._job:
            self._job = None
            self._set_busy(False)
        elif job in self._cancelled:
            self._cancelled.remove(job)
        if isinstance(job, BackgroundJob):
            job.deleteLater()

    @Slot(QAbstractButton)
    def _on_period_group_button_clicked(self, button: QAbstractButton) -> None:
        kind = next(k for k, b in self.period_buttons.items() if b is button)
        if kind == PeriodKind.CUSTOM:
            self._kind = kind
            self._granularity = None
            self.recompute()
        else:
            self.set_period_kind(kind)

    @Slot(QDate)
    def _on_date_edit_date_changed(self, _date: QDate) -> None:
        self._kind = PeriodKind.CUSTOM
        self.period_buttons[PeriodKind.CUSTOM].setChecked(True)
        self._granularity = None
        self._date_timer.start()

    @Slot(object)
    def _on_charts_granularity_changed(self, granularity: Granularity) -> None:
        self._granularity = Granularity(granularity)
        self.recompute()

    @Slot(object)
    def _on_figures_figure_clicked(self, figure: Figure) -> None:
        self.open_drill(self.request_for(figure))

    @Slot(object)
    def _on_drill_requested(self, request: DrillRequest) -> None:
        self.open_drill(request)

    @Slot()
    def _on_register_action_triggered(self) -> None:
        period = self.summary.period if self.summary is not None else None
        self.open_register(period.last if period is not None and period.days == 1 else None)

    @Slot(int)
    def _on_drill_window_finished(self, _result: int) -> None:
        window = self.sender()
        if window in self.drill_windows:
            self.drill_windows.remove(window)

    @Slot(int)
    def _on_register_dialog_finished(self, _result: int) -> None:
        dialog = self.sender()
        if dialog is self.register_dialog:
            self.register_dialog = None
        if isinstance(dialog, QDialog):
            dialog.deleteLater()

    @Slot(object)
    def _on_ctx_changed(self, change: object) -> None:
        if getattr(change, "topic", None) in CHANGE_TOPICS and self.isVisible():
            self._recompute_timer.start()

    @Slot(object)
    def _on_ctx_actor_changed(self, actor: object) -> None:
        # The figures were the last reader's: they go with them (the main window also closes us).
        self.close()

    # ----- Qt --------------------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not event.spontaneous() and self._job is None:
            self.recompute()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._recompute_timer.stop()
        self._date_timer.stop()
        self._cancel_job()
        for job in list(self._cancelled):
            job.shutdown()   # delivers `finished` now: nothing is left running
        for window in list(self.drill_windows):
            window.close()
        if self.register_dialog is not None:
            self.register_dialog.reject()
        self._set_busy(False)
        self.write_settings()
        super().closeEvent(event)
