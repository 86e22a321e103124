"""The directory the window's dialogs list (services.queries.Directory): the same departments, staff, field staff and
member counts as the queries it stands in for, read in one go."""

from __future__ import annotations

from desk_app.core.kinds import Role
from desk_app.services import queries


def test_the_directory_says_what_the_queries_say(demo_db):
    directory = queries.read_directory()
    assert list(directory.departments) == queries.departments() and directory.departments
    assert list(directory.staff) == queries.staff_list()
    for department in directory.departments:
        assert directory.field_staff(department.id) == queries.field_staff(department.id)
        for exclude in (None, directory.staff[0].id):
            assert directory.member_count(department.id, exclude_staff_id=exclude) == \
                queries.department_member_count(department.id, exclude_staff_id=exclude)
        assert directory.department_name(department.id) == department.name
    workers = directory.field_workers()
    assert workers and all(names == [name for name, _ in queries.field_staff(d)] for d, names in workers.items())
    assert {s.department_id for s in directory.staff if s.role == Role.FIELD.value} == set(workers)
    assert directory.field_staff(None) == [] and directory.department_name(None) == ""
