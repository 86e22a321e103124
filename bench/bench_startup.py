"""How long `desk-app` takes to start: to the sign-in dialog, and to the main window after sign-in, against a bare
QMainWindow measured in the same run.

Run: .venv/bin/python bench/bench_startup.py [--repeat N] [--big PATH] [--skip-big]

Every figure is the median of N runs (default 7) of a fresh process, offscreen, from the moment the benchmark starts
the process to the first paint of the window measured (the process prints the wall-clock time of that paint):

(a) a bare QMainWindow (import PySide6.QtWidgets, QApplication, show);
(b) `desk-app --no-demo --database URL` to the first paint of the sign-in dialog (the env hook
    DESK_APP_EXIT_AFTER_FIRST_PAINT=1: desk_app.ui.app's probe prints the paint and closes the dialog);
(c) the same start to the first paint of the main window after sign-in (DESK_APP_EXIT_AFTER_FIRST_PAINT=main: the
    probe watches the main window only). A small driver (DRIVER below) runs desk_app.cli.main exactly as `desk-app`
    does, with one seam replaced: desk_app.ui.app.run_dialog, through which the start-up runs the sign-in dialog.
    The driver's run_dialog runs the real dialog (exec), and at its first paint types the user name and the known
    password into its fields and clicks 登录 (the real sign-in: argon2 verification on its worker, lock-out
    bookkeeping, the last-user setting).
    "clicked at once": the click comes right after the dialog's first paint, before the database is open (it opens
    on a worker right after that paint; the click waits for it). The figure is the wall time from the process start
    to the main window's paint: everything a start does. "click → main window, the same runs" is the part from the
    click: opening the database, loading the main window's modules, the argon2 check, the window built and painted.
    "typed in 1.5 s": the click comes --typing-ms after that paint (a person typing a user name and a password).
    "click → main window, typed" is what signing in costs once the start-up has used the typing time to open the
    database and load the main window's modules: the argon2 check (a fifth of a second, on purpose) and the window
    built and painted. "waits" leaves out the moments the dialog stood waiting for the typing: start → dialog plus
    click → main window, what the person waits for.

Databases: an empty one (init-db, administrator with a known password), the demo (built as the first start builds
it; signed in as the demo's receptionist `reception`), and a big one (default /tmp/h5/desk-1000000.db, a copy of the
1,000,000-ticket database bench/bench_queue.py builds; skipped when missing). Every database gets its password set
once before timing (argon2 defaults, as in production) and is warmed by one unmeasured start.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIG_DEFAULT = Path("/tmp/h5/desk-1000000.db")
PASSWORD = "Bench-pass-2026"

BARE_WINDOW = """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print(f"first-paint {time.time():.6f}", flush=True)
            watched.removeEventFilter(self)
            QTimer.singleShot(0, watched.close)
        return False
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1480, 900)
probe = Probe()
window.installEventFilter(probe)
window.show()
app.exec()
"""

# `desk-app ARGS` with the sign-in dialog driven: sys.argv[1] is the user name, sys.argv[2] the password, sys.argv[3]
# how long after the dialog's first paint the click comes (ms: the typing), the rest the command line. Prints
# "signin-paint T", "signin-click T"; the start-up's own probe (DESK_APP_EXIT_AFTER_FIRST_PAINT=main, an event
# filter on the main window only) prints "first-paint T MainWindow …" and closes the window. (An event filter in
# Python on the whole application, as this driver had first, is called for every event of every widget and made
# building the main window 180 ms slower than it is.)
DRIVER = """
import sys, time
username, password, typing_ms, argv = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
from desk_app.cli import main
import desk_app.ui.app as app_module
from PySide6.QtCore import QEvent, QObject, QTimer

class Typist(QObject):
    def __init__(self, dialog):
        super().__init__(dialog)
        self.dialog = dialog
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched is self.dialog:
            print(f"signin-paint {time.time():.6f}", flush=True)
            watched.removeEventFilter(self)
            QTimer.singleShot(typing_ms, self.type_and_click)
        return False
    def type_and_click(self):
        print(f"signin-click {time.time():.6f}", flush=True)
        self.dialog.username_edit.setText(username)
        self.dialog.password_edit.setText(password)
        self.dialog.sign_in_button.click()

real_run_dialog = app_module.run_dialog

def run_dialog(dialog):
    if type(dialog).__name__ == "SignInDialog":
        dialog.installEventFilter(Typist(dialog))
    return real_run_dialog(dialog)

app_module.run_dialog = run_dialog
sys.exit(main(argv))
"""


def _times(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Run one start; ms from the process start to each moment it printed."""
    started = time.time()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
    moments = {}
    for line in done.stdout.splitlines():
        word, _, rest = line.partition(" ")
        if word in ("first-paint", "signin-paint", "signin-click") and word not in moments:
            moments[word] = (float(rest.split()[0]) - started) * 1000
    if "first-paint" not in moments:
        raise RuntimeError(f"no first paint from {command[:3]}: exit {done.returncode}\n{done.stdout}\n{done.stderr}")
    return moments


def _run_python(code: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=ROOT)


SEED_PASSWORD = """
import sys
from desk_app.services.setup import init_database, set_initial_password
from desk_app.models.db import close_database
init_database(sys.argv[1])
set_initial_password(sys.argv[2], sys.argv[3], must_change=False)
close_database()
"""

SEED_DEMO = """
import sys
from desk_app.services.demo import build_demo
from desk_app.services.setup import finish_demo, init_database
from desk_app.models.db import close_database
init_database(sys.argv[1])
build_demo()
finish_demo()  # the demo accounts get the public demo password, as at the first start
close_database()
"""


def seed(url: str, username: str, password: str, env: dict[str, str], *, demo: bool = False) -> None:
    if demo:
        subprocess.run([sys.executable, "-c", SEED_DEMO, url], env=env, check=True, cwd=ROOT)
    else:
        subprocess.run([sys.executable, "-c", SEED_PASSWORD, url, username, password], env=env, check=True, cwd=ROOT)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--big", type=Path, default=BIG_DEFAULT, help="a big database (copied from bench_queue's)")
    parser.add_argument("--skip-big", action="store_true")
    parser.add_argument("--typing-ms", type=int, default=1500,
                        help="how long the typing of the user name and password takes in the 'waits' runs")
    args = parser.parse_args()

    desk = str(Path(sys.executable).with_name("desk-app"))
    from desk_app.services.demo import DEMO_PASSWORD

    with tempfile.TemporaryDirectory(prefix="desk-bench-startup-") as home:
        # Bytecode cached as in an installation (pip and PyInstaller compile it), kept out of the checkout; this
        # machine's PYTHONDONTWRITEBYTECODE would otherwise have every start compile every module again.
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=home, XDG_CONFIG_HOME=home, DESK_APP_DATA_DIR=home,
                   PYTHONPYCACHEPREFIX=f"{home}/pycache")
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("DESK_APP_EXIT_AFTER_FIRST_PAINT", None)
        cases = [("empty database", f"sqlite:///{home}/empty.db", "admin", PASSWORD, False),
                 ("demo database", f"sqlite:///{home}/demo.db", "reception", DEMO_PASSWORD, True)]
        if args.big.exists() and not args.skip_big:
            cases.append((f"{args.big.name}", f"sqlite:///{args.big}", "reception", PASSWORD, False))
        for _, url, username, password, demo in cases:
            seed(url, username, password, env, demo=demo)

        bare = [sys.executable, "-c", BARE_WINDOW]
        probe_env = dict(env, DESK_APP_EXIT_AFTER_FIRST_PAINT="1")
        main_env = dict(env, DESK_APP_EXIT_AFTER_FIRST_PAINT="main")
        _times(bare, env)  # warm the file cache
        results = []
        for name, url, username, password, _ in cases:
            options = ["--no-demo", "--lang", "zh_CN", "--database", url]
            to_dialog = [desk, *options]
            at_once = [sys.executable, "-c", DRIVER, username, password, "0", *options]
            typed = [sys.executable, "-c", DRIVER, username, password, str(args.typing_ms), *options]
            _times(to_dialog, probe_env)  # warm: the file cache, the settings written once, like a second start
            _times(at_once, main_env)
            dialog_ms, total_ms, click_ms, waits_ms, typed_click_ms, bare_ms = [], [], [], [], [], []
            for _ in range(args.repeat):  # interleaved, so a busy moment of the machine touches all alike
                bare_ms.append(_times(bare, env)["first-paint"])
                dialog_ms.append(_times(to_dialog, probe_env)["first-paint"])
                moments = _times(at_once, main_env)
                total_ms.append(moments["first-paint"])
                click_ms.append(moments["first-paint"] - moments["signin-click"])
                moments = _times(typed, main_env)
                waits_ms.append(moments["first-paint"] - (moments["signin-click"] - moments["signin-paint"]))
                typed_click_ms.append(moments["first-paint"] - moments["signin-click"])
            results.append((name, statistics.median(bare_ms), statistics.median(dialog_ms),
                            statistics.median(total_ms), statistics.median(click_ms), statistics.median(waits_ms),
                            statistics.median(typed_click_ms)))

    print(f"start-up, offscreen, fresh process each, median of {args.repeat} (ratios against the bare QMainWindow "
          "of the same rounds)")
    typed = f"typed in {args.typing_ms / 1000:.1f} s"
    for name, bare_ms, dialog_ms, total_ms, click_ms, waits_ms, typed_click_ms in results:
        print(f"  {name}: bare QMainWindow {bare_ms:5.0f} ms")
        for label, ms, note in (
                ("start → sign-in dialog", dialog_ms, ""),
                ("start → main window, clicked at once", total_ms, "(all of a start: dialog, database, sign-in, window)"),
                ("click → main window, the same runs", click_ms, "(database opened, argon2 check, window built)"),
                (f"click → main window, {typed}", typed_click_ms, "(after sign-in: argon2 check, window built)"),
                (f"main window, {typed}: waits", waits_ms, "(start → dialog + click → main window)")):
            print(f"    {label:<40} {ms:6.0f} ms  ratio {ms / bare_ms:5.2f}  {note}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
