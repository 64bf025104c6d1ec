"""An analyst duplicates a whole study as a new one: factors with notes, strategies with their
citations and notes, shared actions with their order at every place, each place's wording and
footnote, the report style. The original is untouched; the copy's History starts fresh."""

import pytest
from django.urls import reverse

from actions.models import Action, ActionLink
from strategies.models import Citation, Strategy
from studyfile.duplicate import copy_title
from studyfile.export import export_study
from swot.models import Factor, ReportStyle, Study
from tests.helpers import factor

pytestmark = pytest.mark.django_db


def contents(study: Study) -> dict:
    """What a study holds, read from its rows (not through export_study), ids left out but
    which places share one action kept (as the index of the action in first-use order)."""
    links = ActionLink.objects.filter(strategy__study=study).select_related("strategy", "action")
    order: dict[int, int] = {}
    places = []
    for link in links.order_by("strategy__quadrant", "strategy__number", "position"):
        shared = order.setdefault(link.action_id, len(order))
        places.append((link.strategy.code, link.position, shared, link.action.text))
        places[-1] += (link.wording, link.footnote)
    style = ReportStyle.objects.filter(study=study).values().first() or {}
    return {
        "details": [getattr(study, f) for f in ("city", "subject", "year", "source", "language")],
        "factors": sorted(
            Factor.objects.filter(study=study).values_list("kind", "number", "text", "note")
        ),
        "strategies": sorted(
            Strategy.objects.filter(study=study).values_list("quadrant", "number", "text", "note")
        ),
        "citations": sorted(
            (c.strategy.code, c.factor.code)
            for c in Citation.objects.filter(strategy__study=study).select_related(
                "strategy", "factor"
            )
        ),
        "places": places,
        "actions": Action.objects.filter(study=study).count(),
        "style": {k: v for k, v in style.items() if k not in ("id", "study_id")},
    }


def rows(study: Study) -> list:
    """The original's rows as stored, ids and versions included."""
    return [
        list(Factor.objects.filter(study=study).order_by("pk").values()),
        list(Strategy.objects.filter(study=study).order_by("pk").values()),
        list(Citation.objects.filter(strategy__study=study).order_by("pk").values()),
        list(Action.objects.filter(study=study).order_by("pk").values()),
        list(ActionLink.objects.filter(strategy__study=study).order_by("pk").values()),
        list(ReportStyle.objects.filter(study=study).values()),
        list(Study.objects.filter(pk=study.pk).values()),
        Study.history.filter(id=study.pk).count() + Factor.history.filter(study=study).count(),
    ]


def duplicate(client, study: Study):
    return client.post(reverse("study-duplicate", args=[study.slug]), follow=True)


def test_duplicating_the_mashhad_study_copies_everything_and_leaves_it_untouched(analyst, mashhad):
    before = rows(mashhad)
    response = duplicate(analyst, mashhad)
    copy = Study.objects.exclude(pk=mashhad.pk).get()

    assert copy.title == f"{mashhad.title} (رونوشت)"
    assert copy.slug == "تدوین-راهبردهای-دیپلماسی-شهری-مشهد-با-تأکید-بر-کشورهای-اسلامی-رونوشت"
    assert response.redirect_chain == [(reverse("study-details", args=[copy.slug]), 302)]
    assert contents(copy) == contents(mashhad)
    assert contents(copy)["style"]["citation_order"] == "external"  # Mashhad's, not a default
    assert sum(1 for place in contents(copy)["places"] if place[4] or place[5]) == 10
    original, copied = export_study(mashhad), export_study(copy)
    for data in (original, copied):
        del data["study"]["slug"], data["study"]["title"]
    assert copied == original
    assert rows(mashhad) == before


def test_the_copy_is_its_own_study(analyst, study):
    duplicate(analyst, study)
    copy = Study.objects.exclude(pk=study.pk).get()
    edited = factor(copy, "S1")
    edited.text = "S1 of the copy"
    edited.save()
    assert factor(study, "S1").text == "S1 text"
    assert not Factor.objects.filter(study=study, pk=edited.pk).exists()


def test_the_copys_history_starts_fresh(analyst, study):
    s1 = factor(study, "S1")
    s1.text = "S1 edited before the copy"
    s1.save()
    duplicate(analyst, study)
    copy = Study.objects.exclude(pk=study.pk).get()
    copy_factor_ids = set(Factor.objects.filter(study=copy).values_list("pk", flat=True))
    assert not Factor.history.filter(study=copy, history_type="~").exists()
    assert set(Factor.history.filter(study=copy).values_list("id", flat=True)) <= copy_factor_ids
    assert "S1 edited before the copy" in factor(copy, "S1").text
    assert Study.history.filter(id=copy.pk).count() == 1


def test_a_second_copy_gets_a_free_slug(analyst, study):
    duplicate(analyst, study)
    duplicate(analyst, study)
    assert sorted(Study.objects.values_list("slug", flat=True)) == [
        "small",
        f"{study.title.lower().replace(' ', '-')}-رونوشت",
        f"{study.title.lower().replace(' ', '-')}-رونوشت-2",
    ]


def test_an_english_study_is_copied_with_an_english_title(analyst, study):
    Study.objects.filter(pk=study.pk).update(language="en", title="Tus plan")
    study.refresh_from_db()
    duplicate(analyst, study)
    assert Study.objects.exclude(pk=study.pk).get().slug == "tus-plan-copy"


def test_the_copys_title_stays_within_the_limit():
    study = Study(title="ب" * 300, language="fa")
    title = copy_title(study)
    assert len(title) == 300 and title.endswith(" (رونوشت)")


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_council_member_cannot_duplicate_a_study(reader, study, method):
    response = getattr(reader, method)(reverse("study-duplicate", args=["small"]))
    assert response.status_code == (403 if method == "post" else 405)
    assert Study.objects.count() == 1


def test_a_study_in_the_bin_cannot_be_duplicated(analyst, study):
    Study.objects.filter(pk=study.pk).update(deleted_at="2026-01-01T00:00Z")
    assert analyst.post(reverse("study-duplicate", args=["small"])).status_code == 404
    assert Study.objects.count() == 1
