"""The PyInstaller bundle (packaging/desk_app.spec, built by packaging/build.sh) starts without Python installed
around it: its command line makes a database, sets a password, fills demo data and prints a slip in the shipped
font, and its window starts offscreen and reaches the sign-in dialog.

The bundle is built once for the current source: into build/bundle/<hash of the sources, the spec and the lock>/
(DESK_BUNDLE_CACHE overrides the folder), so a second run on unchanged sources reuses it; a new build removes
the older ones. A build takes a few
minutes (packaging/build.sh prints how long).
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
BUILD_TIMEOUT = 1500
# What the bundle is made of: a change to any of these builds it again.
SOURCES = ("pyproject.toml", "packaging", "desk_app", "resources/fonts", "resources/i18n", "resources/presets")

# The first test to ask for the bundle may build it.
pytestmark = pytest.mark.timeout(BUILD_TIMEOUT + 300)


def source_key() -> str:
    digest = hashlib.sha256()
    for top in SOURCES:
        path = ROOT / top
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            if "__pycache__" in file.parts or file.suffix == ".pyc":
                continue
            digest.update(str(file.relative_to(ROOT)).encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@pytest.fixture(scope="module")
def bundle() -> Path:
    """The built app folder (dist/desk-app/ of packaging/build.sh), built now if not yet for these sources."""
    cache = Path(os.environ.get("DESK_BUNDLE_CACHE", ROOT / "build" / "bundle"))
    target = cache / source_key()
    folder = target / "desk-app"
    target.mkdir(parents=True, exist_ok=True)
    with open(target / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another test run building the same sources: wait for it
        if not (target / ".built").exists():
            build = subprocess.run(["bash", str(ROOT / "packaging" / "build.sh"), str(target)], cwd=ROOT,
                                   capture_output=True, text=True, timeout=BUILD_TIMEOUT)
            output = f"{build.stdout[-3000:]}\n{build.stderr[-3000:]}"
            assert build.returncode == 0, f"packaging/build.sh failed:\n{output}"
            print(build.stdout.strip().splitlines()[-1])  # the build's duration and size, shown with -s
            (target / ".built").touch()
            for older in cache.iterdir():  # bundles of earlier sources (~250 MiB each) go
                if older.is_dir() and older != target:
                    shutil.rmtree(older, ignore_errors=True)
    return folder


@pytest.fixture
def bundle_env(tmp_path: Path) -> dict[str, str]:
    """No Python of ours on the path, the user's folders in tmp_path, Qt offscreen."""
    home = tmp_path / "home"
    home.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local"),
               DESK_APP_DATA_DIR=str(home / "data"), QT_QPA_PLATFORM="offscreen")
    env.pop("DESK_DATABASE_URL", None)
    return env


def run(command: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, **kwargs)
    assert done.returncode == 0, f"{command} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
    return done


def test_the_bundle_starts_to_the_sign_in_dialog(bundle: Path, bundle_env: dict[str, str], tmp_path: Path):
    cli, gui = bundle / "desk-app", bundle / "desk-app-gui"
    database = f"sqlite:///{tmp_path / 'desk.db'}"
    # Someone can sign in, or the window would first show the administrator's one-time password.
    run([str(cli), "init-db", "--database", database], bundle_env)
    run([str(cli), "passwd", "admin", "--password-stdin", "--database", database], bundle_env,
        input="Bundle-pass-2026\n")

    # DESK_APP_EXIT_AFTER_FIRST_PAINT: the window prints what it painted first, then closes it.
    started = run([str(gui), "--no-demo", "--lang", "zh_CN", "--database", database],
                  dict(bundle_env, DESK_APP_EXIT_AFTER_FIRST_PAINT="1"))
    painted = [line.split(maxsplit=3) for line in started.stdout.splitlines() if line.startswith("first-paint ")]
    # The sign-in dialog, in Chinese from the bundle's translations. It paints before the database opens, so on a
    # first start it bears the program's name (工单台); later starts show the organisation's name remembered.
    assert [line[2:] for line in painted] == [["SignInDialog", "工单台"]], started.stdout + started.stderr
    assert "Traceback" not in started.stderr


def test_the_bundle_prints_a_slip_with_the_shipped_font(bundle: Path, bundle_env: dict[str, str], tmp_path: Path):
    database = f"sqlite:///{tmp_path / 'desk.db'}"
    cli = str(bundle / "desk-app")
    run([cli, "init-db", "--database", database], bundle_env)
    run([cli, "demo", "--tickets", "12", "--database", database], bundle_env)
    number = run([cli, "list", "--limit", "1", "--database", database], bundle_env).stdout.split("\t")[0]
    slip = tmp_path / "slip.pdf"
    run([cli, "print", "slip", number, "--database", database, "-o", str(slip)], bundle_env)
    reader = PdfReader(slip)
    assert "派工单" in reader.pages[0].extract_text()
    fonts = {str(font["/BaseFont"]) for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert fonts and all("WenQuanYiMicroHei" in name for name in fonts), fonts


def test_the_bundle_carries_its_resources_and_leaves_out_the_unused(bundle: Path):
    inside = bundle / "_internal"
    for shipped in ("desk_app/resources/fonts/wqy-microhei.ttc", "desk_app/resources/i18n/desk_app_zh_CN.qm",
                    "desk_app/resources/presets/property.json", "desk_app/resources/presets/telecom.json",
                    "desk_app/resources/presets/terminal.json", "PySide6/Qt/translations/qtbase_zh_CN.qm"):
        assert (inside / shipped).is_file(), shipped
    names = {path.name for path in inside.rglob("*")}
    # The PostgreSQL driver and ReportLab's accelerator are in; Qt Quick, QML and the tests' tools are not.
    assert any(name.startswith("_psycopg") for name in names)
    assert any(name.startswith("_rl_accel") for name in names)
    assert not any(name.startswith(("libQt6Quick", "libQt6Qml", "QtQuick", "pytest", "hypothesis"))
                   for name in names)
    assert not (inside / "PySide6" / "Qt" / "translations" / "qtbase_de.qm").exists()
