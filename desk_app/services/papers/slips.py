"""派工单 of one ticket or of a batch: the read rule per ticket, PRINT_SLIP, and each slip's number (a reprint says
补打)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from desk_app.core.papers import FormKind
from desk_app.core.permissions import Operation
from desk_app.core.rules import require
from desk_app.services.desk import Actor, Viewer
from desk_app.services.papers.numbering import issue
from desk_app.services.queries import slip_data

ProgressFn = Callable[[int, int], None]


def _no_progress(done: int, total: int) -> None:
    return None


def slip_pdf(viewer: Viewer, ticket_id: int, actor: Actor, *, paper: str = "A4") -> bytes:
    """One ticket's dispatch slip (its three copies), on A4 or A5."""
    return slips_pdf(viewer, [ticket_id], actor, paper=paper)


def slips_pdf(viewer: Viewer, ticket_ids: list[int], actor: Actor, *,
              progress: ProgressFn = _no_progress, paper: str = "A4") -> bytes:
    """The slips of several tickets in one PDF, in the order given; `progress(done, total)` after each ticket (a
    background job's report, which raises to cancel). Every ticket is read as `viewer` may read it: one the reader
    may not read refuses the whole batch, with the rule book's reason."""
    from desk_app.print.slip import dispatch_slips_pdf  # ReportLab loads on the first print

    require(viewer.actor.facts, Operation.PRINT_SLIP)
    total = len(ticket_ids)
    slips = []
    for done, ticket_id in enumerate(ticket_ids, 1):
        data = slip_data(viewer, ticket_id)
        issued = issue(FormKind.SLIP, data.number, actor, number=data.number)
        slips.append(dataclasses.replace(data, reprint=issued.reprint))
        progress(done, total)
    return dispatch_slips_pdf(slips, paper=paper)
