"""What every widget of a window shares: the service, the acting staff member, and changes as Qt signals."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Qt, Signal, Slot

from desk_app.services.desk import Actor, DeskService, Viewer
from desk_app.services.events import Change


class DeskContext(QObject):
    """Bridges the service's EventBus to Qt: `changed` is always delivered on the GUI thread."""

    changed = Signal(object)          # a services.events.Change, after its transaction committed
    actor_changed = Signal(object)    # the new Actor
    _change_posted = Signal(object)

    def __init__(self, service: DeskService, actor: Actor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._actor = actor
        # Queued: a change made on a worker thread reaches the widgets on the GUI thread.
        self._change_posted.connect(self._on_change_posted, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = service.events.subscribe(self._change_posted.emit)

    @property
    def actor(self) -> Actor:
        return self._actor

    def set_actor(self, actor: Actor) -> None:
        if actor != self._actor:
            self._actor = actor
            self.actor_changed.emit(actor)

    def now(self) -> dt.datetime:
        return self.service.now()

    def viewer(self) -> Viewer:
        """The signed-in person as the rule book sees them now: every read of a window goes through it."""
        return self.service.viewer(self._actor)

    def close(self) -> None:
        self._unsubscribe()

    @Slot(object)
    def _on_change_posted(self, change: Change) -> None:
        if change.topic in ("calendar", "settings"):
            self.service.forget_cached()
        self.changed.emit(change)
