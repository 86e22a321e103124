"""Input rules for calls and tickets: what the intake form may save, with the field each complaint belongs to."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from desk_app.core.errors import ValidationError
from desk_app.core.kinds import Channel, Escalation, Level, Severity, TicketKind
from desk_app.core.labels import QT_TRANSLATE_NOOP
from desk_app.core.policies import Variant
from desk_app.core.priority import DEFAULT_KIND_LEVELS
from desk_app.core.text import no_nul
from desk_app.core.routing import Scope

if TYPE_CHECKING:
    import phonenumbers

# phonenumbers (its metadata, ~30 ms) is imported by the functions that use it: the sign-in checks typed text with
# this module and should not wait for it.

MAX_DESCRIPTION = 4000
MAX_LINE = 200


# An extension written after the number: 转 123, 分机 123, ext 123, x123, #123 (a trailing "-123" is tried last,
# only when the whole does not read as one number: 010-62345678-123).
_EXTENSION = re.compile(r"^(?P<main>.*?\d)\s*(?:转|分机|ext\.?|x|#)\s*(?P<ext>\d{1,6})\s*$", re.IGNORECASE)
_DASH_EXTENSION = re.compile(r"^(?P<main>.*\d)\s*-\s*(?P<ext>\d{1,6})\s*$")
# A local landline typed without its area code: 7 or 8 digits not starting with 0 or 1.
_LOCAL = re.compile(r"^[2-9][0-9]{6,7}$")
_AREA_CODE = re.compile(r"^0?[1-9][0-9]{1,3}$")
R_AREA_CODE = QT_TRANSLATE_NOOP("DeskError", "Not a mainland area code: {code} (e.g. 010, 021, 0755).")


@dataclass(frozen=True)
class PhoneNumber:
    """A parsed number: E.164 (the lookup key) and an extension kept apart (分机)."""

    e164: str
    extension: str = ""


def _valid(text: str) -> phonenumbers.PhoneNumber | None:
    import phonenumbers

    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def parse_phone(text: str, *, area_code: str = "", field: str = "phone") -> PhoneNumber | None:
    """A typed number as E.164 plus its extension, None if nothing was typed, or ValidationError on `field`.

    Read: mainland mobiles (13812345678, +86 138 1234 5678, 0086-138…, 138-1234-5678), landlines with their area code
    ((010) 6234 5678, 0755-2345 6789), 400/800 numbers, other countries' numbers with their +code, extensions written
    转/分机/ext/x/# or a trailing -NNN, and a local landline without its area code (62345678) when the center's
    `area_code` (010) is given. Refused: short service numbers (95588, 12345, 10086): they reach a service, not a
    person, so they are never a caller's or a customer's number."""
    import phonenumbers

    raw = (text or "").replace("\x00", "").strip()
    if not raw:
        return None
    main, extension = raw, ""
    match = _EXTENSION.match(raw)
    if match:
        main, extension = match["main"].strip(), match["ext"]
    number = _valid(main)
    if number is None and not extension:
        dash = _DASH_EXTENSION.match(raw)
        if dash and (number := _valid(dash["main"])) is not None:
            extension = dash["ext"]
    if number is None:
        compact = re.sub(r"[\s\-()]", "", main)
        code = (area_code or "").strip()
        if _LOCAL.fullmatch(compact) and _AREA_CODE.fullmatch(code):
            number = _valid(("0" + code.lstrip("0")) + compact)
    if number is None:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Not a valid phone number: {phone}"),
                              field=field, phone=raw[:60])
    extension = extension or (number.extension or "")
    return PhoneNumber(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), extension[:10])


def normalize_phone(text: str, *, area_code: str = "") -> str:
    """A phone number in E.164 (+8613812345678), or ValidationError on the `phone` field. An extension is accepted and
    left out (the E.164 number is what lookups match); parse_phone keeps it."""
    parsed = parse_phone(text, area_code=area_code)
    return parsed.e164 if parsed else ""


def parse_area_code(text: str, *, field: str = "area_code") -> str:
    """区号: a mainland area code as the center's setting keeps it (010, 0755), "" for none, or ValidationError on
    `field`. Written with or without its 0 ("10", "(0755)"). A code is right when a local landline behind it reads as a
    fixed-line number whose area code is exactly the code: 0138 (a mobile's start), 0400 or 0100 (010 + a local number
    starting 0) are refused, and so is a NUL character."""
    import phonenumbers

    fixed_line = (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
    raw = (text or "").strip()
    code = re.sub(r"[\s\-()（）]", "", raw)
    if not code:
        return ""
    if not code.isascii() or not code.isdigit() or len(code) > 4:
        raise ValidationError(R_AREA_CODE, field=field, code=raw.replace("\x00", "")[:20])
    code = "0" + code.lstrip("0") if code.strip("0") else code
    for local in ("62345678", "6234567"):
        number = _valid(code + local)
        if (number is not None and phonenumbers.number_type(number) in fixed_line
                and phonenumbers.length_of_geographical_area_code(number) == len(code) - 1):
            return code
    raise ValidationError(R_AREA_CODE, field=field, code=raw.replace("\x00", "")[:20])


def display_phone(e164: str, extension: str = "") -> str:
    """How a stored number is shown and printed: national format for mainland numbers (138 1234 5678), with its
    extension after 转 (010 6234 5678 转 123)."""
    if not e164:
        return ""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, "CN")
    except phonenumbers.NumberParseException:
        return e164
    fmt = (phonenumbers.PhoneNumberFormat.NATIONAL if number.country_code == 86
           else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    number.extension = None
    shown = phonenumbers.format_number(number, fmt)
    return f"{shown} 转 {extension}" if extension else shown


def phone_search_key(text: str, *, area_code: str = "") -> str | None:
    """The stored form of a typed number if it is complete (a local landline with the center's `area_code`), else
    None (the caller then searches by prefix)."""
    try:
        return normalize_phone(text, area_code=area_code) or None
    except ValidationError:
        return None


def text_field(value: str | None, field: str, limit: int, *, required: bool = False, collapse: bool = False) -> str:
    """A typed text as stored: trimmed (`collapse`: runs of white space made one space), without NUL, required if
    asked, at most `limit` characters; otherwise ValidationError on `field`."""
    text = value or ""
    no_nul(text, field)
    text = " ".join(text.split()) if collapse else text.strip()
    if required and not text:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "This field is required."), field=field)
    if len(text) > limit:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Too long: at most {limit} characters."),
                              field=field, limit=limit)
    return text


def _line(value: str, field: str, *, required: bool = False, limit: int = MAX_LINE) -> str:
    return text_field(value, field, limit, required=required)


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

    def validated(self, *, area_code: str = "") -> "CallDraft":
        """`area_code`: the center's (010), which completes a local landline typed without it."""
        phone = normalize_phone(self.phone, area_code=area_code)
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

    def validated(self, now: datetime, *, area_code: str = "") -> "TicketDraft":
        """`area_code`: the center's (010), which completes a local landline typed without it."""
        try:
            kind = TicketKind(self.kind)
        except ValueError:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Choose a ticket kind."), field="kind") from None
        default_urgency, default_impact = DEFAULT_KIND_LEVELS[kind]
        phone = normalize_phone(self.phone, area_code=area_code)
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
