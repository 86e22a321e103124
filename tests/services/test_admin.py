"""Administration services: admin only (a refusal writes nothing), validation by field, one event per change."""

from __future__ import annotations

import json

import pytest

from desk_app.core.errors import PermissionDenied, ValidationError
from desk_app.core.kinds import Level, Role, TicketKind
from desk_app.core.priority import DEFAULT_MATRIX, DEFAULT_PRIORITY_LIMITS
from desk_app.core.routing import RoutingFacts, Scope, route
from desk_app.core.timelimits import LimitSpec
from desk_app.models.schema import (
    AuditLog,
    Area,
    CatalogueEntry,
    Department,
    KindWorkflow,
    PolicyRecord,
    RoutingRule,
    Setting,
    Staff,
)
from desk_app.services import admin, auth
from desk_app.services.admin import RuleInput
from desk_app.services.desk import Actor

ADMIN_TABLES = (Department, Staff, Area, CatalogueEntry, RoutingRule, KindWorkflow, PolicyRecord, Setting)


@pytest.fixture
def boss(people) -> Actor:
    return Actor.of(Staff.get(Staff.username == "admin"))


@pytest.fixture
def changes(events) -> list:
    seen: list = []
    events.subscribe(seen.append)
    return seen


def snapshot() -> dict:
    return {model.__name__: sorted(map(repr, model.select().tuples())) for model in ADMIN_TABLES}


def dept(code: str) -> Department:
    return Department.get(Department.code == code)


def member(username: str) -> Staff:
    return Staff.get(Staff.username == username)


def workflow_available() -> bool:
    try:
        from desk_app.core import workflow  # noqa: F401
    except (ImportError, AttributeError):  # the approval states are not in the state machine yet
        return False
    return True


needs_workflow = pytest.mark.skipif(not workflow_available(), reason="core.workflow needs State.PENDING_* first")


def _rule(kind: str = "repair") -> int:
    return RoutingRule.create(department=dept("engineering").id, kind=kind, position=1).id


def _full_matrix(**cells: int) -> dict[str, int]:
    matrix = {f"{u.value}/{i.value}": p for (u, i), p in DEFAULT_MATRIX.items()}
    matrix.update({k.replace("_", "/"): v for k, v in cells.items()})
    return matrix


# Every write as (set-up made by the test itself, the call): the set-up's rows are not the call's doing.
WRITES = {
    "create_department": (None, lambda s, a, _: admin.create_department(s, a, "客服中心", "center")),
    "rename_department": (None, lambda s, a, _: admin.rename_department(s, a, dept("assist").id, "客服助理组")),
    "update_department": (None, lambda s, a, _: admin.update_department(s, a, dept("assist").id, phone="0571")),
    "deactivate_department": (None, lambda s, a, _: admin.set_department_active(s, a, dept("finance").id, False)),
    "set_receiver": (None, lambda s, a, _: admin.set_receiver(s, a, dept("assist").id, member("assist.lead").id)),
    "create_area": (None, lambda s, a, _: admin.create_area(s, a, "城北片区")),
    "rename_area": (lambda: Area.create(name="城南").id, lambda s, a, x: admin.rename_area(s, a, x, "城南片区")),
    "deactivate_area": (lambda: Area.create(name="城西").id, lambda s, a, x: admin.set_area_active(s, a, x, False)),
    "add_catalogue_entry": (None, lambda s, a, _: admin.add_catalogue_entry(s, a, "complaint", "覆盖类")),
    "rename_catalogue_entry": (lambda: CatalogueEntry.create(kind="complaint", name="呼叫").id,
                               lambda s, a, x: admin.rename_catalogue_entry(s, a, x, "呼叫类")),
    "deactivate_catalogue_entry": (lambda: CatalogueEntry.create(kind="complaint", name="话费类").id,
                                   lambda s, a, x: admin.set_catalogue_entry_active(s, a, x, False)),
    "move_catalogue_entry": (
        lambda: [CatalogueEntry.create(kind="repair", name=n, position=p).id for p, n in ((1, "a"), (2, "b"))][1],
        lambda s, a, x: admin.move_catalogue_entry(s, a, x, -1)),
    "create_rule": (None, lambda s, a, _: admin.create_rule(s, a, RuleInput(dept("engineering").id, kind="repair"))),
    "update_rule": (_rule, lambda s, a, x: admin.update_rule(
        s, a, x, RuleInput(dept("engineering").id, kind="repair", scope="public"))),
    "delete_rule": (_rule, lambda s, a, x: admin.delete_rule(s, a, x)),
    "move_rule": (lambda: [_rule("fault"), _rule("repair")][0], lambda s, a, x: admin.move_rule(s, a, x, 1)),
    "update_policy": (lambda: PolicyRecord.get(PolicyRecord.code == "consultation").id,
                      lambda s, a, x: admin.update_policy(s, a, x, clocks={"resolve": "4wd"})),
    "deactivate_policy": (lambda: PolicyRecord.get(PolicyRecord.code == "consultation").id,
                          lambda s, a, x: admin.set_policy_active(s, a, x, False)),
    "save_priority_config": (None, lambda s, a, _: admin.save_priority_config(s, a, _full_matrix(low_low=4))),
    "set_approaching_share": (None, lambda s, a, _: admin.set_approaching_share(s, a, 0.8)),
}
if workflow_available():
    WRITES["set_workflow"] = (None, lambda s, a, _: admin.set_workflow(s, a, "repair", ["leader", "reply"]))
    WRITES["reset_workflow"] = (lambda: KindWorkflow.create(kind="complaint", steps="reply").kind,
                                lambda s, a, x: admin.reset_workflow(s, a, x))


@pytest.mark.parametrize("name", sorted(WRITES))
def test_the_administrator_may_and_it_is_announced(name, service, boss, changes):
    setup, call = WRITES[name]
    prepared = setup() if setup else None
    before = snapshot()
    audited = AuditLog.select().count()
    call(service, boss, prepared)
    assert snapshot() != before
    assert changes and all(c.topic == "settings" for c in changes)
    # The change and its audit row committed together; the administrator reads it back.
    new = admin.audit_entries(boss, limit=AuditLog.select().count() - audited)
    assert new and all(e.actor == Staff.get_by_id(boss.id).name for e in new)
    assert {e.action for e in new} <= {f.__name__ for f in vars(admin).values() if hasattr(f, "__wrapped__")}


@pytest.mark.parametrize("name", sorted(WRITES))
@pytest.mark.parametrize("username", ["reception", "supervisor", "assist"])
def test_anyone_else_is_refused_and_nothing_is_written(name, username, service, people, changes):
    setup, call = WRITES[name]
    prepared = setup() if setup else None
    before = snapshot()
    with pytest.raises(PermissionDenied):
        call(service, people[username], prepared)
    assert snapshot() == before
    assert changes == []
    assert AuditLog.select().count() == 0


@pytest.mark.parametrize("name", sorted(WRITES))
def test_an_administrator_demoted_meanwhile_is_refused_in_the_open_session(name, service, boss, people):
    """Permissions come from the actor's current record: the Actor object the open window holds is not enough."""
    setup, call = WRITES[name]
    prepared = setup() if setup else None
    other = auth.create_staff(boss, "admin2", "第二管理员", Role.ADMIN)
    auth.update_staff(Actor.of(Staff.get_by_id(other)), boss.id, role=Role.RECEPTIONIST)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        call(service, boss, prepared)
    assert snapshot() == before


def test_the_audit_log_is_for_administrators_only(service, boss, people):
    admin.create_area(service, boss, "城东片区")
    assert [e.action for e in admin.audit_entries(boss)] == ["create_area"]
    with pytest.raises(PermissionDenied):
        admin.audit_entries(people["supervisor"])


# ----- departments and the receiver ----------------------------------------------------------------------------


def test_set_receiver_names_one_active_member(service, boss):
    engineering = dept("engineering")
    admin.set_receiver(service, boss, engineering.id, member("engineering.lead").id)
    assert dept("engineering").receiver_id == member("engineering.lead").id
    info = next(d for d in admin.departments() if d.id == engineering.id)
    assert info.receiver == "蒋斌" and not info.receiver_problem


@pytest.mark.parametrize("username", ["security.recv", "reception", "engineering.w1"])
def test_set_receiver_refuses_a_non_member_or_someone_who_may_not_accept(username, service, boss):
    engineering = dept("engineering")
    before = engineering.receiver_id
    with pytest.raises(ValidationError) as error:
        admin.set_receiver(service, boss, engineering.id, member(username).id)
    assert error.value.field == "receiver"
    assert dept("engineering").receiver_id == before


def test_set_receiver_refuses_an_inactive_member(service, boss):
    lead = member("engineering.lead")
    Staff.update(active=False).where(Staff.id == lead.id).execute()
    with pytest.raises(ValidationError) as error:
        admin.set_receiver(service, boss, dept("engineering").id, lead.id)
    assert error.value.field == "receiver"


def test_receiver_candidates_are_the_members_who_may_accept(boss):
    names = {s.username for s in admin.receiver_candidates(dept("engineering").id)}
    assert names == {"engineering.recv", "engineering.lead"}


def test_a_receiver_who_left_the_department_is_flagged(boss):
    Staff.update(department=dept("finance").id).where(Staff.username == "engineering.recv").execute()
    info = next(d for d in admin.departments() if d.name == "工程部")
    assert info.receiver_problem


def test_department_names_and_codes_are_unique_and_required(service, boss):
    with pytest.raises(ValidationError) as error:
        admin.create_department(service, boss, "工程部")
    assert error.value.field == "name"
    with pytest.raises(ValidationError) as error:
        admin.create_department(service, boss, "   ")
    assert error.value.field == "name"
    with pytest.raises(ValidationError) as error:
        admin.create_department(service, boss, "新部门", "engineering")
    assert error.value.field == "code"
    new = admin.create_department(service, boss, "  新  部门 ")
    assert Department.get_by_id(new).name == "新 部门" and Department.get_by_id(new).code.startswith("dept")


def test_a_department_that_rules_route_to_cannot_be_deactivated(service, boss):
    engineering = dept("engineering").id
    admin.create_rule(service, boss, RuleInput(engineering, kind="repair"))
    with pytest.raises(ValidationError) as error:
        admin.set_department_active(service, boss, engineering, False)
    assert error.value.field == "active"
    assert dept("engineering").active


# ----- areas and the catalogue -----------------------------------------------------------------------------------


def test_renaming_an_area_or_an_entry_carries_the_rules_along(service, boss):
    area = admin.create_area(service, boss, "城北")
    entry = admin.add_catalogue_entry(service, boss, "complaint", "覆盖")
    rule = admin.create_rule(service, boss, RuleInput(dept("network").id, kind="complaint", category="覆盖",
                                                      area="城北"))
    admin.rename_area(service, boss, area, "城北片区")
    admin.rename_catalogue_entry(service, boss, entry, "覆盖类")
    row = RoutingRule.get_by_id(rule)
    assert (row.area, row.category) == ("城北片区", "覆盖类")


def test_catalogue_entries_are_unique_per_kind_and_reorder(service, boss):
    first = admin.add_catalogue_entry(service, boss, "complaint", "覆盖类")
    second = admin.add_catalogue_entry(service, boss, "complaint", "呼叫类")
    admin.add_catalogue_entry(service, boss, "repair", "覆盖类")  # another kind may use the name
    with pytest.raises(ValidationError) as error:
        admin.add_catalogue_entry(service, boss, "complaint", "覆盖类")
    assert error.value.field == "name"
    with pytest.raises(ValidationError) as error:
        admin.add_catalogue_entry(service, boss, "nonsense", "x")
    assert error.value.field == "kind"
    admin.move_catalogue_entry(service, boss, second, -1)
    assert [e.id for e in admin.catalogue("complaint")] == [second, first]
    admin.move_catalogue_entry(service, boss, second, -5)  # already first: stays
    assert [e.name for e in admin.catalogue("complaint")] == ["呼叫类", "覆盖类"]


# ----- routing rules -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("rule", "field"), [
    (dict(department_id=None, kind="repair"), "department"),
    (dict(kind="nonsense"), "kind"),
    (dict(kind="repair", scope="garden"), "scope"),
    (dict(kind="complaint", category="不存在的类"), "category"),
    (dict(area="火星片区"), "area"),
    (dict(station="站" * 61), "station"),
])
def test_routing_rule_validation_names_the_field(rule, field, service, boss):
    admin.create_area(service, boss, "城北片区")
    admin.add_catalogue_entry(service, boss, "complaint", "覆盖类")
    fields = {"department_id": dept("engineering").id, **rule}
    with pytest.raises(ValidationError) as error:
        admin.create_rule(service, boss, RuleInput(**fields))
    assert error.value.field == field
    assert RoutingRule.select().count() == 0


def test_an_inactive_department_cannot_receive_rules(service, boss):
    Department.update(active=False).where(Department.code == "finance").execute()
    with pytest.raises(ValidationError) as error:
        admin.create_rule(service, boss, RuleInput(dept("finance").id, kind="consultation"))
    assert error.value.field == "department"


def test_a_rule_identical_to_another_is_refused(service, boss):
    admin.create_rule(service, boss, RuleInput(dept("engineering").id, kind="repair", scope="public"))
    with pytest.raises(ValidationError) as error:
        admin.create_rule(service, boss, RuleInput(dept("assist").id, kind="repair", scope="public"))
    assert error.value.field is None


def test_rules_route_in_position_order_and_move(service, boss):
    assist, engineering = dept("assist").id, dept("engineering").id
    private = admin.create_rule(service, boss, RuleInput(assist, kind="repair", scope=Scope.PRIVATE, name="户内"))
    anyrepair = admin.create_rule(service, boss, RuleInput(engineering, kind="repair", name="报修"))
    facts = RoutingFacts(kind="repair", scope="private")
    assert route(admin.load_routing_rules(), facts).department_id == assist
    admin.move_rule(service, boss, anyrepair, -1)
    assert [r.id for r in admin.routing_rules()] == [anyrepair, private]
    assert [r.position for r in admin.routing_rules()] == [1, 2]
    assert route(admin.load_routing_rules(), facts).department_id == engineering
    admin.update_rule(service, boss, anyrepair, RuleInput(engineering, kind="repair", name="报修", active=False))
    assert route(admin.load_routing_rules(), facts).department_id == assist
    admin.delete_rule(service, boss, private)
    assert [(r.id, r.position) for r in admin.routing_rules()] == [(anyrepair, 1)]


# ----- workflows ------------------------------------------------------------------------------------------------


@needs_workflow
def test_workflow_is_stored_in_procedure_order_and_loads(service, boss):
    admin.set_workflow(service, boss, "repair", ["reply", "leader", "leader"], ["office", "leader", "center"])
    row = KindWorkflow.get_by_id("repair")
    assert (row.steps, row.sensitive_steps) == ("leader;reply", "office;center")
    info = {w.kind: w for w in admin.workflows()}
    assert info["repair"].configured and info["repair"].steps == ("leader", "reply")
    assert not info["complaint"].configured and "leader" in info["complaint"].steps
    assert [s.value for s in admin.load_workflows()["repair"].path(True)] == ["leader", "office", "center", "reply"]
    admin.reset_workflow(service, boss, "repair")
    assert not KindWorkflow.select().exists()


@needs_workflow
@pytest.mark.parametrize(("kind", "steps", "extra", "field"), [
    ("repair", ["leader", "approve"], [], "steps"),
    ("repair", ["leader"], ["boss"], "sensitive_steps"),
    ("nonsense", ["leader"], [], "kind"),
])
def test_workflow_validation(kind, steps, extra, field, service, boss):
    with pytest.raises(ValidationError) as error:
        admin.set_workflow(service, boss, kind, steps, extra)
    assert error.value.field == field
    assert not KindWorkflow.select().exists()


# ----- policies ------------------------------------------------------------------------------------------------


def test_policy_clocks_are_parsed_and_the_cache_is_dropped(service, boss):
    consultation = PolicyRecord.get(PolicyRecord.code == "consultation")
    assert next(p for p in service.policies() if p.code == "consultation").clocks[0].limit == LimitSpec.parse("3wd")
    admin.update_policy(service, boss, consultation.id, clocks={"resolve": " ４WD ", "transfer": "2h"})
    assert PolicyRecord.get_by_id(consultation.id).clocks == "transfer=2h;resolve=4wd"
    policy = next(p for p in service.policies() if p.code == "consultation")
    assert [str(c.limit) for c in policy.clocks] == ["2h", "4wd"]
    admin.update_policy(service, boss, consultation.id, clocks={"transfer": ""})
    assert admin.policies()[[p.code for p in admin.policies()].index("consultation")].limit("transfer") == ""


@pytest.mark.parametrize("text", ["3 weeks", "0wd", "wd", "3x"])
def test_a_bad_policy_limit_is_refused_with_its_field(text, service, boss):
    consultation = PolicyRecord.get(PolicyRecord.code == "consultation")
    with pytest.raises(ValidationError) as error:
        admin.update_policy(service, boss, consultation.id, clocks={"resolve": text})
    assert error.value.field == "clocks.resolve"
    assert PolicyRecord.get_by_id(consultation.id).clocks == "resolve=3wd"


def test_a_policy_needs_some_clock_and_the_catch_all_stays(service, boss):
    consultation = PolicyRecord.get(PolicyRecord.code == "consultation")
    with pytest.raises(ValidationError) as error:
        admin.update_policy(service, boss, consultation.id, clocks={"resolve": ""}, use_priority=False)
    assert error.value.field == "clocks"
    catch_all = PolicyRecord.get(PolicyRecord.code == "priority")
    with pytest.raises(ValidationError) as error:
        admin.set_policy_active(service, boss, catch_all.id, False)
    assert error.value.field == "active"
    assert PolicyRecord.get_by_id(catch_all.id).active


# ----- priority configuration ----------------------------------------------------------------------------------


def test_priority_config_defaults_when_unset(db_url):
    assert admin.load_priority_config() == (DEFAULT_MATRIX, DEFAULT_PRIORITY_LIMITS)


def test_priority_config_round_trips(service, boss, changes):
    matrix = {f"{u.value}/{i.value}": p for (u, i), p in DEFAULT_MATRIX.items()}
    matrix["low/low"] = 4
    limits = {str(p): {"respond": str(v.respond), "resolve": str(v.resolve)}
              for p, v in DEFAULT_PRIORITY_LIMITS.items()}
    limits["1"] = {"respond": "10m", "resolve": "2h"}
    admin.save_priority_config(service, boss, matrix, limits)
    loaded_matrix, loaded_limits = admin.load_priority_config()
    assert loaded_matrix[(Level.LOW, Level.LOW)] == 4
    assert loaded_matrix[(Level.HIGH, Level.HIGH)] == 1
    assert str(loaded_limits[1].respond) == "10m" and str(loaded_limits[1].resolve) == "2h"
    assert loaded_limits[5] == DEFAULT_PRIORITY_LIMITS[5]
    stored = json.loads(Setting.get_by_id(admin.SETTING_PRIORITY_MATRIX).value)
    assert stored["low/low"] == 4 and len(stored) == 9
    assert json.loads(Setting.get_by_id(admin.SETTING_PRIORITY_LIMITS).value)["1"] == {"respond": "10m",
                                                                                         "resolve": "2h"}
    # Only the matrix: the limits stay as saved.
    admin.save_priority_config(service, boss, matrix={(u, i): p for (u, i), p in DEFAULT_MATRIX.items()})
    assert admin.load_priority_config() == (DEFAULT_MATRIX, loaded_limits)
    assert [c.action for c in changes] == ["priority", "priority"]


@pytest.mark.parametrize(("matrix", "limits", "field"), [
    ({"high/high": 6}, None, "matrix.high/high"),
    ({"high/high": "P0"}, None, "matrix.high/high"),
    ({"high/high": 1}, None, "matrix.high/medium"),
    ({"sky/high": 1}, None, "matrix"),
    (None, {"1": {"respond": "3 weeks", "resolve": "4h"}}, "limits.1.respond"),
    (None, {"1": {"respond": "15m", "resolve": "4h"}}, "limits.2.respond"),
    (None, {"P9": {}}, "limits"),
])
def test_bad_priority_config_is_refused_with_the_field(matrix, limits, field, service, boss):
    full = {f"{u.value}/{i.value}": p for (u, i), p in DEFAULT_MATRIX.items()}
    if matrix is not None and len(matrix) == 1 and "high/high" in matrix and field != "matrix.high/medium":
        matrix = {**full, **matrix}
    full_limits = {str(p): {"respond": str(v.respond), "resolve": str(v.resolve)}
                   for p, v in DEFAULT_PRIORITY_LIMITS.items()}
    if limits is not None and field.startswith("limits.1"):
        limits = {**full_limits, **limits}
    with pytest.raises(ValidationError) as error:
        admin.save_priority_config(service, boss, matrix, limits)
    assert error.value.field == field
    assert not Setting.select().where(Setting.key.startswith("priority.")).exists()


def test_unreadable_stored_priority_config_falls_back_to_the_defaults(db_url):
    Setting.create(key=admin.SETTING_PRIORITY_MATRIX, value="{not json")
    Setting.create(key=admin.SETTING_PRIORITY_LIMITS, value=json.dumps({"1": {"respond": "x"}}))
    assert admin.load_priority_config() == (DEFAULT_MATRIX, DEFAULT_PRIORITY_LIMITS)


@pytest.mark.parametrize(("share", "stored"), [(0.8, 0.8), ("90%", 0.9), (1, 1.0), ("0.5", 0.5)])
def test_approaching_share_accepts_a_fraction(share, stored, service, boss):
    admin.set_approaching_share(service, boss, share)
    assert admin.approaching_share() == stored
    assert service.approaching_share() == stored


@pytest.mark.parametrize("share", [0, -0.1, 1.01, "75", "abc", ""])
def test_approaching_share_out_of_range_is_refused(share, service, boss):
    with pytest.raises(ValidationError) as error:
        admin.set_approaching_share(service, boss, share)
    assert error.value.field == "approaching_share"
    assert admin.approaching_share() == 0.75


# ----- read side --------------------------------------------------------------------------------------------------


def test_reads_return_plain_views(boss):
    staff = admin.staff_members()
    assert {s.username for s in staff} >= {"admin", "reception", "engineering.recv"}
    assert all(not hasattr(s, "password_hash") for s in staff)
    assert next(s for s in staff if s.username == "engineering.recv").department == "工程部"
    assert Role(next(s for s in staff if s.username == "admin").role) == Role.ADMIN
    assert [m.username for m in admin.department_members(dept("engineering").id)][:2] == [
        "engineering.recv", "engineering.lead"]
    assert TicketKind.COMPLAINT.value in {p.kind for p in admin.policies()}
