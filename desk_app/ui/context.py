"""What every widget of a window shares: the service, the acting staff member, and changes as Qt signals."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Qt, Signal, Slot

from desk_app.services.desk import Actor, DeskService, Viewer
from desk_app.services.events import Change
from desk_app.services.queries import Directory, read_directory
from desk_app.ui.workers import RequestSequencer


class DeskContext(QObject):
    """Bridges the service's EventBus to Qt: `changed` is always delivered on the GUI thread."""

    changed = Signal(object)          # a services.events.Change, after its transaction committed
    actor_changed = Signal(object)    # the new Actor
    directory_changed = Signal()      # `directory` was read again
    _change_posted = Signal(object)

    def __init__(self, service: DeskService, actor: Actor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._actor = actor
        # Queued: a change made on a worker thread reaches the widgets on the GUI thread.
        self._change_posted.connect(self._on_change_posted, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe = service.events.subscribe(self._change_posted.emit)
        # The departments and staff the dialogs list, read on a worker (refresh_directory) and kept here.
        self._directory: Directory | None = None
        self._directory_reads = RequestSequencer(self, name="directory")

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

    @property
    def directory(self) -> Directory:
        """The departments, staff and field staff as last read (refresh_directory): the dialogs that list them
        open from it with no read of their own, during an outage too. Read here and now only when asked for before
        any read came in (a test, a script)."""
        if self._directory is None:
            self._directory = read_directory()
        return self._directory

    def refresh_directory(self) -> None:
        """Read the directory again on a worker (the window when it opens, with its periodic refresh, and after an
        administrator's change at this desk); the newest read wins, and a failed one keeps the last."""
        self._directory_reads.run(read_directory, self._on_directory_read, lambda _error: None)

    def _on_directory_read(self, directory: Directory) -> None:
        self._directory = directory
        self.directory_changed.emit()

    def close(self) -> None:
        self._unsubscribe()
        self._directory_reads.wait()

    @Slot(object)
    def _on_change_posted(self, change: Change) -> None:
        if change.topic in ("calendar", "settings"):
            self.service.forget_cached()
        if change.topic in ("settings", "reconnected"):   # staff and departments are settings' changes
            self.refresh_directory()
        self.changed.emit(change)
