"""Pages of the monthly report (月度工单统计报告) of a preset's demo month, rendered with pdftoppm to look at.

    .venv/bin/python tools/screenshots_report.py [OUT_DIR [PRESET [PAGES]]]

Makes a database (`init-db --preset`, then `demo` ending at NOW), prints the 2026-11 report as the supervisor,
and writes the first PAGES pages (default 4; 0: every page) as monthly_report_p<N>.png at 80 dpi in OUT_DIR
(default resources/screenshots), with the PDF itself beside them in a temporary folder. Prints the page count.
"""

from __future__ import annotations

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


def main(argv: list[str]) -> int:
    from desk_app.models.db import close_database
    from desk_app.models.schema import Staff
    from desk_app.services.desk import Actor, DeskService
    from desk_app.services.reports import monthly_report
    from desk_app.services.setup import init_database

    out = Path(argv[1]) if len(argv) > 1 else ROOT / "resources" / "screenshots"
    preset = argv[2] if len(argv) > 2 else "property"
    pages = int(argv[3]) if len(argv) > 3 else 4
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DESK_APP_DATA_DIR"] = folder
        url = f"sqlite:///{Path(folder) / 'desk.db'}"
        _make_database(url, preset)
        init_database(url)
        supervisor = Actor.of(Staff.get((Staff.role == "supervisor") & Staff.active))
        pdf = Path(folder) / "report.pdf"
        pdf.write_bytes(monthly_report(DeskService(now=lambda: NOW).viewer(supervisor), "2026-11", NOW))
        close_database()
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
        last = count if pages == 0 else min(pages, count)
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", str(last), str(pdf),
                        str(Path(folder) / "page")], check=True)
        for image in sorted(Path(folder).glob("page-*.png")):
            number = int(image.stem.split("-")[-1])
            image.replace(out / f"monthly_report_p{number}.png")
    print(f"{preset}: {count} pages, wrote pages 1–{last} to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
