"""What a report prints, gathered in a fixed number of queries and grouped as the paper does."""

from __future__ import annotations

import gc

import pytest
from django.db.models import Count

from reports.data import build_report
from reports.render import (
    render_report_pdf,
)
from swot.models import ReportStyle
from tests.reports.pdf_text import TODAY, small_study

pytestmark = pytest.mark.django_db


def test_report_data_takes_the_same_queries_for_a_small_and_a_large_study(
    django_assert_num_queries,
):
    small = small_study(strategies=1, actions=1)
    large = small_study(strategies=12, actions=6)
    # The study's factors, strategies, citations, programs, report style and the letterhead.
    with django_assert_num_queries(6):
        small_report = build_report(small)
    with django_assert_num_queries(6):
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
    assert so2.citations == "O1,3,5,6,7,8 S1,3,6,10,11,12"  # the paper's order, O before S
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


@pytest.mark.parametrize(
    ("order", "printed"),
    [
        (ReportStyle.CitationOrder.INTERNAL_FIRST, "S1,2 O1,2"),
        (ReportStyle.CitationOrder.EXTERNAL_FIRST, "O1,2 S1,2"),
    ],
)
def test_a_study_prints_its_citations_internal_or_external_factors_first(order, printed):
    study = small_study(strategies=4)  # the fourth is an SO strategy citing S1,2 O1,2
    ReportStyle.objects.create(study=study, citation_order=order)
    [so] = build_report(study).table3[0].strategies
    assert so.citations == printed


def test_a_study_without_a_report_style_prints_the_default_captions_and_headings():
    study = small_study()
    report = build_report(study)
    assert report.labels["table3"] == "Strategies and their action programs"
    assert report.labels["T"] == "Threats (T)"
    assert report.typeface == ReportStyle.Typeface.MODERN
    assert not report.letterhead


def test_a_report_style_words_the_captions_headings_and_footnote_and_blank_keeps_the_default():
    study = small_study()
    ReportStyle.objects.create(
        study=study,
        table3_caption="Strategies worthy of the city",
        threats_heading="Threats as printed (T)",
        program_heading="Programs",
        table3_footnote="Some actions repeat.",
    )
    labels = build_report(study).labels
    assert labels["table3"] == "Strategies worthy of the city"
    assert labels["T"] == "Threats as printed (T)"
    assert labels["actions"] == "Programs"
    assert labels["shared_footnote"] == "Some actions repeat."
    assert labels["table1"] == "Capacities and potentials (strengths and opportunities)"
    assert labels["S"] == "Strengths (S)"
