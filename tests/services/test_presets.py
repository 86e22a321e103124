"""Organisation presets: the shipped files load and hold together, applying one sets a new database up in one
transaction (with the seed's numbers), routing works on the created rules, broken files name the place, and
`desk-app init-db --preset` prints the accounts once."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from desk_app.cli import PRESET_CHOICES, main
from desk_app.core.kinds import Role, Severity, TicketKind
from desk_app.core.labels import chinese
from desk_app.core.policies import Variant, select_policy
from desk_app.core.routing import RoutingFacts, route
from desk_app.core.states import State
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
from desk_app.services.desk import Actor, policy_from_record
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
    assert KindWorkflow.get_by_id("consultation").steps == "reply"
    assert KindWorkflow.get_by_id("ftth_install").steps == ""
    assert setting("ftth.contractor") == "世康通信有限责任公司"
    assert json.loads(setting("contractors"))[0]["contact"] == "田志刚"
    assert setting("stations") == "维护站点;交换站点;机管站点;建设站点;优化站点"
    marketing = Department.get(Department.code == setting("ftth.marketing_department"))
    assert marketing.name == "市场营销部"


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
])
def test_a_broken_preset_names_the_place(tmp_path, change, where, problem):
    path = corrupt(tmp_path, "telecom", change)
    with pytest.raises(ValueError) as caught:
        load_preset(path)
    message = str(caught.value)
    assert message.startswith(f"telecom.json: {where}: "), message
    assert problem in message


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


def test_init_db_with_a_preset_prints_the_accounts_once(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DESK_APP_DATA_DIR", str(tmp_path / "data"))
    url = f"sqlite:///{tmp_path / 'cli.db'}"
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
