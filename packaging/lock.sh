#!/usr/bin/env bash
# Regenerates packaging/requirements-build.txt, the hash-locked list the bundle is built from: the app's
# dependencies as pinned in pyproject.toml (with the postgres extra, so that the bundle connects to PostgreSQL
# desks) plus PyInstaller (packaging/requirements-build.in). One "universal" lock for Linux and Windows: packages
# needed on one system only carry a marker (pywin32-ctypes and pefile on Windows, SecretStorage on Linux).
# Run it after changing a pin in pyproject.toml or requirements-build.in; it needs the package index, nothing else.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
UV_VERSION=0.13.8
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
"${PYTHON:-python3}" -m venv "$tools/venv"
"$tools/venv/bin/python" -m pip install -q "uv==$UV_VERSION"
"$tools/venv/bin/uv" pip compile pyproject.toml packaging/requirements-build.in --extra postgres \
    --universal --python-version 3.11 --generate-hashes \
    --custom-compile-command "packaging/lock.sh" -o packaging/requirements-build.txt
