"""Refresh the translation source (resources/i18n/*.ts) from the code's tr() strings and compile the .qm files.

Run after changing user-visible strings: `.venv/bin/python tools/update_translations.py`, then translate the new
entries (Qt Linguist: `.venv/bin/pyside6-linguist resources/i18n/desk_app_zh_CN.ts`) and run it again.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ["zh_CN"]


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desk_app").rglob("*.py"))


def tool(name: str) -> str:
    return str(Path(sys.executable).with_name(f"pyside6-{name}"))


def update_ts(ts: Path, language: str = "zh_CN") -> None:
    subprocess.run([tool("lupdate"), "-no-obsolete", "-locations", "none", "-target-language", language, *sources(),
                    "-ts", str(ts)],
                   cwd=ROOT, check=True)


def release(ts: Path, qm: Path) -> None:
    subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], cwd=ROOT, check=True)


def main() -> int:
    for language in LANGUAGES:
        ts = I18N / f"desk_app_{language}.ts"
        update_ts(ts, language)
        release(ts, ts.with_suffix(".qm"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
