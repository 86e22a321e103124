"""What the knowledge-base screens share: an article's first line, its kind and source in words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk_app.core.kinds import TicketKind
from desk_app.services.knowledge import SOURCE_MEETING, SOURCE_TICKET, ArticleView
from desk_app.ui.common import label_of


def first_line(text: str, limit: int = 80) -> str:
    """The answer's first non-empty line, cut with an ellipsis when long."""
    line = next((ln.strip() for ln in (text or "").splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[:limit - 1] + "…"


def kind_text(kind: str) -> str:
    return label_of(TicketKind, kind) if kind else QCoreApplication.translate("Knowledge", "any kind")


def source_text(view: ArticleView) -> str:
    """Where the answer comes from: the weekly meeting (with its date and ticket), a ticket, or the desk."""
    if view.source == SOURCE_MEETING:
        text = QCoreApplication.translate("Knowledge", "Weekly meeting of {date}").format(
            date=view.meeting_on.isoformat() if view.meeting_on else "—")
        if view.source_ticket_number:
            text += QCoreApplication.translate("Knowledge", ", from ticket {number}").format(
                number=view.source_ticket_number)
        return text
    if view.source == SOURCE_TICKET and view.source_ticket_number:
        return QCoreApplication.translate("Knowledge", "From ticket {number}").format(number=view.source_ticket_number)
    return QCoreApplication.translate("Knowledge", "Written at the desk")
