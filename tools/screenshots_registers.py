"""The first page of each register (来电来访登记表, 客户投诉登记表, 维修回访登记表) of a preset's demo month, rendered with
pdftoppm to look at.

    .venv/bin/python tools/screenshots_registers.py [OUT_DIR [PRESET]]

Makes a database (`init-db --preset`, then `demo` ending at NOW), has the supervisor sign the register of the days
of the week before NOW, prints the three registers of 2026-11 as the supervisor and writes page 1 of each as
form_register_<calls|complaints|visits>.png at 70 dpi in OUT_DIR (default resources/screenshots). Prints the page
counts.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from screenshots_procedures import NOW, _make_database  # noqa: E402 - after the path is set

FIRST, LAST = dt.date(2026, 11, 1), dt.date(2026, 11, 30)
SIGNED_DAYS = [dt.date(2026, 11, day) for day in range(1, 6)]


def main(argv: list[str]) -> int:
    from desk_app.models.db import close_database
    from desk_app.models.schema import Staff
    from desk_app.services import register
    from desk_app.services.desk import Actor, DeskService
    from desk_app.services.papers.registers import call_register, complaint_register, visit_register
    from desk_app.services.setup import init_database

    out = Path(argv[1]) if len(argv) > 1 else ROOT / "resources" / "screenshots"
    preset = argv[2] if len(argv) > 2 else "property"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DESK_APP_DATA_DIR"] = folder
        url = f"sqlite:///{Path(folder) / 'desk.db'}"
        _make_database(url, preset)
        init_database(url)
        supervisor = Actor.of(Staff.get((Staff.role == "supervisor") & Staff.active))
        for day in SIGNED_DAYS:   # each signed the evening of its day
            at = dt.datetime.combine(day, dt.time(17, 30))
            register.sign_day(DeskService(now=lambda at=at: at), supervisor, day)
        viewer = DeskService(now=lambda: NOW).viewer(supervisor)
        for name, make in (("calls", call_register), ("complaints", complaint_register), ("visits", visit_register)):
            pdf = Path(folder) / f"{name}.pdf"
            pdf.write_bytes(make(viewer, FIRST, LAST, supervisor, at=NOW))
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
            count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
            subprocess.run(["pdftoppm", "-r", "70", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                            str(Path(folder) / name)], check=True)
            (Path(folder) / f"{name}.png").replace(out / f"form_register_{name}.png")
            print(f"{preset} {name}: {count} pages, wrote page 1 to {out / f'form_register_{name}.png'}")
        close_database()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
