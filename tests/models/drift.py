"""The drift check: does the migrated schema of a database hold exactly what today's models describe?

Shared by the fresh-database tests (SQLite and PostgreSQL) and the upgrade tests of old database files. A model that
gains, loses or changes a field without a migration doing the same makes `schema_differences` non-empty.
"""

from __future__ import annotations

import peewee
import pytest

from desk_app.models.db import database
from desk_app.models.schema import ALL_MODELS, History


def _expected_indexes(model: type[peewee.Model]) -> set[tuple[str, tuple[str, ...], bool]]:
    return {(index._name, tuple(f.column_name for f in index._expressions), bool(index._unique))
            for index in model._meta.fields_to_index()}


def schema_differences(db: peewee.Database) -> list[str]:
    """What the database lacks or has otherwise than the models: tables, columns (names, nullability), indexes
    (name, columns, uniqueness) and foreign keys (deferred ones excepted: peewee never creates their constraint)."""
    problems: list[str] = []
    tables = set(db.get_tables())
    for model in ALL_MODELS:
        table = model._meta.table_name
        if table not in tables:
            problems.append(f"{table}: no such table")
            continue
        columns = {c.name: c for c in db.get_columns(table)}
        fields = {f.column_name: f for f in model._meta.sorted_fields}
        problems += [f"{table}.{name}: column missing" for name in sorted(fields.keys() - columns.keys())]
        problems += [f"{table}.{name}: column not in the model" for name in sorted(columns.keys() - fields.keys())]
        for name in sorted(fields.keys() & columns.keys()):
            if columns[name].null != fields[name].null:
                problems.append(f"{table}.{name}: {'NULL' if columns[name].null else 'NOT NULL'} in the database, "
                                f"{'NULL' if fields[name].null else 'NOT NULL'} in the model")
        indexes = {(i.name, tuple(i.columns), bool(i.unique)) for i in db.get_indexes(table)}
        problems += [f"{table}: index {name} {list(cols)}{' unique' if unique else ''} missing"
                     for name, cols, unique in sorted(_expected_indexes(model) - indexes)]
        foreign_keys = {(k.column, k.dest_table, k.dest_column) for k in db.get_foreign_keys(table)}
        for field, target in model._meta.refs.items():
            key = (field.column_name, target._meta.table_name, field.rel_field.column_name)
            if not field.deferred and key not in foreign_keys:
                problems.append(f"{table}.{field.column_name}: foreign key to {key[1]}.{key[2]} missing")
    return problems


def assert_history_is_append_only() -> None:
    """The database's triggers refuse to change or delete a history row (there must be one)."""
    row = History.select().order_by(History.id).first()
    assert row is not None, "no history row to try the triggers on"
    with pytest.raises(peewee.DatabaseError, match="append-only"):
        with database.atomic():
            History.update(note="changed").where(History.id == row.id).execute()
    with pytest.raises(peewee.DatabaseError, match="append-only"):
        with database.atomic():
            History.delete().where(History.id == row.id).execute()
    assert History.get_by_id(row.id).note == row.note


def assert_return_visits_are_append_only() -> None:
    """The database's triggers refuse to change or delete a return-visit row (there must be one), as the history's."""
    from desk_app.models.schema import ReturnVisit

    row = ReturnVisit.select().order_by(ReturnVisit.id).first()
    assert row is not None, "no return visit to try the triggers on"
    with pytest.raises(peewee.DatabaseError, match="append-only"):
        with database.atomic():
            ReturnVisit.update(satisfaction="satisfied", note="changed").where(ReturnVisit.id == row.id).execute()
    with pytest.raises(peewee.DatabaseError, match="append-only"):
        with database.atomic():
            ReturnVisit.delete().where(ReturnVisit.id == row.id).execute()
    kept = ReturnVisit.get_by_id(row.id)
    assert (kept.satisfaction, kept.note) == (row.satisfaction, row.note)
