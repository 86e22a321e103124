"""Keys of saves made by a desk under its own key (kept on disk during an outage), so that a replay is idempotent."""

from __future__ import annotations

import datetime as dt

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
