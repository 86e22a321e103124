"""The organisation a database is set up as (a preset applied by `init-db --preset`, or an administrator's own), as
the demo reads it: departments, people, areas, stations, catalogue; the demo changes none of it."""

from __future__ import annotations

from dataclasses import dataclass

from desk_app.core.kinds import Role
from desk_app.models.schema import Area, CatalogueEntry, Department, RoutingRule, Setting, Staff
from desk_app.services.desk import Actor

# The names services.presets writes (the two are independent modules of one layer: neither imports the other).
SETTING_PRESET = "preset"
SETTING_STATIONS = "stations"
AUDIT_DEPARTMENT = "audit"


@dataclass
class Organisation:
    """An organisation already set up in the database (what the demo reads; it changes none of it)."""

    preset: str                                    # the preset's name; "" for an administrator's own organisation
    departments: dict[str, Department]             # active departments by code
    staff: list[Actor]
    areas: list[str]
    stations: list[str]
    catalogue: dict[str, list[str]]
    station_departments: dict[str, str]            # station → department code (from the routing rules)

    def __post_init__(self) -> None:
        self.by_id = {a.id: a for a in self.staff}
        self.code_of = {d.id: code for code, d in self.departments.items()}

    def with_role(self, *roles: Role) -> list[Actor]:
        return [a for a in self.staff if a.role in roles]

    def members(self, code: str, *roles: Role) -> list[Actor]:
        department = self.departments.get(code)
        if department is None:
            return []
        return [a for a in self.staff if a.department_id == department.id and (not roles or a.role in roles)]

    def receiver(self, code: str) -> Actor | None:
        department = self.departments.get(code)
        return self.by_id.get(department.receiver_id) if department is not None else None

    def dispatchable(self) -> list[str]:
        """Departments a ticket can be sent to (with a receiver), the audit center last."""
        codes = [code for code, d in self.departments.items() if d.receiver_id in self.by_id]
        return sorted(codes, key=lambda code: code == AUDIT_DEPARTMENT)


def find_organisation() -> Organisation | None:
    """The organisation of a database that has one (departments), else None (a bare database)."""
    departments = {d.code: d for d in Department.select().where(Department.active).order_by(Department.id)}
    if not departments:
        return None
    preset = Setting.get_or_none(Setting.key == SETTING_PRESET)
    staff = [Actor.of(s) for s in Staff.select().where(Staff.active).order_by(Staff.id)]
    catalogue: dict[str, list[str]] = {}
    for entry in CatalogueEntry.select().where(CatalogueEntry.active).order_by(CatalogueEntry.kind,
                                                                             CatalogueEntry.position):
        catalogue.setdefault(entry.kind, []).append(entry.name)
    stations_row = Setting.get_or_none(Setting.key == SETTING_STATIONS)
    stations = [s for s in (stations_row.value if stations_row else "").split(";") if s]
    code_of = {d.id: code for code, d in departments.items()}
    station_departments = {r.station: code_of[r.department_id] for r in RoutingRule.select().where(
        RoutingRule.active & RoutingRule.station.is_null(False)).order_by(RoutingRule.position)
        if r.station and r.department_id in code_of}
    return Organisation(preset.value if preset else "", departments, staff,
                        [a.name for a in Area.select().where(Area.active).order_by(Area.id)], stations, catalogue,
                        station_departments)
