"""Screenshots of the customer archive (offscreen, QWidget.grab, Chinese translator installed):

    .venv/bin/python tools/screenshots_customers.py [OUT_DIR]

On a fresh property-preset demo database it fills one demo customer's archive with the butler's fields (4.1.1),
then saves to OUT_DIR (default /tmp/shots/customers):
- customers_intake_typing.png: the main window while the receptionist is still typing the number; the caller's
  archive is on the intake card (and customers_intake_card.png, the intake panel alone);
- customers_window_<tab>.png: the 客户档案 window on that customer, each tab;
- customers_merge.png: the merge dialog with a duplicate archive side by side;
- customers_summary.png: the yearly archive summary.
It also prints how long one intake lookup takes (best of 20) on the demo.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

NOW = dt.datetime(2026, 11, 26, 10, 0)
TABS = ("basic", "contacts", "members", "history")


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path("/tmp/shots/customers")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DESK_APP_DATA_DIR"] = folder
        url = f"sqlite:///{Path(folder) / 'desk.db'}"
        _make_database(url)
        _shoot(url, out)
    return 0


def _make_database(url: str) -> None:
    from desk_app.models.db import close_database
    from desk_app.services.demo import build_demo
    from desk_app.services.presets import apply_preset
    from desk_app.services.setup import init_database

    init_database(url)
    apply_preset("property")
    build_demo(tickets=320, now=NOW)
    close_database()


def _settle(app, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()   # a screenshot tool, not the app: let the window paint once


def _save(widget, path: Path) -> None:
    widget.grab().save(str(path))
    print(path)


def _shoot(url: str, out: Path) -> None:
    from desk_app.core.customers import AddressDraft, CustomerDraft, MemberDraft, NumberDraft
    from desk_app.core.states import OPEN_STATES
    from desk_app.models.db import close_database
    from desk_app.models.schema import CustomerNumber, Staff, Ticket
    from desk_app.services import customers
    from desk_app.services.desk import Actor, DeskService
    from desk_app.services.search import search_customers
    from desk_app.services.setup import init_database
    from desk_app.ui.app import install_translators, make_application
    from desk_app.ui.context import DeskContext
    from desk_app.ui.main_window import MainWindow

    app = make_application()
    install_translators(app, "zh_CN")
    init_database(url)
    try:
        service = DeskService(now=lambda: NOW)
        desk = Actor.of(Staff.select().where((Staff.role == "receptionist") & Staff.active).order_by(Staff.id).first())
        ticket = (Ticket.select().where(Ticket.customer.is_null(False) & Ticket.state.in_([s.value for s in OPEN_STATES]))
                  .order_by(Ticket.id).first())
        customer_id = ticket.customer_id
        ctx = DeskContext(service, desk)
        archive = customers.open_archive(ctx.viewer(), customer_id)
        numbers = tuple(NumberDraft(n.number, "手机" if i == 0 else "") for i, n in enumerate(archive.numbers))
        numbers += (NumberDraft("010-62345678 转 12", "家"),)
        addresses = tuple(AddressDraft(a.address, a.area, "家") for a in archive.addresses)
        customers.update_customer(service, desk, customer_id, CustomerDraft(
            archive.name, numbers, addresses=addresses,
            members=(MemberDraft("李梅", "妻子", 1985, "教师", "瑜伽"), MemberDraft("小雨", "女儿", 2015, "学生", "钢琴"),
                     MemberDraft("张桂兰", "母亲", 1948, "退休", "", "", "行动不便")),
            household_size=4, occupation="工程师", birth_year=1983, interests="摄影、跑步", specialties="水电维修",
            pets="一只金毛犬", festivals="春节；中秋节", needs="老人行动不便，维修请提前电话预约；周末上门",
            notes="晚上八点后勿扰"), expected_version=archive.version)
        # A duplicate typed by another desk: the same name and address, another number.
        duplicate_id = customers.create_customer(service, desk, CustomerDraft(
            archive.name, (NumberDraft("19955550123"),), addresses=addresses[:1], occupation="工程师"))

        window = MainWindow(ctx, database_url=url)
        window.resize(1600, 1000)
        window.show()
        window.intake_dock.show()
        panel = window.intake
        digits = CustomerNumber.select().where(CustomerNumber.customer == customer_id).order_by(
            CustomerNumber.position).first().digits
        prefix = next((digits[:n] for n in range(3, len(digits) + 1)
                       if len(search_customers(ctx.viewer(), digits[:n], limit=9)) == 1), digits)
        panel.phone_edit.setFocus()
        panel.phone_edit.setText(prefix)
        panel.lookup_customer()
        _settle(app)
        print(f"typed {prefix!r} of {digits}: card shows {panel.customer.name if panel.customer else None}")
        _save(window, out / "customers_intake_typing.png")
        _save(panel, out / "customers_intake_card.png")

        panel.phone_edit.setText(digits[:3])
        panel.lookup_customer()
        _settle(app)
        _save(panel, out / "customers_intake_candidates.png")

        for text in (prefix, digits):
            panel.phone_edit.setText(text)
            best = float("inf")
            for _ in range(20):
                start = time.perf_counter()
                panel.lookup_customer()
                best = min(best, time.perf_counter() - start)
            print(f"intake lookup of {text!r}: best {best * 1000:.2f} ms")

        archive_window = window.open_customer_archive(customer_id)
        archive_window.resize(1280, 760)
        archive_window.search(digits[:4])
        _settle(app)
        for index, name in enumerate(TABS):
            archive_window.editor.tabs.setCurrentIndex(index)
            _settle(app)
            _save(archive_window, out / f"customers_window_{name}.png")

        dialog = archive_window.open_merge_dialog()
        dialog.search_duplicate("19955550123")
        _settle(app)
        print(f"merge: keep {dialog.keep.id if dialog.keep else None}, duplicate "
              f"{dialog.duplicate.id if dialog.duplicate else None} (expected {customer_id}, {duplicate_id})")
        _save(dialog, out / "customers_merge.png")
        dialog.reject()

        summary = archive_window.open_summary_dialog()
        _settle(app)
        _save(summary, out / "customers_summary.png")
        summary.reject()

        window.close()
        ctx.close()
        window.deleteLater()
        _settle(app)
    finally:
        close_database()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
