"""Screenshots of the detail pane and the intake panel on a fresh demo database, offscreen, with the shipped CJK font.

    .venv/bin/python tools/screenshots_panes.py [OUT_DIR] [--language zh_CN|en]

Writes detail.png (a complaint awaiting the department leader), detail_ftth.png (an FTTH install with its
construction task) and intake.png (a complaint being taken with the new fields) into OUT_DIR (default
resources/screenshots). Uses the zh_CN translation when its .qm exists.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NOW = dt.datetime(2026, 11, 26, 15, 30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(ROOT / "resources" / "screenshots"))
    parser.add_argument("--language", default="zh_CN")
    parser.add_argument("--dialogs", action="store_true", help="also the new dialogs (dialog_*.png)")
    parser.add_argument("--qm", help="load this compiled translation instead of the shipped one")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    from desk_app.core.kinds import Channel, Escalation, TicketKind
    from desk_app.core.policies import Variant
    from desk_app.core.validation import TicketDraft
    from desk_app.models.db import close_database
    from desk_app.models.schema import CatalogueEntry, Customer, Department, RoutingRule, Staff
    from desk_app.services import construction
    from desk_app.services.construction import DEFAULT_MARKETING
    from desk_app.services.demo import build_demo
    from desk_app.services.config import put_setting
    from desk_app.services.desk import Actor, DeskService
    from desk_app.services.setup import init_database
    from desk_app.ui.app import install_translators, make_application
    from desk_app.ui.context import DeskContext
    from desk_app.ui.detail.pane import DetailPane
    from desk_app.ui.intake.panel import IntakePanel

    app = make_application([])
    install_translators(app, args.language)
    if args.qm:
        from PySide6.QtCore import QTranslator

        translator = QTranslator(app)
        if not translator.load(args.qm):
            parser.error(f"cannot load {args.qm}")
        app.installTranslator(translator)
    with tempfile.TemporaryDirectory() as folder:
        init_database(f"sqlite:///{Path(folder) / 'desk.db'}")
        build_demo(tickets=80, now=NOW - dt.timedelta(hours=2))
        clock = [NOW - dt.timedelta(hours=1, minutes=50)]
        service = DeskService(now=lambda: clock[0])

        def actor(username: str) -> Actor:
            return Actor.of(Staff.get(Staff.username == username))

        def later(minutes: int) -> None:
            clock[0] += dt.timedelta(minutes=minutes)

        desk, assist = actor("reception"), Department.get(Department.code == "assist")
        customer = Customer.select().where(Customer.notes == "").order_by(Customer.id).first()
        # A complaint, repeated within the hour (申告, linked), escalated, drafted, now with the leader.
        common = dict(kind=TicketKind.COMPLAINT, phone=customer.phone, caller_name=customer.name,
                      address=customer.address, area=customer.area, category="噪音扰民")
        service.create_ticket(desk, TicketDraft(description="楼上住户深夜装修噪音，影响休息", **common))
        later(40)
        second = service.create_ticket(desk, TicketDraft(
            description="再次投诉：楼上住户晚上十一点后仍在装修，电钻声不断，老人孩子无法入睡，要求物业立即制止并答复处理结果",
            **common))
        service.escalate(desk, second, Escalation.EMERGENCY, "第二次投诉，情绪激动")
        later(5)
        service.dispatch(desk, second, assist.id, note="请今晚安排人员上门")
        receiver = actor("assist.recv")
        later(10)
        service.accept(receiver, second)
        service.start(receiver, second)
        later(35)
        service.resolve(receiver, second, "已上门劝阻楼上住户，对方承诺晚上八点后不再施工；已在楼道张贴装修时间告示，"
                                          "安排保安夜间巡查两周。")
        later(5)

        # An FTTH install: the on-site check found no free port; a construction task, confirmed by marketing.
        marketing = Department.get_or_none(Department.code == DEFAULT_MARKETING) or Department.create(
            name="营销部", code=DEFAULT_MARKETING)
        seller = Staff.get_or_none(Staff.username == "marketing.recv") or Staff.create(
            username="marketing.recv", name="钱敏", role="receiver", department=marketing)
        service.forget_cached()    # the configuration names the marketing department by its code
        network = Department.get(Department.code == "network")
        Staff.update(phone="+8613907110023").where(
            (Staff.department == network.id) & (Staff.role == "field")).execute()
        ftth_customer = Customer.select().order_by(Customer.id.desc()).first()
        ftth = service.create_ticket(desk, TicketDraft(
            kind=TicketKind.FTTH_INSTALL, variant=Variant.FTTH_BOX, phone=ftth_customer.phone,
            caller_name=ftth_customer.name, address=ftth_customer.address, area=ftth_customer.area,
            description="光网宽带开通：现场查勘该楼栋分纤箱端口已满，需增加分纤箱", channel=Channel.BUSINESS_HALL,
            accepted_at=clock[0] - dt.timedelta(days=2)))
        station = actor("network.recv")
        if Department.get_by_id(network.id).receiver_id and service._load_ticket(ftth).state == "new":
            service.dispatch(desk, ftth, network.id)
        later(10)
        service.accept(station, ftth)
        service.start(station, ftth)
        later(20)
        task = construction.open_task(service, station, ftth, item="分纤箱", cable_cores=12, cable_metres=180,
                                      due_date=(clock[0] + dt.timedelta(days=6)).date(),
                                      maintainer_name="秦工", maintainer_phone="13907110023")
        later(25)
        construction.confirm_by_marketing(service, Actor.of(seller), task)

        ctx = DeskContext(service, actor("assist.lead"))
        pane = DetailPane(ctx)
        pane.resize(860, 750)
        pane.show_ticket(second)
        shot(app, pane, out / "detail.png")
        if args.dialogs:
            from desk_app.core.states import Action
            from desk_app.ui.ticket_ops import TicketOp

            shot(app, pane.trigger(Action.APPROVE), out / "dialog_approve.png")
            ctx.set_actor(desk)
            shot(app, pane.trigger_operation(TicketOp.ESCALATE), out / "dialog_escalate.png")
            ctx.set_actor(actor("supervisor"))
            shot(app, pane.trigger_operation(TicketOp.CIRCULATE), out / "dialog_circulate.png")
            ctx.set_actor(receiver)
            service.send_back(actor("assist.lead"), second, "请补充")
            pane.reload()
            shot(app, pane.trigger(Action.TRANSFER), out / "dialog_transfer.png")
            pane._dialog.reject()
        ctx.set_actor(station)
        pane.show_ticket(ftth)
        pane.resize(860, 740)
        shot(app, pane, out / "detail_ftth.png")
        if args.dialogs:
            from desk_app.ui.ticket_ops import TicketOp

            shot(app, pane.trigger_operation(TicketOp.CONSTRUCTION_DONE), out / "dialog_construction_done.png")
            pane._dialog.reject()
            second_ftth = service.create_ticket(desk, TicketDraft(
                kind=TicketKind.FTTH_INSTALL, variant=Variant.FTTH_SPLITTER, phone=ftth_customer.phone,
                description="分光器端口不足", caller_name=ftth_customer.name))
            if service._load_ticket(second_ftth).state == "new":
                service.dispatch(desk, second_ftth, network.id)
            service.accept(station, second_ftth)
            service.start(station, second_ftth)
            pane.show_ticket(second_ftth)
            shot(app, pane.trigger_operation(TicketOp.CONSTRUCTION_OPEN), out / "dialog_construction.png")
            pane._dialog.reject()
        pane.close()

        # The intake: a complaint with catalogue, where, station, escalation and sensitivity.
        put_setting("stations", "城北维护站;城南维护站;交换站;建设站")
        for position, name in enumerate(["噪音扰民", "服务态度", "公共设施损坏", "收费争议"], start=1):
            CatalogueEntry.get_or_create(kind=TicketKind.COMPLAINT.value, name=name, defaults={"position": position})
        RoutingRule.create(position=9, name="公共区域投诉 → 安全部", kind=TicketKind.COMPLAINT.value, scope="public",
                           department=Department.get(Department.code == "security"))
        service.forget_cached()
        ctx.set_actor(desk)
        panel = IntakePanel(ctx)
        panel.resize(760, 620)
        panel.show()
        panel.phone_edit.setText(customer.phone.removeprefix("+86"))
        panel.lookup_customer()
        panel.content_edit.setPlainText("小区东门道闸夜间无人值守，外来车辆随意进出，多次反映未解决，业主表示将联系媒体")
        panel.kind_combo.setCurrentIndex(panel.kind_combo.findData(TicketKind.COMPLAINT))
        panel.category_combo.setCurrentText("公共设施损坏")
        panel.scope_combo.setCurrentIndex(panel.scope_combo.findData("public"))
        panel.station_combo.setCurrentText("城北维护站")
        panel.escalation_combo.setCurrentIndex(panel.escalation_combo.findData(Escalation.EMERGENCY.value))
        panel.sensitive_check.setChecked(True)
        shot(app, panel, out / "intake.png")
        if args.dialogs:
            panel.phone_edit.setText("13700009999")
            panel.lookup_customer()
            panel.caller_edit.setText("钱先生")
            shot(app, panel, out / "intake_new_caller.png")
            shot(app, panel.open_register_dialog(), out / "dialog_register.png")
            panel._register_dialog.reject()
        panel.close()
        ctx.close()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        close_database()
    print("\n".join(str(p) for p in sorted(out.glob("*.png"))))
    return 0


def shot(app, widget, path: Path) -> None:
    widget.show()
    for _ in range(3):
        app.processEvents()  # a script, not a test: let layouts settle before grabbing
    widget.grab().save(str(path))


if __name__ == "__main__":
    sys.exit(main())
