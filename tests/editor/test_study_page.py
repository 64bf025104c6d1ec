"""The matrix page: languages, links without JavaScript, the gaps panel, who sees what."""

import difflib
import html
import re

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import resolve, reverse

from actions.models import ActionLink
from editor.matrix import load_factors, load_quadrant
from editor.pages import base_context, mark_open_programs
from tests.factories import UserFactory
from tests.helpers import HX, analyst_user, factor, strategy

pytestmark = pytest.mark.django_db


def test_page_is_persian_right_to_left_with_codes_as_the_paper_prints_them(analyst, study):
    response = analyst.get(reverse("study", args=["small"]))
    assert '<html lang="fa" dir="rtl">' in response.text
    # Codes are identifiers: Latin digits, on screen as in the PDF (README, "Digits");
    # counts are in Persian digits.
    assert '<span class="code">S4</span>' in response.text and "S۴" not in response.text
    assert ">SO1.</span>" in response.text and "SO۱" not in response.text
    assert "(۲ اقدام)" in response.text  # SO1's program


def test_the_corner_arrow_points_to_the_internal_factors_in_either_direction(analyst, study):
    persian = analyst.get(reverse("study", args=["small"])).text
    assert "درونی ←" in persian and "درونی →" not in persian
    analyst.cookies["django_language"] = "en"
    english = analyst.get(reverse("study", args=["small"])).text
    assert "internal →" in english and "internal ←" not in english


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
    assert 'hx-headers=\'{"X-CSRFToken": "' in response.text
    # The panels that load when opened are links too: each gives the page with it open.
    citations = reverse("strategy-citations", args=[so1.pk])
    program = reverse("strategy-program", args=[so1.pk])
    assert f'href="{citations}#strategy-{so1.pk}"' in response.text
    assert f'href="{program}#strategy-{so1.pk}"' in response.text
    with_chips = analyst.get(citations)
    assert "<html" in with_chips.text
    assert f'action="{reverse("strategy-cite", args=[so1.pk])}"' in with_chips.text
    with_tools = analyst.get(program)
    assert f'action="{reverse("action-new", args=[so1.pk])}"' in with_tools.text


def test_compact_citations_show_factor_text_on_hover_or_focus(analyst, study):
    response = analyst.get(reverse("study", args=["small"]))
    assert 'tabindex="0" data-tip="S4 text"' in response.text


def test_gaps_list_uncited_factors_and_strategies_without_actions(analyst, study):
    response = analyst.get(reverse("study-gaps", args=["small"]), {"part": "codes"}, headers=HX)
    gaps = response.text
    assert response.status_code == 200 and "<html" not in gaps
    for code in ["S1", "S2", "S3", "O2", "W1"]:
        assert f">{code}<" in gaps
    assert ">S4<" not in gaps and ">O1<" not in gaps
    assert ">SO2<" in gaps and ">ST1<" in gaps and ">SO1<" not in gaps


@pytest.mark.parametrize("part", ["", "all", "codes'"])
def test_an_unknown_part_of_the_gaps_is_not_found(analyst, study, part):
    url = reverse("study-gaps", args=["small"])
    assert analyst.get(url, {"part": part}, headers=HX).status_code == 404


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
    for part in ("combined", "matrix", "table1", "table2", "table3"):
        # A plain link, not `download`: while the PDF is being typeset the link opens the
        # progress page, which a `download` attribute would save as the PDF.
        assert f'href="{reverse("report-pdf", args=["small", part])}">' in page
    assert reverse("report-preview", args=["small", "combined"]) in page
    assert "ماتریس TOWS (PDF)" in page  # the one-page matrix, in the reader's language


URL_IN_MARKUP = re.compile(r'(?:href|action|hx-get|hx-post)="(/[^"]*)"')


@pytest.mark.parametrize(
    "opened",
    ["", "strategy-citations", "strategy-program", "factor-edit", "factor-delete"],
)
def test_every_link_and_form_on_the_page_goes_to_one_of_our_urls(analyst, study, opened):
    # The page builds its items' URLs from prefixes (editor/pages.py): each must resolve, and
    # to the view its name promises.
    so1, s4 = strategy(study, "SO1"), factor(study, "S4")
    url = reverse("study", args=[study.slug])
    if opened:
        url = reverse(opened, args=[s4.pk if opened.startswith("factor") else so1.pk])
    page = analyst.get(url).text
    seen = set()
    for found in URL_IN_MARKUP.findall(html.unescape(page)):
        path = found.split("#")[0].split("?")[0]
        if path.startswith("/static/"):
            continue
        seen.add(resolve(path).url_name)
    expected = {"factor-edit", "factor-move", "factor-delete", "strategy-edit", "study-gaps"}
    expected |= {"strategy-move", "strategy-delete", "strategy-citations", "strategy-program"}
    assert expected <= seen
    if opened == "strategy-citations":
        assert "strategy-cite" in seen
    if opened == "strategy-program":
        assert {"link-move", "link-detach", "action-edit", "action-new", "action-search"} <= seen


def normalized(markup: str) -> str:
    """Markup without the whitespace between tags, and the CSRF token (masked anew each time)."""
    markup = re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "name=csrfmiddlewaretoken", markup)
    return re.sub(r">\s+", ">", re.sub(r"\s+<", "<", re.sub(r"\s+", " ", markup))).strip()


def items(markup: str, tag: str) -> list[str]:
    return [normalized(m) for m in re.findall(rf"<{tag} id=.*?</{tag}>", markup, flags=re.S)]


@pytest.mark.parametrize("editor", [True, False])
def test_cards_and_rows_read_the_same_from_the_fast_path_and_the_template(rf, study, editor):
    # With nothing open, a quadrant's cards and a list's rows are written in one call each
    # (editor/templatetags/editor.py); while something else is open, by the partials. Both
    # must give the same markup.
    # Notes, markup to escape, and an action shared by two strategies (its ×2 badge).
    study.strategies.filter(quadrant="SO", number=1).update(note="Kept <b>as</b> text & noted")
    study.factors.filter(kind="S", number=4).update(note="A note", text="S4 <i>text</i>")
    summit = strategy(study, "SO1").action_links.get(position=1).action
    ActionLink.objects.create(strategy=strategy(study, "SO2"), action=summit, position=1)
    user = analyst_user() if editor else UserFactory()
    request = rf.get("/")
    request.user, request.htmx = user, False
    so_strategies = load_quadrant(study, "SO")["strategies"]
    mark_open_programs(so_strategies, "", None)
    quadrant = {"quadrant": "SO", "strategies": so_strategies}
    kind_list = {"kind": "S", "factors": load_factors(study, ("S",))}
    w1 = factor(study, "W1")
    for part, context, tag in [("quadrant", quadrant, "article"), ("kind-list", kind_list, "li")]:
        fast = render_to_string(
            f"editor/study.html#{part}", base_context(request, study, **context), request
        )
        other = {"active": "edit-factor", "active_pk": w1.pk} if part == "kind-list" else {}
        other = other or {"active": "add-WT"}  # something open elsewhere: the partials write
        slow = render_to_string(
            f"editor/study.html#{part}",
            base_context(request, study, **context, **other),
            request,
        )
        for a, b in zip(items(fast, tag), items(slow, tag), strict=True):
            assert a == b, "\n".join(
                difflib.ndiff(
                    a.replace("><", ">\n<").splitlines(), b.replace("><", ">\n<").splitlines()
                )
            )
        assert len(items(fast, tag)) == (2 if part == "quadrant" else 5)
        shown = ["×2", "Kept &lt;b&gt;as&lt;/b&gt; text &amp; noted"] if part == "quadrant" else []
        for text in [*shown, "S4 &lt;i&gt;text&lt;/i&gt;"]:
            assert text in fast
