"""Starting the window: the application, fonts, translations, the sign-in dialog; the database (demo data when new)
opened on a worker once the dialog has painted; signing in, the notifier; then the main window until it is closed.

Only Qt and the sign-in dialog load before its first paint: the database and the services load on a worker right
after it, while the receptionist starts typing, and the main window's modules after that (tests/test_startup_imports.py
keeps it so; bench/bench_startup.py measures it).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QLibraryInfo,
    QLocale,
    QObject,
    Qt,
    QTimer,
    QTranslator,
    Slot,
)
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog, QWidget

from desk_app import paths
from desk_app.core.kinds import Role
from desk_app.ui import settings as app_settings
from desk_app.ui.signin import SignInDialog, read_sign_in_facts
from desk_app.ui.workers import BackgroundJob, cancel_and_wait_all

if TYPE_CHECKING:  # loaded after the sign-in dialog's first paint
    from desk_app.services.desk import Actor, DeskService

log = logging.getLogger(__name__)

CJK_FAMILY = "WenQuanYi Micro Hei"
# What the main window imports, in the order the start-up loads it while the sign-in dialog waits for the typing
# (each a few tens of milliseconds on the window's thread; the last one pulls in the rest).
MAIN_WINDOW_MODULES = (
    "desk_app.services.notify",
    "desk_app.ui.intake.panel",
    "desk_app.ui.detail.pane",
    "desk_app.ui.main_window.window",
)
# Set by the start-up benchmark: print the wall-clock time of the first window's paint (the sign-in dialog), then
# quit; set to "main": of the main window's, once someone has signed in.
ENV_EXIT_AFTER_FIRST_PAINT = "DESK_APP_EXIT_AFTER_FIRST_PAINT"
MAIN_WINDOW_PAINT = "main"

_translators: list[QTranslator] = []


def _app_title() -> str:
    return QCoreApplication.translate("App", "Service Desk")


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (made once), named once for QSettings, with the shipped CJK font as fallback."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName(paths.ORGANIZATION)
        QCoreApplication.setApplicationName(paths.APP_NAME)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName(paths.ORGANIZATION)
    if not QCoreApplication.applicationName() or QCoreApplication.applicationName() == "python":
        QCoreApplication.setApplicationName(paths.APP_NAME)
    install_cjk_font(app)
    return app


def install_cjk_font(app: QApplication) -> str | None:
    """Register the shipped WenQuanYi Micro Hei and put it after the platform's default family.

    Latin text keeps the platform font where there is one; Chinese falls back to ours, so it renders with no
    system CJK font at all. Returns the registered family (None if the font file is missing or unusable).
    """
    family = _register_font()
    if family is None:
        return None
    font = QFont(app.font())
    default = font.family()
    families = [default, family] if default and default != family else [family]
    font.setFamilies(families)
    if font.pointSizeF() > 0 and font.pointSizeF() < 10:
        font.setPointSizeF(10)  # CJK at 9 pt is hard to read on a front-desk screen
    app.setFont(font)
    return family


_registered_family: str | None = None


def _register_font() -> str | None:
    global _registered_family
    if _registered_family is None:
        font_id = QFontDatabase.addApplicationFont(str(paths.cjk_font_path()))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            _registered_family = CJK_FAMILY if CJK_FAMILY in families else families[0]
    return _registered_family


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Replace the installed translators: ours and Qt's own (dialog buttons) for `language`; none for English.

    A missing .qm file is skipped silently (the English source text shows).
    """
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    if language == "en":
        QLocale.setDefault(QLocale("en_US"))
        return []
    QLocale.setDefault(QLocale(language))
    ours = paths.resource_path(f"i18n/desk_app_{language}.qm")
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, directory in ((ours.stem, ours.parent), (f"qtbase_{language}", qt_dir)):
        translator = QTranslator(app)
        if translator.load(name, str(directory)):
            app.installTranslator(translator)
            _translators.append(translator)
    return list(_translators)


def pick_actor(username: str | None) -> Actor:
    """--user, else the first front-desk agent, else the administrator (a new database has only them).

    Not how the window starts (that is sign_in()); kept for scripts and the start-up benchmark."""
    from desk_app.services.desk import Actor
    from desk_app.services.queries import staff_by_username, staff_list

    if username:
        return Actor.of(staff_by_username(username))
    staff = staff_list()
    for role in (Role.RECEPTIONIST, Role.ADMIN):
        for person in staff:
            if person.role == role.value:
                return Actor(person.id, person.name, Role(person.role), person.department_id)
    if not staff:
        raise RuntimeError("the database has no active staff member")
    person = staff[0]
    return Actor(person.id, person.name, Role(person.role), person.department_id)


def build_demo_with_progress(parent: QWidget | None = None) -> int | None:
    """Fill the new database with demo data on a worker thread behind a progress dialog; the ticket count or None.

    The demo accounts then get the public demo password and the database is marked as the demo, so the sign-in
    dialog can name them."""
    from desk_app.services.demo import build_demo
    from desk_app.services.setup import finish_demo

    def work(report: Callable[[int, int], None]) -> int:
        made = build_demo(progress=report)
        finish_demo()
        return made

    dialog = QProgressDialog(parent)
    dialog.setWindowTitle(_app_title())
    dialog.setLabelText(QCoreApplication.translate("App", "Preparing demo data: a month of calls and tickets…"))
    dialog.setCancelButton(None)  # a half-built demo is worse than waiting a few seconds
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.setRange(0, 0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    def on_progress(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    dialog.show()
    try:
        made = _on_worker(work, "demo", progressed=on_progress)
    except Exception as error:  # the job logged it
        text = QCoreApplication.translate("App", "The demo data could not be made: {error}")
        QMessageBox.warning(parent, _app_title(), text.format(error=error))
        return None
    finally:
        dialog.close()
        dialog.deleteLater()
    return made if isinstance(made, int) else None


class _FirstPaintProbe(QObject):
    """For the start-up benchmark: prints when the window first paints, then closes it (which ends the app)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
            # Which window, and its title: the bundle's test (tests/test_bundle.py) checks it is the sign-in dialog.
            title = watched.windowTitle().replace("\n", " ")
            print(f"first-paint {time.time():.6f} {type(watched).__name__} {title}", flush=True)
            watched.removeEventFilter(self)
            QTimer.singleShot(0, watched.close)
        return False


class _Preloader(QObject):
    """Imports the main window's modules while the sign-in dialog waits for the user: from its first paint, one
    module per turn of the event loop (typing in between is delivered between two of them), so that signing in
    then only builds the window. A module that fails to import is left to the import after sign-in, which says why.
    """

    def __init__(self, dialog: QDialog, modules: tuple[str, ...] = MAIN_WINDOW_MODULES, *,
                 at_first_paint: bool = True) -> None:
        super().__init__(dialog)
        self._modules = [name for name in modules if name not in sys.modules]
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        if at_first_paint:
            dialog.installEventFilter(self)

    def start(self) -> None:
        """Begin now (at start-up: once the database is open, so that two threads never import at once)."""
        self._timer.start(0)

    @property
    def pending(self) -> tuple[str, ...]:
        return tuple(self._modules)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self._timer.start(0)
        return False

    @Slot()
    def _on_timer_timeout(self) -> None:
        if not self._modules:
            return
        name = self._modules.pop(0)
        try:
            importlib.import_module(name)
        except Exception:  # the import after sign-in meets it again and reports it
            log.exception("loading %s ahead of the sign-in failed", name)
            self._modules.clear()
            return
        if self._modules:
            self._timer.start(0)


def run_dialog(dialog: QDialog) -> int:
    """Run a dialog modally and return its result (the seam tests drive the start-up's sign-in through)."""
    return dialog.exec()


def sign_in(service: DeskService, *, username: str | None = None, probe: QObject | None = None) -> Actor | None:
    """The sign-in dialog on an open database (user name pre-filled from --user or the last sign-in; the password
    always asked); the signed-in person, or None if cancelled. The start-up itself shows the dialog before the
    database is open (run_gui)."""
    dialog = SignInDialog(service, username=username)
    _Preloader(dialog)  # a child of the dialog: gone with it
    return _run_sign_in(dialog, probe)


def _run_sign_in(dialog: SignInDialog, probe: QObject | None) -> Actor | None:
    """Run the sign-in dialog; with the start-up benchmark's probe, the dialog's first paint is the moment measured
    and the probe closes it (nobody is signed in)."""
    if probe is not None:
        dialog.installEventFilter(probe)
    try:
        with _quit_suspended():
            accepted = run_dialog(dialog) == QDialog.DialogCode.Accepted
        return dialog.actor if accepted else None
    finally:
        dialog.deleteLater()


def _on_worker(work: Callable[[Callable[[int, int], None]], Any], name: str, *,
               progressed: Callable[[int, int], None] | None = None) -> Any:
    """Run `work(report)` on a worker thread while the event loop keeps turning (the dialogs on screen paint and take
    the typing; `progressed` gets what it reports) and return its result; an exception it raised is raised here."""
    outcome: dict[str, object] = {}
    # The job re-emits on the GUI thread, so plain functions are safe receivers here.
    job = BackgroundJob(work, name=name)
    if progressed is not None:
        job.progressed.connect(progressed)
    loop = QEventLoop()
    job.succeeded.connect(lambda result: outcome.__setitem__("result", result))
    job.failed.connect(lambda error: outcome.__setitem__("error", error))
    job.finished.connect(loop.quit)
    job.start()
    loop.exec()
    job.deleteLater()
    error = outcome.get("error")
    if isinstance(error, BaseException):
        raise error
    return outcome.get("result")


class _StartupDatabase(QObject):
    """Opens the start-up database once the sign-in dialog has painted, and attaches it to the dialog.

    Everything that touches the database runs on workers (the imports of the database modules and services with
    it): the URL (--database, DESK_DATABASE_URL, the connection dialog's choice, else the embedded database), its
    check and migration, the demo data on a new database (behind its progress dialog), an administrator password
    for a database nobody can sign into (shown once), the organisation's name and the demo accounts. A database
    that cannot be opened shows the start-up error box over the dialog, which offers the connection dialog; when
    the user gives up, the dialog is closed and `failed` is set. Then the main window's modules load (_Preloader).
    """

    def __init__(self, dialog: SignInDialog, args: argparse.Namespace) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._args = args
        self._preloader = _Preloader(dialog, at_first_paint=False)
        self.url: str | None = None  # may carry the password: kept in memory, shown only through redact_url
        self.service: DeskService | None = None
        self.failed = False
        dialog.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._open)
        return False

    @Slot()
    def _open(self) -> None:
        dialog = self._dialog
        if not dialog.isVisible():  # closed at its first paint (the start-up benchmark's probe)
            return
        opened = open_startup_database(self._args, parent=dialog)
        if opened is None:
            self.failed = True
            dialog.reject()
            return
        url, new = opened
        if not dialog.isVisible():
            return
        if new and not getattr(self._args, "no_demo", False):
            build_demo_with_progress(dialog)
        try:
            password, facts = _on_worker(lambda _report: (first_administrator_password(), read_sign_in_facts()),
                                         "sign-in-facts")
        except Exception as error:  # the database went away right after it opened
            reason = QCoreApplication.translate("App", "Cannot open the database {url}:\n{error}")
            _show_startup_error(dialog, reason.format(url=_redacted(url), error=error))
            self.failed = True
            dialog.reject()
            return
        if password is not None:
            self._show_administrator_password(password)
        from desk_app.services.desk import DeskService

        self.url = url
        self.service = DeskService()
        dialog.attach(self.service, facts)
        self._preloader.start()

    def _show_administrator_password(self, password: str) -> None:
        text = QCoreApplication.translate(
            "App", "Nobody can sign in to this database yet. The administrator account is admin, with the "
                   "initial password {password} (shown only now; choose your own at the first sign-in).")
        box = QMessageBox(QMessageBox.Icon.Information, _app_title(), text.format(password=password),
                          parent=self._dialog)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        run_dialog(box)
        box.deleteLater()
        if not getattr(self._args, "user", None):  # the only account anyone can sign in with (--user wins)
            self._dialog.username_edit.setText("admin")
            self._dialog.password_edit.setFocus()


def first_administrator_password() -> str | None:
    """A database nobody can sign into (new, no demo, no preset): the administrator gets a generated password,
    to be changed at the first sign-in. Returns it to show once, or None when some account has a password."""
    from desk_app.services import auth
    from desk_app.services.queries import staff_list
    from desk_app.services.setup import set_initial_password

    if any(auth.has_password(person.username) for person in staff_list()):
        return None
    if not auth.has_password("admin"):
        password = auth.generate_password()
        set_initial_password("admin", password)
        return password
    return None


@contextlib.contextmanager
def _quit_suspended() -> Iterator[None]:
    """While a dialog is the only window (before the main window exists), its closing must not end the app."""
    app = QApplication.instance()
    before = app.quitOnLastWindowClosed() if isinstance(app, QApplication) else None
    if isinstance(app, QApplication):
        app.setQuitOnLastWindowClosed(False)
    try:
        yield
    finally:
        if isinstance(app, QApplication) and before is not None:
            app.setQuitOnLastWindowClosed(before)


def _redacted(url: str) -> str:
    from desk_app.models.db import redact_url

    return redact_url(url)


def _show_startup_error(parent: QWidget | None, text: str, *, offer_connection: bool = False) -> bool:
    """The start-up error box; with `offer_connection`, its 数据库… button: True if the user chose it."""
    box = QMessageBox(QMessageBox.Icon.Critical, _app_title(), text, parent=parent)
    box.setObjectName("startupErrorBox")
    connection_button = None
    if offer_connection:
        connection_button = box.addButton(QCoreApplication.translate("App", "Database…"),
                                          QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    with _quit_suspended():
        run_dialog(box)
    chosen = connection_button is not None and box.clickedButton() is connection_button
    box.deleteLater()
    return chosen


def _try_to_open(args: argparse.Namespace, url: str | None) -> tuple[str, str, bool] | tuple[str, str, str]:
    """On a worker: check, open and migrate the database (`url`, else the start-up's choice); ("ok", the URL to
    connect with, whether it was new) or ("failed", the URL tried, why, the URL in it redacted)."""
    from desk_app.cli import chosen_database_url
    from desk_app.models.db import check_url, failure_text, redact_text
    from desk_app.services.secrets import take_password, url_for_connecting
    from desk_app.services.setup import database_is_new, init_database

    if url is None:
        url = chosen_database_url(args, saved=app_settings.saved_database_url())
    connecting = url
    try:
        # Only the embedded default counts as init-db: a mistyped path is refused, not created.
        check_url(url, create=url == paths.default_database_url())
        connecting = url_for_connecting(take_password(url))
        new = database_is_new(connecting)
        init_database(connecting)
        return "ok", connecting, new
    except Exception as error:  # a refused URL, an unreachable server, a wrong password, a newer schema
        return "failed", url, redact_text(failure_text(error, connecting), url)


def open_startup_database(args: argparse.Namespace, parent: QWidget | None = None) -> tuple[str, bool] | None:
    """Check, open and migrate the database the window starts on (--database, DESK_DATABASE_URL, the connection
    dialog's saved choice, else the embedded database, which the first start creates), on a worker; (the URL to
    connect with, whether it was new). A refused URL or a failure shows the start-up error dialog, the URL in it
    redacted, which offers the connection dialog; None when the user closes it."""
    url: str | None = None
    while True:
        outcome = _on_worker(lambda _report, url=url: _try_to_open(args, url), "open-database")
        if outcome[0] == "ok":
            return outcome[1], outcome[2]
        _, url, reason = outcome
        text = QCoreApplication.translate("App", "Cannot open the database {url}:\n{error}")
        if not _show_startup_error(parent, text.format(url=_redacted(url), error=reason), offer_connection=True):
            return None
        from desk_app.services.secrets import without_password
        from desk_app.ui.connection import ConnectionDialog

        dialog = ConnectionDialog(parent, url=without_password(url))
        with _quit_suspended():
            accepted = run_dialog(dialog) == QDialog.DialogCode.Accepted
        url = dialog.url or ""
        dialog.deleteLater()
        if not accepted or not url:
            return None


def run_gui(args: argparse.Namespace) -> int:
    """`desk-app` with no command: sign in, open the window and run until it is closed (or signed out and
    cancelled)."""
    # Only Qt and the sign-in dialog are imported before it paints; the database opens on a worker after that, and
    # the main window's modules (the queues, the panes, the docks) load while the user types
    # (tests/test_startup_imports.py keeps it so).
    app = make_application()
    language = getattr(args, "lang", None) or app_settings.language()
    install_translators(app, language)

    probe_at = os.environ.get(ENV_EXIT_AFTER_FIRST_PAINT)
    probe = _FirstPaintProbe() if probe_at else None
    ctx = None
    unsubscribe: Callable[[], None] = lambda: None  # noqa: E731 - until the notifier listens
    code = 0
    try:
        dialog = SignInDialog(username=getattr(args, "user", None))
        database = _StartupDatabase(dialog, args)  # opens the database after the dialog's first paint
        actor = _run_sign_in(dialog, None if probe_at == MAIN_WINDOW_PAINT else probe)
        if database.failed:
            return 1
        url, service = database.url, database.service
        if actor is None or url is None or service is None:
            return 0
        from desk_app.services.notify import Notifier
        from desk_app.ui.context import DeskContext
        from desk_app.ui.main_window.window import MainWindow

        # One notifier for the whole run: it hears every ticket action of this desk and runs the background scans
        # (nothing happens to a ticket before someone has signed in).
        notifier = Notifier(service.now, events=service.events)
        unsubscribe = service.events.subscribe(notifier.on_change)
        ctx = DeskContext(service, actor)
        signed_in = True
        while True:
            window = MainWindow(ctx, database_url=url, notifier=notifier, live_updates=True)
            if probe is not None:
                window.installEventFilter(probe)
            if window.first_start:
                # Fill the screen the first time (also without a window manager); later starts restore.
                window.setGeometry(window.screen().availableGeometry())
                window.showMaximized()
            else:
                window.show()
            if signed_in:
                window.start_session()
                signed_in = False
            code = app.exec()
            if window.isVisible():  # the loop ended some other way (app.quit()): close it properly
                window.close()
            restart = window.restart_requested
            window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
            del window
            if not restart:
                break
            # Rebuild the window in the newly chosen language (the saved choice now wins over --lang).
            install_translators(app, app_settings.language())
    finally:
        unsubscribe()
        if ctx is not None:
            ctx.close()
        cancel_and_wait_all()
        db = sys.modules.get("desk_app.models.db")  # not loaded when the dialog closed before the database opened
        if db is not None:
            db.close_database()
    return code
