"""Print the DDL peewee would run for models or new fields, on SQLite and PostgreSQL, to freeze into a migration.

A migration holds its statements as literal SQL, never built from today's models (a model that gains a field must not
change an earlier version). Write the model change, print its statements with this tool, paste them into the new
version's migration in desk_app/models/migrations.py; tests/models/test_schema_drift.py checks the result.

Targets are `module:NAME`:
  module:Model             CREATE TABLE and CREATE INDEX of the model's table
  module:MODELS            a list of models (e.g. schema:V3_MODELS), in the order peewee would create them
  module:Model.field       ALTER TABLE ... ADD COLUMN for one field (its default, foreign key and index)
  module:COLUMNS           a dict model -> field names (e.g. schema:V3_COLUMNS), ADD COLUMN for each

Examples (from the repository root):
  .venv/bin/python tools/freeze_ddl.py --dialect sqlite desk_app.models.schema:AuditLog
  .venv/bin/python tools/freeze_ddl.py --python desk_app.models.schema:V3_COLUMNS desk_app.models.schema:V3_MODELS
  .venv/bin/python tools/freeze_ddl.py --dialect postgres desk_app.models.schema:Staff.jurisdiction

--if-not-exists writes CREATE TABLE/INDEX IF NOT EXISTS (what database.create_tables ran); --python prints the
statements as a Python tuple body ready to paste. CREATE mode also works on an exported old release (PYTHONPATH
pointing at it); ADD COLUMN mode uses desk_app.models.migrations.add_column_statements, so it needs today's code.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections.abc import Iterable
from pathlib import Path

import peewee

# Run as a script from anywhere: the package is imported from the repository unless PYTHONPATH names another tree.
sys.path.append(str(Path(__file__).resolve().parents[1]))

DIALECTS = {"sqlite": peewee.SqliteDatabase, "postgres": peewee.PostgresqlDatabase}
WIDTH = 116


def _resolve(target: str) -> tuple[object, str | None]:
    """`module:Name` or `module:Model.field` -> (the object, the field name or None)."""
    module_name, _, name = target.partition(":")
    if not name:
        raise SystemExit(f"freeze_ddl: {target!r} is not module:NAME")
    module = importlib.import_module(module_name)
    head, _, field = name.partition(".")
    try:
        value = getattr(module, head)
    except AttributeError:
        raise SystemExit(f"freeze_ddl: {module_name} has no {head}") from None
    return value, field or None


def _is_model(value: object) -> bool:
    return isinstance(value, type) and issubclass(value, peewee.Model)


def create_statements(db: peewee.Database, models: Iterable[type[peewee.Model]], *,
                      if_not_exists: bool = False) -> list[str]:
    """CREATE TABLE and CREATE INDEX statements of `models` on `db`'s dialect, in create_tables order."""
    statements = []
    for model in peewee.sort_models(list(models)):
        with db.bind_ctx([model], bind_refs=False, bind_backrefs=False):
            contexts = [model._schema._create_table(safe=if_not_exists),
                        *model._schema._create_indexes(safe=if_not_exists)]
            for ctx in contexts:
                sql, params = ctx.query()
                if params:
                    raise SystemExit(f"freeze_ddl: {model.__name__}: a statement has parameters {params}: {sql}")
                statements.append(sql)
    return statements


def statements_for(db: peewee.Database, targets: list[str], *, if_not_exists: bool = False) -> list[str]:
    from_models: list[type[peewee.Model]] = []
    statements: list[str] = []

    def flush() -> None:
        statements.extend(create_statements(db, from_models, if_not_exists=if_not_exists))
        from_models.clear()

    for target in targets:
        value, field = _resolve(target)
        if field is not None or isinstance(value, dict):
            from desk_app.models.migrations import add_column_statements

            flush()
            columns = {value: [field]} if field is not None else value
            for model, names in columns.items():
                for name in names:
                    if name not in model._meta.fields:
                        raise SystemExit(f"freeze_ddl: {model.__name__} has no field {name}")
                    statements.extend(add_column_statements(db, model, name))
        elif _is_model(value):
            from_models.append(value)
        elif isinstance(value, (list, tuple)) and all(_is_model(m) for m in value):
            from_models.extend(value)
        else:
            raise SystemExit(f"freeze_ddl: {target} is neither a model, a list of models, a field nor a dict")
    flush()
    return statements


def _pieces(statement: str, indent: str) -> list[str]:
    """The statement cut after each ", " (after each space too where a piece alone is wider than a line)."""
    pieces = []
    for piece in re.findall(r".*?(?:, |$)", statement):
        if len(indent) + len(repr(piece)) > WIDTH:
            pieces.extend(re.findall(r"\S*\s*", piece))
        else:
            pieces.append(piece)
    return [p for p in pieces if p]


def python_literal(statements: list[str], indent: str = "    ") -> str:
    """The statements as the body of a Python tuple: adjacent string literals cut after ", ", one statement each."""
    lines = []
    for statement in statements:
        chunks, current = [], ""
        for piece in _pieces(statement, indent):
            if current and len(indent) + len(repr(current + piece)) + 1 > WIDTH:
                chunks.append(current)
                current = ""
            current += piece
        chunks.append(current)
        for i, chunk in enumerate(chunks):
            lines.append(indent + repr(chunk) + ("," if i == len(chunks) - 1 else ""))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[5:]))
    parser.add_argument("--dialect", choices=[*DIALECTS, "both"], default="both")
    parser.add_argument("--if-not-exists", action="store_true", help="CREATE ... IF NOT EXISTS")
    parser.add_argument("--python", action="store_true", help="print a Python tuple body instead of SQL lines")
    parser.add_argument("targets", nargs="+", metavar="module:NAME")
    args = parser.parse_args(argv)
    dialects = list(DIALECTS) if args.dialect == "both" else [args.dialect]
    for dialect in dialects:
        statements = statements_for(DIALECTS[dialect](None), args.targets, if_not_exists=args.if_not_exists)
        if len(dialects) > 1:
            print(f"# {dialect}" if args.python else f"-- {dialect}")
        print(python_literal(statements) if args.python else "\n".join(s + ";" for s in statements))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
