"""What the detail pane reads and changes off the window's thread: one ticket with the rule book's verdicts, its
construction tasks and approval path (`load_ticket`), and an action followed by that read (`change_and_load`).

These functions run on a worker thread (ui.workers.RequestSequencer): they touch no widget and get the service and
the acting person as values, taken on the window's thread when the request started.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from desk_app.core.errors import ConflictError, DatabaseUnavailable, DeskError
from desk_app.core.kinds import TicketKind
from desk_app.core.workflow import Step, workflow_for
from desk_app.services import construction, queries
from desk_app.services.construction import ConstructionView
from desk_app.services.desk import Actor, DeskService
from desk_app.services.views import TicketDetail


@dataclass(frozen=True)
class Acting:
    """Who acts through which service: what run_action/run_operation need, safe to hand to a worker."""

    service: DeskService
    actor: Actor


@dataclass(frozen=True)
class LoadedTicket:
    """One ticket as the pane shows it; `error` (and no detail) when the acting person may not read it (any more)."""

    ticket_id: int
    detail: TicketDetail | None = None
    verdicts: dict = field(default_factory=dict)
    tasks: list[ConstructionView] = field(default_factory=list)
    path: list[Step] = field(default_factory=list)
    error: DeskError | None = None


@dataclass(frozen=True)
class ChangeOutcome:
    """An action's result and the ticket read right after it: `message` on success, `conflict` if the ticket had
    changed under the user (the fresh ticket is in `loaded` either way)."""

    loaded: LoadedTicket | None        # None: the change was saved, the database went away before the re-read
    message: str | None = None
    conflict: ConflictError | None = None


def load_ticket(acting: Acting, ticket_id: int) -> LoadedTicket:
    """Read the ticket, the rule book's answer for every action on it, its construction tasks and approval path."""
    service, actor = acting.service, acting.actor
    try:
        detail = queries.ticket_detail(service.viewer(actor), ticket_id)
        verdicts = dict(service.evaluate(actor, ticket_id))
    except DeskError as err:
        return LoadedTicket(ticket_id, error=err)
    tasks = construction.tasks_of(detail.id) if detail.kind == TicketKind.FTTH_INSTALL else []
    path = list(workflow_for(TicketKind(detail.kind), service.workflows(), detail.channel).path(detail.sensitive))
    return LoadedTicket(ticket_id, detail, verdicts, tasks, path)


def change_and_load(acting: Acting, ticket_id: int, change: Callable[[], str | None]) -> ChangeOutcome:
    """Run a change (an action or operation), then read the ticket again. A conflict comes back with the fresh
    ticket so that the retry refers to what is there now; any other refusal is raised."""
    try:
        message = change()
    except ConflictError as err:
        return ChangeOutcome(load_ticket(acting, ticket_id), conflict=err)
    # A DatabaseUnavailable from the change itself goes up: nothing was saved (the pane may keep it on this PC).
    try:
        return ChangeOutcome(load_ticket(acting, ticket_id), message=message)
    except DatabaseUnavailable:
        return ChangeOutcome(None, message=message)   # saved; read again when the database is back
