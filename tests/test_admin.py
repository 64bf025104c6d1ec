"""The admin: lists and filters of every planning model, strategy inlines that keep the rules."""

import pytest
from django.urls import reverse

from strategies.models import Citation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    ("model", "query"),
    [
        ("swot_study", "?q=مشهد"),
        ("swot_factor", "?kind__exact=W"),
        ("strategies_strategy", "?quadrant__exact=WT"),
        ("actions_action", "?q=آیسسکو"),
    ],
)
def test_admin_lists_filter_the_mashhad_study(superuser_client, mashhad, model, query):
    response = superuser_client.get(reverse(f"admin:{model}_changelist") + query)
    assert response.status_code == 200


def test_admin_factor_filter_by_kind_shows_only_that_kind(superuser_client, mashhad):
    response = superuser_client.get(reverse("admin:swot_factor_changelist") + "?kind__exact=W")
    assert response.context["cl"].result_count == 9


def test_strategy_admin_offers_only_its_quadrants_factors(superuser_client, mashhad):
    wo2 = mashhad.strategies.get(quadrant="WO", number=2)
    response = superuser_client.get(reverse("admin:strategies_strategy_change", args=[wo2.pk]))
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    offered = {f.code for f in formset.forms[0].fields["factor"].queryset}
    assert offered == {f"W{n}" for n in range(1, 10)} | {f"O{n}" for n in range(1, 11)}


def test_admin_refuses_a_cross_quadrant_citation_with_the_rules_message(superuser_client, mashhad):
    so1 = mashhad.strategies.get(quadrant="SO", number=1)
    weakness = mashhad.factors.get(kind="W", number=1)
    citations = list(so1.citations.all())
    links = list(so1.action_links.all())
    data = {
        "study": mashhad.pk,
        "quadrant": "SO",
        "number": 1,
        "text": so1.text,
        "note": so1.note,
        "citations-TOTAL_FORMS": len(citations) + 1,
        "citations-INITIAL_FORMS": len(citations),
        "action_links-TOTAL_FORMS": len(links),
        "action_links-INITIAL_FORMS": len(links),
    }
    for i, citation in enumerate(citations):
        data |= {f"citations-{i}-id": citation.pk, f"citations-{i}-factor": citation.factor_id}
        data[f"citations-{i}-strategy"] = so1.pk
    data |= {f"citations-{len(citations)}-factor": weakness.pk}
    for i, link in enumerate(links):
        data |= {
            f"action_links-{i}-id": link.pk,
            f"action_links-{i}-action": link.action_id,
            f"action_links-{i}-position": link.position,
            f"action_links-{i}-strategy": so1.pk,
        }
    superuser_client.cookies["django_language"] = "en"
    response = superuser_client.post(
        reverse("admin:strategies_strategy_change", args=[so1.pk]), data
    )
    assert response.status_code == 200  # re-rendered with errors, not saved
    # The inline only offers S and O factors, so W1 is refused as a choice outside them.
    new_row = response.context["inline_admin_formsets"][0].formset.forms[-1]
    assert new_row.errors["factor"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert not Citation.objects.filter(strategy=so1, factor=weakness).exists()
    assert Citation.objects.filter(strategy=so1).count() == len(citations)
