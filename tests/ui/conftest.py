"""Fixtures for widget tests: isolated QSettings, a DeskContext on the demo data, and a leak check after each test."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QApplication

from desk_app.services.desk import Actor, DeskService
from desk_app.services.queries import staff_by_username
from desk_app.ui.context import DeskContext
from desk_app.ui.workers import running_jobs

HERE = Path(__file__).resolve().parent
# The offscreen platform warns about every shown top-level window with a layout; it says nothing about our code.
IGNORE_OFFSCREEN = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(IGNORE_OFFSCREEN)


@pytest.fixture(autouse=True)
def isolated_settings(qapp: QApplication, tmp_path: Path) -> Iterator[Path]:
    """Every test reads and writes its own QSettings (INI files under tmp_path), never the user's."""
    QCoreApplication.setOrganizationName("DeskAppTests")
    QCoreApplication.setApplicationName("desk-app-tests")
    folder = tmp_path / "settings"
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "user"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, str(folder / "system"))
    yield folder


@pytest.fixture(autouse=True)
def no_leaks(qapp: QApplication) -> Iterator[None]:
    """Fail a test that leaves a visible window, a running background job or an extra thread behind.

    pytest-qt closes the widgets registered with qtbot.addWidget before this runs.
    """
    threads_before = set(threading.enumerate())
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    assert windows == [], f"windows left open: {windows}"
    assert running_jobs() == [], "background jobs left running"
    # Dummy threads are how Python sees threads it did not start (QThreads); running_jobs() covers those.
    extra = [t for t in threading.enumerate() if t not in threads_before and t.is_alive()
             and not isinstance(t, threading._DummyThread)]
    assert extra == [], f"threads left running: {extra}"


@pytest.fixture
def ctx(qapp: QApplication, demo_db: str, clock) -> Iterator[DeskContext]:
    """The desk as the demo's first front-desk agent (王芳, reception), on the test clock."""
    context = DeskContext(DeskService(now=clock), Actor.of(staff_by_username("reception")))
    yield context
    context.close()


@pytest.fixture
def manual_routing(ctx: DeskContext) -> None:
    """No routing rules: a new ticket waits for the dispatcher (the demo's rules would dispatch repairs, FTTH
    installs and faults at once). Modules about the manual path use it; direct dispatch has tests of its own."""
    from desk_app.models.schema import RoutingRule

    RoutingRule.update(active=False).execute()
    ctx.service.forget_cached()
