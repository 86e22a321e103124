"""The audit log of configuration and staff changes: one append-only row per change, written inside the change's own
transaction (who, when, what, on which record), readable by administrators."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, TypeVar

from desk_app.models.db import database
from desk_app.models.schema import AuditLog

F = TypeVar("F", bound=Callable[..., Any])
MAX_DETAIL = 2000


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: dt.datetime
    actor: str
    entity: str
    entity_id: str
    action: str
    detail: str


def _plain(value: Any) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return "[" + ", ".join(_plain(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_plain(k)}: {_plain(v)}" for k, v in value.items()) + "}"
    if hasattr(value, "__dataclass_fields__"):
        return "{" + ", ".join(f"{k}={_plain(getattr(value, k))}" for k in value.__dataclass_fields__) + "}"
    return str(value)


def record(actor_id: int | None, entity: str, action: str, entity_id: object = "", detail: str = "",
           at: dt.datetime | None = None) -> None:
    """One audit row, inside the caller's transaction."""
    AuditLog.create(at=(at or dt.datetime.now()).replace(microsecond=0), actor=actor_id, entity=entity[:40],
                    entity_id=_plain(entity_id)[:60], action=action[:40], detail=detail[:MAX_DETAIL])


def audited(entity: str) -> Callable[[F], F]:
    """Decorate an administration service `(service, actor, *args, **kwargs)`: the change and its audit row commit
    together (the function's own transaction becomes a savepoint of this one), or neither does."""
    def wrap(function: F) -> F:
        @functools.wraps(function)
        def inner(service, actor, *args: Any, **kwargs: Any) -> Any:
            with database.atomic():
                result = function(service, actor, *args, **kwargs)
                parts = [_plain(a) for a in args] + [f"{k}={_plain(v)}" for k, v in kwargs.items()]
                record(actor.id, entity, function.__name__, args[0] if args else "", "; ".join(parts),
                       at=service.now())
            return result
        return inner  # type: ignore[return-value]
    return wrap
