"""A study's report style in the study's admin page: every field, in its own direction, a blank
text meaning the report's default wording; saved, refused over its limits, or not made at all."""

import pytest
from django.urls import reverse

from swot.models import ReportStyle, Study
from tests.direction import Page
from tests.factories import FactorFactory, StudyFactory, UserFactory

pytestmark = pytest.mark.django_db

PREFIX = "report_style-0-"
FIELDS = ["typeface", "citation_order", "document_number", *ReportStyle.WORDING_FIELDS]


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.cookies["django_language"] = "en"
    return client


def study_form(study: Study, **report_style) -> dict:
    """The study's change form as posted: its own fields, no factors, and the report style."""
    data = {
        "slug": study.slug,
        "title": study.title,
        "city": study.city,
        "subject": study.subject,
        "source": study.source,
        "language": study.language,
        "year": study.year or "",
        "factors-TOTAL_FORMS": 0,
        "factors-INITIAL_FORMS": 0,
        "report_style-TOTAL_FORMS": 1,
        "report_style-INITIAL_FORMS": 0,
        f"{PREFIX}typeface": "vazirmatn",
        f"{PREFIX}citation_order": "internal",
    }
    style = ReportStyle.objects.filter(study=study).first()
    if style is not None:
        data |= {"report_style-INITIAL_FORMS": 1, f"{PREFIX}id": style.pk}
        data |= {f"{PREFIX}{name}": getattr(style, name) for name in FIELDS}
    return data | {f"{PREFIX}{name}": value for name, value in report_style.items()}


def change(admin_client, study: Study, **report_style):
    url = reverse("admin:swot_study_change", args=[study.pk])
    return admin_client.post(url, study_form(study, **report_style))


def test_the_study_page_has_every_report_style_field_with_texts_either_way(admin_client):
    study = StudyFactory()
    response = admin_client.get(reverse("admin:swot_study_change", args=[study.pk]))
    page = Page(response.content.decode())

    for name in FIELDS:
        field = page.field(PREFIX + name)
        if name in ReportStyle.WORDING_FIELDS or name == "document_number":
            assert field.attrs.get("dir") == "auto", name
    assert page.field(PREFIX + "typeface").tag == "select"
    # What a blank text means, said on each and above them.
    helps = {
        holder.attrs.get("id") or holder.parent.attrs.get("id")  # Django's markup varies
        for holder in page.holders("Blank: the default wording.")
    }
    assert {f"id_{PREFIX}{name}_helptext" for name in ReportStyle.WORDING_FIELDS} <= helps
    assert page.holders("Leave a text blank to print the report's default wording.")


def test_a_study_saved_without_touching_its_report_style_gets_none(admin_client):
    study = StudyFactory()
    response = change(admin_client, study)
    assert response.status_code == 302
    assert not ReportStyle.objects.exists()


def test_an_admin_sets_a_studys_report_style(admin_client):
    study = StudyFactory()
    response = change(
        admin_client,
        study,
        typeface="naskh",
        citation_order="external",
        document_number="۱۴۰۳/۱۲",
        table3_caption="جدول ۳: راهبردها و برنامه‌های اقدام",
    )

    assert response.status_code == 302
    style = ReportStyle.objects.get(study=study)
    assert (style.typeface, style.citation_order) == ("naskh", "external")
    assert (style.document_number, style.table3_caption) == (
        "۱۴۰۳/۱۲", "جدول ۳: راهبردها و برنامه‌های اقدام",
    )  # fmt: skip
    assert style.table1_caption == ""  # blank: the default wording

    # And clears a text back to the default.
    assert change(admin_client, study, table3_caption="").status_code == 302
    style.refresh_from_db()
    assert (style.table3_caption, style.typeface) == ("", "naskh")


@pytest.mark.parametrize(
    ("name", "label", "most"),
    [
        ("table1_caption", "Table 1 caption", 300),
        ("strategy_heading", "Table 3 strategy column heading", 120),
        ("document_number", "Document number", 60),
        ("table3_footnote", "Table 3 footnote", 1000),
    ],
)
def test_a_report_style_text_over_its_limit_is_refused_naming_it(admin_client, name, label, most):
    study = StudyFactory()
    response = change(admin_client, study, **{name: "x" * (most + 1)})

    assert response.status_code == 200
    (formset,) = [
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "report_style"
    ]
    assert formset.formset.forms[0].errors[name] == [
        f"{label} can be at most {most} characters; this one has {most + 1}."
    ]
    assert not ReportStyle.objects.exists()


def inside(element, css_class: str) -> bool:
    while element is not None:
        if css_class in (element.attrs.get("class") or "").split():
            return True
        element = element.parent
    return False


def test_the_study_pages_inline_rows_are_named_their_own_way(admin_client):
    study = StudyFactory(title="مطالعهٔ دیپلماسی شهری")
    ReportStyle.objects.create(study=study, table1_caption="جدول ۱")
    FactorFactory(study=study, kind="S", number=1, text="A strength")
    page = Page(
        admin_client.get(reverse("admin:swot_study_change", args=[study.pk])).content.decode()
    )

    # The report style is the study's own: its heading does not name the study again.
    assert not [e for e in page.holders(study.title) if inside(e, "inline_label")]
    assert page.field(f"{PREFIX}table1_caption").attrs["value"] == "جدول ۱"
    # A factor's row is headed by its text, in its own direction.
    (heading,) = page.holders("S1. A strength")
    assert heading.tag == "bdi"
