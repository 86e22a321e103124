"""The one seam to the database: a proxy bound at start-up from a URL (SQLite file by default, PostgreSQL when shared)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import peewee
from playhouse.db_url import connect as connect_url

database = peewee.DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",      # readers never wait for the writer
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": 10000,      # a second desk's write waits instead of failing with "database is locked"
    "cache_size": -32000,
}


def open_database(url: str) -> peewee.Database:
    """Connect the proxy to `url` (sqlite:///path, postgresql://…) and return the real database."""
    if url.startswith("sqlite"):
        # IMMEDIATE: a write transaction takes the write lock at BEGIN, so number allocation cannot race.
        db = connect_url(url, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE")
    else:
        db = connect_url(url)
    database.initialize(db)
    db.connect(reuse_if_open=True)
    return db


def close_database() -> None:
    if database.obj is not None and not database.is_closed():
        database.close()


def is_postgres() -> bool:
    return isinstance(database.obj, peewee.PostgresqlDatabase)


@contextlib.contextmanager
def transaction() -> Iterator[None]:
    """A write transaction: everything inside commits together or not at all."""
    with database.atomic():
        yield
