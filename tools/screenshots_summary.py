"""Screenshots of the summary window (统计汇总) on each preset's demo data, and of a drilled ticket list (offscreen,
QWidget.grab).

    .venv/bin/python tools/screenshots_summary.py [OUT_DIR [PRESET ...]]

For each preset it makes a database (`init-db --preset`, then `demo` ending at NOW), opens the main window as the
supervisor, opens the summary from it (本月, 1280×800) and saves its overview as summary_<preset>.png and its charts
as summary_<preset>_charts.png in OUT_DIR (default resources/screenshots). On the telecom demo it also saves the
department leader's summary (summary_leader.png) and the tickets behind the missed 10086 feedback limits
(summary_drill.png). It prints the figures it showed.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from screenshots_procedures import NOW, _make_database, shrink  # noqa: E402 - after the path is set

SIZE = (1280, 800)


def main(argv: list[str]) -> int:
    from desk_app.services.presets import available_presets

    out = Path(argv[1]) if len(argv) > 1 else ROOT / "resources" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    for preset in argv[2:] or available_presets():
        with tempfile.TemporaryDirectory() as folder:
            os.environ["DESK_APP_DATA_DIR"] = folder
            url = f"sqlite:///{Path(folder) / 'desk.db'}"
            _make_database(url, preset)
            _shoot(url, out, preset)
    return 0


def _wait(app, condition, seconds: float = 30) -> None:
    """A screenshot tool, not the app: turn the event loop until the figures are there."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the summary did not arrive")
        app.processEvents()
        time.sleep(0.01)
    for _ in range(10):
        app.processEvents()


def _save(widget, path: Path) -> None:
    widget.grab().save(str(path))
    shrink(path)


def _shoot(url: str, out: Path, preset: str) -> None:
    from desk_app.core.summary import Figure, PeriodKind
    from desk_app.models.db import close_database
    from desk_app.models.schema import Department, Staff
    from desk_app.services.desk import Actor, DeskService
    from desk_app.services.setup import init_database
    from desk_app.ui.app import install_translators, make_application
    from desk_app.ui.context import DeskContext
    from desk_app.ui.main_window import MainWindow

    app = make_application()
    install_translators(app, "zh_CN")
    init_database(url)
    try:
        service = DeskService(now=lambda: NOW)
        supervisor = Actor.of(Staff.select().where((Staff.role == "supervisor") & Staff.active)
                              .order_by(Staff.id).first())
        ctx = DeskContext(service, supervisor)
        main_window = MainWindow(ctx, database_url=url)
        main_window.resize(1600, 1000)
        main_window.show()
        window = main_window.open_summary()
        window.resize(*SIZE)
        window.set_period_kind(PeriodKind.MONTH)
        _wait(app, lambda: window.summary is not None and not window.computing)
        summary = window.summary
        window.tabs.setCurrentIndex(0)
        _save(window, out / f"summary_{preset}.png")
        print(f"summary_{preset}.png: {supervisor.name}, {summary.period.text()}: "
              + ", ".join(f"{f.value}={_shown(summary.figure(f))}" for f in Figure))
        window.tabs.setCurrentIndex(1)
        _wait(app, lambda: True)
        _save(window, out / f"summary_{preset}_charts.png")
        print(f"summary_{preset}_charts.png: trend {summary.trend.granularity.value}, "
              f"{len(summary.trend.points)} points")
        if preset == "telecom":
            drill = window.open_drill(window.request_for(Figure.ON_TIME_FEEDBACK))
            drill.resize(1180, 620)
            _wait(app, lambda: True)
            _save(drill, out / "summary_drill.png")
            print(f"summary_drill.png: {drill.title}: {drill.row_count()} tickets "
                  f"(missed {summary.ratios[Figure.ON_TIME_FEEDBACK].missed})")
            drill.close()
            # A department leader: his department's figures only, no register.
            network = Department.get(Department.code == "network")
            leader = Actor.of(Staff.get((Staff.department == network.id) & (Staff.role == "leader")))
            window.close()
            ctx.set_actor(leader)
            window = main_window.open_summary()
            window.resize(*SIZE)
            window.set_period_kind(PeriodKind.MONTH)
            _wait(app, lambda: window.summary is not None and not window.computing)
            window.tabs.setCurrentIndex(0)
            _save(window, out / "summary_leader.png")
            print(f"summary_leader.png: {leader.name}, {window.scope_label.text()}")
        window.close()
        main_window.close()
        ctx.close()
        main_window.deleteLater()
        app.processEvents()
    finally:
        close_database()


def _shown(value) -> str:
    from desk_app.core.summary import Ratio, percent

    if isinstance(value, Ratio):
        return f"{percent(value.value)} ({value.numerator}/{value.denominator})"
    return "—" if value is None else str(value)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
