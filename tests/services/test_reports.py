"""The monthly report on the demo database: the same numbers as the summary, for the reader the summary allows."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from reportlab import rl_config

from desk_app.core.errors import PermissionDenied, ValidationError
from desk_app.core.summary import Figure, month_period
from desk_app.models.schema import Staff
from desk_app.services.config import put_setting
from desk_app.services.desk import Actor, DeskService
from desk_app.services.reports import monthly_report
from desk_app.services.summary import summarize
from tests.conftest import FIXED_NOW


@pytest.fixture(autouse=True)
def invariant_pdf(monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)


def reader(demo_db, role: str):
    staff = Staff.select().where(Staff.role == role).order_by(Staff.id).first()
    return DeskService(now=lambda: FIXED_NOW).viewer(Actor.of(staff))


def texts(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", "", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_november_report_prints_the_summarys_figures(demo_db):
    viewer = reader(demo_db, "supervisor")
    summary = summarize(viewer, month_period("2026-11"), FIXED_NOW)
    steps = []

    pages = texts(monthly_report(viewer, "2026-11", FIXED_NOW, progress=lambda done, total: steps.append(done)))

    assert summary.counts[Figure.TICKETS_IN] > 0
    assert f"新建工单{summary.counts[Figure.TICKETS_IN]}" in pages[0]
    assert f"办结工单{summary.counts[Figure.CLOSED]}" in pages[0]
    assert "工单台服务中心2026年11月工单统计报告" in pages[0]
    assert f"编制：{viewer.actor.name}" in pages[0]
    assert all(f"第{n}页共{len(pages)}页" in page for n, page in enumerate(pages, start=1))
    # A page per procedure with clocks due in the month, after the figures, the charts and the breakdowns.
    assert len(pages) >= 3 + len({row.policy_code for row in summary.clocks_by_policy})
    for row in summary.clocks_by_policy:
        assert any(re.sub(r"\s+", "", row.policy_name) in page for page in pages[3:])
    assert steps and steps == sorted(steps)


def test_the_report_names_the_organization_and_who_printed_it(demo_db):
    put_setting("organization", "幸福里物业服务中心")

    first = texts(monthly_report(reader(demo_db, "supervisor"), "2026-11", FIXED_NOW, printed_by="周科长"))[0]

    assert "幸福里物业服务中心2026年11月工单统计报告" in first
    assert "编制：周科长" in first


def test_a_month_without_work_still_gives_a_report(demo_db):
    pages = texts(monthly_report(reader(demo_db, "supervisor"), "2025-01", FIXED_NOW))

    assert "2025年1月工单统计报告" in pages[0]
    assert "新建工单0" in pages[0] and "办结及时率—" in pages[0]
    assert pages[1].count("本月无数据") == 4  # the trend, the departments' rates, satisfaction, hot spots
    assert "合计00" in pages[2]  # the departments still hold open work (a snapshot), but nothing new


def test_only_readers_of_the_summary_may_print_it(demo_db):
    with pytest.raises(PermissionDenied):
        monthly_report(reader(demo_db, "receptionist"), "2026-11", FIXED_NOW)


def test_a_malformed_month_is_refused(demo_db):
    with pytest.raises(ValidationError):
        monthly_report(reader(demo_db, "supervisor"), "2026-13", FIXED_NOW)
