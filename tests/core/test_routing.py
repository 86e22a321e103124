"""派单范围: rules map a ticket's kind, catalogue entry, area, scope and station to a department; no match → transfer."""

from __future__ import annotations

from desk_app.core.routing import Rule, RoutingFacts, route

PROPERTY_RULES = [
    Rule(1, kind="repair", scope="private", position=10, name="户内报修 → 客服助理"),
    Rule(5, kind="repair", scope="public", position=20, name="公共设施 → 工程部"),
    Rule(2, category="治安", scope="public", position=30, name="公共秩序 → 安全部"),
    Rule(3, category="保洁", position=40, name="保洁绿化 → 环境部"),
    Rule(4, category="缴费", position=50, name="费用 → 财务部"),
]


def test_first_matching_rule_by_position_wins():
    assert route(PROPERTY_RULES, RoutingFacts(kind="repair", scope="private")).department_id == 1
    assert route(PROPERTY_RULES, RoutingFacts(kind="repair", scope="public")).department_id == 5
    assert route(PROPERTY_RULES, RoutingFacts(kind="complaint", category="保洁")).department_id == 3


def test_no_match_means_transfer_dispatch():
    assert route(PROPERTY_RULES, RoutingFacts(kind="suggestion")) is None
    assert route([], RoutingFacts(kind="repair")) is None


def test_empty_conditions_match_anything_and_the_more_specific_rule_wins_a_tie():
    rules = [Rule(7, kind="complaint", position=1), Rule(8, kind="complaint", station="交换站点", position=1)]
    assert route(rules, RoutingFacts(kind="complaint", station="交换站点")).department_id == 8
    assert route(rules, RoutingFacts(kind="complaint", station="维护站点")).department_id == 7


def test_telecom_routes_by_area():
    rules = [Rule(11, kind="ftth_install", area="城北片区"), Rule(12, kind="ftth_install", area="城南片区")]
    assert route(rules, RoutingFacts(kind="ftth_install", area="城南片区")).department_id == 12
    assert route(rules, RoutingFacts(kind="ftth_install", area="城西片区")) is None
