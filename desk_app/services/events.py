"""What changed, told to whoever listens: the main window now, a second desk's notifier (LISTEN/NOTIFY) later."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Change:
    """One committed change: `topic` is "ticket", "call", "calendar" or "settings"."""

    topic: str
    action: str
    ticket_id: int | None = None
    number: str | None = None
    version: int | None = None


Listener = Callable[[Change], None]


class EventBus:
    """Listeners are called after the transaction commits, on the thread that made the change."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def emit(self, change: Change) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(change)
            except Exception:  # a broken listener must not undo a committed change
                log.exception("listener failed for %s", change)
