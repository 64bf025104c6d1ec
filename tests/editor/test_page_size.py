"""The matrix page stays proportionate to the study: what nobody opened is not sent.

The citation chips and an action program's tools load when their panel opens, so the page
grows with the study (factors + strategies + actions), not with strategies × factors; and a
council member, who changes nothing, gets no editing markup at all.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.roles import ANALYST, COUNCIL_MEMBER
from studyfile.generate import generate_study
from tests.factories import UserFactory
from tests.helpers import HX

pytestmark = pytest.mark.django_db


def client_as(client, role: str):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return client


def page_bytes(client, slug: str) -> int:
    response = client.get(reverse("study", args=[slug]))
    assert response.status_code == 200
    return len(response.content)


def study_part(html: str) -> str:
    """The page without the top bar (whose language switch and log-out are forms)."""
    return html.split('<div class="study"', 1)[1]


@pytest.mark.parametrize("role", [ANALYST, COUNCIL_MEMBER])
def test_the_page_grows_linearly_with_the_study(client, role):
    one, ten = generate_study(1, "one").study, generate_study(10, "ten").study
    client = client_as(client, role)
    small, large = page_bytes(client, one.slug), page_bytes(client, ten.slug)
    # Ten times the factors, strategies and actions: at most eleven times the bytes (and at
    # least five: the page does show the study).
    assert 5 * small < large <= 11 * small, (small, large)


def test_a_council_members_page_carries_no_editing_markup(client, mashhad):
    client = client_as(client, COUNCIL_MEMBER)
    page = study_part(client.get(reverse("study", args=[mashhad.slug])).text)
    for editing in ("<form", "<textarea", "<input", "hx-post", "csrfmiddlewaretoken", "/edit/"):
        assert editing not in page, editing
    # What a reader reads is all there: every action of every program.
    assert page.count('class="action-text"') == 66


def test_an_analysts_page_sends_no_chips_and_no_program_tools_until_opened(client, mashhad):
    client = client_as(client, ANALYST)
    page = study_part(client.get(reverse("study", args=[mashhad.slug])).text)
    assert 'class="chip' not in page
    assert "/links/" not in page and "/actions/new/" not in page
    # In their place, links that open them (in Persian, the page's language), twelve of each.
    assert page.count("انتخاب عواملی که به آن‌ها ارجاع می‌دهد") == 12
    assert page.count("ویرایش برنامهٔ اقدام") == 12
    so1 = mashhad.strategies.get(quadrant="SO", number=1)
    chips = client.get(reverse("strategy-citations", args=[so1.pk]), headers=HX).text
    assert len(re.findall(r'class="chip kind-[so]"', chips)) == 13 + 10
    assert chips.count('aria-pressed="true"') == 17  # SO1 cites S1,3,7–12 and O2–10
    program = client.get(reverse("strategy-program", args=[so1.pk]), headers=HX).text
    assert program.count('value="up"') == 6  # one ▲ per action of its program
    assert f"/strategies/{so1.pk}/actions/new/" in program


@pytest.mark.parametrize("name", ["strategy-citations", "strategy-program"])
def test_the_panels_with_editing_tools_are_for_editors_only(client, mashhad, name):
    client = client_as(client, COUNCIL_MEMBER)
    so1 = mashhad.strategies.get(quadrant="SO", number=1)
    assert client.get(reverse(name, args=[so1.pk]), headers=HX).status_code == 403
