"""The suite runs on SQLite and on PostgreSQL (./run-tests runs both); the tests left out of the PostgreSQL run are the
ones about SQLite itself, each marked `sqlite_only("why")`, and the ones that never open the run's database. This list of them is kept by hand, so the set cannot grow
without a reason anyone reads."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"

NEWEST_MATCHES = "the newest-matches cap is SQLite's (FTS5 hands matches out newest first); PostgreSQL returns every match"
# Test (file::function, or file for a whole module) -> the reason its marker gives.
SQLITE_ONLY = {
    "tests/core/test_search.py::test_fts_match_searches_for_the_terms_as_typed":
        "checks FTS5 MATCH strings against an SQLite FTS5 table (sqlite3 module)",
    "tests/core/test_search.py::test_no_typed_text_makes_an_fts5_syntax_error":
        "checks FTS5 MATCH strings against an SQLite FTS5 table (sqlite3 module)",
    "tests/models/test_freeze_ddl.py::test_added_columns_work_on_a_sqlite_table_that_other_rows_refer_to":
        "runs the added columns' DDL on an SQLite file and reads it back with the sqlite3 module",
    "tests/models/test_migrations.py::test_sqlite_runs_in_wal_mode_with_foreign_keys":
        "reads SQLite's journal_mode and foreign_keys pragmas",
    "tests/models/test_planner_statistics.py": "SQLite's own statistics table and its planner",
    "tests/models/test_schema_drift.py::test_version_1_is_word_for_word_what_the_first_release_created":
        "compares the SQLite schema with the files earlier releases wrote (tests/data)",
    "tests/models/test_schema_drift.py::test_versions_1_and_2_build_the_tables_of_the_second_release":
        "compares the SQLite schema with the files earlier releases wrote (tests/data)",
    "tests/models/test_schema_drift.py::test_versions_1_to_3_are_word_for_word_what_the_third_release_created":
        "compares the SQLite schema with the files earlier releases wrote (tests/data)",
    "tests/models/test_schema_drift.py::test_version_4_adds_to_version_3_and_changes_nothing_of_it":
        "compares the SQLite schema with the files earlier releases wrote (tests/data)",
    "tests/models/test_schema_drift.py::test_versions_1_to_4_are_word_for_word_what_the_fourth_release_created":
        "compares the SQLite schema with the files earlier releases wrote (tests/data)",
    "tests/models/test_schema_drift.py::test_version_5_adds_the_form_numbers_and_changes_nothing_of_version_4":
        "compares the SQLite schema with the files earlier releases wrote (tests/data)",
    "tests/models/test_schema_drift.py::test_kept_files_are_whole_without_a_write_ahead_log":
        "reads the kept SQLite files with the sqlite3 module",
    "tests/services/test_create_from_intake.py::test_numbers_follow_on_an_sqlite_without_upsert_returning":
        "stands in for an SQLite older than 3.35 (sqlite3.sqlite_version_info)",
    "tests/services/test_search_newest_matches.py::test_a_common_phrase_finds_its_newest_matches_only_and_says_so":
        NEWEST_MATCHES,
    "tests/services/test_search_newest_matches.py::test_digits_inside_phones_find_the_newest_matches_too":
        NEWEST_MATCHES,
    "tests/services/test_search_newest_matches.py::test_the_text_condition_reads_the_index_newest_first_and_stops":
        NEWEST_MATCHES,
    "tests/ui/test_queue_search_note.py::test_a_capped_search_says_only_the_newest_matches_are_shown":
        NEWEST_MATCHES,
    "tests/services/test_search.py::test_no_search_path_scans_the_ticket_table":
        "reads SQLite's EXPLAIN QUERY PLAN (tests/models/test_search_indexes.py checks PostgreSQL's plans)",
    "tests/models/test_search_indexes.py::test_the_ticket_text_index_is_rewritten_only_when_its_texts_change":
        "reads the pages of SQLite's FTS5 index table (ticket_fts_data)",
    "tests/models/test_upgrade.py":
        "upgrades copies of the SQLite files earlier releases wrote (tests/data)",
}


def _sqlite_only_reason(node: ast.expr) -> str | None:
    """The reason of a `pytest.mark.sqlite_only("…")` expression, or None if `node` is another one."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "sqlite_only"):
        assert len(node.args) == 1 and isinstance(node.args[0], ast.Constant), ast.unparse(node)
        return node.args[0].value
    return None


def marked_sqlite_only() -> dict[str, str]:
    """Every sqlite_only marker in the test files, read from their source (module marks and test functions')."""
    found = {}
    for path in sorted(TESTS.rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "pytestmark" for t in node.targets):
                marks = node.value.elts if isinstance(node.value, (ast.List, ast.Tuple)) else [node.value]
                for mark in marks:
                    if (reason := _sqlite_only_reason(mark)) is not None:
                        found[name] = reason
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                for decorator in node.decorator_list:
                    if (reason := _sqlite_only_reason(decorator)) is not None:
                        found[f"{name}::{node.name}"] = reason
    return found


def test_the_tests_left_out_of_the_postgres_run_are_these():
    assert marked_sqlite_only() == SQLITE_ONLY


def test_the_postgres_run_leaves_out_the_marked_tests_and_those_without_the_runs_database():
    """Collected with DESK_TEST_DATABASE=postgres, the marked tests and the tests that never open the run's database
    (tests/models/test_freeze_ddl.py only reads and writes DDL text and SQLite files) are deselected, not skipped;
    the others stay."""
    environment = {**os.environ, "DESK_TEST_DATABASE": "postgres", "QT_QPA_PLATFORM": "offscreen"}
    files = ["tests/models/test_migrations.py", "tests/models/test_upgrade.py", "tests/models/test_freeze_ddl.py"]
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *files],
                          cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)
    collected = [line for line in done.stdout.splitlines() if "::" in line]
    assert collected == [
        "tests/models/test_migrations.py::test_new_database_is_migrated_to_the_current_version_once",
        "tests/models/test_migrations.py::test_database_newer_than_the_program_is_refused",
        "tests/models/test_migrations.py::test_desks_starting_at_once_on_a_new_database_migrate_and_seed_it_once",
    ], done.stdout + done.stderr
    assert "deselected" in done.stdout.splitlines()[-1]
