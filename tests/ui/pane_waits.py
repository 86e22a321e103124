"""Waiting for what the detail pane and the intake do on worker threads: a ticket's read, an action, a customer card.

The window's thread never waits for the database, so a test that shows a ticket or clicks an action waits for the
answer by signal (never a fixed sleep) before it looks at the screen.
"""

from __future__ import annotations

import shiboken6

WAIT_MS = 10_000


def show(qtbot, pane, ticket_id: int | None) -> None:
    """Show a ticket in a DetailPane and wait until its read has arrived (shown, or the reason it cannot be)."""
    if ticket_id is None:
        pane.show_ticket(None)
        return
    with qtbot.waitSignal(pane.loaded, timeout=WAIT_MS):
        pane.show_ticket(ticket_id)
    settle(qtbot, pane)


def settle(qtbot, pane) -> None:
    """Wait until the pane has no read or action outstanding and its workers have ended (returns at once if none
    was started)."""
    qtbot.waitUntil(lambda: pane.idle, timeout=WAIT_MS)


def perform(qtbot, pane, action, values: dict | None = None, **kwargs) -> bool:
    """Run an action through the pane and wait for its outcome; True if it was done."""
    with qtbot.waitSignal(pane.change_finished, timeout=WAIT_MS) as blocker:
        assert pane.perform(action, values, **kwargs), "the pane started nothing"
    settle(qtbot, pane)
    return bool(blocker.args[0])


def looked_up(qtbot, panel) -> None:
    """Wait until the intake's customer lookup has come back (returns at once if none is outstanding)."""
    qtbot.waitUntil(lambda: not panel.looking_up, timeout=WAIT_MS)


def closed(dialog) -> bool:
    """The dialog is gone from the screen (accepted dialogs delete themselves once the loop runs)."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def look_up(qtbot, panel):
    """Look the caller up at the intake now and wait for the answer; returns the archive the card shows (or None)."""
    panel.lookup_customer()
    looked_up(qtbot, panel)
    return panel.customer



def saved(qtbot, panel, start) -> bool:
    """Start a save at the intake (`start`: panel.create_ticket, panel.record_solved, a button's click, …) and wait
    for its outcome: True if it was saved, False if it was refused, failed or kept on this PC."""
    with qtbot.waitSignal(panel.save_finished, timeout=WAIT_MS) as blocker:
        start()
        # The answer comes back through the event loop, so a save that was started is still on its way here.
        assert panel.saving, f"the intake started nothing: {panel.errors.visible_errors()}"
    qtbot.waitUntil(lambda: panel.idle, timeout=WAIT_MS)
    return bool(blocker.args[0])


def create(qtbot, panel) -> int:
    """生成工单 at the intake and wait until it is saved; returns the new ticket's id (fails, saying why, if the
    intake refused it)."""
    created: list[int] = []

    def take(ticket_id: int) -> None:
        created.append(ticket_id)

    panel.ticket_created.connect(take)
    try:
        done = saved(qtbot, panel, panel.create_ticket)
    finally:
        panel.ticket_created.disconnect(take)
    assert done, f"not saved: {panel.errors.visible_errors()}"
    assert len(created) == 1
    return created[0]


def registered(qtbot, panel) -> None:
    """Wait until a 登记客户 started from the intake's dialog has come back (saved or refused)."""
    qtbot.waitUntil(lambda: panel.idle, timeout=WAIT_MS)


def counted(qtbot, window) -> None:
    """Wait until the main window's queues are counted (its count job runs on a worker; a new window's tabs, and
    the tabs after a sign-in as someone else, show "…" until then) and no count job is left running; then until the
    rows on screen are in (their pages are read on workers when painted)."""
    qtbot.waitUntil(lambda: all(m.counted for m in window.models.values()) and not window.counting,
                    timeout=WAIT_MS)
    rows_shown(qtbot, window.current_view())


def rows_shown(qtbot, view) -> None:
    """Wait until the rows a queue's table shows are read (as painting asks for them)."""
    model = view.queue_model()
    first, last = view.visible_rows()
    for row in range(max(first, 0), last + 1):
        model.index(row, 0).data()   # what painting these rows asks for
    qtbot.waitUntil(lambda: not model.loading(), timeout=WAIT_MS)
