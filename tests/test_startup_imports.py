"""A fast start imports only what its first screen needs: the command line no Qt and no heavy service, the window's
start no main window, report, export or printing module before the sign-in dialog, and the main window no Excel,
PDF-making or chart library (they load when first used). Each check runs in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import uuid

# Never needed before the sign-in dialog paints.
NOT_BEFORE_SIGN_IN = (
    "reportlab", "openpyxl", "pypinyin", "PySide6.QtCharts", "PySide6.QtPdf", "PySide6.QtPdfWidgets",
    "desk_app.print", "desk_app.services.exports", "desk_app.services.demo", "desk_app.services.notify",
    "desk_app.services.backup", "desk_app.services.papers", "desk_app.ui.main_window", "desk_app.ui.detail",
    "desk_app.ui.intake", "desk_app.ui.export", "desk_app.ui.batch_print", "desk_app.ui.report",
    "desk_app.ui.summary", "desk_app.ui.pdf_preview", "desk_app.ui.dialogs", "desk_app.ui.customers",
    "desk_app.ui.knowledge", "desk_app.ui.admin", "smtplib",
    # Loaded when first used: phone numbers' metadata (the first number typed or shown), the PostgreSQL driver (a
    # postgresql:// database opened; desk_app.models.db holds it back from peewee).
    "phonenumbers", "psycopg2",
    # The database opens on a worker after the dialog's first paint: the database library, the models, the services,
    # the password hashing and the data folder's library load then, not before.
    "peewee", "playhouse", "desk_app.models", "desk_app.services", "argon2", "platformdirs",
)
# Never needed to show the main window: loaded by the command that uses them.
NOT_FOR_MAIN_WINDOW = (
    "reportlab", "openpyxl", "PySide6.QtCharts", "desk_app.print", "desk_app.services.exports",
    "desk_app.services.demo", "desk_app.ui.report", "desk_app.ui.summary",
    # services.notify's senders import the mail and HTTP modules when they send.
    "smtplib", "urllib.request", "http.client",
)


def _loaded(code: str, *args: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules a fresh interpreter holds after `code`, which prints json.dumps(sorted(sys.modules)) last."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], capture_output=True, text=True,
                          timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def _env(home) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home),
               DESK_APP_DATA_DIR=str(home))
    env.pop("DESK_DATABASE_URL", None)
    env.pop("DESK_APP_EXIT_AFTER_FIRST_PAINT", None)
    return env


def _seeded(home) -> str:
    """A database someone can sign into (so the start goes straight to the sign-in dialog)."""
    url = f"sqlite:///{home / 'desk.db'}"
    subprocess.run([sys.executable, "-c", textwrap.dedent("""
        import sys
        from desk_app.services.auth import use_cheap_hashing_for_tests
        from desk_app.services.setup import init_database, set_initial_password
        use_cheap_hashing_for_tests()
        init_database(sys.argv[1])
        set_initial_password("admin", "Start-pass-2026", must_change=False)
    """), url], check=True, env=_env(home), timeout=120)
    return url


def _among(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if any(m == name or m.startswith(name + ".") for name in names))


def test_the_command_line_imports_no_qt_and_no_service():
    modules = _loaded("import json, sys; import desk_app.cli; print(json.dumps(sorted(sys.modules)))")
    assert _among(modules, ("PySide6", "peewee", "desk_app.ui", "desk_app.services", "desk_app.models",
                            *NOT_BEFORE_SIGN_IN)) == []


def test_the_window_start_imports_only_the_sign_in_dialog_before_it_shows(tmp_path):
    """`desk-app` with no command, run for real up to the sign-in dialog (the start-up's run_dialog seam records
    the modules loaded when the dialog is about to run, then cancels it)."""
    url = _seeded(tmp_path)
    env = _env(tmp_path)
    modules = _loaded("""
        import json, sys
        from desk_app.cli import main
        import desk_app.ui.app as app
        seen = {}
        def run_dialog(dialog):
            seen.setdefault(type(dialog).__name__, sorted(sys.modules))
            return 0
        app.run_dialog = run_dialog
        code = main(["--no-demo", "--lang", "zh_CN", "--database", sys.argv[1]])
        assert code == 0 and list(seen) == ["SignInDialog"], (code, list(seen))
        print(json.dumps(seen["SignInDialog"]))
    """, url, env=env)
    assert "desk_app.ui.signin" in modules
    assert _among(modules, NOT_BEFORE_SIGN_IN) == []


def test_the_main_window_loads_while_the_sign_in_dialog_waits_for_the_typing(tmp_path):
    """The dialog on screen (run for real), nobody typing: the main window's modules are loaded meanwhile."""
    url = _seeded(tmp_path)
    modules = _loaded("""
        import json, sys
        from desk_app.cli import main
        import desk_app.ui.app as app
        from PySide6.QtCore import QTimer
        seen = {}
        def run_dialog(dialog):
            def look():
                if "desk_app.ui.main_window.window" in sys.modules or "gave-up" in seen:
                    seen["modules"] = sorted(sys.modules)
                    dialog.reject()
            poll = QTimer(dialog)
            poll.timeout.connect(look)
            poll.start(20)
            QTimer.singleShot(30_000, lambda: seen.setdefault("gave-up", True))
            return dialog.exec()
        app.run_dialog = run_dialog
        code = main(["--no-demo", "--lang", "zh_CN", "--database", sys.argv[1]])
        assert code == 0 and "gave-up" not in seen, seen.keys()
        print(json.dumps(seen["modules"]))
    """, url, env=_env(tmp_path))
    assert "desk_app.ui.main_window.window" in modules
    assert _among(modules, NOT_FOR_MAIN_WINDOW) == []


def test_the_main_window_imports_no_excel_pdf_or_chart_library():
    modules = _loaded("""
        import json, sys
        import desk_app.ui.main_window.window
        print(json.dumps(sorted(sys.modules)))
    """, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert "desk_app.ui.main_window.window" in modules
    assert _among(modules, NOT_FOR_MAIN_WINDOW) == []


def test_the_postgres_driver_held_back_from_peewee_is_loaded_when_a_postgres_database_opens(cluster, tmp_path):
    """On SQLite the driver never loads; a postgresql:// URL opened in a fresh interpreter then works as it would
    with peewee's own import of the driver: migrations (transactions), a read, a failed statement rolled back, the
    connection dialog's probe."""
    name = f"startup_driver_{uuid.uuid4().hex[:8]}"
    url = cluster.create_database(name)
    try:
        done = subprocess.run([sys.executable, "-c", textwrap.dedent("""
            import sys, tempfile
            from desk_app.models import db
            from desk_app.services.setup import init_database
            from desk_app.models.schema import Staff
            assert "psycopg2" not in sys.modules
            db.open_database("sqlite:///" + tempfile.mkdtemp() + "/desk.db")
            db.close_database()
            assert "psycopg2" not in sys.modules, "SQLite loaded the PostgreSQL driver"
            init_database(sys.argv[1])
            assert db.is_postgres() and Staff.select().count() >= 1
            try:
                with db.database.atomic():
                    db.database.execute_sql("SELECT no_such_column FROM staff")
            except Exception as error:
                assert "no_such_column" in str(error), error
            assert Staff.select().count() >= 1   # the connection is usable after the rollback
            db.close_database()
            print(db.probe_database(sys.argv[1]))
        """), url], capture_output=True, text=True, timeout=120, env=_env(tmp_path))
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip().startswith("PostgreSQL ")
    finally:
        cluster.drop_database(name)
