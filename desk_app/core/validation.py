"""Input rules for calls and tickets: what the intake form may save, with the field each complaint belongs to."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

import phonenumbers

from desk_app.core.errors import ValidationError
from desk_app.core.kinds import Channel, Escalation, Level, Severity, TicketKind
from desk_app.core.labels import QT_TRANSLATE_NOOP
from desk_app.core.policies import Variant
from desk_app.core.priority import DEFAULT_KIND_LEVELS
from desk_app.core.routing import Scope

MAX_DESCRIPTION = 4000
MAX_LINE = 200


def normalize_phone(text: str) -> str:
    """A mainland phone number in E.164 (+8613812345678), or ValidationError on the `phone` field."""
    raw = (text or "").strip()
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, "CN")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Not a valid phone number: {phone}"),
                              field="phone", phone=raw)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    """How a stored number is shown and printed: national format for mainland numbers (138 1234 5678)."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, "CN")
    except phonenumbers.NumberParseException:
        return e164
    fmt = (phonenumbers.PhoneNumberFormat.NATIONAL if number.country_code == 86
           else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return phonenumbers.format_number(number, fmt)


def phone_search_key(text: str) -> str | None:
    """The stored form of a typed number if it is complete, else None (the caller then searches by prefix)."""
    try:
        return normalize_phone(text) or None
    except ValidationError:
        return None


def _line(value: str, field: str, *, required: bool = False, limit: int = MAX_LINE) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "This field is required."), field=field)
    if len(value) > limit:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Too long: at most {limit} characters."),
                              field=field, limit=limit)
    return value


@dataclass(frozen=True)
class CallDraft:
    """One line of the call/visit register as typed at the desk."""

    content: str
    channel: Channel = Channel.PHONE
    phone: str = ""
    caller_name: str = ""
    address: str = ""
    customer_id: int | None = None
    transferred_to: str = ""
    follow_up: str = ""

    def validated(self) -> "CallDraft":
        phone = normalize_phone(self.phone)
        if self.channel == Channel.PHONE and not phone:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "A phone call needs the caller's number."),
                                  field="phone")
        return dataclasses.replace(
            self,
            channel=Channel(self.channel),
            phone=phone,
            caller_name=_line(self.caller_name, "caller_name", limit=100),
            address=_line(self.address, "address"),
            content=_line(self.content, "content", required=True, limit=MAX_DESCRIPTION),
            transferred_to=_line(self.transferred_to, "transferred_to", limit=100),
            follow_up=_line(self.follow_up, "follow_up", limit=MAX_DESCRIPTION),
        )


@dataclass(frozen=True)
class TicketDraft:
    """A ticket as typed at the desk, before it has a number."""

    kind: TicketKind
    description: str
    channel: Channel = Channel.PHONE
    phone: str = ""
    caller_name: str = ""
    address: str = ""
    area: str = ""
    category: str = ""
    urgency: Level | None = None
    impact: Level | None = None
    variant: Variant = Variant.NONE
    severity: Severity | None = None
    customer_id: int | None = None
    accepted_at: datetime | None = None     # 业务受理时间, if earlier than now (e.g. FTTH from the business system)
    scope: Scope = Scope.NONE               # inside a home / public area (property routing)
    station: str = ""                       # complaint location's station (telecom routing)
    sensitive: bool = False                 # 舆情/媒体/重大投诉: office and center leader approve too
    escalation: Escalation | None = None    # complaint level: who is alerted
    rectify_by: datetime | None = None      # patrol finding: the rectification deadline

    def validated(self, now: datetime) -> "TicketDraft":
        try:
            kind = TicketKind(self.kind)
        except ValueError:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Choose a ticket kind."), field="kind") from None
        default_urgency, default_impact = DEFAULT_KIND_LEVELS[kind]
        phone = normalize_phone(self.phone)
        if Channel(self.channel) in (Channel.PHONE, Channel.HOTLINE_10086, Channel.HOTLINE_12530) and not phone:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "A phone call needs the caller's number."),
                                  field="phone")
        if self.accepted_at is not None and self.accepted_at > now:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "The acceptance time cannot be in the future."),
                                  field="accepted_at")
        variant = Variant(self.variant or "")
        if variant in (Variant.FTTH_BOX, Variant.FTTH_SPLITTER) and kind != TicketKind.FTTH_INSTALL:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "This variant belongs to FTTH pending installs."),
                                  field="variant")
        if self.rectify_by is not None and self.rectify_by <= (self.accepted_at or now):
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "The rectification deadline must be in the future."),
                                  field="rectify_by")
        if kind == TicketKind.INSPECTION and Channel(self.channel) == Channel.PATROL and self.rectify_by is None:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "A patrol finding needs a rectification deadline."),
                                  field="rectify_by")
        return dataclasses.replace(
            self,
            kind=kind,
            channel=Channel(self.channel),
            scope=Scope(self.scope or ""),
            station=_line(self.station, "station", limit=60),
            escalation=Escalation(self.escalation) if self.escalation else None,
            rectify_by=self.rectify_by.replace(microsecond=0) if self.rectify_by else None,
            phone=phone,
            caller_name=_line(self.caller_name, "caller_name", limit=100),
            address=_line(self.address, "address"),
            area=_line(self.area, "area", limit=60),
            category=_line(self.category, "category", limit=100),
            description=_line(self.description, "description", required=True, limit=MAX_DESCRIPTION),
            urgency=Level(self.urgency or default_urgency),
            impact=Level(self.impact or default_impact),
            variant=variant,
            severity=Severity(self.severity) if self.severity else None,
        )
