"""The report's part "Evaluation" (David's IFE, EFE, position, IE, SPACE and QSPM), alone and
as the combined report's section after Table 3, read back from the PDF with pdftotext.

The study is tests/evaluation/studies.py's, worked out by hand there: IFE 2.80, EFE 2.10:
competitive (ST); cell V, hold and maintain; SPACE (+1.33, +1.50) aggressive; QSPM "SO": SO2
3.20 then SO1 2.90. A study without evaluation data prints as it did before the part existed.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from evaluation.models import SpaceVariable
from reports.data import build_report
from reports.render import COMBINED_PARTS, PARTS, contents, render_report_html, render_report_pdf
from swot.models import Study
from tests.browser import axe_violations
from tests.evaluation.studies import evaluated_study
from tests.factories import StudyFactory, UserFactory
from tests.reports.pdf_text import (
    TODAY,
    mashhad_pdf,
    norm,
    pdf_page_count,
    pdf_pages,
    small_study,
)

pytestmark = pytest.mark.django_db

# What the PDF must say, in each language: the position, the IE cell and its prescription.
SAYS = {
    Study.Language.ENGLISH: {
        "evaluation": "Evaluation",
        "position": "IFE 2.80, EFE 2.10: competitive (ST)",
        "ie": "IFE 2.80, EFE 2.10: cell V, hold and maintain",
        "space": "SPACE vector (+1.33, +1.50): aggressive",
    },
    Study.Language.PERSIAN: {
        "evaluation": "ارزیابی",
        "position": "IFE ۲٫۸۰ و EFE ۲٫۱۰: موقعیت رقابتی (ST)",
        "ie": "IFE ۲٫۸۰ و EFE ۲٫۱۰: خانهٔ V، حفظ و نگهداری",
        "space": "بردار SPACE (+۱٫۳۳، +۱٫۵۰): تهاجمی",
    },
}


def study_in(language: str) -> Study:
    study = evaluated_study()
    study.language = language
    study.save()
    return study


def text_of(pdf: bytes, tmp_path) -> str:
    return norm("".join(pdf_pages(pdf, tmp_path)))


@pytest.mark.parametrize("language", [Study.Language.ENGLISH, Study.Language.PERSIAN])
def test_the_evaluation_part_prints_the_position_the_ie_cell_and_the_qspm_ranking(
    language, tmp_path
):
    study = study_in(language)
    pdf = render_report_pdf(study, "evaluation", today=TODAY).pdf
    text = text_of(pdf, tmp_path)
    for sentence in SAYS[language].values():
        assert norm(sentence) in text
    # The IFE and EFE tables: each factor's weighted score and the totals.
    fa = language == Study.Language.PERSIAN
    for figure in ("1.20", "0.60", "1.00", "2.80", "0.80", "1.05", "0.25", "2.10"):
        assert (
            norm(figure.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) if fa else figure)
            in text
        )
    # The QSPM sets, each ranked highest first: SO2 (3.20) before SO1 (2.90), then set ST.
    qspm = text[text.index(norm(build_report(study).labels["qspm"])) :]
    assert qspm.index("SO2") < qspm.index("SO1") < qspm.index("ST1")


@pytest.mark.parametrize("language", [Study.Language.ENGLISH, Study.Language.PERSIAN])
def test_the_combined_report_has_the_evaluation_after_table_3_and_in_its_contents(
    language, tmp_path
):
    study = study_in(language)
    report = build_report(study, today=TODAY)
    heading = SAYS[language]["evaluation"]
    assert [s.heading for s in contents(report, (*COMBINED_PARTS, "evaluation"))][-1] == heading
    rendered = render_report_pdf(study, "combined", today=TODAY)
    pages = pdf_pages(rendered.pdf, tmp_path)
    assert norm(heading) in norm(pages[0])  # the contents' line
    table3 = report.sections["table3"].title
    last_table3 = max(n for n, page in enumerate(pages) if norm(table3) in norm(page))
    first_evaluation = next(
        n for n, page in enumerate(pages) if norm(SAYS[language]["position"]) in norm(page)
    )
    assert first_evaluation > last_table3
    alone = pdf_page_count(render_report_pdf(study, "evaluation", today=TODAY).pdf, tmp_path)
    tables = sum(
        pdf_page_count(render_report_pdf(study, p, today=TODAY).pdf, tmp_path)
        for p in COMBINED_PARTS
    )
    assert len(pages) == 1 + tables + alone


def test_a_study_without_evaluation_data_prints_the_combined_report_as_before(mashhad, tmp_path):
    """Mashhad has no assessment, SPACE variable or QSPM set: no section, no contents line; one
    SPACE variable is enough to add them, the rest of the report unchanged."""
    before = pdf_page_count(mashhad_pdf(mashhad, "combined"), tmp_path)
    html = render_report_html(build_report(mashhad, today=TODAY), "combined")
    assert 'id="evaluation"' not in html and 'href="#evaluation"' not in html

    SpaceVariable.objects.create(study=mashhad, dimension="FP", name="Budget", score=4)
    report = build_report(mashhad, today=TODAY)
    assert report.evaluation is not None
    html = render_report_html(report, "combined")
    assert 'id="evaluation"' in html and 'href="#evaluation"' in html
    after = render_report_pdf(mashhad, "combined", today=TODAY)
    alone = pdf_page_count(render_report_pdf(mashhad, "evaluation", today=TODAY).pdf, tmp_path)
    assert after.pages == before + alone


def test_the_evaluation_part_of_a_study_without_one_says_so():
    study = small_study()
    report = build_report(study, today=TODAY)
    assert report.evaluation is None
    html = render_report_html(report, "evaluation")
    assert "No evaluation recorded." in html
    assert "Table 1" not in html  # the part alone


def test_a_study_with_only_space_variables_has_an_evaluation():
    """No factors: the factors' query cannot say, a query of its own does."""
    study = StudyFactory()
    SpaceVariable.objects.create(study=study, dimension="IP", name="Growth", score=5)
    assert build_report(study).evaluation is not None
    assert build_report(StudyFactory()).evaluation is None


def test_the_evaluation_is_read_in_a_fixed_number_of_queries(django_assert_num_queries):
    """The report's six, and evaluate_study's six: the factors, the SPACE matrix, its
    variables, the QSPM sets, their strategies and their scores."""
    study = evaluated_study()
    with django_assert_num_queries(12):
        report = build_report(study)
    assert [r.strategy for r in report.evaluation.qspm[0].ranking] == ["SO2", "SO1"]


def test_a_provisional_matrix_shows_its_weight_sum_and_how_far_off_it_is():
    """Weights 0.30 + 0.20 + 0.499 = 0.999: off by −0.001, both shown to the weights' three
    decimals (at two, 0.999 would read 1.00 and hide it)."""
    study = evaluated_study()
    w1 = study.factors.get(kind="W", number=1).assessment
    w1.weight = "0.499"
    w1.save()
    report = build_report(study, today=TODAY)
    ife = report.evaluation.ife
    assert ife.provisional and ife.weight_sum == "0.999" and ife.off_by == "off by −0.001"
    html = render_report_html(report, "evaluation")
    assert "Sum of weights: 0.999 (off by −0.001). Provisional: the weights" in html
    assert "<td>0.499</td>" in html.replace(' class="num"', "")
    assert "(provisional)" in html  # the position and the IE cell stand on it


def test_factor_texts_and_set_names_are_escaped():
    study = evaluated_study()
    factor = study.factors.get(kind="S", number=1)
    factor.text = "<i>tourism</i> & trade"
    factor.save()
    study.qspm_sets.filter(name="SO").update(name="<b>SO</b>")
    html = render_report_html(build_report(study, today=TODAY), "evaluation")
    assert "&lt;i&gt;tourism&lt;/i&gt; &amp; trade" in html and "&lt;b&gt;SO&lt;/b&gt;" in html
    assert "<i>tourism" not in html and "<b>SO" not in html


def test_the_print_preview_has_the_evaluation_part(reader):
    study = evaluated_study()
    assert "evaluation" in PARTS
    response = reader.get(reverse("report-preview", args=[study.slug, "evaluation"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{reverse("report-pdf", args=[study.slug, "evaluation"])}"' in html
    assert html.count('role="img"') == 3 and "<script" not in html
    assert "competitive" in html


def test_the_evaluation_pdf_is_queued_like_the_other_parts(reader):
    study = evaluated_study()
    response = reader.get(reverse("report-pdf", args=[study.slug, "evaluation"]))
    assert response.status_code == 202


# ---------------------------------------------------------------- in the browser


def persian_evaluated_study() -> Study:
    study = evaluated_study()
    study.language = Study.Language.PERSIAN
    study.save()
    return study


@pytest.mark.django_db(transaction=True)
def test_the_evaluation_preview_shows_the_charts_under_the_content_security_policy(
    page, live_server
):
    """The `page` fixture fails on anything the policy refuses: the SVG has no script and no
    style attribute, only presentation attributes."""
    study = persian_evaluated_study()
    page.goto(f"{live_server.url}{reverse('report-preview', args=[study.slug, 'evaluation'])}")
    charts = page.locator("svg.chart[role=img]")
    assert charts.count() == 3
    for n in range(3):
        box = charts.nth(n).bounding_box()
        assert box["width"] > 150 and box["height"] > 150
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "موقعیت رقابتی" in page.locator(".chart-position .chart-result").inner_text()
    assert (
        page.locator(".chart-ie .chart-legend li.current")
        .inner_text()
        .strip()
        .endswith("حفظ و نگهداری")
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["fa", "en"])
def test_the_evaluation_preview_passes_axe(axe_page, language):
    study = persian_evaluated_study()
    UserFactory(username="council", password="council-pw")
    page = axe_page(reverse("report-preview", args=[study.slug, "evaluation"]), "council", language)
    assert axe_violations(page) == []


def test_the_study_page_links_the_evaluation_pdf(reader):
    study = persian_evaluated_study()
    page = reader.get(reverse("study", args=[study.slug])).text
    link = reverse("report-pdf", args=[study.slug, "evaluation"])
    assert f'<a class="button" href="{link}">ارزیابی (PDF)</a>' in page
