"""Citing factors from a strategy by its chips: only the quadrant's two kinds."""

import re

import pytest
from django.urls import reverse

from editor.matrix import load_strategy
from strategies.models import Citation
from tests.helpers import HX, factor, strategy, swaps

pytestmark = pytest.mark.django_db


def compact(study, code) -> str:
    return load_strategy(strategy(study, code).pk).compact


def test_clicking_a_chip_toggles_a_citation(analyst, study):
    so2 = strategy(study, "SO2")
    s1 = factor(study, "S1")
    url = reverse("strategy-cite", args=[so2.pk])
    response = analyst.post(url, {"factor": s1.pk}, headers=HX)
    assert response.status_code == 200
    assert (
        f'value="{s1.pk}" class="chip kind-s"\n                aria-pressed="true"' in response.text
    )
    assert compact(study, "SO2") == "S1"
    analyst.post(url, {"factor": s1.pk}, headers=HX)
    assert compact(study, "SO2") == ""


def test_a_chip_click_updates_the_citation_and_the_factors_badge_out_of_band(analyst, study):
    so2, s1 = strategy(study, "SO2"), factor(study, "S1")
    url = reverse("strategy-cite", args=[so2.pk])
    response = analyst.post(url, {"factor": s1.pk}, headers=HX)
    # The chips; the strategy's citation and S1's badge by their ids: not the card, whose
    # program panel (and what is typed in it) stays as it is.
    assert swaps(response.text) == (
        [f"chips-{so2.pk}"],
        [f"strategy-{so2.pk}-cites", f"factor-{s1.pk}-uses"],
    )
    cites = re.search(rf'id="strategy-{so2.pk}-cites"[^>]*>(.*?)</span>\n', response.text).group(1)
    assert re.sub(r"<[^>]+>", "", cites) == "(S1)"
    badge = re.search(
        rf'<span class="uses" id="factor-{s1.pk}-uses"[^>]*>(.*?)</span>', response.text
    )
    assert badge.group(1) == ""  # cited now: no "not cited"
    assert "study-changed" in response["HX-Trigger"]  # the gaps list it no more
    response = analyst.post(url, {"factor": s1.pk}, headers=HX)
    assert '<span class="badge"' in response.text.split(f'id="factor-{s1.pk}-uses"')[1]


@pytest.mark.parametrize("given", ["abc", "²", "9" * 5000])
def test_a_chip_naming_a_bad_number_says_the_factor_is_gone(analyst, study, given):
    analyst.cookies["django_language"] = "en"
    so2 = strategy(study, "SO2")
    response = analyst.post(reverse("strategy-cite", args=[so2.pk]), {"factor": given}, headers=HX)
    assert response.status_code == 200
    assert "That factor no longer exists" in response.text


def test_chips_offer_only_the_quadrants_two_kinds(analyst, study):
    so2 = strategy(study, "SO2")
    response = analyst.get(reverse("strategy-citations", args=[so2.pk]), headers=HX)
    offered = {
        f.code for f in study.factors.all() if f'value="{f.pk}" class="chip' in response.text
    }
    assert offered == {"S1", "S2", "S3", "S4", "S5", "O1", "O2"}


def test_a_weakness_posted_to_an_so_strategy_is_refused_with_the_rule(analyst, study):
    analyst.cookies["django_language"] = "en"
    so2 = strategy(study, "SO2")
    w1 = factor(study, "W1")
    response = analyst.post(reverse("strategy-cite", args=[so2.pk]), {"factor": w1.pk}, headers=HX)
    assert "SO2 cannot cite W1: SO strategies cite only S and O factors." in response.text
    assert not Citation.objects.filter(strategy=so2).exists()
    response = analyst.post(reverse("strategy-cite", args=[so2.pk]), {"factor": w1.pk})
    assert response.status_code == 400
    assert "SO2 cannot cite W1" in response.text


def test_citing_a_deleted_factor_says_so_and_writes_nothing(analyst, study):
    analyst.cookies["django_language"] = "en"
    so2 = strategy(study, "SO2")
    s1 = factor(study, "S1")
    s1_pk = s1.pk
    s1.delete()
    response = analyst.post(reverse("strategy-cite", args=[so2.pk]), {"factor": s1_pk}, headers=HX)
    assert "That factor no longer exists" in response.text
    assert not Citation.objects.filter(strategy=so2).exists()


def test_chips_come_in_one_order_internal_kind_first_whichever_way_they_load(analyst, study):
    so2 = strategy(study, "SO2")
    panel = analyst.get(reverse("strategy-citations", args=[so2.pk]), headers=HX).text
    after_a_click = analyst.post(
        reverse("strategy-cite", args=[so2.pk]), {"factor": factor(study, "O1").pk}, headers=HX
    ).text
    page = analyst.get(reverse("strategy-citations", args=[so2.pk])).text  # without JS
    expected = ["S1", "S2", "S3", "S4", "S5", "O1", "O2"]
    for markup in (panel, after_a_click, page):
        chips = re.findall(r'class="chip kind-[so]"[^>]*data-code="(\w+)"', markup, flags=re.S)
        assert chips[:7] == expected


def test_an_opened_chip_panel_refreshes_itself_when_a_factor_is_added(analyst, study):
    so2 = strategy(study, "SO2")
    panel = analyst.get(reverse("strategy-citations", args=[so2.pk]), headers=HX).text
    assert 'hx-trigger="factors-changed from:body"' in panel
    assert f'id="chips-{so2.pk}"' in panel
    analyst.post(reverse("factor-add", args=[study.slug, "O"]), {"text": "New"}, headers=HX)
    again = analyst.get(reverse("strategy-citations", args=[so2.pk]), headers=HX).text
    assert f'value="{factor(study, "O3").pk}" class="chip kind-o"' in again
