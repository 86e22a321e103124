"""Other desks' changes as Qt signals: a services.live.ChangeListener on a thread of its own, heard on the GUI thread."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot

from desk_app.services.events import Change, EventBus
from desk_app.services.live import LOST, RECONNECTED, ChangeListener, RemoteChange

log = logging.getLogger(__name__)

# Changes heard within this many milliseconds reach the window as one batch (a ticket created and dispatched in one
# transaction is two notifications; a bulk change many).
COALESCE_MS = 5


@dataclass(frozen=True)
class RemoteTickets:
    """Tickets other desks changed: their ids, the actions, and the earliest sender's time (None on SQLite)."""

    ids: frozenset[int]
    actions: frozenset[str]
    sent_at: float | None


class LiveUpdates(QObject):
    """Listens for other desks' changes of the database at `url` while started; `tickets_changed(RemoteTickets)`,
    `lost()` (its connection broke: the database may be away) and `reconnected()` are delivered on the GUI thread. Changes of this process (heard on `events`) are left out.
    stop() (also on the application's quit) ends the thread and closes its connection."""

    tickets_changed = Signal(object)
    lost = Signal()
    reconnected = Signal()
    _posted = Signal(object)

    def __init__(self, url: str, events: EventBus | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._listener = ChangeListener(url)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._pending: list[RemoteChange] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        # Queued: the listener's thread posts, the GUI thread hears.
        self._posted.connect(self._on_posted, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = events.subscribe(self._on_local_change) if events is not None else None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("LiveUpdates starts once")
        self._thread = threading.Thread(target=self._listener.run, args=(self._posted.emit, self._stop),
                                        name="desk-live-updates", daemon=True)
        self._thread.start()

    @Slot()
    def stop(self) -> None:
        """End the listener (within about a second: it wakes from its wait) and forget what was not delivered."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=10)
            if thread.is_alive():
                log.warning("live updates: the listener did not stop")
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._timer.stop()
        self._pending.clear()

    def _on_local_change(self, change: Change) -> None:  # on the thread that made the change
        if change.topic == "ticket":
            self._listener.note_local(change.ticket_id, change.version)

    @Slot(object)
    def _on_posted(self, change: RemoteChange) -> None:
        if self._stop.is_set():
            return
        self._pending.append(change)
        if not self._timer.isActive():
            self._timer.start()

    @Slot()
    def _on_timer_timeout(self) -> None:
        pending, self._pending = self._pending, []
        tickets = [c for c in pending if c.kind == "ticket"]
        if any(c.kind == LOST for c in pending):
            self.lost.emit()
        if any(c.kind == RECONNECTED for c in pending):
            self.reconnected.emit()
        if tickets:
            sent = [c.sent_at for c in tickets if c.sent_at is not None]
            self.tickets_changed.emit(RemoteTickets(frozenset(i for c in tickets for i in c.ids),
                                                    frozenset(c.action for c in tickets), min(sent) if sent else None))
