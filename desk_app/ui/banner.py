"""While the database cannot be reached: the banner over the queues, and the watch that retries and, once the
database is back, saves what was kept on this PC (each save exactly once)."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk_app.core.errors import DatabaseBusy, DatabaseUnavailable
from desk_app.core.kinds import CallOutcome
from desk_app.core.validation import CallDraft, TicketDraft
from desk_app.models.db import database
from desk_app.services.desk import Actor, DeskService
from desk_app.services.outbox_local import LocalOutbox, PendingSave, ReplayResult
from desk_app.ui.workers import BackgroundJob

log = logging.getLogger(__name__)

BANNER_STYLE = """
QFrame#outageBanner { background: #fff4e5; border: 1px solid #e0a040; border-radius: 3px; }
QFrame#outageBanner QLabel { color: #7a4100; background: transparent; }
QFrame#outageBanner QLabel#outageTitle { font-weight: bold; }
"""


def _probe(_report) -> bool:
    """On a worker thread: one cheap statement; DatabaseUnavailable while the server is away."""
    database.execute_sql("SELECT 1").fetchone()
    return True


class OutageWatch(QObject):
    """Whether the database can be reached, told by whoever met the outage (a save, the queue counts).

    Once told, it tries again every RETRY_MS on a worker thread (the window never waits for a dead server); when a
    try succeeds it saves what was kept on disk meanwhile, oldest first, each under its own key, and says so.
    Signals: `went_down()`, `came_back()`, `kept_changed(waiting)` and `replayed(ReplayResult)`.
    """

    went_down = Signal()
    came_back = Signal()
    kept_changed = Signal(int)
    replayed = Signal(object)

    RETRY_MS = 3000

    def __init__(self, service: DeskService, outbox: LocalOutbox | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.outbox = outbox
        self._down = False
        self._job: BackgroundJob | None = None
        self._closing = False
        self.timer = QTimer(self)
        self.timer.setObjectName("outage_retry_timer")
        self.timer.setInterval(self.RETRY_MS)
        self.timer.timeout.connect(self.probe_now)

    @property
    def is_down(self) -> bool:
        return self._down

    def waiting(self) -> int:
        """Saves kept on this PC, not yet in the database."""
        return len(self.outbox) if self.outbox is not None else 0

    def refused(self) -> int:
        """Kept saves the database refused when they were saved, not yet put away by the user."""
        return len(self.outbox.refused()) if self.outbox is not None else 0

    def start(self) -> None:
        """At start-up: saves kept by an earlier session (closed during an outage) are saved now if possible."""
        if self.waiting():
            self.probe_now()

    # ----- told of an outage -----------------------------------------------------------------------------------

    def report(self, error: BaseException) -> bool:
        """`error` from any database call: True (and the banner shows) if it says the database is away."""
        if isinstance(error, DatabaseUnavailable):
            self.report_unavailable()
            return True
        return False

    def report_unavailable(self) -> None:
        if self._closing:
            return
        if not self._down:
            self._down = True
            self.went_down.emit()
        if not self.timer.isActive():
            self.timer.start()

    def can_keep(self) -> bool:
        return self.outbox is not None

    def keep_intake(self, actor: Actor, call: CallDraft, draft: TicketDraft) -> PendingSave:
        """Keep an intake the database refused for being away (OSError if the disk refuses too)."""
        assert self.outbox is not None
        kept = self.outbox.keep_intake(actor, call, draft, at=self.service.now())
        self.report_unavailable()
        self.kept_changed.emit(self.waiting())
        return kept

    def keep_action(self, actor: Actor, op: str, ticket_id: int, number: str, expected_version: int,
                    args: dict[str, object], *, label: str = "") -> PendingSave:
        """Keep a ticket action the database refused for being away (ConflictError while another action on the
        ticket waits; OSError if the disk refuses too)."""
        assert self.outbox is not None
        kept = self.outbox.keep_action(actor, op, ticket_id, number, expected_version, args, label=label,
                                       at=self.service.now())
        self.report_unavailable()
        self.kept_changed.emit(self.waiting())
        return kept

    def keep_call(self, actor: Actor, call: CallDraft, *, outcome: CallOutcome = CallOutcome.SOLVED,
                  kb_article_id: int | None = None) -> PendingSave:
        assert self.outbox is not None
        kept = self.outbox.keep_call(actor, call, outcome=outcome, kb_article_id=kb_article_id,
                                     at=self.service.now())
        self.report_unavailable()
        self.kept_changed.emit(self.waiting())
        return kept

    # ----- trying again ----------------------------------------------------------------------------------------

    @Slot()
    def probe_now(self) -> BackgroundJob | None:
        """Try the database on a worker thread; None if a try is already running."""
        if self._job is not None or self._closing:
            return None
        job = BackgroundJob(_probe, self, name="database-probe")
        job.succeeded.connect(self._on_probe_job_succeeded)
        job.failed.connect(self._on_probe_job_failed)
        job.finished.connect(self._on_probe_job_finished)
        self._job = job
        job.start()
        return job

    @Slot(object)
    def _on_probe_job_succeeded(self, _result: object) -> None:
        if self._closing:
            return
        self.timer.stop()
        was_down, self._down = self._down, False
        if was_down:
            self.came_back.emit()
        self.replay_now()

    @Slot(object)
    def _on_probe_job_failed(self, error: object) -> None:
        if not isinstance(error, DatabaseUnavailable):
            log.warning("database probe failed: %s", error)
        self.report_unavailable()

    @Slot()
    def _on_probe_job_finished(self) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.deleteLater()

    def replay_now(self) -> ReplayResult | None:
        """Save what was kept (on the GUI thread: the service emits its changes as for any save here)."""
        if self.outbox is None or not self.waiting():
            return None
        result = self.outbox.replay(self.service)
        if result.left:
            self.report_unavailable()
        self.kept_changed.emit(self.waiting())
        self.replayed.emit(result)
        return result

    def shutdown(self) -> None:
        self._closing = True
        self.timer.stop()
        if self._job is not None:
            self._job.shutdown()


class OutageHook:
    """While installed, an outage that escapes a slot (a read on the GUI thread with no handler of its own) shows the
    banner instead of a traceback; any other exception goes on to the hook installed before."""

    def __init__(self, watch: OutageWatch) -> None:
        self.watch = watch
        self._previous = None

    def install(self) -> None:
        if self._previous is None:
            self._previous = sys.excepthook
            sys.excepthook = self

    def uninstall(self) -> None:
        if self._previous is not None and sys.excepthook is self:
            sys.excepthook = self._previous
        self._previous = None

    def __call__(self, kind, error, trace) -> None:
        if isinstance(error, (DatabaseUnavailable, DatabaseBusy)):
            log.warning("%s (in a slot)", error)
            if isinstance(error, DatabaseUnavailable):
                self.watch.report_unavailable()
            return
        (self._previous or sys.__excepthook__)(kind, error, trace)


class OutageBanner(QFrame):
    """数据库暂时无法连接，正在重试…: over the queues while the database cannot be reached, with the number of saves
    kept on this PC and a button to try at once. Once the database is back it stays while saves it refused wait to
    be read (本机暂存…), and hides when nothing is left to say."""

    show_kept = Signal()

    def __init__(self, watch: OutageWatch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outageBanner")
        self.setStyleSheet(BANNER_STYLE)
        self.watch = watch
        self.title_label = QLabel(self)
        self.title_label.setObjectName("outageTitle")
        self.waiting_label = QLabel(self)
        self.waiting_label.setObjectName("outageWaiting")
        # Wraps instead of widening the window's middle (the docks beside it keep their width).
        self.waiting_label.setWordWrap(True)
        self.retry_button = QPushButton(self)
        self.retry_button.setObjectName("outageRetry")
        self.kept_button = QPushButton(self)
        self.kept_button.setObjectName("outageKept")
        # The title and the buttons on one line, what is kept below it (it wraps in a narrow window).
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.kept_button)
        top.addWidget(self.retry_button)
        layout.addLayout(top)
        layout.addWidget(self.waiting_label)
        self.retry_button.clicked.connect(self._on_retry_button_clicked)
        self.kept_button.clicked.connect(self.show_kept)
        watch.went_down.connect(self._on_watch_went_down)
        watch.came_back.connect(self._on_watch_came_back)
        watch.kept_changed.connect(self._on_watch_kept_changed)
        watch.replayed.connect(self._on_watch_replayed)
        self.translate_ui()
        self._update_visible()

    def translate_ui(self) -> None:
        self.retry_button.setText(self.tr("Retry now"))
        self.kept_button.setText(self.tr("Kept on this PC…"))
        self._update_waiting()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.translate_ui()
        super().changeEvent(event)

    def _update_waiting(self) -> None:
        waiting, refused = self.watch.waiting(), self.watch.refused()
        if self.watch.is_down:
            self.title_label.setText(self.tr("The database cannot be reached right now; retrying…"))
        else:
            self.title_label.setText(self.tr("The database is back."))
        self.retry_button.setVisible(self.watch.is_down)
        self.kept_button.setVisible(bool(waiting or refused))
        if refused and not self.watch.is_down:
            self.waiting_label.setText(self.tr("Not saved of what was kept on this PC: {n}. Open the list to see "
                                               "why and do it again.").format(n=refused))
        elif waiting:
            self.waiting_label.setText(self.tr("Kept on this PC: {n}. They are saved when the database is back.")
                                       .format(n=waiting))
        else:
            self.waiting_label.setText(self.tr("What you type is kept on this PC and saved when it is back."))

    @Slot()
    def _on_retry_button_clicked(self) -> None:
        self.watch.probe_now()

    def _update_visible(self) -> None:
        self._update_waiting()
        self.setVisible(self.watch.is_down or bool(self.watch.refused()))

    def refresh(self) -> None:
        """Again from the outbox (the list of kept saves was changed: a refused one put away)."""
        self._update_visible()

    @Slot()
    def _on_watch_went_down(self) -> None:
        self._update_visible()

    @Slot()
    def _on_watch_came_back(self) -> None:
        self._update_visible()

    @Slot(int)
    def _on_watch_kept_changed(self, _waiting: int) -> None:
        self._update_waiting()

    @Slot(object)
    def _on_watch_replayed(self, _result: ReplayResult) -> None:
        self._update_visible()
