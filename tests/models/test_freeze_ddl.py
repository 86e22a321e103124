"""tools/freeze_ddl.py prints the statements a new schema version freezes, and add_column_statements adds a column
to a table whose rows other tables refer to (no table rebuild on SQLite)."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import sqlite3
from pathlib import Path

import peewee as pw
import pytest

from desk_app.models.migrations import add_column_statements

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("freeze_ddl", ROOT / "tools" / "freeze_ddl.py")
freeze_ddl = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(freeze_ddl)

HERE = __name__


class Base(pw.Model):
    class Meta:
        database = pw.DatabaseProxy()      # never bound: the tool binds a dialect of its own
        legacy_table_names = False


class Shelf(Base):
    name = pw.CharField(unique=True, max_length=40)


class Book(Base):
    title = pw.CharField(max_length=100)
    shelf = pw.ForeignKeyField(Shelf, backref="books", on_delete="CASCADE")
    lent = pw.BooleanField(default=False)
    note = pw.TextField(default="it's new")
    isbn = pw.CharField(null=True, unique=True, max_length=20)
    previous = pw.ForeignKeyField("self", null=True, on_delete="SET NULL")
    added_at = pw.DateTimeField(default=dt.datetime.now)    # callable: no constant for the existing rows

    class Meta:
        indexes = ((("shelf", "title"), True),)


NEW_COLUMNS = {Book: ["lent", "note", "isbn", "previous"]}


def test_create_statements_per_dialect(capsys):
    assert freeze_ddl.main(["--dialect", "sqlite", f"{HERE}:Book"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        'CREATE TABLE "book" ("id" INTEGER NOT NULL PRIMARY KEY, "title" VARCHAR(100) NOT NULL, '
        '"shelf_id" INTEGER NOT NULL, "lent" INTEGER NOT NULL, "note" TEXT NOT NULL, "isbn" VARCHAR(20), '
        '"previous_id" INTEGER, "added_at" DATETIME NOT NULL, '
        'FOREIGN KEY ("shelf_id") REFERENCES "shelf" ("id") ON DELETE CASCADE, '
        'FOREIGN KEY ("previous_id") REFERENCES "book" ("id") ON DELETE SET NULL);',
        'CREATE INDEX "book_shelf_id" ON "book" ("shelf_id");',
        'CREATE UNIQUE INDEX "book_isbn" ON "book" ("isbn");',
        'CREATE INDEX "book_previous_id" ON "book" ("previous_id");',
        'CREATE UNIQUE INDEX "book_shelf_id_title" ON "book" ("shelf_id", "title");',
    ]
    freeze_ddl.main(["--dialect", "postgres", "--if-not-exists", f"{HERE}:Shelf"])
    assert capsys.readouterr().out.splitlines() == [
        'CREATE TABLE IF NOT EXISTS "shelf" ("id" SERIAL NOT NULL PRIMARY KEY, "name" VARCHAR(40) NOT NULL);',
        'CREATE UNIQUE INDEX IF NOT EXISTS "shelf_name" ON "shelf" ("name");',
    ]


def test_add_column_statements_per_dialect(capsys):
    freeze_ddl.main(["--dialect", "sqlite", f"{HERE}:NEW_COLUMNS"])
    assert capsys.readouterr().out.splitlines() == [
        'ALTER TABLE "book" ADD COLUMN "lent" INTEGER NOT NULL DEFAULT 0;',
        'ALTER TABLE "book" ADD COLUMN "note" TEXT NOT NULL DEFAULT \'it\'\'s new\';',
        'ALTER TABLE "book" ADD COLUMN "isbn" VARCHAR(20);',
        'CREATE UNIQUE INDEX "book_isbn" ON "book" ("isbn");',
        'ALTER TABLE "book" ADD COLUMN "previous_id" INTEGER REFERENCES "book" ("id") ON DELETE SET NULL;',
        'CREATE INDEX "book_previous_id" ON "book" ("previous_id");',
    ]
    freeze_ddl.main(["--dialect", "postgres", f"{HERE}:Book.lent"])
    assert capsys.readouterr().out.splitlines() == [
        'ALTER TABLE "book" ADD COLUMN "lent" BOOLEAN;',
        'UPDATE "book" SET "lent" = FALSE;',
        'ALTER TABLE "book" ALTER COLUMN "lent" SET NOT NULL;',
    ]


def test_python_output_is_the_same_statements_as_a_tuple(capsys):
    freeze_ddl.main(["--dialect", "sqlite", f"{HERE}:Shelf", f"{HERE}:Book"])
    statements = [line.removesuffix(";") for line in capsys.readouterr().out.splitlines()]
    freeze_ddl.main(["--dialect", "sqlite", "--python", f"{HERE}:Shelf", f"{HERE}:Book"])
    text = capsys.readouterr().out
    assert max(len(line) for line in text.splitlines()) <= 120
    assert list(eval(f"(\n{text}\n)")) == statements      # noqa: S307 - our own output, a tuple of literals


def test_not_null_column_without_constant_default_is_refused():
    with pytest.raises(ValueError, match="constant default"):
        add_column_statements(pw.SqliteDatabase(None), Book, "added_at")


@pytest.mark.sqlite_only("runs the added columns' DDL on an SQLite file and reads it back with the sqlite3 module")
def test_added_columns_work_on_a_sqlite_table_that_other_rows_refer_to(tmp_path):
    # playhouse.migrate rebuilds "shelf" for a NOT NULL column: dropping the old table deletes the books through
    # ON DELETE CASCADE without a word (or fails under a RESTRICT or NO ACTION key, as history → ticket).
    path = tmp_path / "books.db"
    db = pw.SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    with db.bind_ctx([Shelf, Book]):
        db.create_tables([Shelf, Book])
        Book.create(title="三体", shelf=Shelf.create(name="科幻"), lent=True)
        Shelf._meta.add_field("floor", pw.IntegerField(default=1))
        try:
            with db.atomic():
                for statement in add_column_statements(db, Shelf, "floor"):
                    db.execute_sql(statement)
        finally:
            Shelf._meta.remove_field("floor")
    db.close()
    with contextlib.closing(sqlite3.connect(path)) as check:
        assert check.execute("SELECT name, floor FROM shelf").fetchall() == [("科幻", 1)]
        assert check.execute("SELECT COUNT(*) FROM book").fetchone() == (1,)
