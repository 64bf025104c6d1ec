"""Two analysts editing the same text: the second save is refused and shown side by side."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ActionFactory, FactorFactory, StrategyFactory
from tests.helpers import HX, analyst_user

pytestmark = pytest.mark.django_db


def analyst_client() -> Client:
    client = Client()
    client.force_login(analyst_user())
    client.cookies["django_language"] = "en"
    return client


def opened_version(client: Client, url: str) -> str:
    """Open the edit form as the browser would and read the version it carries."""
    page = client.get(url, headers=HX).text
    return page.split('name="version" value="')[1].split('"')[0]


@pytest.mark.parametrize(
    ("make", "url_name"),
    [
        (lambda: StrategyFactory(text="Original"), "strategy-edit"),
        (lambda: FactorFactory(text="Original"), "factor-edit"),
        (lambda: ActionFactory(text="Original"), "action-edit"),
    ],
    ids=["strategy", "factor", "action"],
)
def test_second_save_from_the_same_version_is_stale_and_overwrites_nothing(make, url_name):
    item = make()
    url = reverse(url_name, args=[item.pk])
    first, second = analyst_client(), analyst_client()
    first_version = opened_version(first, url)
    second_version = opened_version(second, url)
    assert first_version == second_version == "1"

    saved = first.post(url, {"text": "First analyst's text", "version": first_version}, headers=HX)
    assert saved.status_code == 200
    stale = second.post(
        url, {"text": "Second analyst's text", "version": second_version}, headers=HX
    )

    item.refresh_from_db()
    assert item.text == "First analyst's text"
    assert item.version == 2
    # The second analyst sees both texts and can choose.
    assert "Someone else saved this while you were editing" in stale.text
    assert '<blockquote class="theirs">First analyst&#x27;s text</blockquote>' in stale.text
    assert "Second analyst&#x27;s text</textarea>" in stale.text
    assert 'name="version" value="2"' in stale.text

    # Choosing "mine": saving the shown form now replaces theirs, knowingly.
    chosen = second.post(url, {"text": "Second analyst's text", "version": "2"}, headers=HX)
    assert "Someone else saved" not in chosen.text
    item.refresh_from_db()
    assert (item.text, item.version) == ("Second analyst's text", 3)


def test_a_stale_save_without_htmx_shows_the_conflict_on_the_full_page():
    strategy = StrategyFactory(text="Original")
    url = reverse("strategy-edit", args=[strategy.pk])
    first, second = analyst_client(), analyst_client()
    first.post(url, {"text": "Theirs", "version": "1"})
    response = second.post(url, {"text": "Mine", "version": "1"})
    assert response.status_code == 200 and "<html" in response.text
    assert '<blockquote class="theirs">Theirs</blockquote>' in response.text
    strategy.refresh_from_db()
    assert strategy.text == "Theirs"


def test_saving_a_text_deleted_meanwhile_is_not_found():
    strategy = StrategyFactory(text="Original")
    url = reverse("strategy-edit", args=[strategy.pk])
    client = analyst_client()
    version = opened_version(client, url)
    strategy.delete()
    assert client.post(url, {"text": "Mine", "version": version}, headers=HX).status_code == 404
