"""The one seam to the database: a proxy bound at start-up from a URL (SQLite file by default, PostgreSQL when shared)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

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


# Statements run on every save (the actor's record, the rows of a new ticket, the register day's check), written once
# per kind of database instead of being built again by peewee each time: building one costs more than running it.
_PREPARED: dict[tuple[object, ...], str] = {}
_PREPARED_PARAMS: dict[tuple[object, ...], int] = {}


def execute_prepared(name: str, build: Callable[[], peewee.Node], params: list[object]):
    """Run the query `build` returns (built once per kind of database, kept under `name`) with `params` in place of
    the parameters it was built with, in their order; returns the cursor."""
    key = (name, is_postgres())
    sql = _PREPARED.get(key)
    if sql is None:
        sql, built = database.get_sql_context().sql(build()).query()
        _PREPARED[key], _PREPARED_PARAMS[key] = sql, len(built)
    if len(params) != _PREPARED_PARAMS[key]:
        raise ValueError(f"{name}: {len(params)} parameters for a statement of {_PREPARED_PARAMS[key]}")
    return database.execute_sql(sql, params)


def insert_row(row: peewee.Model) -> int:
    """INSERT the fields set on a new model instance, as `row.save(force_insert=True)` would (the same columns, the
    values converted by their fields), by a statement written once for those columns; sets and returns its id."""
    model = type(row)
    data = {name: value for name, value in row.__data__.items() if name != "id"}
    postgres = is_postgres()
    key = (model, tuple(data), postgres)
    fields = model._meta.fields
    sql = _PREPARED.get(key)
    if sql is None:
        mark = "%s" if postgres else "?"
        columns = ", ".join(f'"{fields[name].column_name}"' for name in data)
        sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({", ".join(mark for _ in data)})'
        if postgres:
            sql += ' RETURNING "id"'
        _PREPARED[key] = sql
    cursor = database.execute_sql(sql, [fields[name].db_value(value) for name, value in data.items()])
    row.id = cursor.fetchone()[0] if postgres else cursor.lastrowid
    row._dirty.clear()
    return row.id
