"""Each person sees the queues of their role: the tabs, the department filter, the approval step, the intake panel
(customer data only where the role takes calls), the administration menu and the failed-messages list."""

from __future__ import annotations

import pytest
from pane_waits import counted
from PySide6.QtWidgets import QMessageBox

from desk_app.core.kinds import Role
from desk_app.core.permissions import DEPARTMENT_BOUND, Operation, may
from desk_app.core.queues import QUEUES_FOR_ROLE, Queue
from desk_app.core.states import State
from desk_app.models.schema import Ticket
from desk_app.services.desk import Actor, DeskService, ticket_facts
from desk_app.services.queries import QueueFilter, count_queue, staff_by_username
from desk_app.ui.common import label
from desk_app.ui.context import DeskContext
from desk_app.ui.main_window.window import MainWindow
from desk_app.ui.notifications import FAILED_PAGE

# One demo account of each role.
ACCOUNTS: dict[Role, str] = {
    Role.RECEPTIONIST: "reception",
    Role.DISPATCHER: "dispatcher",
    Role.RECEIVER: "engineering.recv",
    Role.LEADER: "engineering.lead",
    Role.AUDIT: "audit",
    Role.OFFICE: "office",
    Role.CENTER: "center",
    Role.FIELD: "engineering.w1",
    Role.SUPERVISOR: "supervisor",
    Role.ADMIN: "admin",
}
APPROVAL_STATE = {Role.LEADER: State.PENDING_LEADER, Role.OFFICE: State.PENDING_OFFICE,
                  Role.CENTER: State.PENDING_CENTER}


@pytest.fixture(autouse=True)
def no_background_scan(monkeypatch):
    monkeypatch.setattr(MainWindow, "SCAN_FIRST_DELAY_MS", 3_600_000)


def actor(username: str) -> Actor:
    return Actor.of(staff_by_username(username))


def open_window(qtbot, ctx: DeskContext) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    counted(qtbot, window)   # the queues are counted on a worker
    return window


def expected_all(person: Actor, viewer) -> int:
    """What 全部 must hold, ticket by ticket from the rule book's can_read: a department role its department's tickets
    (plus those circulated to it or waiting at its step), the others the center's tickets except the sensitive ones
    whose path does not pass their step."""
    readable = [t for t in Ticket.select() if viewer.may_read(ticket_facts(t)).allowed]
    if person.role in DEPARTMENT_BOUND:
        own = Ticket.select().where(Ticket.department == person.department_id).count()
        assert own <= len(readable) < Ticket.select().count()
    return len(readable)


def check_window_for(window: MainWindow, person: Actor, now) -> None:
    role = person.role
    viewer = window.ctx.viewer()
    assert window.queues == tuple(QUEUES_FOR_ROLE[role])
    assert [window.tabs.tabText(i).rsplit(" (", 1)[0] for i in range(window.tabs.count())] == [
        label(q) for q in QUEUES_FOR_ROLE[role]]
    department = person.department_id if role in DEPARTMENT_BOUND else None
    for queue in window.queues:
        count = count_queue(QueueFilter(queue, now, department_id=department, viewer=viewer))
        assert window.queue_count(queue) == window.models[queue].rowCount() == count, queue
    # The department filter holds: a receiver's 全部 is exactly his department's tickets.
    assert window.queue_count(Queue.ALL) == expected_all(person, viewer)
    if role in APPROVAL_STATE:
        query = Ticket.select().where(Ticket.state == APPROVAL_STATE[role].value)
        if department is not None:
            query = query.where(Ticket.department == department)
        assert window.queue_count(Queue.APPROVAL) == query.count()
    assert window.deadlines_dock.wait_for_reads()   # read on a worker
    assert window.deadlines_dock.overdue_count == count_queue(QueueFilter(Queue.OVERDUE, now,
                                                                          department_id=department, viewer=viewer))
    takes_calls = may(role, Operation.RECORD_CALL)
    assert window.intake_dock.isVisible() == takes_calls
    assert window.intake_dock.toggleViewAction().isVisible() == takes_calls
    assert window.new_call_action.isVisible() == takes_calls
    assert window.admin_menu.menuAction().isVisible() == (role == Role.ADMIN)
    assert window.notifications_dock.pages.isTabVisible(FAILED_PAGE) == (role in (Role.SUPERVISOR, Role.ADMIN))
    assert window.windowTitle().startswith(f"工单台服务中心 – {person.name} ({label(role)})")


@pytest.mark.parametrize("role", list(ACCOUNTS), ids=[r.value for r in ACCOUNTS])
def test_a_window_built_for_each_role_shows_exactly_its_queues(qtbot, demo_db, clock, role):
    person = actor(ACCOUNTS[role])
    ctx = DeskContext(DeskService(now=clock), person)
    try:
        window = open_window(qtbot, ctx)
        check_window_for(window, person, clock())
        window.close()
    finally:
        ctx.close()


def test_switching_people_rebuilds_the_window_for_each_role(qtbot, ctx, clock):
    window = open_window(qtbot, ctx)
    for role, username in ACCOUNTS.items():
        ctx.set_actor(actor(username))
        counted(qtbot, window)   # the new role's tabs are counted on a worker
        check_window_for(window, ctx.actor, clock())
    # And back: the front desk gets its intake panel again.
    ctx.set_actor(actor("reception2"))
    assert window.intake_dock.isVisible()
    window.close()


def test_the_department_filter_is_the_receivers_own(qtbot, ctx, clock):
    receiver = actor("engineering.recv")
    ctx.set_actor(receiver)
    window = open_window(qtbot, ctx)
    model = window.models[Queue.ALL]
    assert 0 < model.rowCount() < Ticket.select().count()
    assert {model.row_at(r).department for r in range(model.rowCount())} == {"工程部"}
    window.close()


def test_the_administration_window_opens_for_administrators_only(qtbot, ctx, monkeypatch):
    window = open_window(qtbot, ctx)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    assert not window.admin_menu.menuAction().isVisible()
    assert window.open_admin_window() is None  # even if triggered some other way: the service refuses
    assert warnings and "Not allowed" in warnings[0]
    ctx.set_actor(actor("admin"))
    assert window.admin_menu.menuAction().isVisible() and window.admin_action.isEnabled()
    window.admin_action.trigger()
    admin_windows = window.admin_windows()
    assert len(admin_windows) == 1 and admin_windows[0].isVisible()
    # Someone else signs in: the administration closes with the administrator's session.
    ctx.set_actor(actor("supervisor"))
    assert window.admin_windows() == []
    assert not window.admin_menu.menuAction().isVisible()
    window.close()
