"""What a report prints, gathered in a fixed number of queries and grouped as the paper does."""

from __future__ import annotations

import gc

import pytest
from django.db.models import Count

from reports.data import build_report
from reports.render import (
    render_report_pdf,
)
from tests.reports.pdf_text import TODAY, small_study

pytestmark = pytest.mark.django_db


def test_report_data_takes_the_same_queries_for_a_small_and_a_large_study(
    django_assert_num_queries,
):
    small = small_study(strategies=1, actions=1)
    large = small_study(strategies=12, actions=6)
    with django_assert_num_queries(4):
        small_report = build_report(small)
    with django_assert_num_queries(4):
        large_report = build_report(large)
    assert sum(len(q.strategies) for q in small_report.table3) == 1
    assert sum(len(s.actions) for q in large_report.table3 for s in q.strategies) == 72


def test_report_data_groups_mashhad_as_the_paper_does(mashhad):
    report = build_report(mashhad, today=TODAY)
    assert [(g.kind, len(g.rows)) for g in report.table1] == [("S", 13), ("O", 10)]
    assert [(g.kind, len(g.rows)) for g in report.table2] == [("W", 9), ("T", 7)]
    assert [(q.quadrant, [s.code for s in q.strategies]) for q in report.table3] == [
        ("SO", ["SO1", "SO2", "SO3"]),
        ("WO", ["WO1", "WO2", "WO3", "WO4"]),
        ("ST", ["ST1", "ST2", "ST3"]),
        ("WT", ["WT1", "WT2"]),
    ]
    so2 = report.table3[0].strategies[1]
    assert so2.citations == "S1,3,6,10,11,12 O1,3,5,6,7,8"
    # Persian numbers in the Persian report.
    assert [row.number for row in report.table1[0].rows][-3:] == ["۱۱", "۱۲", "۱۳"]
    assert (report.generated_jalali, report.generated_gregorian) == ("۳ آذر ۱۴۰۵", "۲۴ نوامبر ۲۰۲۶")


def test_report_counts_the_actions_that_serve_several_strategies(mashhad):
    shared = mashhad.actions.annotate(uses=Count("links")).filter(uses__gt=1).count()
    assert build_report(mashhad).shared_actions == shared > 0


def test_typesetting_leaves_the_garbage_collector_as_it_found_it(mashhad):
    assert gc.isenabled()
    render_report_pdf(mashhad, "table2")
    assert gc.isenabled()
    gc.disable()
    try:
        render_report_pdf(mashhad, "table2")
        assert not gc.isenabled()
    finally:
        gc.enable()
