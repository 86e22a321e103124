"""统计汇总 on the demo data: opened from the main window (Ctrl+Shift+S) by those the rule book lets read it, figures
computed off the GUI thread and equal to summarize(), every number opening the tickets behind it, the leader's
department only, periods and granularity, the tables through qtmodeltester."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desk_app.core.kinds import Satisfaction
from desk_app.core.summary import (
    REGISTER_FIGURES,
    Dimension,
    Figure,
    Granularity,
    Measure,
    Period,
    PeriodKind,
    Ratio,
    percent,
    definition_text,
    period_for,
)
from desk_app.services import summary as summary_service
from desk_app.services.desk import Actor, DeskService
from desk_app.services.queries import staff_by_username
from desk_app.ui.context import DeskContext
from desk_app.ui.main_window.window import MainWindow
from desk_app.ui.summary import SummaryWindow
from desk_app.ui.summary.breakdown import BreakdownModel
from desk_app.ui.summary.drill import DrillWindow
from desk_app.ui.summary.figures import FigureTile

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
# Bringing a window forward is not something the offscreen platform can do; it says so (with the conftest's own).
OFFSCREEN_RAISE = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)",
                                            r"This plugin does not support raise\(\)")


@pytest.fixture(autouse=True)
def no_background_scan(monkeypatch):
    monkeypatch.setattr(MainWindow, "SCAN_FIRST_DELAY_MS", 3_600_000)


@pytest.fixture
def desk(qapp, demo_db, clock):
    """Contexts signed in as a demo account, closed after the test."""
    made: list[DeskContext] = []

    def sign_in(username: str) -> DeskContext:
        context = DeskContext(DeskService(now=clock), Actor.of(staff_by_username(username)))
        made.append(context)
        return context

    yield sign_in
    for context in made:
        context.close()


def main_window(qtbot, ctx: DeskContext) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def wait_for_figures(qtbot, window: SummaryWindow) -> None:
    qtbot.waitUntil(lambda: window.summary is not None and not window.computing, timeout=10_000)


@pytest.fixture
def opened(qtbot, desk):
    """(main window, summary window) for a demo account, the figures arrived."""
    windows: list[MainWindow] = []

    def open_for(username: str = "supervisor") -> tuple[MainWindow, SummaryWindow]:
        main = main_window(qtbot, desk(username))
        windows.append(main)
        summary = main.open_summary()
        assert isinstance(summary, SummaryWindow)
        wait_for_figures(qtbot, summary)
        return main, summary

    yield open_for
    for main in windows:
        main.close()   # closes the summary window with it


def expected(window: SummaryWindow, **kwargs):
    """summarize() for the same reader and period, on the test's thread."""
    return summary_service.summarize(window.ctx.viewer(), window.summary.period, window.summary.now, **kwargs)


def tile_text(value) -> str:
    if isinstance(value, Ratio):
        return percent(value.value)
    return "—" if value is None else str(value)


# ----- opening ---------------------------------------------------------------------------------------------------


@OFFSCREEN_RAISE
def test_ctrl_shift_s_opens_one_summary_for_the_supervisor(qtbot, desk):
    main = main_window(qtbot, desk("supervisor"))
    assert main.summary_action.isVisible() and main.summary_action in main.view_menu.actions()
    assert main.summary_action in main.toolbar.actions()
    with qtbot.waitActive(main):
        main.activateWindow()
    qtbot.keyClick(main, Qt.Key.Key_S, CTRL_SHIFT)
    summary = main.summary_window
    assert isinstance(summary, SummaryWindow) and summary.isVisible()
    wait_for_figures(qtbot, summary)
    assert main.open_summary() is summary     # one window: opening again brings it forward
    main.close()
    assert not summary.isVisible()


def test_a_receptionist_has_no_summary(qtbot, desk, monkeypatch):
    main = main_window(qtbot, desk("reception"))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    assert not main.summary_action.isVisible() and not main.summary_action.isEnabled()
    assert main.open_summary() is None and warnings   # even if asked some other way: the rule book says no
    assert main.summary_window is None
    main.close()


def test_someone_else_signing_in_closes_the_summary(qtbot, opened):
    main, summary = opened("supervisor")
    main.ctx.set_actor(Actor.of(staff_by_username("reception")))
    assert main.summary_window is None and not summary.isVisible()
    assert not main.summary_action.isVisible()


# ----- the figures -----------------------------------------------------------------------------------------------


def test_the_figures_arrive_by_signal_from_a_worker_thread_and_equal_summarize(qtbot, desk, monkeypatch):
    threads = []
    original = summary_service.summarize

    def spying(*args, **kwargs):
        threads.append(threading.current_thread())
        return original(*args, **kwargs)

    monkeypatch.setattr(summary_service, "summarize", spying)
    main = main_window(qtbot, desk("supervisor"))
    summary = main.open_summary()
    # The window is up before its figures: they come later, by signal.
    assert summary.summary is None and summary.computing and summary.busy_action.isVisible()
    with qtbot.waitSignal(summary.summary_shown, timeout=10_000):
        pass
    wait_for_figures(qtbot, summary)
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert not summary.busy_action.isVisible()
    monkeypatch.setattr(summary_service, "summarize", original)

    want = expected(summary)
    assert summary.summary.period == period_for(PeriodKind.MONTH, main.ctx.now().date())
    for figure, tile in summary.figures.tiles.items():
        assert tile.value == want.figure(figure), figure
        assert tile.value_text() == tile_text(want.figure(figure))
        assert tile.toolTip().startswith(definition_text(figure, QCoreApplication.translate))
    assert want.counts[Figure.TICKETS_IN] > 0 and want.register_visible
    for dimension, model in summary.breakdown_models.items():
        assert model.rowCount() == len(want.breakdowns[dimension])
    assert "全中心" in summary.scope_label.text() or "whole center" in summary.scope_label.text()
    main.close()


def test_a_leader_sees_only_his_department(qtbot, opened):
    main, summary = opened("engineering.lead")
    leader = main.ctx.viewer()
    want = summary_service.summarize(leader, summary.summary.period, summary.summary.now)
    assert not want.register_visible
    for figure, tile in summary.figures.tiles.items():
        if figure in REGISTER_FIGURES:
            assert tile.isHidden()       # the call register is the whole desk's
        else:
            assert tile.value == want.figure(figure), figure
    assert [r.name for r in want.breakdowns[Dimension.DEPARTMENT]] == ["工程部"]
    model = summary.breakdown_models[Dimension.DEPARTMENT]
    assert [model.text(r, 0) for r in range(model.rowCount())] == ["工程部"]
    assert "工程部" in summary.scope_label.text()
    assert not summary.register_action.isVisible()
    assert summary.channel_table.isColumnHidden(1)
    supervisor_view = summary_service.summarize(
        DeskService(now=main.ctx.service.now).viewer(Actor.of(staff_by_username("supervisor"))),
        summary.summary.period, summary.summary.now)
    assert want.counts[Figure.TICKETS_IN] < supervisor_view.counts[Figure.TICKETS_IN]


def test_changing_the_period_computes_again(qtbot, opened):
    main, summary = opened()
    today = main.ctx.now().date()
    with qtbot.waitSignal(summary.summary_shown, timeout=10_000):
        qtbot.mouseClick(summary.period_buttons[PeriodKind.WEEK], Qt.MouseButton.LeftButton)
    wait_for_figures(qtbot, summary)
    assert summary.summary.period == period_for(PeriodKind.WEEK, today)
    assert summary.figures.tiles[Figure.TICKETS_IN].value == expected(summary).counts[Figure.TICKETS_IN]
    # Typing a date makes the period the reader's own.
    with qtbot.waitSignal(summary.summary_shown, timeout=10_000):
        summary.first_edit.setDate(summary.first_edit.date().addDays(-30))
    wait_for_figures(qtbot, summary)
    assert summary.period_kind == PeriodKind.CUSTOM
    assert summary.summary.period.first == period_for(PeriodKind.WEEK, today).first - dt.timedelta(days=30)
    # A period that ends before it begins is refused in words, the figures stay.
    shown = summary.summary
    summary.last_edit.setDate(summary.first_edit.date().addDays(-1))
    assert summary.recompute() is None
    assert summary.error_label.isVisible() and summary.summary is shown


def test_a_new_request_cancels_the_one_running(qtbot, opened):
    main, summary = opened()
    today = main.ctx.now().date()
    first = summary.recompute()
    summary.set_period_kind(PeriodKind.TODAY)
    assert first.cancelled
    wait_for_figures(qtbot, summary)
    qtbot.waitUntil(lambda: not summary._cancelled, timeout=10_000)
    assert summary.summary.period == Period(today, today)


def test_the_granularity_of_the_trend_is_asked_for(qtbot, opened):
    main, summary = opened()
    trend = summary.charts.trend
    assert summary.summary.trend.granularity == Granularity.DAY
    trend.granularity_combo.setCurrentIndex(list(Granularity).index(Granularity.WEEK))
    with qtbot.waitSignal(summary.summary_shown, timeout=10_000):
        trend.granularity_combo.activated.emit(trend.granularity_combo.currentIndex())
    wait_for_figures(qtbot, summary)
    assert summary.summary.trend.granularity == Granularity.WEEK
    assert summary.summary.trend == expected(summary, granularity=Granularity.WEEK).trend
    assert summary.overview_trend.granularity() == Granularity.WEEK
    assert set(trend.series) == {"new", "closed", "overdue"}
    assert [p.y() for p in trend.series["new"].points()] == summary.summary.trend.new


# ----- drilling down ---------------------------------------------------------------------------------------------


def drilled(qtbot, summary: SummaryWindow) -> DrillWindow:
    """The list opened last, once it is counted (on a worker)."""
    assert summary.drill_windows
    window = summary.drill_windows[-1]
    qtbot.waitUntil(lambda: not window.counting and window.model.counted)
    return window


@OFFSCREEN_RAISE
def test_clicking_a_figure_opens_the_tickets_behind_it(qtbot, opened):
    main, summary = opened()
    tile = summary.figures.tiles[Figure.TICKETS_IN]
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    window = drilled(qtbot, summary)
    assert window.isVisible() and window.row_count() == summary.summary.counts[Figure.TICKETS_IN] > 0
    # A rate opens the tickets that missed it.
    rate = summary.summary.ratios[Figure.ON_TIME_RESOLVE]
    assert rate.missed > 0
    qtbot.mouseClick(summary.figures.tiles[Figure.ON_TIME_RESOLVE], Qt.MouseButton.LeftButton)
    missed = drilled(qtbot, summary)
    assert missed is not window and missed.row_count() == rate.missed
    assert "未达标" in missed.title or "missed" in missed.title
    # The "now" figures, and the keyboard.
    summary.figures.tiles[Figure.OVERDUE_NOW].setFocus()
    qtbot.keyClick(summary.figures.tiles[Figure.OVERDUE_NOW], Qt.Key.Key_Return)
    assert drilled(qtbot, summary).row_count() == summary.summary.counts[Figure.OVERDUE_NOW]
    # A double click opens the ticket in the main window.
    view = window.view
    first = window.model.row_at(0)
    with qtbot.waitSignal(summary.ticket_requested) as signal:
        rect = view.visualRect(window.model.index(0, 0))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [first.id]
    assert main.detail.current_ticket_id == first.id
    for drill in list(summary.drill_windows):
        drill.close()
    assert summary.drill_windows == []


def test_every_rate_drills_into_its_misses_or_everything_behind_it(qtbot, opened):
    main, summary = opened()
    for figure, ratio in summary.summary.ratios.items():
        if figure in REGISTER_FIGURES:
            continue
        request = summary.request_for(figure)
        assert request.missed == (ratio.missed > 0)
        window = summary.open_drill(request)
        qtbot.waitUntil(lambda w=window: not w.counting and w.model.counted)
        if figure == Figure.SATISFACTION:
            assert window.row_count() <= ratio.missed     # visits counted, tickets listed
        elif ratio.missed:
            assert window.row_count() == ratio.missed, figure
        window.close()


@OFFSCREEN_RAISE
def test_a_register_figure_opens_the_register(qtbot, opened):
    main, summary = opened()
    qtbot.mouseClick(summary.figures.tiles[Figure.CALLS_IN], Qt.MouseButton.LeftButton)
    dialog = summary.register_dialog
    assert dialog is not None and dialog.isVisible() and summary.drill_windows == []
    assert summary.register_action.isVisible()
    summary.register_action.trigger()
    assert summary.register_dialog is dialog
    dialog.reject()


def test_breakdown_cells_hot_spots_and_charts_drill_down(qtbot, opened):
    main, summary = opened()
    table = summary.breakdown_tables[Dimension.DEPARTMENT]
    model = table.table_model()
    row = next(r for r in range(model.rowCount()) if model.row_object(r).key)
    department = model.row_object(row)
    for column, measure in ((1, Measure.TICKETS_IN), (3, Measure.OPEN_NOW)):
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                         pos=table.visualRect(model.index(row, column)).center())
        assert drilled(qtbot, summary).row_count() == department.values[measure]
        assert department.name in drilled(qtbot, summary).title
    # The rate: the department's resolution clocks (10086 feedback included) that were missed.
    window = summary.open_drill(model.drill_at(model.index(row, BreakdownModel.RATE)))
    qtbot.waitUntil(lambda: not window.counting and window.model.counted)
    ratio = department.resolve_rate
    assert window.row_count() == (ratio.missed or ratio.denominator)

    spots = summary.hot_area_model
    assert spots.rowCount() == len(summary.summary.hot_areas) > 0
    area, complaints = summary.summary.hot_areas[0]
    qtbot.mouseClick(summary.hot_area_table.viewport(), Qt.MouseButton.LeftButton,
                     pos=summary.hot_area_table.visualRect(spots.index(0, 2)).center())
    assert drilled(qtbot, summary).row_count() == complaints and area in drilled(qtbot, summary).title

    satisfaction = summary.charts.satisfaction
    level = Satisfaction.SATISFIED
    bar_set = satisfaction.sets[level]
    series = satisfaction.chart.series()[0]
    series.clicked.emit(0, bar_set)
    assert drilled(qtbot, summary).row_count() <= summary.summary.satisfaction[level.value]
    assert drilled(qtbot, summary).row_count() > 0

    trend = summary.charts.trend
    index = max(range(len(summary.summary.trend.new)), key=lambda i: summary.summary.trend.new[i])
    window = summary.open_drill(trend.request_for("new", index))
    qtbot.waitUntil(lambda: not window.counting and window.model.counted)
    assert window.row_count() == summary.summary.trend.new[index]
    for drill in list(summary.drill_windows):
        drill.close()


# ----- export and report hooks, models ---------------------------------------------------------------------------


def test_export_and_report_buttons_show_once_someone_listens(qtbot, desk):
    summary = SummaryWindow(desk("supervisor"))
    qtbot.addWidget(summary)
    summary.show()
    wait_for_figures(qtbot, summary)
    assert not summary.export_action.isVisible() and not summary.report_action.isVisible()
    asked = []
    summary.export_requested.connect(lambda: asked.append("export"))
    summary.report_requested.connect(lambda: asked.append("report"))
    assert summary.export_action.isVisible() and summary.report_action.isVisible()
    summary.export_action.trigger()
    summary.report_action.trigger()
    assert asked == ["export", "report"]
    summary.close()


def test_the_tables_pass_the_model_tester(qtbot, qtmodeltester, opened):
    main, summary = opened()
    models = [summary.channel_model, summary.hot_area_model, summary.hot_station_model,
              *summary.breakdown_models.values()]
    for model in models:
        qtmodeltester.check(model)
        model.sort(1, Qt.SortOrder.DescendingOrder)
        qtmodeltester.check(model)
    window = summary.open_drill(summary.request_for(Figure.CLOSED))
    qtbot.waitUntil(lambda: not window.counting and window.model.counted)
    qtmodeltester.check(window.model)
    assert window.model.wait_for_pages()
    window.close()


def test_a_tile_says_its_definition(qapp):
    tile = FigureTile(Figure.SATISFACTION)
    try:
        assert "满意" in tile.toolTip() or "satisfied" in tile.toolTip()
        tile.set_value(Ratio(0, 0))
        assert tile.value_text() == "—" and tile.detail_label.text() == "0/0"
    finally:
        tile.deleteLater()
        QApplication.sendPostedEvents()


@OFFSCREEN_RAISE
def test_the_monthly_report_is_printed_from_the_summary_off_the_gui_thread(qtbot, opened, monkeypatch, tmp_path):
    import io

    from pypdf import PdfReader
    from PySide6.QtWidgets import QFileDialog

    from desk_app.services import reports

    target = tmp_path / "月报.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(target), "")))
    threads = []
    real = reports.monthly_report

    def spy(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr("desk_app.ui.report.monthly_report", spy)
    main, summary = opened("supervisor")
    assert summary.report_action.isVisible()
    summary.report_action.trigger()
    qtbot.waitUntil(target.exists, timeout=30_000)
    assert threads and threads[0] is not threading.main_thread()
    text = PdfReader(io.BytesIO(target.read_bytes())).pages[0].extract_text()
    assert "2026年11月" in text and "林主管" in text
    qtbot.waitUntil(lambda: summary.findChild(QMessageBox, "export_message") is not None)
    box = summary.findChild(QMessageBox, "export_message")
    assert str(target) in box.text()
    box.close()
