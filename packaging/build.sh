#!/usr/bin/env bash
# Builds 工单台 as a one-folder app with PyInstaller on Linux (the bundle runs on the kind of system it was built
# on; Windows builds with packaging/build-windows.ps1). Also used by tests/test_bundle.py and CI.
#
#   packaging/build.sh [DIST]      DIST: where the app folder goes (default dist/), as DIST/desk-app/
#
# The build environment is a virtual environment made from packaging/requirements-build.txt, every package checked
# against its hash (--require-hashes), none resolved at build time; it is kept in $DESK_BUILD_DIR (default
# build/packaging/) and remade only when the lock changes. Regenerate the lock with packaging/lock.sh.
# Prints the build's duration and the bundle's size on the last line.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$root"
source tools/bootstrap.sh

dist="$(realpath -m "${1:-dist}")"
work="$(realpath -m "${DESK_BUILD_DIR:-build/packaging}")"
lock=packaging/requirements-build.txt
started=$(date +%s)

# objdump (binutils) for PyInstaller's look at shared libraries; the libraries Qt loads when PyInstaller's hooks
# import PySide6 to ask where Qt keeps its plugins.
ensure_debian_packages python3-venv binutils libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 \
    libglib2.0-0

python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    echo "build.sh: the lock is made for Python 3.11; set PYTHON=/path/to/python3.11" >&2
    exit 1
fi

venv="$work/venv"
stamp="$venv/.lock-$(sha1sum "$lock" | cut -c1-12)"
if [ ! -f "$stamp" ]; then
    rm -rf "$venv"
    "$python" -m venv "$venv"
    # --no-deps: the lock lists every package; --only-binary: nothing is compiled on the build machine.
    "$venv/bin/python" -m pip install -q --require-hashes --no-deps --only-binary :all: -r "$lock"
    touch "$stamp"
fi

# The app itself is analysed from this checkout (the spec's pathex), not installed into the build environment.
QT_QPA_PLATFORM=offscreen "$venv/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath "$work/work" packaging/desk_app.spec

seconds=$(( $(date +%s) - started ))
size=$(du -sm "$dist/desk-app" | cut -f1)
echo "build.sh: built $dist/desk-app in ${seconds} s, ${size} MiB"
