"""The calls of an organisation of no known preset (an administrator's own): one kind of request per kind of its
service catalogue, in general words."""

from __future__ import annotations

from desk_app.core.kinds import TicketKind
from desk_app.core.rules import SLIP_KINDS
from desk_app.services.demo.common import DEFAULT_ESTATES, QUICK_ANSWERS, flat
from desk_app.services.demo.organisation import Organisation
from desk_app.services.demo.profile import Profile, Scenario

# What an organisation of no known preset hears, per kind of its catalogue.
_GENERIC_TEXTS = {
    TicketKind.CONSULTATION: "客户来电咨询{entry}相关问题，需部门答复", TicketKind.COMPLAINT: "客户投诉：{entry}问题多次反映未解决",
    TicketKind.REPAIR: "客户报修：{entry}，请上门处理", TicketKind.FAULT: "客户报障：{entry}，请尽快处理",
    TicketKind.SUGGESTION: "客户建议：{entry}", TicketKind.REQUEST: "客户申请：{entry}",
}


def generic_profile(org: Organisation) -> Profile:
    """Calls for an organisation of no known preset: one scenario per kind of its catalogue."""
    scenarios = []
    for kind, entries in org.catalogue.items():
        kind = TicketKind(kind)
        if kind in (TicketKind.INSPECTION, TicketKind.FTTH_INSTALL):
            continue   # need a patrol's deadline or an install's variant: left to the people who know them
        text = _GENERIC_TEXTS.get(kind, "客户来电反映：{entry}")
        scenarios.append(Scenario(kind, tuple((e, text.format(entry=e)) for e in entries),
                                  weight=3 if kind in SLIP_KINDS else 2, appoint=0.4 if kind in SLIP_KINDS else 0.0))
    if not scenarios:
        scenarios = [Scenario(TicketKind.CONSULTATION, (("", "客户来电咨询业务办理流程"),)),
                     Scenario(TicketKind.REPAIR, (("", "客户报修：设备故障，请上门处理"),), weight=2, appoint=0.4),
                     Scenario(TicketKind.COMPLAINT, (("", "客户投诉：问题多次反映未解决"),))]
    return Profile(tuple(scenarios), tuple(QUICK_ANSWERS), 0.2,
                   lambda rng, area: flat(rng, rng.choice(DEFAULT_ESTATES)))
