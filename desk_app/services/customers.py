"""The customer archive (客户个性化档案, butler procedure 4.1): the card at intake, the full archive with its history,
creating, editing and merging archives, the duplicates to merge, and the yearly summary (4.1.3).

Every write goes through services.customer_store inside one transaction with its audit row. Who sees whole phone
numbers and addresses is the rule book's `sees_contact`; opening a full archive is itself audited.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

import peewee as pw

from desk_app.core.customers import CustomerDraft, ValidCustomer, age_in, split_items
from desk_app.core.errors import ConflictError, NotFound, ValidationError
from desk_app.core.followups import FollowUpReason, FollowUpState, line_kind
from desk_app.core.kinds import Channel, Satisfaction, TicketKind
from desk_app.core.labels import QT_TRANSLATE_NOOP, chinese
from desk_app.core.permissions import Operation
from desk_app.core.rules import may_operate, require, sees_contact
from desk_app.core.search import mask_address, mask_phone
from desk_app.core.validation import display_phone, parse_area_code, parse_phone
from desk_app.models.db import database, is_postgres
from desk_app.models.schema import (
    CallRecord,
    Customer,
    CustomerAddress,
    CustomerMember,
    CustomerNumber,
    FollowUp,
    ReturnVisit,
    Ticket,
)
from desk_app.services import audit
from desk_app.services.config import SETTING_AREA_CODE, put_setting
from desk_app.services.customer_store import (
    AddressLine,
    NumberLine,
    bump_version,
    customer_id_by_number,
    insert_customer,
    refresh_search_keys,
    replace_addresses,
    replace_numbers,
)
from desk_app.services.desk import Actor, DeskService, Viewer, current_actor
from desk_app.services.events import Change
from desk_app.services.queries import customer_ticket_rows, scope_condition
from desk_app.services.views import TicketRow

__all__ = [
    "AGE_BANDS", "SETTING_AREA_CODE", "AddressView", "ArchiveEvent", "ArchiveSummary", "CustomerArchive",
    "MemberView", "NumberView", "archive_summary", "card_for_number", "create_customer",
    "find_duplicates", "merge_customers", "open_archive", "set_area_code", "update_customer",
]

# Age bands of the yearly summary (4.1.3 年龄分布): (label, lowest age, highest age or None).
AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("under 18", 0, 17), ("18-29", 18, 29), ("30-44", 30, 44), ("45-59", 45, 59), ("60-74", 60, 74),
    ("75+", 75, None),
)
UNKNOWN_AGE = "unknown"
# The digits two numbers must share at their end to make two archives of the same name's pinyin look like one
# person's (a number typed once with, once without its area code; a mobile and the home line rarely share 7).
DUPLICATE_TAIL = 7
EVENT_KINDS = ("call_in", "call_out", "ticket", "complaint", "repair", "visit", "follow_up")
_BUTLER_FIELDS = ("household_size", "occupation", "birth_year", "interests", "specialties", "pets", "festivals",
                  "needs")


# ----- what the window shows ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberView:
    number: str         # as shown: 138 1234 5678 (or 138****5678 when masked)
    e164: str           # "" when masked
    extension: str
    label: str


@dataclass(frozen=True)
class AddressView:
    address: str        # masked (阳光小区***) for those who do not see contact data
    area: str
    label: str


@dataclass(frozen=True)
class MemberView:
    name: str
    relation: str
    birth_year: int | None
    age: int | None
    occupation: str
    interests: str
    phone: str          # as shown, masked like the numbers
    note: str


@dataclass(frozen=True)
class ArchiveEvent:
    """One line of a customer's history: a call in or out, a ticket (complaint, repair, other), a return visit, a
    follow-up call."""

    at: dt.datetime
    kind: str           # "call_in" | "call_out" | "ticket" | "complaint" | "repair" | "visit" | "follow_up"
    title: str
    detail: str
    ticket_id: int | None
    ticket_number: str


@dataclass(frozen=True)
class CustomerArchive:
    """客户档案. `full` False: the card only (intake for a role without VIEW_ARCHIVE): numbers and addresses masked,
    no household, no butler fields, no history."""

    id: int
    version: int
    name: str
    numbers: list[NumberView]
    addresses: list[AddressView]
    members: list[MemberView]
    household_size: int | None
    occupation: str
    birth_year: int | None
    age: int | None
    interests: str
    specialties: str
    pets: str
    festivals: str
    needs: str
    notes: str
    created_at: dt.datetime
    updated_at: dt.datetime | None
    merged_into_id: int | None
    open_tickets: list[TicketRow]
    events: list[ArchiveEvent]
    counts: dict[str, int]      # calls, tickets, complaints, repairs, follow_ups
    full: bool


@dataclass(frozen=True)
class ArchiveSummary:
    """每年对客户信息进行汇总和整理 (4.1.3): the archive at the end of `year`."""

    year: int
    total: int                  # archives (not merged away) created by the end of the year
    created: int                # created in the year
    updated: int                # changed in the year after they were created
    occupations: list[tuple[str, int]]      # customers' and household members' occupations, most first
    ages: list[tuple[str, int]]             # AGE_BANDS then "unknown", customers and members, age at the year's end
    needs: list[tuple[str, int]]
    pets: list[tuple[str, int]]
    festivals: list[tuple[str, int]]
    interests: list[tuple[str, int]]


# ----- reading -----------------------------------------------------------------------------------------------------


def set_area_code(service: DeskService, actor: Actor, code: str) -> str:
    """本地区号: the administrator sets the center's area code (010, 0755; "" for none), checked on its field; every
    number typed from now on (intake, register, archive, follow-ups, search) completes a local landline with it.
    Returns the code as stored."""
    actor = current_actor(actor)
    require(actor.facts, Operation.ADMINISTER)
    code = parse_area_code(code)
    with database.atomic():
        put_setting(SETTING_AREA_CODE, code)
        audit.record(actor.id, "settings", "area_code", "area_code", code or "-", at=service.now())
    service.forget_cached()
    service.events.emit(Change("settings", "area_code"))
    return code


def _shown_number(e164: str, extension: str, contact: bool) -> NumberView:
    shown = display_phone(e164, extension)
    return NumberView(shown, e164, extension, "") if contact else NumberView(mask_phone(shown), "", "", "")


def _numbers(customer_id: int, contact: bool) -> list[NumberView]:
    rows = (CustomerNumber.select().where(CustomerNumber.customer == customer_id)
            .order_by(CustomerNumber.position, CustomerNumber.id))
    views = []
    for n in rows:
        view = _shown_number(n.number, n.extension, contact)
        views.append(NumberView(view.number, view.e164, view.extension, n.label))
    return views


def _addresses(customer_id: int, contact: bool) -> list[AddressView]:
    rows = (CustomerAddress.select().where(CustomerAddress.customer == customer_id)
            .order_by(CustomerAddress.position, CustomerAddress.id))
    return [AddressView(a.address if contact else mask_address(a.address), a.area, a.label) for a in rows]


def _members(customer_id: int, contact: bool, year: int) -> list[MemberView]:
    rows = (CustomerMember.select().where(CustomerMember.customer == customer_id)
            .order_by(CustomerMember.position, CustomerMember.id))
    views = []
    for m in rows:
        phone = display_phone(m.phone) if m.phone else ""
        views.append(MemberView(m.name, m.relation, m.birth_year, age_in(m.birth_year, year), m.occupation,
                                m.interests, phone if contact else mask_phone(phone), m.note))
    return views


def _counts(customer_id: int) -> dict[str, int]:
    calls = CallRecord.select(pw.fn.COUNT(CallRecord.id)).where(CallRecord.customer == customer_id).scalar() or 0
    by_kind = dict(Ticket.select(Ticket.kind, pw.fn.COUNT(Ticket.id)).where(Ticket.customer == customer_id)
                   .group_by(Ticket.kind).tuples())
    follow_ups = (FollowUp.select(pw.fn.COUNT(FollowUp.id)).where(FollowUp.customer == customer_id).scalar() or 0)
    return {"calls": calls, "tickets": sum(by_kind.values()),
            "complaints": by_kind.get(TicketKind.COMPLAINT.value, 0),
            "repairs": by_kind.get(TicketKind.REPAIR.value, 0), "follow_ups": follow_ups}


def _ticket_event_kind(kind: str) -> str:
    if kind == TicketKind.COMPLAINT:
        return "complaint"
    if kind == TicketKind.REPAIR:
        return "repair"
    return "ticket"


def _label(enum_type, value: str) -> str:
    try:
        return chinese(enum_type(value))
    except ValueError:
        return value or ""


def _events(viewer: Viewer, customer_id: int, limit: int) -> list[ArchiveEvent]:
    """The customer's history, newest first: the newest `limit` of each source, merged and cut to `limit`. Every
    call is a line (also one that became a ticket: the register line and the ticket are two records); tickets (and
    their return visits) only as far as the viewer may read them."""
    events: list[ArchiveEvent] = []
    tickets = (Ticket.select(Ticket.id, Ticket.number, Ticket.kind, Ticket.created_at, Ticket.description,
                             Ticket.state)
               .where((Ticket.customer == customer_id) & scope_condition(viewer))
               .order_by(Ticket.created_at.desc(), Ticket.id.desc()).limit(limit))
    readable: dict[int, str] = {}
    for t in tickets:
        readable[t.id] = t.number
        events.append(ArchiveEvent(t.created_at, _ticket_event_kind(t.kind),
                                   f"{t.number} {_label(TicketKind, t.kind)}", t.description, t.id, t.number))
    calls = (CallRecord.select(CallRecord, Ticket.number.alias("ticket_number"))
             .join(Ticket, pw.JOIN.LEFT_OUTER, on=(CallRecord.ticket == Ticket.id))
             .where(CallRecord.customer == customer_id)
             .order_by(CallRecord.received_at.desc(), CallRecord.id.desc()).limit(limit).dicts())
    for c in calls:
        outgoing = (c.get("direction") or "in") == "out"
        events.append(ArchiveEvent(
            c["received_at"], "call_out" if outgoing else "call_in",
            chinese(line_kind(c.get("direction") or "in", c["channel"])) + "（" + _label(Channel, c["channel"]) + "）",
            c["content"], c["ticket"], c.get("ticket_number") or ""))
    if readable:
        visits = (ReturnVisit.select(ReturnVisit.ticket, ReturnVisit.at, ReturnVisit.satisfaction, ReturnVisit.note)
                  .where(ReturnVisit.ticket.in_(list(readable)))
                  .order_by(ReturnVisit.at.desc(), ReturnVisit.id.desc()).limit(limit))
        for v in visits:
            said = chinese(Satisfaction(v.satisfaction)) + (f"；{v.note}" if v.note else "")
            events.append(ArchiveEvent(v.at, "visit", f"{readable[v.ticket_id]} 回访", said, v.ticket_id,
                                       readable[v.ticket_id]))
    follow_ups = (FollowUp.select(FollowUp, Ticket.number.alias("ticket_number"))
                  .join(Ticket, pw.JOIN.LEFT_OUTER, on=(FollowUp.ticket == Ticket.id))
                  .where(FollowUp.customer == customer_id)
                  .order_by(FollowUp.due_on.desc(), FollowUp.id.desc()).limit(limit).dicts())
    for f in follow_ups:
        at = f["done_at"] or dt.datetime.combine(f["due_on"], dt.time())
        state = chinese(FollowUpState(f["state"]))
        events.append(ArchiveEvent(at, "follow_up", f"{chinese(FollowUpReason(f['reason']))}（{state}）", f["note"],
                                   f["ticket"],
                                   f.get("ticket_number") or ""))
    events.sort(key=lambda e: e.at, reverse=True)
    return events[:limit]


def _archive(viewer: Viewer, customer: Customer, *, full: bool, events: int) -> CustomerArchive:
    contact = sees_contact(viewer.actor.facts) and full
    year = dt.date.today().year
    blank = not full
    return CustomerArchive(
        id=customer.id, version=customer.version, name=customer.name,
        numbers=_numbers(customer.id, contact), addresses=_addresses(customer.id, contact),
        members=[] if blank else _members(customer.id, contact, year),
        household_size=None if blank else customer.household_size,
        occupation="" if blank else customer.occupation,
        birth_year=None if blank else customer.birth_year,
        age=None if blank else age_in(customer.birth_year, year),
        interests="" if blank else customer.interests, specialties="" if blank else customer.specialties,
        pets="" if blank else customer.pets, festivals="" if blank else customer.festivals,
        needs="" if blank else customer.needs, notes=customer.notes,
        created_at=customer.created_at, updated_at=customer.updated_at, merged_into_id=customer.merged_into_id,
        open_tickets=customer_ticket_rows(viewer, customer.id, open_only=True, limit=50),
        events=_events(viewer, customer.id, events) if full else [],
        counts=_counts(customer.id), full=full,
    )


def card_for_number(viewer: Viewer, phone_text: str) -> CustomerArchive | None:
    """The intake lookup by a complete number (any of a customer's numbers, by index): for a viewer who may open
    archives the full archive (not audited: the card at intake is routine), else the card only, masked. None if the
    number is incomplete or nobody's."""
    require(viewer.actor.facts, Operation.VIEW_CUSTOMER)
    try:
        parsed = parse_phone(phone_text, area_code=viewer.area_code)
    except ValidationError:
        return None     # not a whole number yet: the caller is still typing
    if parsed is None:
        return None
    customer_id = customer_id_by_number(parsed.e164)
    if customer_id is None:
        return None
    full = may_operate(viewer.actor.facts, Operation.VIEW_ARCHIVE).allowed
    return _archive(viewer, Customer.get_by_id(customer_id), full=full, events=50)


def _customer(customer_id: int, *, for_update: bool = False) -> Customer:
    query = Customer.select().where(Customer.id == customer_id)
    if for_update and is_postgres():
        query = query.for_update()
    customer = query.first()
    if customer is None:
        raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No customer with id {id}."), id=customer_id)
    return customer


def open_archive(viewer: Viewer, customer_id: int, *, events: int = 200) -> CustomerArchive:
    """The full archive of one customer with its history, newest first. Opening it writes an audit row every time
    ("opening a customer's full archive is itself recorded"). A merged archive says which one it went into."""
    actor = current_actor(viewer.actor)
    require(actor.facts, Operation.VIEW_ARCHIVE)
    customer = _customer(customer_id)
    archive = _archive(viewer, customer, full=True, events=events)
    with database.atomic():
        audit.record(actor.id, "customer", "open", customer_id, customer.name)
    return archive


def _require_viewer(viewer: Viewer, *permissions: Operation) -> Actor:
    """The viewer's current record if any one of `permissions` is theirs; the rule book's refusal of the first
    otherwise."""
    actor = current_actor(viewer.actor)
    first = may_operate(actor.facts, permissions[0])
    if not first.allowed and not any(may_operate(actor.facts, p).allowed for p in permissions[1:]):
        raise first.error()
    return actor


# ----- writing -----------------------------------------------------------------------------------------------------


def _editor(actor: Actor) -> Actor:
    actor = current_actor(actor)
    require(actor.facts, Operation.EDIT_CUSTOMER)
    return actor


def _check_numbers_free(valid: ValidCustomer, customer_id: int | None) -> None:
    """A number that belongs to another (not merged) customer already is refused on its row."""
    for number in valid.numbers:
        owner = customer_id_by_number(number.number)
        if owner is not None and owner != customer_id:
            name = Customer.select(Customer.name).where(Customer.id == owner).scalar() or ""
            raise ValidationError(
                QT_TRANSLATE_NOOP("DeskError", "This number belongs to customer {name} already."),
                field=f"numbers.{number.row}", name=name, customer_id=owner)


def _write_members(customer_id: int, valid: ValidCustomer) -> None:
    CustomerMember.delete().where(CustomerMember.customer == customer_id).execute()
    if valid.members:
        CustomerMember.insert_many([
            {"customer": customer_id, "name": m.name, "relation": m.relation, "birth_year": m.birth_year,
             "occupation": m.occupation, "interests": m.interests, "phone": m.phone, "note": m.note, "position": i}
            for i, m in enumerate(valid.members)
        ]).execute()


def _lines(valid: ValidCustomer) -> tuple[list[NumberLine], list[AddressLine]]:
    return ([NumberLine(n.number, n.extension, n.label) for n in valid.numbers],
            [AddressLine(a.address, a.area, a.label) for a in valid.addresses])


def create_customer(service: DeskService, actor: Actor, draft: CustomerDraft) -> int:
    """客户建档: a new archive from the draft, in one transaction; register lines and tickets of its numbers that
    have no customer are claimed, quarantined ones released (as DeskService.register_customer). Returns its id."""
    actor = _editor(actor)
    now = service.now()
    valid = draft.validated(now.date(), area_code=service.area_code())
    numbers, addresses = _lines(valid)
    with database.atomic():
        _check_numbers_free(valid, None)
        customer_id = insert_customer(valid.name, numbers, addresses, notes=valid.notes, created_at=now,
                                      **valid.fields())
        _write_members(customer_id, valid)
        refresh_search_keys(customer_id)
        released = service.adopt_numbers(actor, customer_id, [n.number for n in valid.numbers])
        audit.record(actor.id, "customer", "create", customer_id,
                     f"{valid.name}; {len(numbers)} numbers, {len(addresses)} addresses, "
                     f"{len(valid.members)} members", at=now)
    service.announce_released(released)
    service.events.emit(Change("customer", "created"))
    return customer_id


def _snapshot(customer_id: int) -> dict[str, object]:
    """What an edit may change, comparable before and after (for the audit row's 'what changed')."""
    customer = Customer.get_by_id(customer_id)
    values: dict[str, object] = {"name": customer.name, "notes": customer.notes}
    values.update({f: getattr(customer, f) for f in _BUTLER_FIELDS})
    values["numbers"] = [(n.number, n.extension, n.label) for n in CustomerNumber.select()
                         .where(CustomerNumber.customer == customer_id).order_by(CustomerNumber.position)]
    values["addresses"] = [(a.address, a.area, a.label) for a in CustomerAddress.select()
                           .where(CustomerAddress.customer == customer_id).order_by(CustomerAddress.position)]
    values["members"] = [(m.name, m.relation, m.birth_year, m.occupation, m.interests, m.phone, m.note)
                         for m in CustomerMember.select().where(CustomerMember.customer == customer_id)
                         .order_by(CustomerMember.position)]
    return values


def _stale(customer_id: int) -> ConflictError:
    return ConflictError(QT_TRANSLATE_NOOP(
        "DeskError", "This customer's archive was changed by someone else since you opened it; reopen it."),
        customer_id=customer_id)


def _merged(customer: Customer) -> ValidationError:
    return ValidationError(QT_TRANSLATE_NOOP(
        "DeskError", "This archive was merged into customer {id}; edit that one."), id=customer.merged_into_id)


def update_customer(service: DeskService, actor: Actor, customer_id: int, draft: CustomerDraft, *,
                    expected_version: int) -> None:
    """Save an edited archive: its numbers, addresses and members replaced by the draft's, its search keys
    refreshed, an audit row naming what changed. ConflictError if someone saved it since `expected_version`."""
    actor = _editor(actor)
    now = service.now()
    valid = draft.validated(now.date(), area_code=service.area_code())
    numbers, addresses = _lines(valid)
    with database.atomic():
        customer = _customer(customer_id, for_update=True)
        if customer.merged_into_id is not None:
            raise _merged(customer)
        if customer.version != expected_version or not bump_version(customer_id, expected_version, now):
            raise _stale(customer_id)
        _check_numbers_free(valid, customer_id)
        before = _snapshot(customer_id)
        Customer.update(name=valid.name, notes=valid.notes, **valid.fields()).where(
            Customer.id == customer_id).execute()
        replace_numbers(customer_id, numbers)
        replace_addresses(customer_id, addresses)
        _write_members(customer_id, valid)
        refresh_search_keys(customer_id)
        after = _snapshot(customer_id)
        changed = [key for key in after if after[key] != before[key]]
        added = [n for n, *_ in after["numbers"] if n not in {m for m, *_ in before["numbers"]}]
        released = service.adopt_numbers(actor, customer_id, added)
        audit.record(actor.id, "customer", "update", customer_id,
                     "changed: " + (", ".join(changed) if changed else "nothing"), at=now)
    service.announce_released(released)
    service.events.emit(Change("customer", "updated"))


def merge_customers(service: DeskService, actor: Actor, keep_id: int, duplicate_id: int) -> None:
    """Merge a duplicate archive into the one kept: the duplicate's numbers not on it, addresses, household
    members, tickets (each with a history line 客户档案合并 and its version bumped), register lines and follow-ups
    move over; its notes are appended and the kept archive's empty butler fields take the duplicate's. The duplicate
    keeps its row (old audit rows name it) with merged_into set and no numbers left."""
    actor = _editor(actor)
    if keep_id == duplicate_id:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "An archive cannot be merged with itself."),
                              field="duplicate")
    now = service.now()
    moved_tickets: list[Ticket] = []
    with database.atomic():
        keep = _customer(keep_id, for_update=True)
        duplicate = _customer(duplicate_id, for_update=True)
        for customer, field in ((keep, "keep"), (duplicate, "duplicate")):
            if customer.merged_into_id is not None:
                raise ValidationError(QT_TRANSLATE_NOOP(
                    "DeskError", "This archive was merged into customer {id}; edit that one."),
                    field=field, id=customer.merged_into_id)
        kept_numbers = list(CustomerNumber.select().where(CustomerNumber.customer == keep_id)
                            .order_by(CustomerNumber.position))
        have = {n.number for n in kept_numbers}
        extra = [n for n in CustomerNumber.select().where(CustomerNumber.customer == duplicate_id)
                 .order_by(CustomerNumber.position) if n.number not in have]
        replace_numbers(keep_id, [NumberLine(n.number, n.extension, n.label) for n in kept_numbers + extra])
        replace_numbers(duplicate_id, [])
        kept_addresses = list(CustomerAddress.select().where(CustomerAddress.customer == keep_id)
                              .order_by(CustomerAddress.position))
        have_addresses = {a.address for a in kept_addresses}
        more = [a for a in CustomerAddress.select().where(CustomerAddress.customer == duplicate_id)
                .order_by(CustomerAddress.position) if a.address not in have_addresses]
        replace_addresses(keep_id, [AddressLine(a.address, a.area, a.label) for a in kept_addresses + more])
        replace_addresses(duplicate_id, [])
        members_at = CustomerMember.select(pw.fn.COUNT(CustomerMember.id)).where(
            CustomerMember.customer == keep_id).scalar() or 0
        kept_members = {(m.name, m.relation) for m in CustomerMember.select()
                        .where(CustomerMember.customer == keep_id)}
        for m in CustomerMember.select().where(CustomerMember.customer == duplicate_id).order_by(
                CustomerMember.position):
            if m.name and (m.name, m.relation) in kept_members:
                m.delete_instance()
                continue
            m.customer = keep_id
            m.position = members_at
            m.save()
            members_at += 1
        note = f"客户档案合并：{duplicate.name}（#{duplicate.id}）并入{keep.name}（#{keep.id}）"
        for ticket in Ticket.select().where(Ticket.customer == duplicate_id).order_by(Ticket.id):
            loaded = ticket.version
            ticket.customer = keep_id
            service.save_ticket(ticket, loaded)
            service.record_history(ticket, actor, "merge_customer", note)
            moved_tickets.append(ticket)
        calls = CallRecord.update(customer=keep_id).where(CallRecord.customer == duplicate_id).execute()
        follow_ups = FollowUp.update(customer=keep_id).where(FollowUp.customer == duplicate_id).execute()
        updates: dict[str, object] = {}
        if duplicate.notes.strip() and duplicate.notes.strip() not in keep.notes:
            updates["notes"] = (keep.notes.rstrip() + "\n" if keep.notes.strip() else "") + duplicate.notes.strip()
        for name in _BUTLER_FIELDS:
            if getattr(keep, name) in (None, "") and getattr(duplicate, name) not in (None, ""):
                updates[name] = getattr(duplicate, name)
        if updates:
            Customer.update(**updates).where(Customer.id == keep_id).execute()
        Customer.update(merged_into=keep_id).where(Customer.id == duplicate_id).execute()
        bump_version(keep_id, None, now)
        bump_version(duplicate_id, None, now)
        refresh_search_keys(keep_id)
        refresh_search_keys(duplicate_id)
        audit.record(actor.id, "customer", "merge", keep_id,
                     f"#{duplicate_id} {duplicate.name} into #{keep_id} {keep.name}: {len(extra)} numbers, "
                     f"{len(more)} addresses, {len(moved_tickets)} tickets, {calls} calls, {follow_ups} follow-ups",
                     at=now)
    for ticket in moved_tickets:
        service.events.emit(Change("ticket", "merge_customer", ticket.id, ticket.number, ticket.version))
    service.events.emit(Change("customer", "merged"))


# ----- duplicates --------------------------------------------------------------------------------------------------


def find_duplicates(viewer: Viewer, *, limit: int = 50) -> list[tuple[int, int, str]]:
    """Archives that look like one person's, for the merge screen: (older id, newer id, reason), reason "address"
    (the same name and a shared address) or "number" (the same name's pinyin, e.g. 张三/张叁, and two numbers ending
    in the same DUPLICATE_TAIL digits, e.g. one typed without its area code). Merged archives are left out.

    Both read every archive once, through indexes: the name pairs by the indexed pinyin column, then the pair's
    addresses and numbers by their customer index (no table is compared with itself row by row)."""
    _require_viewer(viewer, Operation.VIEW_ARCHIVE, Operation.EDIT_CUSTOMER)
    older, newer = Customer.alias("older"), Customer.alias("newer")
    a1, a2 = CustomerAddress.alias("a1"), CustomerAddress.alias("a2")
    n1, n2 = CustomerNumber.alias("n1"), CustomerNumber.alias("n2")
    same_pinyin = ((newer.name_pinyin == older.name_pinyin) & (newer.id > older.id)
                   & (older.name_pinyin != "") & older.merged_into.is_null() & newer.merged_into.is_null())
    by_address = (older.select(older.id, newer.id.alias("other"))
                  .join(newer, on=same_pinyin & (newer.name == older.name))
                  .join(a1, on=(a1.customer == older.id), src=older)
                  .join(a2, on=(a2.customer == newer.id) & (a2.address == a1.address), src=newer)
                  .distinct().order_by(older.id, newer.id).limit(limit).tuples())
    found: dict[tuple[int, int], str] = {(a, b): "address" for a, b in by_address}
    tail = DUPLICATE_TAIL
    by_number = (older.select(older.id, newer.id.alias("other"))
                 .join(newer, on=same_pinyin)
                 .join(n1, on=(n1.customer == older.id), src=older)
                 .join(n2, on=(n2.customer == newer.id)
                       & (pw.fn.SUBSTR(n2.digits, pw.fn.LENGTH(n2.digits) - tail + 1)
                          == pw.fn.SUBSTR(n1.digits, pw.fn.LENGTH(n1.digits) - tail + 1))
                       & (pw.fn.LENGTH(n1.digits) >= tail) & (pw.fn.LENGTH(n2.digits) >= tail), src=newer)
                 .distinct().order_by(older.id, newer.id).limit(limit).tuples())
    for a, b in by_number:
        found.setdefault((a, b), "number")
    return [(a, b, reason) for (a, b), reason in sorted(found.items())][:limit]


# ----- the yearly summary ------------------------------------------------------------------------------------------


def _ranked(counter: Counter) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def _grouped_items(column: pw.Field, condition: pw.Expression, model=Customer) -> Counter:
    """Counts of the things a free-text column lists: SQL counts each distinct text, Python splits the few texts."""
    counter: Counter = Counter()
    rows = (model.select(column, pw.fn.COUNT(pw.SQL("*"))).where(condition & (column != ""))
            .group_by(column).tuples())
    for text, count in rows:
        for item in dict.fromkeys(split_items(text or "")):
            counter[item] += count
    return counter


def _age_bands(year: int, birth_year: pw.Field, condition: pw.Expression, model) -> Counter:
    age = pw.Value(year) - birth_year
    cases = [((birth_year.is_null()) | (birth_year > year), UNKNOWN_AGE)]
    for label, low, high in AGE_BANDS:
        cases.append((((age >= low) & (age <= high)) if high is not None else (age >= low), label))
    band = pw.Case(None, cases, UNKNOWN_AGE)
    # Grouped by position: PostgreSQL would see the CASE in GROUP BY, with its own parameters, as another expression.
    rows = (model.select(band.alias("band"), pw.fn.COUNT(pw.SQL("*"))).where(condition)
            .group_by(pw.SQL("1")).tuples())
    return Counter({label: count for label, count in rows})


def archive_summary(viewer: Viewer, year: int) -> ArchiveSummary:
    """客户信息汇总 (4.1.3 "每年对客户信息进行汇总和整理，如：客户职业分布、年龄分布、服务需求等"): the archives as they
    stand at the end of `year` (created by then, not merged away), counted in SQL by group."""
    _require_viewer(viewer, Operation.VIEW_SUMMARY, Operation.VIEW_ARCHIVE)
    start, end = dt.datetime(year, 1, 1), dt.datetime(year + 1, 1, 1)
    live = (Customer.created_at < end) & Customer.merged_into.is_null()
    total = Customer.select(pw.fn.COUNT(Customer.id)).where(live).scalar() or 0
    created = (Customer.select(pw.fn.COUNT(Customer.id))
               .where(live & (Customer.created_at >= start)).scalar() or 0)
    updated = (Customer.select(pw.fn.COUNT(Customer.id))
               .where(live & (Customer.updated_at >= start) & (Customer.updated_at < end)
                      & (Customer.updated_at > Customer.created_at)).scalar() or 0)
    members_live = CustomerMember.customer.in_(Customer.select(Customer.id).where(live))
    occupations = Counter(dict(Customer.select(Customer.occupation, pw.fn.COUNT(pw.SQL("*")))
                               .where(live & (Customer.occupation != "")).group_by(Customer.occupation).tuples()))
    occupations.update(dict(CustomerMember.select(CustomerMember.occupation, pw.fn.COUNT(pw.SQL("*")))
                            .where(members_live & (CustomerMember.occupation != ""))
                            .group_by(CustomerMember.occupation).tuples()))
    ages = _age_bands(year, Customer.birth_year, live, Customer)
    ages.update(_age_bands(year, CustomerMember.birth_year, members_live, CustomerMember))
    interests = _grouped_items(Customer.interests, live)
    interests.update(_grouped_items(CustomerMember.interests, members_live, CustomerMember))
    return ArchiveSummary(
        year=year, total=total, created=created, updated=updated,
        occupations=_ranked(occupations),
        ages=[(label, ages.get(label, 0)) for label, _, _ in AGE_BANDS] + [(UNKNOWN_AGE, ages.get(UNKNOWN_AGE, 0))],
        needs=_ranked(_grouped_items(Customer.needs, live)),
        pets=_ranked(_grouped_items(Customer.pets, live)),
        festivals=_ranked(_grouped_items(Customer.festivals, live)),
        interests=_ranked(interests),
    )
