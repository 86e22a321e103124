"""Organisation presets: a whole organisation (departments, people, routing, approvals, time limits) from one data file.

`desk-app init-db --preset telecom|property|terminal` sets a new database up from
`desk_app/resources/presets/<name>.json`. `load_preset` reads and checks a file, `apply_preset` writes it in one
transaction into a database that has no departments yet.

The file format
---------------
One JSON object (UTF-8). Data values (names of departments, areas, catalogue entries, policies) are Chinese as the
front desk uses them; codes and user names are ASCII. Keys not listed here are refused (they are usually typos);
every object may carry a free-text "note".

    {
      "name": "telecom",                         # = the file name without .json
      "title": "…",                              # one line shown when choosing a preset
      "organization": "…",                       # -> Setting "organization" (printed on forms)
      "note": "…",                               # optional: what the preset assumes, in words
      "areas": [{"name": "城北片区", "code": "north"}, …],      # 片区 -> Area rows (a plain string = a name)
      "stations": ["维护站点", …],               # complaint stations (telecom) -> Setting "stations" ("a;b;c")
      "contractors": [{"name": "…", "contact": "…", "phone": "…"}, …],   # no login -> Setting "contractors" (JSON)
      "departments": [{"code": "network", "name": "网络部", "phone": "028-…"}, …],
      "staff": [{"username": "chenyan", "name": "陈艳", "role": "receiver", "department": "network" | null,
                 "phone": "138…", "email": "chenyan@example.com"},
                {"username": "yijuan", …, "role": "dispatcher", "jurisdiction": ["长沙市", "株洲市"]}, …],
      "receivers": {"network": "chenyan", …},    # department code -> the one 部门承接人 (a member of it)
      "catalogue": {"complaint": ["覆盖类", …], …},                # ticket kind -> 服务目录 entries, in order
      "routing": [{"name": "…", "kind": …, "category": …, "area": …, "scope": …, "station": …,
                   "department": "network", "position": 10}, …], # conditions optional, at least one given
      "workflows": {"complaint": {"steps": ["leader", "audit", "reply"], "sensitive_steps": ["office", "center"]},
                    "complaint@10086": {"steps": ["coordination", "quality", "reply"], …}},  # kind or kind@channel
      "policies": [{"code": "c10086_urgent", "name": "…", "kind": "complaint", "variant": null, "severity": "urgent",
                    "clocks": {"transfer": "1h", "resolve": "4h"}, "use_priority": false},
                   {"code": "consultation", …, "clocks": {"resolve": "3wd"}, "starts_at": "receipt"}, …],
      "settings": {"ftth.contractor": "世康通信有限责任公司", …}  # key -> text value
    }

What is checked (a ValueError names the file and the JSON path, e.g. ``telecom.json: $.routing[3].department``):
- roles are desk_app.core.kinds.Role values (center = center leader 中心领导); receiver, leader and field staff belong to a
  department; audit staff belong to the audit center, the department with code "audit", which must exist;
- user names are unique (ignoring case), lower-case ASCII; phones are valid mainland numbers (staff: mobiles, for
  SMS); e-mails look like addresses;
- a staff member's "jurisdiction" (辖区, optional) is a list of area names of "areas", given to a dispatcher (二级客服)
  only: he then takes calls and dispatches tickets for those areas only (客服工单管理办法: "本辖区客户受理"); without one
  a dispatcher serves the whole territory. Stored ";"-separated, so area names cannot contain ";";
- every department has exactly one receiver, who is a member of it with role receiver (audit or dispatcher in a
  department of those), and at least one member with role leader;
- kinds are desk_app.core.kinds.TicketKind values; catalogue entries are unique per kind; a routing rule's category
  is a catalogue entry (of its kind, if it names one), its area an area, its station a station, its scope
  private/public, its department a department code; rules without a position get 10, 20, 30, … in file order;
- a workflow's key is a kind, or a kind and a channel "kind@channel" (a desk_app.core.kinds.Channel value, e.g.
  "complaint@10086"), which then applies to that kind's tickets from that channel instead of the kind's own (at most
  40 characters, the stored key's size); its steps are desk_app.core.workflow.Step names (leader, office, center,
  coordination, quality, audit, reply), stored in the procedure's order whatever the order in the file; the steps
  coordination (协调小组分析) and quality (质检审核) are taken by the receiver or leader of the department named by
  the settings "workflow.coordination_department" / "workflow.quality_department", which must then be given;
- policy clocks are ClockKind names (respond, transfer, arrive, resolve; not visit, which starts when a ticket is
  resolved) with limits LimitSpec.parse accepts ("20m", "8h", "4wh", "3wd", "2d"); variants are Variant values
  (emergency, major, paid, ftth_box, ftth_splitter); severities Severity values; codes unique; no two policies with the
  same conditions; one catch-all policy (no kind, variant or severity) so that every ticket finds a policy.
  "variant": null means any variant. "starts_at" (ClockStart, default "intake") says when the policy's own clocks
  start: "intake" at the business acceptance time, "receipt" when the department's receiver gets the ticket (工单扭转
  管理办法 第十三条: "工单承接人收到工单后…咨询类工单办理时限为三个工作日");
- settings are text; "organization", "stations", "contractors", "preset" come from the top-level fields, not from
  "settings"; a key ending in "_department" names a department code (ftth.marketing_department, ftth.dispatch_department
  the FTTH 派单部门, workflow.coordination_department, workflow.quality_department); the desk's 0/1 flags
  (property.paid_repair_requires_consent, terminal.quarantine_unregistered, return_visit.requires_slip),
  ftth.contractor (one of "contractors"), office_hours and return_visit.rule (a desk_app.core.policies.VisitRule:
  "after_deadline", 24 h after the required completion time, the default; "same_day", the day the work was
  completed) and phone.area_code (本地区号, the demo city's: 010, 028; a local landline typed without it is completed
  with it) are checked for their format.

Applying. All rows are written in one transaction; a database with any department refuses ("already set up").
Accounts with a user name that already exists (the administrator init-db creates) are taken over: their name, role,
department, jurisdiction and contact details come from the preset, and an existing password is kept. Every new
password must be changed at the first sign-in. Passwords are hashed before the transaction opens, so the write lock
is short. Workflows are stored under their key (kind or kind@channel). Time-limit policies of the preset (with their
start point) are written over the rows with the same code; all other policies are deactivated. The result lists
each account with its initial password so init-db can print them once.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import peewee as pw

from desk_app import paths
from desk_app.core.calendar import OfficeHours
from desk_app.core.errors import ValidationError
from desk_app.core.kinds import Channel, Role, Severity, TicketKind
from desk_app.core.passwords import check_password_strength
from desk_app.core.permissions import DEPARTMENT_BOUND
from desk_app.core.policies import ClockKind, ClockStart, Variant, VisitRule
from desk_app.core.routing import Scope
from desk_app.core.timelimits import LimitSpec
from desk_app.core.validation import normalize_phone, parse_area_code
from desk_app.core.workflow import DEPARTMENT_STEPS, STEP_ORDER, Step
from desk_app.models.db import database
from desk_app.models.schema import (
    Area,
    CatalogueEntry,
    Department,
    KindWorkflow,
    PolicyRecord,
    RoutingRule,
    Staff,
)
from desk_app.services.config import (
    SETTING_AREA_CODE,
    SETTING_SLIP_RETURN,
    SETTING_STEP_DEPARTMENT,
    SETTING_VISIT_RULE,
)
from desk_app.services.config import SETTING_ORGANIZATION, put_setting

PRESET_FOLDER = "presets"
AUDIT_DEPARTMENT = "audit"

SETTING_PRESET = "preset"
SETTING_PRESET_APPLIED_AT = "preset_applied_at"
SETTING_STATIONS = "stations"
SETTING_CONTRACTORS = "contractors"
RESERVED_SETTINGS = frozenset({SETTING_ORGANIZATION, SETTING_PRESET, SETTING_PRESET_APPLIED_AT, SETTING_STATIONS,
                               SETTING_CONTRACTORS})

ROLES = frozenset(r.value for r in Role)
VARIANTS = frozenset(v.value for v in Variant if v.value)
STEPS = tuple(step.value for step in STEP_ORDER)
# Who may be a department's receiver: normally a receiver; in the audit center an audit member, in a
# second-level service desk (二级客服) a dispatcher.
RECEIVER_ROLES = frozenset({Role.RECEIVER.value, Role.AUDIT.value, Role.DISPATCHER.value})
# Clocks a preset may start with a ticket. The return-visit clock starts when the ticket is resolved.
PRESET_CLOCKS = tuple(k.value for k in ClockKind if k != ClockKind.VISIT)

_CODE = re.compile(r"[a-z][a-z0-9_]{0,39}")
_USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,59}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")

# On/off settings the desk reads (services.config: SETTING_PAID_CONSENT, SETTING_QUARANTINE, SETTING_SLIP_RETURN).
_FLAG_SETTINGS = frozenset({"property.paid_repair_requires_consent", "terminal.quarantine_unregistered",
                            SETTING_SLIP_RETURN})
CHANNELS = frozenset(c.value for c in Channel)
CLOCK_STARTS = frozenset(c.value for c in ClockStart)
VISIT_RULES = frozenset(r.value for r in VisitRule)
# The stored size of a jurisdiction (Staff.jurisdiction). A workflow key (a kind, or kind@channel) always fits its
# column (KindWorkflow.kind, 40 characters).
JURISDICTION_LIMIT = 400


# ----- finding and loading ------------------------------------------------------------------------------------


def presets_dir() -> Path:
    return paths.resource_path(PRESET_FOLDER)


def available_presets() -> list[str]:
    """The names of the shipped presets (telecom, property, terminal), sorted."""
    folder = presets_dir()
    return sorted(p.stem for p in folder.glob("*.json")) if folder.is_dir() else []


def preset_file(name: str | os.PathLike[str]) -> Path:
    """The file of a shipped preset by name, or the path itself when given a path (a custom or test file)."""
    text = os.fspath(name)
    if text.endswith(".json") or os.sep in text or "/" in text:
        return Path(text)
    if text not in available_presets():
        raise ValueError(f"no preset named {text!r}; available: {', '.join(available_presets()) or 'none'}")
    return presets_dir() / f"{text}.json"


def load_preset(name: str | os.PathLike[str]) -> dict[str, Any]:
    """Read and check a preset; returns it normalised (areas as objects, positions and optional fields filled in).

    ValueError names the file and the place in it for anything wrong.
    """
    path = preset_file(name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ValueError(f"{path.name}: cannot read the preset: {error.strerror or error}") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"{path.name}: line {error.lineno} column {error.colno}: not valid JSON: {error.msg}") \
            from None
    return _Checker(path.name, path.stem).check(raw)


class PresetError(ValueError):
    """A preset file that does not hold together; the message names the file and the JSON path."""


class _Checker:
    def __init__(self, source: str, stem: str) -> None:
        self.source = source
        self.stem = stem

    def fail(self, where: str, problem: str) -> PresetError:
        return PresetError(f"{self.source}: {where}: {problem}")

    # -- small typed readers: each returns the value or raises naming `where` --

    def obj(self, value: Any, where: str, required: Iterable[str], optional: Iterable[str] = ()) -> dict:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected an object, got {_type(value)}")
        required = tuple(required)
        allowed = set(required) | set(optional) | {"note"}
        for key in value:
            if key not in allowed:
                raise self.fail(f"{where}.{key}", f"unknown key (allowed: {', '.join(sorted(allowed))})")
        for key in required:
            if key not in value:
                raise self.fail(where, f"missing {key!r}")
        if "note" in value:
            self.text(value["note"], f"{where}.note", allow_empty=True)
        return value

    def array(self, value: Any, where: str) -> list:
        if not isinstance(value, list):
            raise self.fail(where, f"expected a list, got {_type(value)}")
        return value

    def mapping(self, value: Any, where: str) -> dict:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected an object, got {_type(value)}")
        return value

    def text(self, value: Any, where: str, *, allow_empty: bool = False, limit: int = 1000) -> str:
        if not isinstance(value, str):
            raise self.fail(where, f"expected text, got {_type(value)}")
        value = value.strip()
        if not value and not allow_empty:
            raise self.fail(where, "must not be empty")
        if len(value) > limit:
            raise self.fail(where, f"longer than {limit} characters")
        return value

    def optional_text(self, value: Any, where: str, *, limit: int = 100) -> str | None:
        if value is None:
            return None
        return self.text(value, where, allow_empty=True, limit=limit) or None

    def one_of(self, value: Any, where: str, allowed: Iterable[str], what: str) -> str:
        allowed = sorted(allowed)
        value = self.text(value, where)
        if value not in allowed:
            raise self.fail(where, f"unknown {what} {value!r} (known: {', '.join(allowed)})")
        return value

    def phone(self, value: Any, where: str, *, mobile: bool = False) -> str:
        value = self.text(value, where, allow_empty=True, limit=40)
        if not value:
            return ""
        try:
            e164 = normalize_phone(value)
        except ValidationError:
            raise self.fail(where, f"not a valid mainland phone number: {value!r}") from None
        if mobile:
            import phonenumbers  # here: its metadata loads only when a preset is read (not with the window)

            number = phonenumbers.parse(e164, "CN")
            if phonenumbers.number_type(number) not in (phonenumbers.PhoneNumberType.MOBILE,
                                                        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE):
                raise self.fail(where, f"not a mobile number (staff get SMS alerts): {value!r}")
        return e164

    def limit(self, value: Any, where: str) -> str:
        try:
            return str(LimitSpec.parse(self.text(value, where)))
        except ValueError as error:
            raise self.fail(where, str(error)) from None

    def unique(self, seen: dict[str, str], key: str, where: str, what: str) -> None:
        if key in seen:
            raise self.fail(where, f"duplicate {what} {key!r} (first at {seen[key]})")
        seen[key] = where

    # -- the file --

    def check(self, raw: Any) -> dict[str, Any]:
        top = self.obj(raw, "$", ("name", "title", "organization", "departments", "staff", "receivers"),
                       ("areas", "stations", "contractors", "catalogue", "routing", "workflows", "policies",
                        "settings"))
        name = self.text(top["name"], "$.name", limit=40)
        if name != self.stem:
            raise self.fail("$.name", f"{name!r} is not the file name {self.stem!r}")
        out: dict[str, Any] = {
            "name": name,
            "title": self.text(top["title"], "$.title", limit=200),
            "organization": self.text(top["organization"], "$.organization", limit=200),
            "note": self.text(top.get("note", ""), "$.note", allow_empty=True, limit=4000),
        }
        out["areas"] = self.areas(top.get("areas", []))
        out["stations"] = self.stations(top.get("stations", []))
        out["contractors"] = self.contractors(top.get("contractors", []))
        out["departments"] = self.departments(top["departments"])
        codes = {d["code"] for d in out["departments"]}
        if AUDIT_DEPARTMENT not in codes:
            raise self.fail("$.departments", f"no audit center (a department with code {AUDIT_DEPARTMENT!r})")
        out["staff"] = self.staff(top["staff"], codes, {a["name"] for a in out["areas"]})
        out["receivers"] = self.receivers(top["receivers"], out["departments"], out["staff"])
        out["catalogue"] = self.catalogue(top.get("catalogue", {}))
        out["routing"] = self.routing(top.get("routing", []), out, codes)
        out["workflows"] = self.workflows(top.get("workflows", {}))
        out["policies"] = self.policies(top.get("policies", []))
        out["settings"] = self.settings(top.get("settings", {}), out, codes)
        self.step_departments(out["workflows"], out["settings"])
        return out

    def step_departments(self, workflows: dict[str, dict[str, list[str]]], settings: dict[str, str]) -> None:
        """A workflow with the 10086 coordination or quality step needs the department that takes it."""
        for key, workflow in workflows.items():
            for name in ("steps", "sensitive_steps"):
                for step in workflow[name]:
                    if Step(step) in DEPARTMENT_STEPS and SETTING_STEP_DEPARTMENT[Step(step)] not in settings:
                        raise self.fail(f"$.workflows.{key}.{name}",
                                        f"step {step!r} is taken by the department named by the setting "
                                        f"{SETTING_STEP_DEPARTMENT[Step(step)]!r}, which is missing")

    def areas(self, raw: Any) -> list[dict[str, str]]:
        result, seen = [], {}
        for i, item in enumerate(self.array(raw, "$.areas")):
            where = f"$.areas[{i}]"
            if isinstance(item, str):
                item = {"name": item}
            item = self.obj(item, where, ("name",), ("code",))
            area = {"name": self.text(item["name"], f"{where}.name", limit=60),
                    "code": self.text(item.get("code", ""), f"{where}.code", allow_empty=True, limit=40)}
            if ";" in area["name"]:
                raise self.fail(f"{where}.name", "an area name cannot contain ';' (jurisdictions list them with it)")
            self.unique(seen, area["name"], f"{where}.name", "area")
            result.append(area)
        return result

    def stations(self, raw: Any) -> list[str]:
        result, seen = [], {}
        for i, item in enumerate(self.array(raw, "$.stations")):
            station = self.text(item, f"$.stations[{i}]", limit=60)
            if ";" in station:
                raise self.fail(f"$.stations[{i}]", "a station name cannot contain ';'")
            self.unique(seen, station, f"$.stations[{i}]", "station")
            result.append(station)
        return result

    def contractors(self, raw: Any) -> list[dict[str, str]]:
        result, seen = [], {}
        for i, item in enumerate(self.array(raw, "$.contractors")):
            where = f"$.contractors[{i}]"
            if isinstance(item, str):
                item = {"name": item}
            item = self.obj(item, where, ("name",), ("contact", "phone"))
            contractor = {"name": self.text(item["name"], f"{where}.name", limit=100),
                          "contact": self.text(item.get("contact", ""), f"{where}.contact", allow_empty=True,
                                               limit=60),
                          "phone": self.phone(item.get("phone", ""), f"{where}.phone")}
            self.unique(seen, contractor["name"], f"{where}.name", "contractor")
            result.append(contractor)
        return result

    def departments(self, raw: Any) -> list[dict[str, str]]:
        result, codes, names = [], {}, {}
        items = self.array(raw, "$.departments")
        if not items:
            raise self.fail("$.departments", "a preset needs departments")
        for i, item in enumerate(items):
            where = f"$.departments[{i}]"
            item = self.obj(item, where, ("code", "name"), ("phone",))
            code = self.text(item["code"], f"{where}.code", limit=40)
            if not _CODE.fullmatch(code):
                raise self.fail(f"{where}.code", f"{code!r}: use lower-case letters, digits and _ (a letter first)")
            self.unique(codes, code, f"{where}.code", "department code")
            name = self.text(item["name"], f"{where}.name", limit=100)
            self.unique(names, name, f"{where}.name", "department name")
            result.append({"code": code, "name": name, "phone": self.phone(item.get("phone", ""), f"{where}.phone")})
        return result

    def staff(self, raw: Any, codes: set[str], areas: set[str]) -> list[dict[str, Any]]:
        result, seen = [], {}
        bound = {r.value for r in DEPARTMENT_BOUND}
        for i, item in enumerate(self.array(raw, "$.staff")):
            where = f"$.staff[{i}]"
            item = self.obj(item, where, ("username", "name", "role"),
                            ("department", "phone", "email", "jurisdiction"))
            username = self.text(item["username"], f"{where}.username", limit=60)
            if not _USERNAME.fullmatch(username):
                raise self.fail(f"{where}.username",
                                f"{username!r}: use 2-60 lower-case letters, digits, '.', '_' or '-'")
            self.unique(seen, username, f"{where}.username", "username")
            role = self.one_of(item["role"], f"{where}.role", ROLES, "role")
            department = item.get("department")
            if department is not None:
                department = self.one_of(department, f"{where}.department", codes, "department code")
            if role in bound and department is None:
                raise self.fail(f"{where}.department", f"role {role!r} needs a department")
            if role == Role.AUDIT.value and department != AUDIT_DEPARTMENT:
                raise self.fail(f"{where}.department",
                                f"audit staff belong to the audit center ({AUDIT_DEPARTMENT!r}), not {department!r}")
            email = self.text(item.get("email", ""), f"{where}.email", allow_empty=True, limit=120)
            if email and not _EMAIL.fullmatch(email):
                raise self.fail(f"{where}.email", f"not an e-mail address: {email!r}")
            result.append({"username": username, "name": self.text(item["name"], f"{where}.name", limit=60),
                           "role": role, "department": department,
                           "phone": self.phone(item.get("phone", ""), f"{where}.phone", mobile=True),
                           "email": email,
                           "jurisdiction": self.jurisdiction(item.get("jurisdiction"), f"{where}.jurisdiction",
                                                             role, areas)})
        if not any(s["role"] == Role.ADMIN.value for s in result):
            raise self.fail("$.staff", "no administrator (role 'admin')")
        if not any(s["role"] == Role.RECEPTIONIST.value for s in result):
            raise self.fail("$.staff", "no front-desk account (role 'receptionist')")
        if not any(s["role"] == Role.AUDIT.value for s in result):
            raise self.fail("$.staff", "the audit center has no member with role 'audit'")
        return result

    def jurisdiction(self, raw: Any, where: str, role: str, areas: set[str]) -> list[str]:
        """二级客服's areas: known area names, each once; only a dispatcher has a jurisdiction."""
        if raw is None:
            return []
        names, seen = [], {}
        for i, item in enumerate(self.array(raw, where)):
            name = self.one_of(item, f"{where}[{i}]", areas, "area")
            self.unique(seen, name, f"{where}[{i}]", "area")
            names.append(name)
        if names and role != Role.DISPATCHER.value:
            raise self.fail(where, f"only a dispatcher (二级客服) has a jurisdiction, not role {role!r}")
        if len(";".join(names)) > JURISDICTION_LIMIT:
            raise self.fail(where, f"longer than {JURISDICTION_LIMIT} characters when stored")
        return names

    def receivers(self, raw: Any, departments: list[dict], staff: list[dict]) -> dict[str, str]:
        raw = self.mapping(raw, "$.receivers")
        by_name = {s["username"]: s for s in staff}
        codes = [d["code"] for d in departments]
        result = {}
        for code, username in raw.items():
            where = f"$.receivers.{code}"
            if code not in codes:
                raise self.fail(where, f"unknown department code {code!r} (known: {', '.join(sorted(codes))})")
            username = self.one_of(username, where, by_name, "username")
            member = by_name[username]
            if member["department"] != code:
                raise self.fail(where, f"{username!r} is not a member of {code!r} (department: "
                                       f"{member['department']!r})")
            if member["role"] not in RECEIVER_ROLES:
                raise self.fail(where, f"{username!r} has role {member['role']!r}; a receiver has role "
                                       f"{' / '.join(sorted(RECEIVER_ROLES))}")
            result[code] = username
        for i, code in enumerate(codes):
            if code not in result:
                raise self.fail("$.receivers", f"department {code!r} ($.departments[{i}]) has no receiver")
            if not any(s["department"] == code and s["role"] == Role.LEADER.value for s in staff):
                raise self.fail(f"$.departments[{i}]", f"department {code!r} has no member with role 'leader'")
        return result

    def kind(self, value: Any, where: str) -> str:
        return self.one_of(value, where, {k.value for k in TicketKind}, "ticket kind")

    def catalogue(self, raw: Any) -> dict[str, list[str]]:
        result = {}
        for kind, entries in self.mapping(raw, "$.catalogue").items():
            where = f"$.catalogue.{kind}"
            self.kind(kind, where)
            names, seen = [], {}
            for i, entry in enumerate(self.array(entries, where)):
                entry = self.text(entry, f"{where}[{i}]", limit=100)
                self.unique(seen, entry, f"{where}[{i}]", "catalogue entry")
                names.append(entry)
            result[kind] = names
        return result

    def routing(self, raw: Any, data: dict, codes: set[str]) -> list[dict[str, Any]]:
        areas = {a["name"] for a in data["areas"]}
        stations = set(data["stations"])
        catalogue = data["catalogue"]
        every_entry = {e for entries in catalogue.values() for e in entries}
        scopes = {s.value for s in Scope if s.value}
        result = []
        for i, item in enumerate(self.array(raw, "$.routing")):
            where = f"$.routing[{i}]"
            item = self.obj(item, where, ("department",),
                            ("name", "kind", "category", "area", "scope", "station", "position"))
            rule: dict[str, Any] = {
                "name": self.text(item.get("name", ""), f"{where}.name", allow_empty=True, limit=100),
                "department": self.one_of(item["department"], f"{where}.department", codes, "department code"),
            }
            kind = self.optional_text(item.get("kind"), f"{where}.kind", limit=20)
            rule["kind"] = self.kind(kind, f"{where}.kind") if kind else None
            category = self.optional_text(item.get("category"), f"{where}.category")
            if category:
                known = catalogue.get(rule["kind"], []) if rule["kind"] else every_entry
                if category not in known:
                    raise self.fail(f"{where}.category", f"{category!r} is not a catalogue entry"
                                                         + (f" of {kind!r}" if kind else ""))
            rule["category"] = category
            area = self.optional_text(item.get("area"), f"{where}.area", limit=60)
            if area and area not in areas:
                raise self.fail(f"{where}.area", f"unknown area {area!r} (known: {', '.join(sorted(areas))})")
            rule["area"] = area
            scope = self.optional_text(item.get("scope"), f"{where}.scope", limit=20)
            rule["scope"] = self.one_of(scope, f"{where}.scope", scopes, "scope") if scope else None
            station = self.optional_text(item.get("station"), f"{where}.station", limit=60)
            if station and station not in stations:
                raise self.fail(f"{where}.station", f"unknown station {station!r} (known: "
                                                    f"{', '.join(sorted(stations)) or 'none'})")
            rule["station"] = station
            if not any(rule[k] for k in ("kind", "category", "area", "scope", "station")):
                raise self.fail(where, "a rule needs at least one condition (kind, category, area, scope, station)")
            position = item.get("position", (i + 1) * 10)
            if not isinstance(position, int) or isinstance(position, bool) or position < 0:
                raise self.fail(f"{where}.position", f"expected a whole number >= 0, got {position!r}")
            rule["position"] = position
            result.append(rule)
        return result

    def workflows(self, raw: Any) -> dict[str, dict[str, list[str]]]:
        """By kind, or by kind and channel ("complaint@10086", core.workflow.workflow_key)."""
        order = STEPS
        result = {}
        for key, item in self.mapping(raw, "$.workflows").items():
            where = f"$.workflows.{key}"
            kind, at, channel = key.partition("@")
            self.kind(kind, where)
            if at:
                self.one_of(channel, where, CHANNELS, "channel")
            item = self.obj(item, where, ("steps",), ("sensitive_steps",))
            lists = {}
            for name in ("steps", "sensitive_steps"):
                seen: dict[str, str] = {}
                for i, step in enumerate(self.array(item.get(name, []), f"{where}.{name}")):
                    step = self.one_of(step, f"{where}.{name}[{i}]", order, "workflow step")
                    self.unique(seen, step, f"{where}.{name}[{i}]", "step")
                lists[name] = [s for s in order if s in seen]
            both = set(lists["steps"]) & set(lists["sensitive_steps"])
            if both:
                raise self.fail(f"{where}.sensitive_steps", f"{', '.join(sorted(both))} already in 'steps'")
            result[key] = lists
        return result

    def policies(self, raw: Any) -> list[dict[str, Any]]:
        result, codes, conditions = [], {}, {}
        for i, item in enumerate(self.array(raw, "$.policies")):
            where = f"$.policies[{i}]"
            item = self.obj(item, where, ("code", "name", "clocks"),
                            ("kind", "variant", "severity", "use_priority", "starts_at", "pausable"))
            code = self.text(item["code"], f"{where}.code", limit=40)
            if not _CODE.fullmatch(code):
                raise self.fail(f"{where}.code", f"{code!r}: use lower-case letters, digits and _ (a letter first)")
            self.unique(codes, code, f"{where}.code", "policy code")
            kind = item.get("kind")
            variant = item.get("variant")
            severity = item.get("severity")
            policy = {
                "code": code,
                "name": self.text(item["name"], f"{where}.name", limit=100),
                "kind": self.kind(kind, f"{where}.kind") if kind is not None else None,
                "variant": (self.one_of(variant, f"{where}.variant", VARIANTS, "variant")
                            if variant is not None else None),
                "severity": (self.one_of(severity, f"{where}.severity", {s.value for s in Severity}, "severity")
                             if severity is not None else None),
            }
            clocks = {}
            for name, limit in self.mapping(item["clocks"], f"{where}.clocks").items():
                self.one_of(name, f"{where}.clocks.{name}", PRESET_CLOCKS, "clock")
                clocks[name] = self.limit(limit, f"{where}.clocks.{name}")
            policy["clocks"] = ";".join(f"{k}={clocks[k]}" for k in PRESET_CLOCKS if k in clocks)
            use_priority = item.get("use_priority", True)
            if not isinstance(use_priority, bool):
                raise self.fail(f"{where}.use_priority", f"expected true or false, got {use_priority!r}")
            policy["use_priority"] = use_priority
            pausable = item.get("pausable", True)
            if not isinstance(pausable, bool):
                raise self.fail(f"{where}.pausable", f"expected true or false, got {pausable!r}")
            policy["pausable"] = pausable
            policy["starts_at"] = self.one_of(item.get("starts_at", ClockStart.INTAKE.value), f"{where}.starts_at",
                                              CLOCK_STARTS, "clock start")
            condition = repr((policy["kind"], policy["variant"], policy["severity"]))
            if condition in conditions:
                raise self.fail(where, f"same kind, variant and severity as {conditions[condition]}: "
                                       "only the first would ever apply")
            conditions[condition] = where
            result.append(policy)
        if result and not any(p["kind"] is None and p["variant"] is None and p["severity"] is None for p in result):
            raise self.fail("$.policies", "no catch-all policy (one without kind, variant and severity): "
                                          "a ticket matching no other policy would have none")
        return result

    def settings(self, raw: Any, data: dict, codes: set[str]) -> dict[str, str]:
        result = {}
        for key, value in self.mapping(raw, "$.settings").items():
            where = f"$.settings.{key}"
            if not key or len(key) > 100:
                raise self.fail(where, "a setting key has 1-100 characters")
            if key in RESERVED_SETTINGS:
                raise self.fail(where, f"{key!r} comes from the preset's own field, not from settings")
            value = self.text(value, where, allow_empty=True, limit=4000)
            if key.endswith("_department"):
                self.one_of(value, where, codes, "department code")
            elif key in _FLAG_SETTINGS and value not in ("0", "1"):
                raise self.fail(where, f"expected '0' or '1', got {value!r}")
            elif key == "ftth.contractor":
                self.one_of(value, where, {c["name"] for c in data["contractors"]}, "contractor")
            elif key == SETTING_VISIT_RULE:
                self.one_of(value, where, VISIT_RULES, "return-visit rule")
            elif key == "office_hours":
                try:
                    OfficeHours.parse(value)
                except ValueError as error:
                    raise self.fail(where, str(error)) from None
            elif key == SETTING_AREA_CODE:
                try:
                    value = parse_area_code(value)
                except ValidationError:
                    raise self.fail(where, f"not a mainland area code: {value!r} (e.g. 010, 0755)") from None
            result[key] = value
        return result


def _type(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(value), type(value).__name__)


# ----- applying -----------------------------------------------------------------------------------------------


class Account(NamedTuple):
    """One login made by a preset; `password` is the initial password (None: an existing password was kept)."""

    username: str
    name: str
    role: str
    password: str | None


@dataclass(frozen=True)
class PresetResult:
    name: str
    title: str
    organization: str
    accounts: list[Account]
    counts: dict[str, int] = field(default_factory=dict)


def _password_functions() -> tuple[Callable[[str], str], Callable[[], str]]:
    """Hash and generate from services.auth, imported on first use: loading and checking a preset needs neither."""
    from desk_app.services import auth

    generate = getattr(auth, "generate_password", None) or (lambda: secrets.token_urlsafe(8))
    return auth.hash_password, generate


def _hash_all(hash_password: Callable[[str], str], passwords: list[str]) -> list[str]:
    """argon2 at production cost takes a quarter second a hash; a few threads (the C code releases the GIL)."""
    if len(passwords) < 4:
        return [hash_password(p) for p in passwords]
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        return list(pool.map(hash_password, passwords))


def apply_preset(name: str | os.PathLike[str], *, password: str | None = None,
                 now: dt.datetime | None = None) -> PresetResult:
    """Set a new database up from a preset (all in one transaction); ValueError if it has departments already.

    With `password`, every new account gets it; without, each gets its own random one. Either way it must be
    changed at the first sign-in. The result lists the accounts with their initial passwords (print them once).
    """
    data = load_preset(name)
    now = (now or dt.datetime.now()).replace(microsecond=0)
    _refuse_if_set_up()
    hash_password, generate = _password_functions()
    plain: dict[str, str] = {}
    for person in data["staff"]:
        if password is not None:
            try:
                check_password_strength(password, person["username"])
            except ValidationError as error:
                raise ValueError(f"the password will not do for {person['username']}: {error}") from None
            plain[person["username"]] = password
        else:
            plain[person["username"]] = generate()
    hashes = dict(zip(plain, _hash_all(hash_password, list(plain.values())), strict=True))

    with database.atomic():
        _refuse_if_set_up()
        counts: dict[str, int] = {}
        for area in data["areas"]:
            row = Area.get_or_none(Area.name == area["name"])
            if row is None:
                Area.create(name=area["name"], code=area["code"])
            else:
                Area.update(code=area["code"], active=True).where(Area.id == row.id).execute()
        counts["areas"] = len(data["areas"])

        departments: dict[str, int] = {}
        for item in data["departments"]:
            departments[item["code"]] = Department.create(code=item["code"], name=item["name"],
                                                          phone=item["phone"]).id
        counts["departments"] = len(departments)

        accounts: list[Account] = []
        staff_ids: dict[str, int] = {}
        for person in data["staff"]:
            fields = {"name": person["name"], "role": person["role"], "phone": person["phone"],
                      "email": person["email"], "active": True, "jurisdiction": ";".join(person["jurisdiction"]),
                      "department": departments[person["department"]] if person["department"] else None}
            existing = Staff.get_or_none(pw.fn.LOWER(Staff.username) == person["username"])
            if existing is not None and existing.password_hash:
                Staff.update(**fields).where(Staff.id == existing.id).execute()
                staff_ids[person["username"]] = existing.id
                accounts.append(Account(existing.username, person["name"], person["role"], None))
                continue
            fields.update(password_hash=hashes[person["username"]], must_change_password=True,
                          failed_signins=0, locked_until=None)
            if existing is not None:
                Staff.update(**fields).where(Staff.id == existing.id).execute()
                staff_ids[person["username"]] = existing.id
            else:
                staff_ids[person["username"]] = Staff.create(username=person["username"], **fields).id
            accounts.append(Account(person["username"], person["name"], person["role"], plain[person["username"]]))
        counts["staff"] = len(accounts)

        for code, username in data["receivers"].items():
            Department.update(receiver=staff_ids[username]).where(Department.id == departments[code]).execute()

        entries = 0
        for kind, names in data["catalogue"].items():
            for position, entry in enumerate(names, start=1):
                CatalogueEntry.insert(kind=kind, name=entry, position=position, active=True).on_conflict(
                    conflict_target=[CatalogueEntry.kind, CatalogueEntry.name],
                    update={CatalogueEntry.position: position, CatalogueEntry.active: True}).execute()
                entries += 1
        counts["catalogue"] = entries

        for rule in data["routing"]:
            RoutingRule.create(position=rule["position"], name=rule["name"], kind=rule["kind"],
                               category=rule["category"], area=rule["area"], scope=rule["scope"],
                               station=rule["station"], department=departments[rule["department"]])
        counts["routing"] = len(data["routing"])

        for key, workflow in data["workflows"].items():   # a kind, or "kind@channel" (core.workflow.workflow_key)
            steps, sensitive = ";".join(workflow["steps"]), ";".join(workflow["sensitive_steps"])
            KindWorkflow.insert(kind=key, steps=steps, sensitive_steps=sensitive).on_conflict(
                conflict_target=[KindWorkflow.kind],
                update={KindWorkflow.steps: steps, KindWorkflow.sensitive_steps: sensitive}).execute()
        counts["workflows"] = len(data["workflows"])

        if data["policies"]:
            codes = [p["code"] for p in data["policies"]]
            for policy in data["policies"]:
                values = {k: policy[k] for k in ("name", "kind", "variant", "severity", "clocks", "use_priority",
                                                 "starts_at", "pausable")}
                PolicyRecord.insert(code=policy["code"], active=True, **values).on_conflict(
                    conflict_target=[PolicyRecord.code],
                    update={**{getattr(PolicyRecord, k): v for k, v in values.items()},
                            PolicyRecord.active: True}).execute()
            counts["policies_deactivated"] = (PolicyRecord.update(active=False)
                                              .where(PolicyRecord.code.not_in(codes) & PolicyRecord.active)
                                              .execute())
        counts["policies"] = len(data["policies"])

        put_setting(SETTING_ORGANIZATION, data["organization"])
        put_setting(SETTING_PRESET, data["name"])
        put_setting(SETTING_PRESET_APPLIED_AT, now.isoformat(sep=" "))
        if data["stations"]:
            put_setting(SETTING_STATIONS, ";".join(data["stations"]))
        if data["contractors"]:
            put_setting(SETTING_CONTRACTORS, json.dumps(data["contractors"], ensure_ascii=False))
        for key, value in data["settings"].items():
            put_setting(key, value)
        counts["settings"] = len(data["settings"])
    return PresetResult(data["name"], data["title"], data["organization"], accounts, counts)


def _refuse_if_set_up() -> None:
    if Department.select().exists():
        raise ValueError("already set up: the database has departments; a preset applies to a new database only")
