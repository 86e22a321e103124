"""Inspections at the property desk: daily patrols (巡视), weekly and monthly checks (周检、月检) with the property
company's co-signature, and the follow-up of each finding (a ticket, or a numbered 工作联系单 / 整改通知单).

The rules (checklist, schedule, who follows up how) are in desk_app.core.inspections; this module writes them down.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import peewee as pw

from desk_app.core.errors import DeskError, NotFound, ValidationError
from desk_app.core.inspections import (
    CO_SIGNED,
    NUMBERED_NOTICES,
    ChecklistItem,
    Done,
    DueItem,
    FollowUpRule,
    InspectionKind,
    Notice,
    Responsibility,
    checklist_for,
    checklist_item,
    due_inspections,
    follow_up_rule,
    missing_items,
    notice_number,
    proposed_deadline,
    rectification_overdue,
)
from desk_app.core.kinds import Channel, Level, Role
from desk_app.core.labels import QT_TRANSLATE_NOOP, chinese
from desk_app.core.permissions import Operation
from desk_app.core.routing import Scope
from desk_app.core.text import check_texts
from desk_app.core.validation import TicketDraft
from desk_app.models.db import database, is_postgres
from desk_app.models.schema import Inspection, InspectionItem, Notification, Staff, Ticket
from desk_app.services.desk import Actor, DeskService
from desk_app.services.events import Change

# The username of the project manager (项目经理) who hears of serious findings of our own side and of safety hazards;
# without it (or if that person is inactive) the customer-service supervisors are told.
SETTING_PROJECT_MANAGER = "property.project_manager"
MAX_PROBLEM = 2000
MAX_LINE = 200
MAX_PATH = 500


# ----- views ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InspectionRow:
    """One line of the inspections list."""

    id: int
    kind: InspectionKind
    started_at: dt.datetime
    finished_at: dt.datetime | None
    inspector: str
    area: str
    co_signer: str
    co_signed_at: dt.datetime | None
    problems: int
    open_follow_ups: int           # problems nobody followed up yet

    @property
    def closed(self) -> bool:
        """Finished (patrol) or co-signed (check): read-only."""
        return self.finished_at is not None


@dataclass(frozen=True)
class ItemView:
    """A checklist result or a finding, with its follow-up."""

    id: int
    inspection_id: int
    item_code: str | None
    ok: bool
    problem: str
    location: str
    responsibility: Responsibility | None
    serious: bool
    photo_path: str
    found_at: dt.datetime
    recorded_by: str
    notice: Notice
    notice_number: str
    notified_to: str
    rectify_by: dt.datetime | None
    ticket_id: int | None
    ticket_number: str
    manager_notified_at: dt.datetime | None
    followed_up_by: str
    followed_up_at: dt.datetime | None
    rectified_at: dt.datetime | None

    @property
    def is_problem(self) -> bool:
        return not self.ok

    @property
    def followed_up(self) -> bool:
        return self.followed_up_at is not None

    @property
    def checklist(self) -> ChecklistItem | None:
        return checklist_item(self.item_code) if self.item_code else None

    def overdue(self, now: dt.datetime) -> bool:
        return rectification_overdue(self.rectify_by, self.rectified_at, now)


@dataclass(frozen=True)
class ChecklistLine:
    """A checklist item and its result so far (None: not checked yet)."""

    item: ChecklistItem
    result: ItemView | None


@dataclass(frozen=True)
class InspectionDetail:
    id: int
    kind: InspectionKind
    started_at: dt.datetime
    finished_at: dt.datetime | None
    inspector_id: int
    inspector: str
    area: str
    co_signer: str
    co_signed_at: dt.datetime | None
    note: str
    checklist: list[ChecklistLine] = field(default_factory=list)
    findings: list[ItemView] = field(default_factory=list)       # every problem, checklist or free, in order

    @property
    def closed(self) -> bool:
        return self.finished_at is not None

    @property
    def co_signed(self) -> bool:
        return self.kind in CO_SIGNED

    @property
    def unchecked(self) -> list[ChecklistItem]:
        return [line.item for line in self.checklist if line.result is None]


# ----- helpers -------------------------------------------------------------------------------------------------


def _text(value: str | None, field_name: str, limit: int, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "This field is required."), field=field_name)
    if len(value) > limit:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Too long: at most {limit} characters."),
                              field=field_name, limit=limit)
    return value


def _load(inspection_id: int, *, for_update: bool = False) -> Inspection:
    query = Inspection.select().where(Inspection.id == inspection_id)
    if for_update and is_postgres():
        query = query.for_update()
    inspection = query.first()
    if inspection is None:
        raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No inspection with id {id}."), id=inspection_id)
    return inspection


def _load_open(inspection_id: int) -> Inspection:
    """An inspection that may still be changed (inside the caller's transaction)."""
    inspection = _load(inspection_id, for_update=True)
    if inspection.finished_at is not None:
        raise DeskError(QT_TRANSLATE_NOOP(
            "DeskError", "This inspection is signed off and can no longer be changed."))
    return inspection


def _load_item(item_id: int, *, for_update: bool = False) -> InspectionItem:
    query = InspectionItem.select().where(InspectionItem.id == item_id)
    if for_update and is_postgres():
        query = query.for_update()
    item = query.first()
    if item is None:
        raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No inspection finding with id {id}."), id=item_id)
    return item


def _problem_fields(problem: str, responsibility: Responsibility | str | None, serious: bool, location: str,
                    photo_path: str) -> dict:
    problem = _text(problem, "problem", MAX_PROBLEM, required=True)
    try:
        responsibility = Responsibility(responsibility) if responsibility else None
    except ValueError:
        responsibility = None
    if responsibility is None:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Say who is responsible for the problem."),
                              field="responsibility")
    return dict(ok=False, problem=problem, responsibility=responsibility.value, serious=bool(serious),
                location=_text(location, "location", MAX_LINE), photo_path=_text(photo_path, "photo_path", MAX_PATH))


def _manager_ids(service: DeskService) -> list[int]:
    username = service.setting(SETTING_PROJECT_MANAGER).strip()
    if username:
        manager = Staff.get_or_none((Staff.username == username) & Staff.active)
        if manager is not None:
            return [manager.id]
    return [s.id for s in Staff.select(Staff.id).where((Staff.role == Role.SUPERVISOR.value) & Staff.active)]


def _describe(inspection: Inspection, item: InspectionItem) -> str:
    """The finding in words for a ticket, a notice or the project manager."""
    kind = chinese(InspectionKind(inspection.kind))
    checked = checklist_item(item.item_code) if item.item_code else None
    head = f"{kind}发现" if checked is None else f"{kind} {checked.printed} {checked.chinese}"
    where = f"（{item.location}）" if item.location else ""
    return f"{head}：{item.problem}{where}"


# ----- writing -------------------------------------------------------------------------------------------------


def start_inspection(service: DeskService, actor: Actor, kind: InspectionKind, *, area: str = "",
                     note: str = "") -> int:
    """Begin a patrol, a weekly or a monthly check; the actor is the inspector. Returns its id."""
    check_texts(area=area, note=note)
    service._require(actor, Operation.INSPECT)
    try:
        kind = InspectionKind(kind)
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Choose the kind of inspection."), field="kind") from None
    area = _text(area, "area", 100)
    note = _text(note, "note", MAX_PROBLEM)
    with database.atomic():
        inspection = Inspection.create(kind=kind.value, started_at=service.now(), inspector=actor.id, area=area,
                                       note=note)
    service.events.emit(Change("inspection", "start"))
    return inspection.id


def record_result(service: DeskService, actor: Actor, inspection_id: int, item_code: str, *, ok: bool,
                  problem: str = "", responsibility: Responsibility | None = None, serious: bool = False,
                  location: str = "", photo_path: str = "") -> int:
    """A checklist item of a weekly or monthly check: ok, or the problem found. Recording an item again replaces
    its result until the check is signed. Returns the item's id."""
    check_texts(item_code=item_code, problem=problem, location=location, photo_path=photo_path)
    service._require(actor, Operation.INSPECT)
    with database.atomic():
        inspection = _load_open(inspection_id)
        if checklist_item(item_code) not in checklist_for(InspectionKind(inspection.kind)):
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "No checklist item {code} in this inspection."),
                                  field="item_code", code=item_code)
        if ok:
            fields = dict(ok=True, problem="", responsibility=None, serious=False,
                          location=_text(location, "location", MAX_LINE),
                          photo_path=_text(photo_path, "photo_path", MAX_PATH))
        else:
            fields = _problem_fields(problem, responsibility, serious, location, photo_path)
        existing = InspectionItem.get_or_none((InspectionItem.inspection == inspection.id)
                                              & (InspectionItem.item_code == item_code))
        if existing is not None and existing.followed_up_at is not None:
            raise DeskError(QT_TRANSLATE_NOOP(
                "DeskError", "This problem was already followed up; its result can no longer be changed."))
        fields.update(found_at=service.now(), recorded_by=actor.id)
        if existing is None:
            item_id = InspectionItem.create(inspection=inspection.id, item_code=item_code, **fields).id
        else:
            InspectionItem.update(fields).where(InspectionItem.id == existing.id).execute()
            item_id = existing.id
    service.events.emit(Change("inspection", "result"))
    return item_id


def record_finding(service: DeskService, actor: Actor, inspection_id: int, problem: str, *,
                   responsibility: Responsibility, serious: bool = False, location: str = "",
                   photo_path: str = "") -> int:
    """A problem found on the way (发现问题及时拍照记录), outside the checklist. Returns its id."""
    check_texts(problem=problem, location=location, photo_path=photo_path)
    service._require(actor, Operation.INSPECT)
    fields = _problem_fields(problem, responsibility, serious, location, photo_path)
    with database.atomic():
        inspection = _load_open(inspection_id)
        item = InspectionItem.create(inspection=inspection.id, item_code=None, found_at=service.now(),
                                     recorded_by=actor.id, **fields)
    service.events.emit(Change("inspection", "finding"))
    return item.id


def remove_item(service: DeskService, actor: Actor, item_id: int) -> None:
    """Take back a result or a finding recorded by mistake, while the inspection is open and nothing followed."""
    service._require(actor, Operation.INSPECT)
    with database.atomic():
        item = _load_item(item_id, for_update=True)
        _load_open(item.inspection_id)
        if item.followed_up_at is not None:
            raise DeskError(QT_TRANSLATE_NOOP(
                "DeskError", "This problem was already followed up; its result can no longer be changed."))
        item.delete_instance()
    service.events.emit(Change("inspection", "remove"))


def finish_patrol(service: DeskService, actor: Actor, inspection_id: int, *, note: str | None = None) -> None:
    """End a patrol: it counts for the day and becomes read-only."""
    check_texts(note=note)
    service._require(actor, Operation.INSPECT)
    with database.atomic():
        inspection = _load_open(inspection_id)
        if InspectionKind(inspection.kind) in CO_SIGNED:
            raise DeskError(QT_TRANSLATE_NOOP(
                "DeskError", "A weekly or monthly check ends when the property company's person signs it."))
        inspection.finished_at = service.now()
        if note is not None:
            inspection.note = _text(note, "note", MAX_PROBLEM)
        inspection.save()
    service.events.emit(Change("inspection", "finish"))


def co_sign(service: DeskService, actor: Actor, inspection_id: int, co_signer: str, *,
            note: str | None = None) -> None:
    """签字确认: the property company's person who came along signs the result of a weekly or monthly check, once
    every checklist item has a result. The check counts from then on and is read-only."""
    check_texts(co_signer=co_signer, note=note)
    service._require(actor, Operation.INSPECT)
    co_signer = _text(co_signer, "co_signer", 60, required=True)
    with database.atomic():
        inspection = _load_open(inspection_id)
        kind = InspectionKind(inspection.kind)
        if kind not in CO_SIGNED:
            raise DeskError(QT_TRANSLATE_NOOP("DeskError", "A patrol is not co-signed; finish it instead."))
        answered = [code for (code,) in InspectionItem.select(InspectionItem.item_code).where(
            (InspectionItem.inspection == inspection.id) & InspectionItem.item_code.is_null(False)).tuples()]
        missing = missing_items(kind, answered)
        if missing:
            raise ValidationError(
                QT_TRANSLATE_NOOP("DeskError", "Check every item before signing: {count} not checked yet ({first})."),
                field="checklist", count=len(missing), first=missing[0].printed)
        now = service.now()
        inspection.co_signer = co_signer
        inspection.co_signed_at = now
        inspection.finished_at = now
        if note is not None:
            inspection.note = _text(note, "note", MAX_PROBLEM)
        inspection.save()
    service.events.emit(Change("inspection", "co_sign"))


def follow_up(service: DeskService, actor: Actor, item_id: int, *, notice: Notice | None = None,
              rectify_by: dt.datetime | None = None, notified_to: str = "") -> ItemView:
    """Turn a finding into what its responsibility asks for (core.inspections.follow_up_rule), once:

    - the property company's: told orally or by WeChat (recorded, with whom), or a 工作联系单 / 整改通知单 numbered
      per kind and year (2026-0001) with its rectification deadline;
    - our own side's: a repair ticket (the 派工单 goes to the repair crew) due at the deadline; a serious one is
      reported to the project manager too;
    - a safety hazard: at once, an urgent inspection ticket with a short deadline; the project manager is told.

    Allowed after the inspection is signed: the signed record stays as it is, the follow-up is added to it.
    """
    check_texts(notified_to=notified_to)
    service._require(actor, Operation.INSPECT)
    now = service.now()
    notified_to = _text(notified_to, "notified_to", 100)
    with database.atomic():
        item = _load_item(item_id, for_update=True)
        inspection = _load(item.inspection_id)
        if item.ok:
            raise DeskError(QT_TRANSLATE_NOOP("DeskError", "Only a problem is followed up."))
        if item.followed_up_at is not None:
            raise DeskError(QT_TRANSLATE_NOOP("DeskError", "This problem was already followed up."))
        responsibility = Responsibility(item.responsibility)
        rule = follow_up_rule(InspectionKind(inspection.kind), responsibility, item.serious)
        notice = Notice(notice) if notice is not None else rule.notices[0]
        if not rule.allows(notice):
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "A {responsibility} problem is not followed up "
                                                                 "by \u201c{notice}\u201d."),
                                  field="notice", responsibility=responsibility, notice=notice)
        if rule.needs_deadline(notice):
            rectify_by = (rectify_by or proposed_deadline(rule, responsibility, notice, now)).replace(microsecond=0)
            if rectify_by <= now:
                raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "The rectification deadline must be in the "
                                                                     "future."), field="rectify_by")
        else:
            rectify_by = None
        text = _describe(inspection, item)
        updates: dict = dict(notice=notice.value, notified_to=notified_to, rectify_by=rectify_by,
                             followed_up_by=actor.id, followed_up_at=now)
        if notice in NUMBERED_NOTICES:
            updates["notice_number"] = notice_number(now.year, service._next_number(f"inspection.{notice.value}",
                                                                                    now.year))
        ticket_number = ""
        if rule.ticket_kind is not None:
            # The last step that may refuse: everything above is checked, so the ticket's events are not told of a
            # ticket this transaction then rolls back.
            ticket_id = _make_ticket(service, actor, inspection, item, rule, text, rectify_by)
            updates["ticket"] = ticket_id
            ticket_number = Ticket.get_by_id(ticket_id).number
        if rule.report_to_manager:
            title = ("安全隐患" if responsibility == Responsibility.SAFETY else "严重问题") + "：" + text
            for staff_id in _manager_ids(service):
                Notification.create(recipient=staff_id, ticket=updates.get("ticket"), kind="inspection",
                                    title=title[:200], body=_manager_body(text, ticket_number, rectify_by),
                                    created_at=now)
            updates["manager_notified_at"] = now
        InspectionItem.update(updates).where(InspectionItem.id == item.id).execute()
    service.events.emit(Change("inspection", "follow_up"))
    if rule.report_to_manager:
        service.events.emit(Change("notification", "inspection", updates.get("ticket"), ticket_number or None))
    return item_view(item.id)


def _manager_body(text: str, ticket_number: str, rectify_by: dt.datetime | None) -> str:
    parts = [text]
    if ticket_number:
        parts.append(f"已生成工单 {ticket_number}（派工单）")
    if rectify_by is not None:
        parts.append(f"整改期限 {rectify_by:%Y-%m-%d %H:%M}")
    return "；".join(parts)


def _make_ticket(service: DeskService, actor: Actor, inspection: Inspection, item: InspectionItem,
                 rule: FollowUpRule, text: str, rectify_by: dt.datetime | None) -> int:
    """The ticket of a finding, through the desk's one way of making tickets (numbers, clocks, routing)."""
    urgency = Level.HIGH if rule.urgent else None
    return service.create_ticket(actor, TicketDraft(
        kind=rule.ticket_kind, description=text, channel=Channel.PATROL, caller_name=actor.name,
        address=item.location or inspection.area, scope=Scope.PUBLIC, urgency=urgency, impact=urgency,
        rectify_by=rectify_by,
    ))


def confirm_rectified(service: DeskService, actor: Actor, item_id: int) -> None:
    """整改完成: the property company (or our crew) put a followed-up problem right; its deadline stops counting."""
    service._require(actor, Operation.INSPECT)
    with database.atomic():
        item = _load_item(item_id, for_update=True)
        if item.followed_up_at is None:
            raise DeskError(QT_TRANSLATE_NOOP("DeskError", "Follow the problem up first."))
        if item.rectified_at is not None:
            raise ValidationError(QT_TRANSLATE_NOOP("DeskError", "Already confirmed."))
        item.rectified_at = service.now()
        item.save()
    service.events.emit(Change("inspection", "rectified"))


# ----- reading -------------------------------------------------------------------------------------------------


def _item_view(row: InspectionItem, names: dict[int, str], numbers: dict[int, str]) -> ItemView:
    return ItemView(
        id=row.id, inspection_id=row.inspection_id, item_code=row.item_code, ok=row.ok, problem=row.problem,
        location=row.location, responsibility=Responsibility(row.responsibility) if row.responsibility else None,
        serious=row.serious, photo_path=row.photo_path, found_at=row.found_at,
        recorded_by=names.get(row.recorded_by_id, ""), notice=Notice(row.notice), notice_number=row.notice_number or "",
        notified_to=row.notified_to, rectify_by=row.rectify_by, ticket_id=row.ticket_id,
        ticket_number=numbers.get(row.ticket_id, "") if row.ticket_id else "",
        manager_notified_at=row.manager_notified_at,
        followed_up_by=names.get(row.followed_up_by_id, "") if row.followed_up_by_id else "",
        followed_up_at=row.followed_up_at, rectified_at=row.rectified_at,
    )


def _item_views(rows: list[InspectionItem]) -> list[ItemView]:
    staff_ids = {r.recorded_by_id for r in rows} | {r.followed_up_by_id for r in rows if r.followed_up_by_id}
    names = {s.id: s.name for s in Staff.select(Staff.id, Staff.name).where(Staff.id.in_(staff_ids))} if rows else {}
    ticket_ids = {r.ticket_id for r in rows if r.ticket_id}
    numbers = ({t.id: t.number for t in Ticket.select(Ticket.id, Ticket.number).where(Ticket.id.in_(ticket_ids))}
               if ticket_ids else {})
    return [_item_view(r, names, numbers) for r in rows]


def item_view(item_id: int) -> ItemView:
    return _item_views([_load_item(item_id)])[0]


def inspections(*, limit: int = 100, kind: InspectionKind | None = None) -> list[InspectionRow]:
    """The latest inspections first, with how many problems each found and how many still wait for follow-up."""
    problems = pw.fn.SUM(pw.Case(None, [(~InspectionItem.ok, 1)], 0))
    waiting = pw.fn.SUM(pw.Case(None, [((~InspectionItem.ok) & InspectionItem.followed_up_at.is_null(), 1)], 0))
    query = (Inspection.select(Inspection, Staff.name.alias("inspector_name"), problems.alias("problems"),
                               waiting.alias("waiting"))
             .join(Staff, on=(Inspection.inspector == Staff.id))
             .switch(Inspection)
             .join(InspectionItem, pw.JOIN.LEFT_OUTER, on=(InspectionItem.inspection == Inspection.id))
             .group_by(Inspection.id, Staff.name)
             .order_by(Inspection.started_at.desc(), Inspection.id.desc()).limit(limit))
    if kind is not None:
        query = query.where(Inspection.kind == InspectionKind(kind).value)
    return [InspectionRow(r["id"], InspectionKind(r["kind"]), r["started_at"], r["finished_at"], r["inspector_name"],
                          r["area"], r["co_signer"], r["co_signed_at"], int(r["problems"] or 0),
                          int(r["waiting"] or 0))
            for r in query.dicts()]


def inspection_detail(inspection_id: int) -> InspectionDetail:
    inspection = _load(inspection_id)
    kind = InspectionKind(inspection.kind)
    rows = list(InspectionItem.select().where(InspectionItem.inspection == inspection.id).order_by(InspectionItem.id))
    views = _item_views(rows)
    by_code = {v.item_code: v for v in views if v.item_code}
    checklist = [ChecklistLine(item, by_code.get(item.code)) for item in checklist_for(kind)]
    order = {item.code: n for n, item in enumerate(checklist_for(kind))}
    findings = sorted((v for v in views if v.is_problem),
                      key=lambda v: (v.item_code is None, order.get(v.item_code or "", 0), v.id))
    inspector = Staff.get_by_id(inspection.inspector_id)
    return InspectionDetail(inspection.id, kind, inspection.started_at, inspection.finished_at, inspector.id,
                            inspector.name, inspection.area, inspection.co_signer, inspection.co_signed_at,
                            inspection.note, checklist, findings)


def done_inspections(since: dt.datetime | None = None) -> list[Done]:
    """What counts for the schedule: finished patrols and co-signed checks."""
    query = Inspection.select(Inspection.kind, Inspection.started_at).where(Inspection.finished_at.is_null(False))
    if since is not None:
        query = query.where(Inspection.started_at >= since)
    return [Done(InspectionKind(kind), at) for kind, at in query.tuples()]


def due(service: DeskService) -> list[DueItem]:
    """今日巡视未做, 本周第2次周检未做, …: the schedule asked at the service's now. Slots that ended before the
    first inspection ever recorded are not asked for (the desk had not started keeping them)."""
    now = service.now()
    first = Inspection.select(pw.fn.MIN(Inspection.started_at)).scalar()
    since = min(first.date(), now.date()) if first is not None else now.date()
    window_start = dt.datetime.combine(now.date().replace(day=1) - dt.timedelta(days=40), dt.time.min)
    return due_inspections(done_inspections(window_start), now, since=since)


def open_follow_ups(*, limit: int = 200) -> list[ItemView]:
    """Problems that wait for a follow-up, or whose follow-up is not yet confirmed rectified (oldest first)."""
    rows = list(InspectionItem.select().where(
        (~InspectionItem.ok) & (InspectionItem.followed_up_at.is_null()
                                | (InspectionItem.rectify_by.is_null(False) & InspectionItem.rectified_at.is_null())))
        .order_by(InspectionItem.found_at, InspectionItem.id).limit(limit))
    return _item_views(rows)


def rule_for(item: ItemView, kind: InspectionKind) -> FollowUpRule | None:
    """The follow-up rule of a problem (None for an ok result): what the dialog offers, as the service enforces."""
    if item.ok or item.responsibility is None:
        return None
    return follow_up_rule(kind, item.responsibility, item.serious)
