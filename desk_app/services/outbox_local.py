"""Saves kept on disk while the database cannot be reached, and replayed when it is back: each exactly once.

An intake (a call and its ticket), a logged call or a ticket action that could not be saved because the database was
unreachable is written to a JSON file in the user's data folder, under a key made once (a UUID). Replaying saves it
under that key: the service finds a save already made under it (the first attempt committed but its answer was lost with the
connection, or the program stopped before it forgot the file) and returns those rows instead of writing them again.
The folder is one per database, so a draft typed against one server is never saved into another.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
import logging
import os
import types
import typing
import uuid
from dataclasses import dataclass
from pathlib import Path

from desk_app.core.errors import ConflictError, DatabaseBusy, DatabaseUnavailable, DeskError, NotFound
from desk_app.core.kinds import CallOutcome
from desk_app.core.labels import QT_TRANSLATE_NOOP
from desk_app.core.validation import CallDraft, TicketDraft
from desk_app.models.schema import Staff
from desk_app.services.client_requests import replaying, request_done
from desk_app.services.desk import Actor, DeskService

log = logging.getLogger(__name__)

INTAKE = "intake"   # create_ticket_from_intake(call, ticket)
CALL = "call"       # record_call(call, outcome=…, kb_article_id=…)
ACTION = "action"   # one of the ticket actions below, on the version of the ticket the user saw
KINDS = (INTAKE, CALL, ACTION)

# The ticket actions a desk may keep during an outage (the state-machine actions of the detail pane,
# ui/detail/actions.action_call): DeskService methods taking (actor, ticket_id, …, expected_version=). Each is saved
# later only if the ticket is still the version the user acted on (otherwise it is refused as any stale action is),
# at the time it was done.
ACTIONS_KEPT = frozenset({
    "dispatch", "accept", "return_ticket", "appoint", "return_slip", "data_return", "start", "block", "unblock",
    "resolve", "return_visit", "archive", "approve", "send_back", "reply", "transfer",
})


def outbox_folder(data_dir: Path, database_url: str) -> Path:
    """The folder of saves kept for the database at `database_url` (named by a hash: no password on disk)."""
    digest = hashlib.sha256(database_url.encode("utf-8")).hexdigest()[:16]
    return data_dir / "outbox" / digest


@dataclass(frozen=True)
class PendingSave:
    """One save waiting for the database: what it is, who typed it, when, and its drafts."""

    key: str
    kind: str
    actor_id: int
    saved_at: dt.datetime
    call: CallDraft | None           # None for a ticket action
    ticket: TicketDraft | None = None
    outcome: str = CallOutcome.SOLVED.value
    kb_article_id: int | None = None
    action: KeptAction | None = None

    def describe(self) -> str:
        """A short line for the user: the caller's phone and the start of what they said, or the ticket's number."""
        if self.action is not None or self.call is None:
            return self.action.number if self.action is not None else ""
        text = " ".join(self.call.content.split())
        return f"{self.call.phone} {text[:30]}".strip()


@dataclass(frozen=True)
class KeptAction:
    """A ticket action done during an outage: the service method, the ticket as the user saw it, the arguments."""

    op: str                       # a name in ACTIONS_KEPT
    ticket_id: int
    number: str                   # the ticket's number, to show
    expected_version: int
    args: dict[str, object] = dataclasses.field(default_factory=dict)   # JSON-plain (enums by value, ISO times)
    label: str = ""               # what the user clicked (派单), to show in the list of kept saves


@dataclass(frozen=True)
class ReplayResult:
    saved: list[tuple[str, int | None]]          # (key, ticket id or None for a call) of each save made now
    refused: list[tuple[PendingSave, str]]        # drafts the service refused (kept aside, with the reason)
    left: int                                     # still waiting: the database went away again meanwhile


class LocalOutbox:
    """The saves kept in `folder` (one JSON file each, written atomically), oldest first."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    # ----- keeping --------------------------------------------------------------------------------------------

    def keep_intake(self, actor: Actor, call: CallDraft, ticket: TicketDraft, *, key: str | None = None,
                    at: dt.datetime | None = None) -> PendingSave:
        return self._keep(PendingSave(key or new_key(), INTAKE, actor.id, at or dt.datetime.now(), call, ticket))

    def keep_call(self, actor: Actor, call: CallDraft, *, outcome: CallOutcome = CallOutcome.SOLVED,
                  kb_article_id: int | None = None, key: str | None = None,
                  at: dt.datetime | None = None) -> PendingSave:
        return self._keep(PendingSave(key or new_key(), CALL, actor.id, at or dt.datetime.now(), call, None,
                                      CallOutcome(outcome).value, kb_article_id))

    def keep_action(self, actor: Actor, op: str, ticket_id: int, number: str, expected_version: int,
                    args: dict[str, object] | None = None, *, label: str = "", key: str | None = None,
                    at: dt.datetime | None = None) -> PendingSave:
        """Keep a ticket action; refused (ValueError) for an action not in ACTIONS_KEPT, and (ConflictError) while
        another action on the same ticket waits: it was done on the version the first one changes."""
        if op not in ACTIONS_KEPT:
            raise ValueError(f"{op!r} is not an action kept during an outage")
        if any(p.action is not None and p.action.ticket_id == ticket_id for p in self.pending()):
            raise ConflictError(QT_TRANSLATE_NOOP(
                "DeskError", "An action on ticket {number} is already kept on this PC; it is saved when the "
                             "database is back, then this ticket can be worked on again."), number=number)
        action = KeptAction(op, ticket_id, number, expected_version, {k: _plain(v) for k, v in (args or {}).items()},
                            label)
        return self._keep(PendingSave(key or new_key(), ACTION, actor.id, at or dt.datetime.now(), None,
                                      action=action))

    def _keep(self, pending: PendingSave) -> PendingSave:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(pending.key)
        temporary = path.with_suffix(".tmp")
        with open(temporary, "w", encoding="utf-8") as out:
            json.dump(_to_json(pending), out, ensure_ascii=False, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)   # a crash leaves the old file or the new one, never half of one
        return pending

    def _path(self, key: str, folder: Path | None = None) -> Path:
        return (folder or self.folder) / f"{key}.json"

    # ----- reading --------------------------------------------------------------------------------------------

    def pending(self) -> list[PendingSave]:
        """Every save still waiting, oldest first; an unreadable file is moved aside to `damaged/`, not lost."""
        if not self.folder.is_dir():
            return []
        found = []
        for path in self.folder.glob("*.json"):
            try:
                found.append(_from_json(json.loads(path.read_text(encoding="utf-8"))))
            except (OSError, ValueError, KeyError, TypeError) as error:
                log.warning("outbox: %s cannot be read (%s); moved to damaged/", path.name, error)
                self._move(path, "damaged")
        return sorted(found, key=lambda p: (p.saved_at, p.key))

    def __len__(self) -> int:
        return len(list(self.folder.glob("*.json"))) if self.folder.is_dir() else 0

    def refused(self) -> list[tuple[PendingSave, str]]:
        """Drafts the service refused on replay, with the reason, for the user to look at again."""
        folder = self.folder / "refused"
        found = []
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            data = json.loads(path.read_text(encoding="utf-8"))
            found.append((_from_json(data), data.get("reason", "")))
        return found

    def discard_refused(self, key: str) -> None:
        """The user has dealt with a refused save (typed it again, or it is not wanted): out of the list, into
        `discarded/` (kept on disk, never silently deleted)."""
        path = self._path(key, self.folder / "refused")
        if path.exists():
            self._move(path, "discarded")

    def forget(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def _move(self, path: Path, where: str, reason: str = "") -> None:
        folder = self.folder / where
        folder.mkdir(parents=True, exist_ok=True)
        if reason:
            data = json.loads(path.read_text(encoding="utf-8"))
            data["reason"] = reason
            path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(path, folder / path.name)

    # ----- replaying ------------------------------------------------------------------------------------------

    def replay(self, service: DeskService) -> ReplayResult:
        """Save every waiting draft, oldest first, each under its key (exactly once). Stops at the first sign that
        the database is away again (the rest wait); a draft the service refuses (a rule, a field) is moved to
        `refused/` with its reason instead of blocking the ones after it."""
        saved: list[tuple[str, int | None]] = []
        refused: list[tuple[PendingSave, str]] = []
        waiting = self.pending()
        for index, pending in enumerate(waiting):
            try:
                ticket_id = self._save(service, pending)
            except (DatabaseUnavailable, DatabaseBusy):
                return ReplayResult(saved, refused, len(waiting) - index)
            except DeskError as error:
                refused.append((pending, str(error)))
                self._move(self._path(pending.key), "refused", str(error))
                continue
            saved.append((pending.key, ticket_id))
            self.forget(pending.key)
        return ReplayResult(saved, refused, 0)

    @staticmethod
    def _save(service: DeskService, pending: PendingSave) -> int | None:
        staff = Staff.get_or_none(Staff.id == pending.actor_id)
        if staff is None:
            raise NotFound(QT_TRANSLATE_NOOP("DeskError", "No staff member with id {id}."), id=pending.actor_id)
        actor = Actor.of(staff)
        if pending.kind == ACTION:
            assert pending.action is not None
            replay_action(service, actor, pending.key, pending.saved_at, pending.action)
            return pending.action.ticket_id
        if pending.kind == INTAKE:
            assert pending.ticket is not None
            assert pending.call is not None
            _, ticket_id = service.create_ticket_from_intake(actor, pending.call, pending.ticket,
                                                             request_key=pending.key)
            return ticket_id
        assert pending.call is not None
        service.record_call(actor, pending.call, outcome=CallOutcome(pending.outcome),
                            kb_article_id=pending.kb_article_id, request_key=pending.key)
        return None


def replay_action(service: DeskService, actor: Actor, key: str, at: dt.datetime, action: KeptAction) -> None:
    """Save a kept ticket action exactly once: nothing if it was saved before (the answer of the first try was lost
    with the connection); otherwise the service's method, under the key, at the time it was done."""
    if request_done(key) is not None:
        return
    if action.op not in ACTIONS_KEPT:
        raise ValueError(f"{action.op!r} is not an action kept during an outage")
    method = getattr(service, action.op)
    hints = typing.get_type_hints(method)
    args = {name: _typed(hints.get(name), value) for name, value in action.args.items()}
    with replaying(key, at):
        method(actor, action.ticket_id, expected_version=action.expected_version, **args)


def new_key() -> str:
    return str(uuid.uuid4())


# ----- JSON of the drafts (enums by value, datetimes in ISO form) ------------------------------------------------

def _plain(value: object) -> object:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value


def _draft_to_json(draft: object) -> dict[str, object]:
    return {f.name: _plain(getattr(draft, f.name)) for f in dataclasses.fields(draft)}


def _typed(kind: object, value: object) -> object:
    """A JSON-plain value back as the annotated type: an enum from its value, a datetime from ISO text."""
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        kind = next(a for a in typing.get_args(kind) if a is not type(None))
    if value is not None and value != "" and isinstance(kind, type):
        if issubclass(kind, enum.Enum):
            return kind(value)
        if issubclass(kind, dt.datetime):
            return dt.datetime.fromisoformat(str(value))
    return value


def _draft_from_json(cls: type, data: dict[str, object]):
    hints = typing.get_type_hints(cls)
    values = {field.name: _typed(hints[field.name], data[field.name])
              for field in dataclasses.fields(cls) if field.name in data}
    return cls(**values)


def _to_json(pending: PendingSave) -> dict[str, object]:
    return {
        "format": 1, "key": pending.key, "kind": pending.kind, "actor_id": pending.actor_id,
        "saved_at": pending.saved_at.isoformat(), "call": _draft_to_json(pending.call) if pending.call is not None else None,
        "ticket": _draft_to_json(pending.ticket) if pending.ticket is not None else None,
        "outcome": pending.outcome, "kb_article_id": pending.kb_article_id,
        "action": dataclasses.asdict(pending.action) if pending.action is not None else None,
    }


def _from_json(data: dict) -> PendingSave:
    if data.get("kind") not in KINDS:
        raise ValueError(f"unknown kind {data.get('kind')!r}")
    uuid.UUID(data["key"])   # a file name made elsewhere is not a key of ours
    return PendingSave(
        key=data["key"], kind=data["kind"], actor_id=int(data["actor_id"]),
        saved_at=dt.datetime.fromisoformat(data["saved_at"]), call=_draft_from_json(CallDraft, data["call"]) if data.get("call") is not None else None,
        ticket=_draft_from_json(TicketDraft, data["ticket"]) if data.get("ticket") is not None else None,
        outcome=data.get("outcome", CallOutcome.SOLVED.value), kb_article_id=data.get("kb_article_id"),
        action=_action_from_json(data["action"]) if data.get("action") is not None else None,
    )


def _action_from_json(data: dict) -> KeptAction:
    if data["op"] not in ACTIONS_KEPT:
        raise ValueError(f"unknown action {data['op']!r}")
    return KeptAction(op=data["op"], ticket_id=int(data["ticket_id"]), number=str(data["number"]),
                      expected_version=int(data["expected_version"]), args=dict(data.get("args") or {}),
                      label=str(data.get("label", "")))
