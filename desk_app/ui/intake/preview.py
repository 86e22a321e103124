"""What the intake panel tells about the ticket being made: the time limits it will run under while it is typed, and
where it went once created.

Its texts keep the translation context "IntakePanel" they had when they were written in the panel itself.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk_app.core.kinds import ComplaintLevel
from desk_app.core.policies import ClockKind
from desk_app.core.timelimits import LimitSpec
from desk_app.core.routing import Routed
from desk_app.services.views import IntakePreview, TicketDetail
from desk_app.ui.common import format_time, label
from desk_app.ui.forms import limit_text


def time_limits_text(preview: IntakePreview | None) -> str:
    """The clocks a new ticket would start and where it would go, as the service computed it (services.desk.preview);
    None while the kind is not chosen."""
    if preview is None:
        return QCoreApplication.translate("IntakePanel", "Choose the kind to see the time limits.")
    parts = []
    for clock in preview.clocks:
        kind = ClockKind(clock.kind)
        if not clock.limit:
            parts.append(QCoreApplication.translate("IntakePanel", "{clock} until {time}").format(
                clock=label(kind), time=format_time(clock.deadline)))
        elif clock.at_receipt:
            parts.append(QCoreApplication.translate("IntakePanel", "{clock} {limit} from receipt").format(
                clock=label(kind), limit=limit_text(LimitSpec.parse(clock.limit))))
        else:
            parts.append(QCoreApplication.translate("IntakePanel", "{clock} {limit}").format(
                clock=label(kind), limit=limit_text(LimitSpec.parse(clock.limit))))
    text = "   ·   ".join(parts) if parts else QCoreApplication.translate("IntakePanel", "No time limit applies.")
    if preview.routed == Routed.DIRECT:
        route = QCoreApplication.translate("IntakePanel", "goes straight to {department}").format(
            department=preview.department)
    else:
        route = QCoreApplication.translate("IntakePanel", "waits for the second-level dispatcher")
    return f"{text}   \u2192 {route}"


def route_text(detail: TicketDetail) -> str:
    """Where a new ticket went: straight to a department (直派), to the dispatcher (转派), or into quarantine."""
    if detail.quarantined:
        text = QCoreApplication.translate("IntakePanel", "In quarantine: the caller is not a registered customer "
                                                         "yet. Register the customer to release it.")
    elif detail.routed == Routed.DIRECT:
        text = QCoreApplication.translate("IntakePanel", "Dispatched directly to {department} ({receiver}).").format(
            department=detail.department, receiver=detail.receiver)
    else:
        text = QCoreApplication.translate("IntakePanel", "Waiting for the second-level dispatcher (transfer "
                                                         "dispatch).")
    if detail.complaint_level == ComplaintLevel.FORMAL:
        formal = label(ComplaintLevel.FORMAL)
        text += " " + (QCoreApplication.translate("IntakePanel", "{level}: repeats {number}.").format(
                           level=formal, number=detail.linked_ticket_number)
                       if detail.linked_ticket_number
                       else QCoreApplication.translate("IntakePanel", "{level}.").format(level=formal))
    return text
