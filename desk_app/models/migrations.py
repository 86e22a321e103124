"""Schema versions: each migration runs once, in order, in its own transaction; the version is stored in the database.

Version 1 creates the tables as the models first defined them. A later change adds a migration here that alters the
existing tables (playhouse.migrate), so a database made by any earlier release is brought up to date at start-up.
"""

from __future__ import annotations

from collections.abc import Callable

import peewee

from desk_app.models.db import database, is_postgres
from playhouse.migrate import PostgresqlMigrator, SqliteMigrator
from playhouse.migrate import migrate as run_operations

from desk_app.models.schema import V1_MODELS, V2_MODELS, V3_COLUMNS, V3_MODELS, SchemaVersion, Staff, Ticket

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
    database.create_tables(V1_MODELS)
    for statement in _POSTGRES_APPEND_ONLY if is_postgres() else _SQLITE_APPEND_ONLY:
        database.execute_sql(statement)


def _add_missing_columns(model: type[peewee.Model], names: list[str]) -> None:
    """Add the model's fields `names` to its table unless they are there (v1 tables made by a newer program)."""
    existing = {c.name for c in database.get_columns(model._meta.table_name)}
    migrator = PostgresqlMigrator(database.obj) if is_postgres() else SqliteMigrator(database.obj)
    fields = model._meta.fields
    operations = [migrator.add_column(model._meta.table_name, fields[n].column_name, fields[n])
                  for n in names if fields[n].column_name not in existing]
    if operations:
        run_operations(*operations)


def _v2_workflow() -> None:
    _add_missing_columns(Staff, ["failed_signins", "locked_until", "must_change_password"])
    _add_missing_columns(Ticket, ["scope", "station", "sensitive", "complaint_level", "linked_ticket", "escalation",
                                  "quarantined", "routed", "quoted_price", "owner_consent", "rectify_by",
                                  "reply_note"])
    database.create_tables(V2_MODELS)


def _v3_seed_procedures() -> None:
    # TODO(freeze): written out as DDL once the version-3 tables are final.
    for model, names in V3_COLUMNS.items():
        _add_missing_columns(model, names)
    database.create_tables(V3_MODELS)


MIGRATIONS: list[tuple[int, Callable[[], None]]] = [
    (1, _v1_initial_schema),
    (2, _v2_workflow),
    (3, _v3_seed_procedures),
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
