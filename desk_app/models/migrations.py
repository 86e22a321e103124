"""Schema versions: each migration runs once, in order, in its own transaction; the version is stored in the database.

Version 1 creates the tables as the models first defined them. A later change adds a migration here that alters the
existing tables (playhouse.migrate), so a database made by any earlier release is brought up to date at start-up.
"""

from __future__ import annotations

from collections.abc import Callable

import peewee

from desk_app.models.db import database, is_postgres
from desk_app.models.schema import ALL_MODELS, SchemaVersion

_SQLITE_APPEND_ONLY = [
    "CREATE TRIGGER IF NOT EXISTS history_no_update BEFORE UPDATE ON history "
    "BEGIN SELECT RAISE(ABORT, 'history is append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS history_no_delete BEFORE DELETE ON history "
    "BEGIN SELECT RAISE(ABORT, 'history is append-only'); END",
]
_POSTGRES_APPEND_ONLY = [
    "CREATE OR REPLACE FUNCTION history_append_only() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'history is append-only'; END $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS history_append_only ON history",
    "CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON history "
    "FOR EACH ROW EXECUTE FUNCTION history_append_only()",
]


def _v1_initial_schema() -> None:
    database.create_tables(ALL_MODELS)
    for statement in _POSTGRES_APPEND_ONLY if is_postgres() else _SQLITE_APPEND_ONLY:
        database.execute_sql(statement)


MIGRATIONS: list[tuple[int, Callable[[], None]]] = [
    (1, _v1_initial_schema),
]
CURRENT_VERSION = MIGRATIONS[-1][0]


def schema_version() -> int:
    """The version of the connected database (0 for an empty one)."""
    if not SchemaVersion.table_exists():
        return 0
    return SchemaVersion.select(peewee.fn.MAX(SchemaVersion.version)).scalar() or 0


def migrate() -> int:
    """Bring the schema up to CURRENT_VERSION; returns the number of migrations applied."""
    current = schema_version()
    if current > CURRENT_VERSION:
        raise RuntimeError(
            f"the database has schema version {current}, newer than this program ({CURRENT_VERSION}): update the program"
        )
    applied = 0
    for version, step in MIGRATIONS:
        if version <= current:
            continue
        with database.atomic():
            step()
            SchemaVersion.create(version=version)
        applied += 1
    return applied
