"""The analysts' matrix editor: every operation, with and without HTMX, and its error paths."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from actions.models import Action, ActionLink
from editor.matrix import load_strategy
from strategies.models import Citation, Strategy
from swot.models import Factor, Study

from .factories import (
    ActionFactory,
    ActionLinkFactory,
    FactorFactory,
    StrategyFactory,
    StudyFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true"}


def analyst_user():
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="change_factor"))
    return user


@pytest.fixture
def analyst(client):
    client.force_login(analyst_user())
    return client


@pytest.fixture
def reader(client):
    client.force_login(UserFactory())
    return client


@pytest.fixture
def study():
    """S1–S5, O1–O2, W1; SO1 cites S4 and S5, ST1 cites S4; SO1 has two actions."""
    study = StudyFactory(slug="small", language=Study.Language.PERSIAN)
    for kind, count in [("S", 5), ("O", 2), ("W", 1), ("T", 1)]:
        for n in range(1, count + 1):
            FactorFactory(study=study, kind=kind, number=n, text=f"{kind}{n} text")
    so1 = StrategyFactory(study=study, quadrant="SO", number=1, text="Grow")
    so2 = StrategyFactory(study=study, quadrant="SO", number=2, text="Expand")
    st1 = StrategyFactory(study=study, quadrant="ST", number=1, text="Guard")
    for strategy, codes in [(so1, ["S4", "S5", "O1"]), (st1, ["S4", "T1"])]:
        for code in codes:
            Citation.objects.create(
                strategy=strategy, factor=study.factors.get(kind=code[0], number=code[1:])
            )
    summit = ActionFactory(study=study, text="Hold a summit")
    office = ActionFactory(study=study, text="Open an office")
    ActionLinkFactory(strategy=so1, action=summit, position=1)
    ActionLinkFactory(strategy=so1, action=office, position=2)
    del so2
    return study


def factor(study, code) -> Factor:
    return study.factors.get(kind=code[0], number=int(code[1:]))


def strategy(study, code) -> Strategy:
    return study.strategies.get(quadrant=code[:2], number=int(code[2:]))


def compact(study, code) -> str:
    return load_strategy(strategy(study, code).pk).compact


def codes_in_order(study, kind) -> list[str]:
    return [f"{f.code}:{f.text}" for f in study.factors.filter(kind=kind)]


# --- Studies -------------------------------------------------------------------------------


def test_study_list_shows_studies_and_opens_one(analyst, study):
    response = analyst.get(reverse("study-list"))
    assert response.status_code == 200
    assert reverse("study", args=["small"]) in response.text


def test_analyst_creates_a_study_with_htmx_and_is_sent_to_it(analyst):
    data = {"title": "Tus plan", "city": "Tus", "language": "en", "slug": ""}
    response = analyst.post(reverse("study-list"), data, headers=HX)
    assert response.status_code == 204
    study = Study.objects.get(title="Tus plan")
    assert study.slug == "tus-plan"
    assert response["HX-Redirect"] == reverse("study", args=["tus-plan"])


def test_study_without_title_shows_the_error_and_keeps_the_typing(analyst):
    data = {"title": "", "city": "Tus", "language": "en"}
    response = analyst.post(reverse("study-list"), data, headers=HX)
    assert response.status_code == 200
    assert 'id="study-form"' in response.text and "<html" not in response.text
    assert 'value="Tus"' in response.text
    assert not Study.objects.exists()


# --- The page ----------------------------------------------------------------------------


def test_page_is_persian_right_to_left_with_persian_digits(analyst, study):
    response = analyst.get(reverse("study", args=["small"]))
    assert '<html lang="fa" dir="rtl">' in response.text
    assert "S۴" in response.text and "S4<" not in response.text


def test_english_switch_gives_left_to_right_and_western_digits(analyst, study):
    analyst.cookies["django_language"] = "en"
    response = analyst.get(reverse("study", args=["small"]))
    assert '<html lang="en" dir="ltr">' in response.text
    assert ">S4<" in response.text


def test_language_switch_sets_the_choice(analyst):
    response = analyst.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"


def test_page_renders_fully_without_htmx_with_links_that_work_without_javascript(analyst, study):
    response = analyst.get(reverse("study", args=["small"]))
    so1 = strategy(study, "SO1")
    # every hx-get link also has an href
    assert f'href="{reverse("strategy-edit", args=[so1.pk])}"' in response.text
    assert f'action="{reverse("strategy-cite", args=[so1.pk])}"' in response.text
    assert 'hx-headers=\'{"X-CSRFToken": "' in response.text


def test_compact_citations_show_factor_text_on_hover_or_focus(analyst, study):
    response = analyst.get(reverse("study", args=["small"]))
    assert 'tabindex="0" data-tip="S4 text"' in response.text


def test_gaps_list_uncited_factors_and_strategies_without_actions(analyst, study):
    response = analyst.get(reverse("study-gaps", args=["small"]), headers=HX)
    gaps = response.text
    assert response.status_code == 200 and "<html" not in gaps
    for code in ["S1", "S2", "S3", "O2", "W1"]:
        assert f">{code[0]}{'۱۲۳۴۵'[int(code[1]) - 1]}<" in gaps
    assert ">SO۲<" in gaps and ">ST۱<" in gaps and ">SO۱<" not in gaps


# --- Factors -----------------------------------------------------------------------------


def test_analyst_adds_a_factor_and_gets_the_kinds_list(analyst, study):
    url = reverse("factor-add", args=["small", "O"])
    response = analyst.post(url, {"text": "New corridor", "note": ""}, headers=HX)
    assert response.status_code == 200
    assert 'id="factors-O"' in response.text and "<html" not in response.text
    assert "New corridor" in response.text
    assert factor(study, "O3").text == "New corridor"
    assert set(json.loads(response["HX-Trigger"])) == {"factors-changed", "study-changed"}


def test_adding_a_factor_without_htmx_redirects_to_the_page(analyst, study):
    response = analyst.post(reverse("factor-add", args=["small", "T"]), {"text": "Sanctions"})
    created = factor(study, "T2")
    assert response.status_code == 302
    assert response["Location"] == f"/studies/small/#factor-{created.pk}"


def test_empty_factor_text_shows_the_error_in_the_fragment_and_keeps_the_note(analyst, study):
    url = reverse("factor-add", args=["small", "S"])
    response = analyst.post(url, {"text": "  ", "note": "typed note"}, headers=HX)
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    assert 'value="typed note"' in response.text
    assert study.factors.filter(kind="S").count() == 5


def test_empty_factor_text_without_htmx_rerenders_the_whole_page_with_the_error(analyst, study):
    response = analyst.post(reverse("factor-add", args=["small", "S"]), {"text": ""})
    assert response.status_code == 200
    assert "<html" in response.text and 'aria-invalid="true"' in response.text


def test_unknown_kind_is_not_found(analyst, study):
    response = analyst.post(reverse("factor-add", args=["small", "X"]), {"text": "x"})
    assert response.status_code == 404


def test_analyst_edits_a_factor_and_quadrants_are_told_to_refresh(analyst, study):
    s4 = factor(study, "S4")
    response = analyst.get(reverse("factor-edit", args=[s4.pk]), headers=HX)
    assert "<textarea" in response.text and "S4 text</textarea>" in response.text
    response = analyst.post(reverse("factor-edit", args=[s4.pk]), {"text": "Shrine"}, headers=HX)
    assert response.status_code == 200
    assert f'id="factor-{s4.pk}"' in response.text and "Shrine" in response.text
    assert "factors-changed" in response["HX-Trigger"]
    s4.refresh_from_db()
    assert s4.text == "Shrine"


def test_editing_a_factor_with_empty_text_keeps_the_old_text(analyst, study):
    s4 = factor(study, "S4")
    response = analyst.post(reverse("factor-edit", args=[s4.pk]), {"text": ""}, headers=HX)
    assert 'aria-invalid="true"' in response.text
    s4.refresh_from_db()
    assert s4.text == "S4 text"


def test_deleting_a_cited_factor_first_names_the_strategies_citing_it(analyst, study):
    analyst.cookies["django_language"] = "en"
    s4 = factor(study, "S4")
    response = analyst.get(reverse("factor-delete", args=[s4.pk]), headers=HX)
    assert "S4 is cited by SO1, ST1." in response.text
    assert factor(study, "S4") == s4  # asking deletes nothing


def test_deleting_a_factor_renumbers_the_rest_everywhere_it_is_cited(analyst, study):
    s4 = factor(study, "S4")
    response = analyst.post(reverse("factor-delete", args=[s4.pk]), headers=HX)
    assert response.status_code == 200
    assert 'id="factors-S"' in response.text
    assert codes_in_order(study, "S") == [
        "S1:S1 text", "S2:S2 text", "S3:S3 text", "S4:S5 text",
    ]  # fmt: skip
    # SO1 cited S4 and S5: S4's citation went with it, S5 is now S4.
    assert compact(study, "SO1") == "S4 O1"
    assert compact(study, "ST1") == "T1"
    assert set(json.loads(response["HX-Trigger"])) == {"factors-changed", "study-changed"}


@pytest.mark.parametrize(
    ("code", "direction", "order"),
    [
        ("S2", "up", ["S2", "S1", "S3", "S4", "S5"]),
        ("S2", "down", ["S1", "S3", "S2", "S4", "S5"]),
        ("S1", "up", ["S1", "S2", "S3", "S4", "S5"]),
        ("S5", "down", ["S1", "S2", "S3", "S4", "S5"]),
    ],
)
def test_moving_a_factor_renumbers_codes(analyst, study, code, direction, order):
    moved = factor(study, code)
    response = analyst.post(
        reverse("factor-move", args=[moved.pk]), {"direction": direction}, headers=HX
    )
    assert response.status_code == 200
    assert [t.split(":")[1].split()[0] for t in codes_in_order(study, "S")] == order


def test_citations_follow_a_moved_factor(analyst, study):
    analyst.post(reverse("factor-move", args=[factor(study, "S5").pk]), {"direction": "up"})
    # S5 (cited by SO1) became S4 and S4 (cited by SO1 and ST1) became S5.
    assert compact(study, "SO1") == "S4,5 O1"
    assert compact(study, "ST1") == "S5 T1"


def test_editing_a_deleted_factor_is_not_found_and_writes_nothing(analyst, study):
    s1 = factor(study, "S1")
    url = reverse("factor-edit", args=[s1.pk])
    s1.delete()
    response = analyst.post(url, {"text": "x"}, headers=HX)
    assert response.status_code == 404
    assert not Factor.objects.filter(text="x").exists()


# --- Strategies ----------------------------------------------------------------------------


def test_analyst_adds_a_strategy_to_a_quadrant(analyst, study):
    url = reverse("strategy-add", args=["small", "WT"])
    response = analyst.post(url, {"text": "Defend", "note": ""}, headers=HX)
    assert response.status_code == 200 and 'id="quadrant-WT"' in response.text
    assert strategy(study, "WT1").text == "Defend"


def test_strategy_without_text_is_refused_with_the_error_next_to_the_field(analyst, study):
    url = reverse("strategy-add", args=["small", "WO"])
    response = analyst.post(url, {"text": "", "note": "keep me"}, headers=HX)
    assert 'aria-invalid="true"' in response.text and 'value="keep me"' in response.text
    assert not study.strategies.filter(quadrant="WO").exists()


def test_analyst_edits_a_strategy(analyst, study):
    so1 = strategy(study, "SO1")
    response = analyst.post(
        reverse("strategy-edit", args=[so1.pk]), {"text": "Grow faster", "note": "n"}, headers=HX
    )
    assert f'id="strategy-{so1.pk}"' in response.text and "Grow faster" in response.text


def test_deleting_a_strategy_renumbers_its_quadrant_and_keeps_its_actions(analyst, study):
    so1 = strategy(study, "SO1")
    response = analyst.post(reverse("strategy-delete", args=[so1.pk]), headers=HX)
    assert response.status_code == 200 and 'id="quadrant-SO"' in response.text
    assert strategy(study, "SO1").text == "Expand"
    assert Action.objects.filter(study=study).count() == 2
    gaps = analyst.get(reverse("study-gaps", args=["small"]), headers=HX).text
    assert "Hold a summit" in gaps and "Open an office" in gaps


def test_moving_a_strategy_swaps_codes(analyst, study):
    so2 = strategy(study, "SO2")
    analyst.post(reverse("strategy-move", args=[so2.pk]), {"direction": "up"}, headers=HX)
    assert strategy(study, "SO1").text == "Expand"
    assert strategy(study, "SO2").text == "Grow"


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


def test_chips_offer_only_the_quadrants_two_kinds(analyst, study):
    so2 = strategy(study, "SO2")
    response = analyst.get(reverse("strategy-detail", args=[so2.pk]), headers=HX)
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


# --- Action programs -----------------------------------------------------------------------


def test_analyst_adds_a_new_action_at_the_end_of_the_program(analyst, study):
    so1 = strategy(study, "SO1")
    response = analyst.post(
        reverse("action-new", args=[so1.pk]), {"text": "Train staff"}, headers=HX
    )
    assert response.status_code == 200 and "Train staff" in response.text
    assert [link.action.text for link in so1.action_links.all()] == [
        "Hold a summit", "Open an office", "Train staff",
    ]  # fmt: skip


def test_new_action_without_text_is_refused(analyst, study):
    so1 = strategy(study, "SO1")
    response = analyst.post(reverse("action-new", args=[so1.pk]), {"text": ""}, headers=HX)
    assert 'aria-invalid="true"' in response.text
    assert Action.objects.count() == 2


def test_search_as_you_type_finds_the_studys_other_actions(analyst, study):
    st1 = strategy(study, "ST1")
    other_study_action = ActionFactory(text="Hold a summit elsewhere")
    url = reverse("action-search", args=[st1.pk])
    response = analyst.get(url, {"q": "summit"}, headers=HX)
    assert response.status_code == 200 and "<html" not in response.text
    assert "Hold a summit" in response.text
    assert other_study_action.text not in response.text
    so1 = strategy(study, "SO1")
    # Actions the strategy already has are not offered again.
    response = analyst.get(reverse("action-search", args=[so1.pk]), {"q": "summit"}, headers=HX)
    assert "Hold a summit" not in response.text


def test_search_without_htmx_shows_results_in_the_full_page(analyst, study):
    st1 = strategy(study, "ST1")
    response = analyst.get(reverse("action-search", args=[st1.pk]), {"q": "office"})
    assert "<html" in response.text and "Open an office" in response.text


def test_attaching_an_existing_action_shares_it_instead_of_copying(analyst, study):
    st1 = strategy(study, "ST1")
    summit = Action.objects.get(text="Hold a summit")
    response = analyst.post(
        reverse("action-attach", args=[st1.pk]), {"action": summit.pk}, headers=HX
    )
    assert response.status_code == 200 and "Hold a summit" in response.text
    assert Action.objects.filter(text="Hold a summit").count() == 1
    assert sorted(s.code for s in summit.strategies.all()) == ["SO1", "ST1"]


def test_attaching_an_action_of_another_study_is_not_found(analyst, study):
    st1 = strategy(study, "ST1")
    foreign = ActionFactory()
    response = analyst.post(reverse("action-attach", args=[st1.pk]), {"action": foreign.pk})
    assert response.status_code == 404
    assert not st1.action_links.exists()


def test_reordering_an_action_program(analyst, study):
    so1 = strategy(study, "SO1")
    second = so1.action_links.get(position=2)
    analyst.post(reverse("link-move", args=[second.pk]), {"direction": "up"}, headers=HX)
    assert [link.action.text for link in so1.action_links.all()] == [
        "Open an office", "Hold a summit",
    ]  # fmt: skip


def test_detaching_the_last_link_keeps_the_action_as_unattached(analyst, study):
    so1 = strategy(study, "SO1")
    first = so1.action_links.get(position=1)
    response = analyst.post(reverse("link-detach", args=[first.pk]), headers=HX)
    assert response.status_code == 200
    assert "study-changed" in response["HX-Trigger"]
    assert [(link.position, link.action.text) for link in so1.action_links.all()] == [
        (1, "Open an office")
    ]
    summit = Action.objects.get(text="Hold a summit")
    assert not summit.links.exists()
    gaps = analyst.get(reverse("study-gaps", args=["small"]), headers=HX).text
    assert f'id="action-{summit.pk}"' in gaps


def test_editing_a_shared_actions_text_once_changes_it_under_every_strategy(analyst, study):
    so1, st1 = strategy(study, "SO1"), strategy(study, "ST1")
    summit = Action.objects.get(text="Hold a summit")
    ActionLink.objects.create(strategy=st1, action=summit, position=1)
    url = reverse("action-edit", args=[summit.pk]) + f"?strategy={so1.pk}"
    response = analyst.post(url, {"text": "Hold a yearly summit"}, headers=HX)
    assert response.status_code == 200 and "Hold a yearly summit" in response.text
    assert "actions-changed" in response["HX-Trigger"]
    st1_card = analyst.get(reverse("strategy-detail", args=[st1.pk]), headers=HX).text
    assert "Hold a yearly summit" in st1_card


def test_an_unattached_action_can_be_deleted_but_an_attached_one_cannot(analyst, study):
    lonely = ActionFactory(study=study, text="Lonely")
    summit = Action.objects.get(text="Hold a summit")
    assert analyst.post(reverse("action-delete", args=[lonely.pk]), headers=HX).status_code == 200
    assert analyst.post(reverse("action-delete", args=[summit.pk]), headers=HX).status_code == 409
    assert list(Action.objects.values_list("text", flat=True).order_by("text")) == [
        "Hold a summit", "Open an office",
    ]  # fmt: skip


# --- Rights and CSRF -----------------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_the_login_page(client, study):
    response = client.get(reverse("study", args=["small"]))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_reader_sees_no_editing_tools_and_cannot_edit(reader, study):
    response = reader.get(reverse("study", args=["small"]))
    assert response.status_code == 200
    assert reverse("factor-edit", args=[factor(study, "S1").pk]) not in response.text
    s1 = factor(study, "S1")
    response = reader.post(reverse("factor-edit", args=[s1.pk]), {"text": "hacked"}, headers=HX)
    assert response.status_code == 403
    s1.refresh_from_db()
    assert s1.text == "S1 text"


def test_htmx_posts_need_the_csrf_token_from_the_page(study):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(analyst_user())
    page = client.get(reverse("study", args=["small"]))
    token = page.text.split('"X-CSRFToken": "')[1].split('"')[0]
    url = reverse("factor-add", args=["small", "T"])
    assert client.post(url, {"text": "no token"}, headers=HX).status_code == 403
    response = client.post(url, {"text": "with token"}, headers={**HX, "X-CSRFToken": token})
    assert response.status_code == 200
    assert list(study.factors.filter(kind="T").values_list("text", flat=True)) == [
        "T1 text", "with token",
    ]  # fmt: skip


def test_the_study_page_offers_the_reports_to_everyone_who_may_read(reader, study):
    page = reader.get(reverse("study", args=["small"])).text
    for part in ("combined", "table1", "table2", "table3"):
        assert f'href="{reverse("report-pdf", args=["small", part])}" download' in page
    assert reverse("report-preview", args=["small", "combined"]) in page
