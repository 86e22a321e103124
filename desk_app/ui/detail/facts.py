"""The facts of a ticket at the top of the detail pane: caller, address, who has it, how it got there, the times.

Its texts keep the translation context "DetailPane" they had when they were written in the pane itself.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from desk_app.core.kinds import Channel, ComplaintLevel, Satisfaction
from desk_app.core.routing import Routed, Scope
from desk_app.services.views import TicketDetail
from desk_app.ui.common import format_time, label_of
from desk_app.ui.detail.common import price_text

# The facts grid, row by row: who and where first, then who has it and how it got there, then the times.
INFO_ROWS: tuple[tuple[str, ...], ...] = (
    ("caller", "phone"), ("address",), ("area", "channel"), ("category", "scope"), ("station", "rectify_by"),
    ("department", "receiver"), ("routed", "complaint_level"), ("linked",),
    ("worker", "appointment_at"), ("accepted_at", "dispatched_at"), ("resolved_at", "satisfaction"),
    ("quoted_price", "owner_consent"), ("created_by",),
)
INFO_FIELDS = tuple(key for row in INFO_ROWS for key in row)
WIDE_FIELDS = frozenset({"address", "linked"})
# Shown only when the ticket has them (the rest show "—" when empty).
OPTIONAL_FIELDS = frozenset({"scope", "station", "rectify_by", "routed", "complaint_level", "linked",
                             "quoted_price", "owner_consent"})
TICKET_LINK = "ticket:"


class TicketFacts(QWidget):
    """A caption and a value per fact (`captions[key]`, `values[key]`, keys as in INFO_ROWS); the numbers of linked
    complaints are links, and a click on one emits `ticket_link_activated(id)`."""

    ticket_link_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.captions: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        info = QGridLayout(self)
        info.setContentsMargins(0, 0, 0, 0)
        info.setHorizontalSpacing(10)
        info.setVerticalSpacing(3)
        info.setColumnStretch(1, 1)
        info.setColumnStretch(3, 1)
        for row, keys in enumerate(INFO_ROWS):
            for position, key in enumerate(keys):
                caption = QLabel()
                caption.setObjectName("fieldCaption")
                value = QLabel()
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                value.setWordWrap(True)
                if key == "linked":
                    value.setTextFormat(Qt.TextFormat.RichText)
                    value.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
                    value.linkActivated.connect(self._on_linked_label_link_activated)
                self.captions[key] = caption
                self.values[key] = value
                span = 3 if key in WIDE_FIELDS else 1
                info.addWidget(caption, row, 2 * position, Qt.AlignmentFlag.AlignTop)
                info.addWidget(value, row, 2 * position + 1, 1, span)

    def translate_ui(self) -> None:
        captions = {
            "channel": QCoreApplication.translate("DetailPane", "Channel"),
            "accepted_at": QCoreApplication.translate("DetailPane", "Accepted"),
            "caller": QCoreApplication.translate("DetailPane", "Caller"),
            "phone": QCoreApplication.translate("DetailPane", "Phone"),
            "address": QCoreApplication.translate("DetailPane", "Address"),
            "area": QCoreApplication.translate("DetailPane", "Area"),
            "department": QCoreApplication.translate("DetailPane", "Department"),
            "receiver": QCoreApplication.translate("DetailPane", "Receiver"),
            "worker": QCoreApplication.translate("DetailPane", "Worker"),
            "appointment_at": QCoreApplication.translate("DetailPane", "Appointment"),
            "created_by": QCoreApplication.translate("DetailPane", "Created by"),
            "dispatched_at": QCoreApplication.translate("DetailPane", "Dispatched"),
            "resolved_at": QCoreApplication.translate("DetailPane", "Solved"),
            "satisfaction": QCoreApplication.translate("DetailPane", "Satisfaction"),
            "category": QCoreApplication.translate("DetailPane", "Catalogue"),
            "scope": QCoreApplication.translate("DetailPane", "Where"),
            "station": QCoreApplication.translate("DetailPane", "Station"),
            "rectify_by": QCoreApplication.translate("DetailPane", "Rectify by"),
            "routed": QCoreApplication.translate("DetailPane", "Routing"),
            "complaint_level": QCoreApplication.translate("DetailPane", "Complaint"),
            "linked": QCoreApplication.translate("DetailPane", "Linked"),
            "quoted_price": QCoreApplication.translate("DetailPane", "Quoted price"),
            "owner_consent": QCoreApplication.translate("DetailPane", "Owner"),
        }
        for key, text in captions.items():
            self.captions[key].setText(text)

    def show_ticket(self, d: TicketDetail) -> None:
        """Fill in the ticket's facts; those it does not have (OPTIONAL_FIELDS) are hidden, the rest show "—"."""
        values = {
            "channel": label_of(Channel, d.channel), "accepted_at": format_time(d.accepted_at),
            "caller": d.caller_name, "phone": d.phone, "address": d.address, "area": d.area,
            "department": d.department, "receiver": d.receiver, "worker": d.worker,
            "appointment_at": format_time(d.appointment_at), "created_by": d.created_by,
            "dispatched_at": format_time(d.dispatched_at), "resolved_at": format_time(d.resolved_at),
            "satisfaction": label_of(Satisfaction, d.satisfaction), "category": d.category,
            "scope": label_of(Scope, d.scope) if d.scope else "", "station": d.station,
            "rectify_by": format_time(d.rectify_by), "routed": self._routed_text(d),
            "complaint_level": label_of(ComplaintLevel, d.complaint_level),
            "quoted_price": (QCoreApplication.translate("DetailPane", "{price} yuan").format(price=price_text(d))
                             if d.quoted_price is not None else ""),
            "owner_consent": self._consent_text(d),
        }
        for key, text in values.items():
            self.values[key].setText(text or "—")
        self.values["linked"].setText(self._linked_html(d))
        shown = {key: not (key in OPTIONAL_FIELDS and not text) for key, text in values.items()}
        shown["linked"] = bool(d.linked_ticket_id or d.linked_from)
        for key, visible in shown.items():
            self.captions[key].setVisible(visible)
            self.values[key].setVisible(visible)

    @staticmethod
    def _routed_text(d: TicketDetail) -> str:
        if d.routed == Routed.DIRECT:
            return QCoreApplication.translate("DetailPane", "Direct dispatch (routing rule)")
        if d.routed == Routed.TRANSFER:
            return QCoreApplication.translate("DetailPane", "Transfer dispatch (second-level dispatcher)")
        return ""

    @staticmethod
    def _consent_text(d: TicketDetail) -> str:
        if d.quoted_price is None:
            return ""
        if d.owner_consent is None:
            return QCoreApplication.translate("DetailPane", "Answer awaited")
        return (QCoreApplication.translate("DetailPane", "Agrees to the price") if d.owner_consent
                else QCoreApplication.translate("DetailPane", "Does not agree"))

    @staticmethod
    def _linked_html(d: TicketDetail) -> str:
        def link(ticket_id: int, number: str) -> str:
            return f'<a href="{TICKET_LINK}{ticket_id}">{html.escape(number)}</a>'

        parts = []
        if d.linked_ticket_id:
            parts.append(html.escape(QCoreApplication.translate("DetailPane", "Repeats {number}")).format(
                number=link(d.linked_ticket_id, d.linked_ticket_number or str(d.linked_ticket_id))))
        if d.linked_from:
            parts.append(html.escape(QCoreApplication.translate("DetailPane", "Repeated in {numbers}")).format(
                numbers=", ".join(link(i, n) for i, n in d.linked_from)))
        return " &nbsp;·&nbsp; ".join(parts)

    @Slot(str)
    def _on_linked_label_link_activated(self, href: str) -> None:
        if not href.startswith(TICKET_LINK):
            return
        self.ticket_link_activated.emit(int(href.removeprefix(TICKET_LINK)))
