"""Keys of saves made by a desk under its own key (kept on disk during an outage), so that a replay is idempotent:
intakes and calls pass their key; a kept ticket action is saved inside `replaying(key, at)`."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from desk_app.models.schema import ClientRequest


def request_done(key: str | None) -> ClientRequest | None:
    """The save already made under `key`, inside the caller's transaction (None: not yet, or no key)."""
    if key is None:
        return None
    return ClientRequest.get_or_none(ClientRequest.key == key)


def request_made(key: str | None, kind: str, at: dt.datetime, call_id: int | None, ticket_id: int | None) -> None:
    """Note the rows a keyed save wrote, in its transaction (the unique key refuses a second save racing this one)."""
    if key is not None:
        ClientRequest.insert(key=key, kind=kind, call=call_id, ticket=ticket_id, at=at).execute()


@dataclass(frozen=True)
class Replaying:
    """A kept action being saved now: its key, and the time it was done (the time its history line and clocks get)."""

    key: str
    at: dt.datetime


_replaying: ContextVar[Replaying | None] = ContextVar("replaying", default=None)


@contextlib.contextmanager
def replaying(key: str, at: dt.datetime) -> Iterator[Replaying]:
    """While a kept ticket action is saved: DeskService's command path notes the key in its transaction and its
    clock reads the time the action was done."""
    token = _replaying.set(Replaying(key, at))
    try:
        yield _replaying.get()
    finally:
        _replaying.reset(token)


def replayed_now() -> Replaying | None:
    return _replaying.get()
