"""Organisation presets: the shipped files load and hold together, applying one sets a new database up in one
transaction (with the seed's numbers), routing works on the created rules, broken files name the place, and
`desk-app init-db --preset` prints the accounts once."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from desk_app.cli import PRESET_CHOICES, main
from desk_app.core.kinds import Channel, Role, Severity, TicketKind
from desk_app.core.labels import chinese
from desk_app.core.policies import ClockStart, Variant, VisitRule, select_policy
from desk_app.core.routing import RoutingFacts, route
from desk_app.core.rules import may_take_area
from desk_app.core.states import State
from desk_app.core.workflow import Step, workflow_for
from desk_app.models.db import close_database
from desk_app.models.schema import (
    Area,
    CatalogueEntry,
    Department,
    KindWorkflow,
    PolicyRecord,
    RoutingRule,
    Setting,
    Staff,
)
from desk_app.services import auth, presets
from desk_app.services.config import Configuration
from desk_app.services.config import policy_from_record
from desk_app.services.desk import Actor
from desk_app.services.presets import apply_preset, available_presets, load_preset, presets_dir
from desk_app.services.routing import routing_rules

PRESETS = ["property", "telecom", "terminal"]
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    monkeypatch.setenv(auth.ENV_CHEAP_HASH, "1")
    auth.use_cheap_hashing_for_tests()


def setting(key: str) -> str | None:
    row = Setting.get_or_none(Setting.key == key)
    return row.value if row else None


def policy(code: str) -> PolicyRecord:
    return PolicyRecord.get(PolicyRecord.code == code)


def department_id(code: str) -> int:
    return Department.get(Department.code == code).id


def routed(kind: str, **facts: str) -> str | None:
    """The department code the stored routing table sends these facts to (None: transfer dispatch)."""
    rule = route(routing_rules(), RoutingFacts(kind=kind, **facts))
    return Department.get_by_id(rule.department_id).code if rule else None


# ----- the files ----------------------------------------------------------------------------------------------


def test_the_three_presets_are_shipped_and_offered_by_the_cli():
    assert available_presets() == PRESETS
    assert sorted(PRESET_CHOICES) == PRESETS
    package_data = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "*.json" in package_data["package-data"]["desk_app.resources.presets"]


@pytest.mark.parametrize("name", PRESETS)
def test_each_preset_loads_and_has_the_people_a_desk_needs(name):
    data = load_preset(name)
    assert data["name"] == name and data["organization"] and data["title"]
    roles = [s["role"] for s in data["staff"]]
    assert roles.count("admin") == 1 and roles.count("supervisor") >= 1
    assert 2 <= roles.count("receptionist") <= 3
    assert {"dispatcher", "office", "center", "audit", "field", "receiver", "leader"} <= set(roles)
    codes = [d["code"] for d in data["departments"]]
    assert "audit" in codes and sorted(data["receivers"]) == sorted(codes)
    members = {s["username"]: s for s in data["staff"]}
    for code, username in data["receivers"].items():
        assert members[username]["department"] == code
    for code in codes:
        assert any(s["department"] == code and s["role"] == "leader" for s in data["staff"]), code
    assert all(s["phone"].startswith("+861") and s["email"].endswith("@example.com") for s in data["staff"])
    catch_all = [p for p in data["policies"] if not (p["kind"] or p["variant"] or p["severity"])]
    assert len(catch_all) == 1


def test_the_telecom_file_follows_the_seed():
    data = load_preset("telecom")
    assert data["stations"] == ["维护站点", "交换站点", "机管站点", "建设站点", "优化站点"]
    assert {d["name"] for d in data["departments"]} >= {"客户服务中心", "审核中心", "网络部", "市场营销部",
                                                         *data["stations"], "城北装维班", "城南装维班"}
    assert data["catalogue"]["complaint"][:4] == ["覆盖类", "呼叫类", "话费类", "GPRS/数据类"]
    assert data["catalogue"]["ftth_install"] == ["增加分纤箱", "更换/增加分光器"]
    people = {s["name"]: s for s in data["staff"]}
    assert (people["董清文"]["role"], people["董清文"]["department"]) == ("field", "ftth_north")
    assert (people["汪池"]["role"], people["汪池"]["department"]) == ("field", "ftth_south")
    # The contractor gets a printed task sheet and never signs in.
    assert data["contractors"][0]["name"] == "世康通信有限责任公司"
    assert "世康通信有限责任公司" not in people and "田志刚" not in people


def test_the_telecom_file_has_the_10086_path_of_the_seed():
    """投诉工单流程: "四川省监控中心接收来自客服中心的工单，如果存在工单需要对数据进行核实的，将工单发送到四川省网管数据中心"
    … "网管中心审核来自监控中心的数据，若存在数据问题，返回客服中心" … "协调小组：…反馈给质检部门" …
    "质检部门：质检部门审核来自协调小组的工单后，回复给客服中心"."""
    data = load_preset("telecom")
    names = {d["code"]: d["name"] for d in data["departments"]}
    assert [names[c] for c in ("monitor", "netdata", "coord", "quality")] == ["省监控中心", "网管数据中心", "协调小组", "质检部"]
    for code in ("monitor", "netdata", "coord", "quality"):
        members = {s["role"] for s in data["staff"] if s["department"] == code}
        assert members == {"receiver", "leader"}, code
        receiver = next(s for s in data["staff"] if s["username"] == data["receivers"][code])
        assert receiver["role"] == "receiver" and receiver["department"] == code
    # The coordination group and the quality department take their steps as configured departments.
    assert data["settings"]["workflow.coordination_department"] == "coord"
    assert data["settings"]["workflow.quality_department"] == "quality"
    assert data["workflows"]["complaint@10086"] == {"steps": ["coordination", "quality", "reply"],
                                                    "sensitive_steps": ["office", "center"]}
    # 第三条/第七条: consultations too go to the department leader and the audit center before the reply.
    assert data["workflows"]["consultation"] == {"steps": ["leader", "audit", "reply"],
                                                 "sensitive_steps": ["office", "center"]}
    # 第十三条: "工单承接人收到工单后…咨询类工单办理时限为三个工作日，投诉类工单为七个工作日".
    starts = {p["code"]: p["starts_at"] for p in data["policies"]}
    assert starts["complaint"] == starts["consultation"] == "receipt"
    # The 10086 severities and the FTTH flow ("从用户受理时间起") count from intake.
    assert {starts[c] for c in ("c10086_urgent", "c10086_general", "ftth", "ftth_box", "ftth_splitter")} == {"intake"}


# ----- applying -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PRESETS)
def test_applying_a_preset_sets_the_organisation_up(db_url, name):
    data = load_preset(name)
    result = apply_preset(name)

    assert Department.select().count() == len(data["departments"]) == result.counts["departments"]
    for department in Department.select():
        receivers = [s for s in department.staff if s.id == department.receiver_id]
        assert len(receivers) == 1, department.name  # exactly one receiver, a member of the department
        assert department.receiver.username == data["receivers"][department.code]
    assert sorted(a.name for a in Area.select()) == sorted(a["name"] for a in data["areas"])
    assert RoutingRule.select().count() == len(data["routing"])
    assert CatalogueEntry.select().count() == sum(len(v) for v in data["catalogue"].values())
    assert KindWorkflow.select().count() == len(data["workflows"])
    active = sorted(p.code for p in PolicyRecord.select().where(PolicyRecord.active))
    assert active == sorted(p["code"] for p in data["policies"])
    assert setting("organization") == data["organization"] and setting("preset") == name

    # The administrator init-db made is taken over: one account per person of the file, nobody else.
    assert Staff.select().count() == len(data["staff"]) == len(result.accounts)
    admin = Staff.get(Staff.username == "admin")
    assert admin.role == "admin" and admin.name != "管理员"
    passwords = [a.password for a in result.accounts]
    assert all(passwords) and len(set(passwords)) == len(passwords)
    for account in result.accounts[:3]:
        staff = Staff.get(Staff.username == account.username)
        assert staff.must_change_password and auth.verify(staff.password_hash, account.password)
        assert account.password not in staff.password_hash


def test_telecom_time_limits_are_the_seeds(db_url):
    apply_preset("telecom")
    assert policy("ftth_box").clocks == "resolve=13wd" and policy("ftth_box").variant == "ftth_box"
    assert policy("ftth_splitter").clocks == "resolve=5wd"
    assert policy("c10086_urgent").clocks == "transfer=1h;resolve=4h"
    assert policy("c10086_important").clocks == "transfer=2h;resolve=14h"
    assert policy("c10086_secondary").clocks == "transfer=3h;resolve=30h"
    assert policy("c10086_general").clocks == "transfer=60h;resolve=144h"
    assert not policy("c10086_general").use_priority
    assert policy("consultation").clocks == "resolve=3wd" and policy("complaint").clocks == "resolve=7wd"
    assert not policy("emergency_repair").active  # a default the telecom preset does not use

    policies = [policy_from_record(p) for p in PolicyRecord.select().where(PolicyRecord.active)]
    assert select_policy(TicketKind.FTTH_INSTALL, Variant.FTTH_SPLITTER, policies=policies).code == "ftth_splitter"
    assert select_policy(TicketKind.COMPLAINT, severity=Severity.URGENT, policies=policies).code == "c10086_urgent"
    assert select_policy(TicketKind.COMPLAINT, policies=policies).code == "complaint"
    assert select_policy(TicketKind.REPAIR, policies=policies).code == "priority"

    workflow = KindWorkflow.get_by_id("complaint")
    assert (workflow.steps, workflow.sensitive_steps) == ("leader;audit;reply", "office;center")
    assert KindWorkflow.get_by_id("consultation").steps == "leader;audit;reply"
    assert KindWorkflow.get_by_id("ftth_install").steps == ""
    flow = KindWorkflow.get_by_id("complaint@10086")
    assert (flow.steps, flow.sensitive_steps) == ("coordination;quality;reply", "office;center")
    assert policy("complaint").starts_at == policy("consultation").starts_at == ClockStart.RECEIPT
    assert policy("c10086_urgent").starts_at == policy("ftth_box").starts_at == ClockStart.INTAKE
    assert policies[[p.code for p in policies].index("consultation")].starts_at == ClockStart.RECEIPT
    assert setting("ftth.contractor") == "世康通信有限责任公司"
    assert json.loads(setting("contractors"))[0]["contact"] == "田志刚"
    assert setting("stations") == "维护站点;交换站点;机管站点;建设站点;优化站点"
    marketing = Department.get(Department.code == setting("ftth.marketing_department"))
    assert marketing.name == "市场营销部"
    assert Department.get(Department.code == setting("ftth.dispatch_department")).name == "网络部"


def test_telecom_10086_complaints_pass_the_coordination_group_and_the_quality_department(db_url):
    """"协调小组接收到工单之后…反馈给质检部门"; "质检部门审核来自协调小组的工单后，回复给客服中心"; other channels keep the
    transfer procedure's path (第三条)."""
    apply_preset("telecom")
    config = Configuration()
    workflows = config.workflows()
    assert workflow_for(TicketKind.COMPLAINT, workflows, Channel.HOTLINE_10086).path(False) == \
        [Step.COORDINATION, Step.QUALITY, Step.REPLY]
    assert workflow_for(TicketKind.COMPLAINT, workflows, Channel.HOTLINE_10086).path(True) == \
        [Step.OFFICE, Step.CENTER, Step.COORDINATION, Step.QUALITY, Step.REPLY]
    assert workflow_for(TicketKind.COMPLAINT, workflows, Channel.PHONE).path(False) == \
        [Step.LEADER, Step.AUDIT, Step.REPLY]
    assert workflow_for(TicketKind.CONSULTATION, workflows, Channel.PHONE).path(False) == \
        [Step.LEADER, Step.AUDIT, Step.REPLY]
    rules = config.rules()
    assert rules.step_departments == {Step.COORDINATION: department_id("coord"),
                                      Step.QUALITY: department_id("quality")}
    assert rules.construction_department_id == department_id("network")
    # 10086 complaints still go by the complaint location to the nearest station.
    assert routed("complaint", station="维护站点", category="覆盖类") == "st_maint"


def test_property_time_limits_workflows_and_settings(db_url):
    apply_preset("property")
    emergency = policy("emergency_repair")
    assert (emergency.kind, emergency.variant, emergency.clocks) == ("repair", "emergency", "arrive=20m;resolve=8h")
    assert (policy("major_repair").variant, policy("major_repair").clocks) == ("major", "resolve=5wd")
    assert policy("complaint").clocks == "resolve=7wd"
    assert not policy("ftth_box").active
    # Patrol findings have no fixed limit: the rectification deadline is entered at intake.
    assert not PolicyRecord.select().where(PolicyRecord.active & (PolicyRecord.kind == "inspection")).exists()
    workflow = KindWorkflow.get_by_id("complaint")
    assert (workflow.steps, workflow.sensitive_steps) == ("leader;reply", "office;center")
    assert KindWorkflow.get_by_id("repair").steps == ""
    assert setting("property.paid_repair_requires_consent") == "1"
    assert {d.name for d in Department.select()} >= {"客服助理", "安全部", "环境部", "财务部", "工程部"}
    # 客服前台工作流程: "每日工程部返单完成情况由客服部安排电话回访客户，对当日完成的派工单须保证100%回访".
    assert setting("return_visit.rule") == "same_day"
    assert Configuration().visit_rule() == VisitRule.SAME_DAY


def test_terminal_dispatches_directly_or_through_the_second_level_desk(db_url):
    apply_preset("terminal")
    assert setting("terminal.quarantine_unregistered") == "1"
    assert [p.code for p in PolicyRecord.select().where(PolicyRecord.active)] == ["priority"]
    desk = Department.get(Department.name == "湖南省分公司二级客服")
    assert {s.role for s in desk.staff} == {"dispatcher", "leader"} and desk.receiver.role == "dispatcher"
    entries = {(e.kind, e.name) for e in CatalogueEntry.select()}
    assert {("repair", "机具故障"), ("request", "耗材配送"), ("request", "装/撤/换"), ("business", "信息变更"),
            ("request", "资料收取"), ("consultation", "操作指导")} <= entries
    # The seed's states are the desk's own: "未处理工单：未做出任何反馈或处理动作的工单" is a ticket just received;
    # 已预约 / 未完结 / 已完结 follow.
    assert [chinese(s) for s in (State.DISPATCHED, State.APPOINTED, State.BLOCKED, State.RESOLVED)] == \
        ["未处理", "已预约", "未完结", "已完结"]


def test_terminal_dispatchers_serve_their_own_province(db_url):
    """客服工单管理办法: "二级客服由各省分客服人员组成" … "二级客服职责：负责转派工单派发、本辖区客户受理…"."""
    apply_preset("terminal")
    jurisdictions = {s.username: (s.department.code, s.jurisdiction)
                     for s in Staff.select().where(Staff.role == "dispatcher")}
    assert jurisdictions == {"yijuan": ("hn_desk", "长沙市;株洲市;湘潭市"), "tanhui": ("hn_desk", "长沙市;株洲市;湘潭市"),
                             "xiongfang": ("hb_desk", "武汉市;宜昌市;襄阳市"),
                             "xiaqin": ("hb_desk", "武汉市;宜昌市;襄阳市")}
    assert not Staff.select().where((Staff.role != "dispatcher") & (Staff.jurisdiction != "")).exists()
    hunan = Actor.of(Staff.get(Staff.username == "yijuan"))
    assert hunan.jurisdiction == {"长沙市", "株洲市", "湘潭市"}
    assert may_take_area(hunan.facts, "湘潭市").allowed and not may_take_area(hunan.facts, "襄阳市").allowed
    # Headquarters' desk takes calls from the whole country.
    assert may_take_area(Actor.of(Staff.get(Staff.username == "qinyue")).facts, "襄阳市").allowed


# ----- routing on the created rows --------------------------------------------------------------------------------


def test_telecom_routes_by_area_and_station(db_url):
    apply_preset("telecom")
    assert routed("ftth_install", area="城北片区") == "ftth_north"
    assert routed("ftth_install", area="城南片区", category="更换/增加分光器") == "ftth_south"
    assert routed("complaint", station="交换站点", category="呼叫类") == "st_switch"
    assert routed("complaint", station="优化站点") == "st_opt"
    assert routed("complaint", category="覆盖类") is None  # no station yet: the dispatcher decides
    assert routed("consultation", category="资费套餐") == "marketing"
    assert routed("ftth_install", area="城西片区") is None


def test_property_routes_by_the_domain_table(db_url):
    apply_preset("property")
    assert routed("repair", category="燃气", scope="private") == "assist"
    assert routed("complaint", category="噪音") == "assist"
    assert routed("complaint", category="漏水", scope="private") == "assist"
    assert routed("repair", category="户内有偿维修", scope="private") == "engineering"
    assert routed("repair", category="路灯/楼道灯", scope="public") == "engineering"
    assert routed("repair", category="水管", scope="public") == "engineering"
    assert routed("inspection", category="消防安全", scope="public") == "security"
    assert routed("request", category="车辆出入") == "security"
    assert routed("maintenance", category="四害消杀") == "environment"
    assert routed("inspection", category="绿化") == "environment"
    assert routed("consultation", category="物业费用") == "finance"
    assert routed("suggestion", category="服务改进") is None


def test_terminal_routes_by_city_and_leaves_unknown_cities_to_the_dispatcher(db_url):
    apply_preset("terminal")
    assert routed("repair", category="机具故障", area="长沙市") == "cs_team"
    assert routed("request", category="耗材配送", area="武汉市") == "wh_team"
    assert routed("repair", category="机具故障", area="湘潭市") is None
    assert routed("repair", category="机具故障") is None


def test_routing_rules_skip_inactive_rules_and_departments(db_url):
    apply_preset("terminal")
    assert len(routing_rules()) == 4
    Department.update(active=False).where(Department.code == "cs_team").execute()
    RoutingRule.update(active=False).where(RoutingRule.area == "武汉市").execute()
    assert {r.area for r in routing_rules()} == {"株洲市", "宜昌市"}
    assert len(routing_rules(include_inactive=True)) == 4
    assert routing_rules()[0].department_id == department_id("zz_team")


# ----- refusals -----------------------------------------------------------------------------------------------------


def corrupt(tmp_path: Path, name: str, change) -> Path:
    data = json.loads((presets_dir() / f"{name}.json").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _set(path: list, value):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


@pytest.mark.parametrize(("change", "where", "problem"), [
    (_set(["routing", 4, "department"], "nowhere"), "$.routing[4].department", "unknown department code 'nowhere'"),
    (_set(["staff", 11, "department"], "netwrk"), "$.staff[11].department", "unknown department code 'netwrk'"),
    (_set(["receivers", "network"], "wangpei"), "$.receivers.network", "not a member of 'network'"),
    (_set(["receivers", "ghost"], "chenyan"), "$.receivers.ghost", "unknown department code"),
    (_set(["policies", 3, "clocks", "transfer"], "1 hour"), "$.policies[3].clocks.transfer", "not understood"),
    (_set(["policies", 3, "clocks", "visit"], "24h"), "$.policies[3].clocks.visit", "unknown clock"),
    (_set(["policies", 0, "kind"], "ftth"), "$.policies[0].kind", "unknown ticket kind 'ftth'"),
    (_set(["workflows", "complaint", "steps"], ["leader", "approve"]), "$.workflows.complaint.steps[1]",
     "unknown workflow step 'approve'"),
    (_set(["staff", 0, "role"], "boss"), "$.staff[0].role", "unknown role 'boss'"),
    (_set(["staff", 1, "phone"], "12345"), "$.staff[1].phone", "not a valid mainland phone number"),
    (_set(["staff", 12, "role"], "field"), "$.departments[2]", "no member with role 'leader'"),
    (_set(["routing", 0, "area"], "城西片区"), "$.routing[0].area", "unknown area"),
    (_set(["routing", 9, "category"], "覆盖类"), "$.routing[9].category", "not a catalogue entry of 'consultation'"),
    (_set(["settings", "ftth.marketing_department"], "sales"), "$.settings.ftth.marketing_department",
     "unknown department code"),
    (_set(["departments", 1, "code"], "service"), "$.departments[1].code", "duplicate department code"),
    (_set(["staff", 2, "usrname"], "x"), "$.staff[2].usrname", "unknown key"),
    (_set(["workflows", "complaint@fax"], {"steps": ["reply"]}), "$.workflows.complaint@fax", "unknown channel 'fax'"),
    (_set(["workflows", "gripe@10086"], {"steps": ["reply"]}), "$.workflows.gripe@10086", "unknown ticket kind"),
    (_set(["policies", 7, "starts_at"], "dispatch"), "$.policies[7].starts_at", "unknown clock start 'dispatch'"),
    (_set(["settings", "workflow.quality_department"], "qa"), "$.settings.workflow.quality_department",
     "unknown department code 'qa'"),
    (_set(["settings", "return_visit.rule"], "weekly"), "$.settings.return_visit.rule",
     "unknown return-visit rule 'weekly'"),
    (_set(["settings", "return_visit.requires_slip"], "yes"), "$.settings.return_visit.requires_slip",
     "expected '0' or '1'"),
    (_set(["staff", 5, "jurisdiction"], ["城西片区"]), "$.staff[5].jurisdiction[0]", "unknown area '城西片区'"),
    (_set(["staff", 5, "jurisdiction"], ["城北片区", "城北片区"]), "$.staff[5].jurisdiction[1]", "duplicate area"),
    (_set(["staff", 2, "jurisdiction"], ["城北片区"]), "$.staff[2].jurisdiction",
     "only a dispatcher (二级客服) has a jurisdiction"),
])
def test_a_broken_preset_names_the_place(tmp_path, change, where, problem):
    path = corrupt(tmp_path, "telecom", change)
    with pytest.raises(ValueError) as caught:
        load_preset(path)
    message = str(caught.value)
    assert message.startswith(f"telecom.json: {where}: "), message
    assert problem in message


def test_a_department_step_needs_its_department(tmp_path):
    def no_coordination(data):
        del data["settings"]["workflow.coordination_department"]
    with pytest.raises(ValueError) as caught:
        load_preset(corrupt(tmp_path, "telecom", no_coordination))
    assert str(caught.value) == ("telecom.json: $.workflows.complaint@10086.steps: step 'coordination' is taken by "
                                 "the department named by the setting 'workflow.coordination_department', which is "
                                 "missing")


def test_an_area_name_cannot_break_a_jurisdiction(tmp_path):
    path = corrupt(tmp_path, "terminal", _set(["areas", 0, "name"], "长沙;株洲"))
    with pytest.raises(ValueError, match=r"\$\.areas\[0\]\.name: an area name cannot contain ';'"):
        load_preset(path)


def test_a_preset_without_a_catch_all_policy_or_audit_center_is_refused(tmp_path):
    path = corrupt(tmp_path, "terminal", _set(["policies", 0, "kind"], "repair"))
    with pytest.raises(ValueError, match=r"\$\.policies: no catch-all policy"):
        load_preset(path)

    def no_audit(data):
        data["departments"] = [d for d in data["departments"] if d["code"] != "audit"]
    with pytest.raises(ValueError, match=r"\$\.departments: no audit center"):
        load_preset(corrupt(tmp_path, "terminal", no_audit))


def test_bad_json_and_unknown_names_are_value_errors(tmp_path):
    path = tmp_path / "property.json"
    path.write_text('{"name": "property",\n "title": }', encoding="utf-8")
    with pytest.raises(ValueError, match=r"property\.json: line 2 column \d+: not valid JSON"):
        load_preset(path)
    with pytest.raises(ValueError, match="no preset named 'hotel'"):
        load_preset("hotel")


def test_a_broken_preset_writes_nothing(db_url, tmp_path):
    path = corrupt(tmp_path, "telecom", _set(["routing", 0, "department"], "nowhere"))
    with pytest.raises(ValueError):
        apply_preset(path)
    assert not Department.select().exists()


def test_applying_twice_is_refused(db_url):
    apply_preset("property")
    staff = Staff.select().count()
    with pytest.raises(ValueError, match="already set up"):
        apply_preset("property")
    with pytest.raises(ValueError, match="already set up"):
        apply_preset("telecom")
    assert Staff.select().count() == staff


def test_everything_is_one_transaction(db_url, monkeypatch):
    def broken(key, value):
        raise RuntimeError("disk full")
    monkeypatch.setattr(presets, "put_setting", broken)
    with pytest.raises(RuntimeError):
        apply_preset("telecom")
    assert not Department.select().exists()
    assert not RoutingRule.select().exists() and not Area.select().exists()
    assert Staff.select().count() == 1 and PolicyRecord.get(PolicyRecord.code == "emergency_repair").active


def test_one_given_password_for_everyone_and_a_weak_one_refused(db_url):
    with pytest.raises(ValueError, match="password"):
        apply_preset("terminal", password="1234")
    assert not Department.select().exists()
    result = apply_preset("terminal", password="Huitong-2026")
    assert {a.password for a in result.accounts} == {"Huitong-2026"}
    staff = Staff.get(Staff.username == "penglixin")
    assert auth.verify(staff.password_hash, "Huitong-2026") and staff.must_change_password


def test_an_administrator_who_has_a_password_keeps_it(db_url):
    auth.force_password("admin", "Admin-secret-1", must_change=False)
    before = Staff.get(Staff.username == "admin").password_hash
    result = apply_preset("property")
    admin = next(a for a in result.accounts if a.username == "admin")
    assert admin.password is None
    row = Staff.get(Staff.username == "admin")
    assert row.password_hash == before and row.name == "周文"


def test_center_leaders_can_act(db_url):
    apply_preset("telecom")
    assert Actor.of(Staff.get(Staff.role == "center")).role == Role.CENTER


def test_every_stored_policy_is_readable_by_the_desk(db_url):
    apply_preset("property")
    policies = [policy_from_record(p) for p in PolicyRecord.select().where(PolicyRecord.active)]
    assert select_policy(TicketKind.REPAIR, Variant.MAJOR, policies=policies).code == "major_repair"
    assert select_policy(TicketKind.REPAIR, Variant.EMERGENCY, policies=policies).code == "emergency_repair"
    assert select_policy(TicketKind.INSPECTION, policies=policies).code == "priority"


# ----- the command line ---------------------------------------------------------------------------------------------


def test_init_db_with_a_preset_prints_the_accounts_once(tmp_path, monkeypatch, capsys, database_url):
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    url = database_url("cli")
    try:
        assert main(["init-db", "--preset", "property", "--database", url]) == 0
        out = capsys.readouterr().out
        lines = out.splitlines()
        assert "database ready" in lines[0] and "锦绣家园物业服务中心" in out
        table = lines[lines.index("username\tname\trole\tinitial password") + 1:]
        data = load_preset("property")
        assert [line.split("\t")[0] for line in table] == [s["username"] for s in data["staff"]]
        username, name, role, password = table[1].split("\t")
        assert (name, role) == ("林晓红", "supervisor")
        assert auth.verify(Staff.get(Staff.username == username).password_hash, password)

        assert main(["init-db", "--preset", "telecom", "--database", url]) == 1
        captured = capsys.readouterr()
        assert "already set up" in captured.err and "initial password" not in captured.out
    finally:
        close_database()


def test_init_db_refuses_an_unknown_preset(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["init-db", "--preset", "hotel"])
    assert caught.value.code == 2 and "invalid choice" in capsys.readouterr().err
