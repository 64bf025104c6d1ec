"""Every URL with hostile parameters in its path and its query: a 4xx, never a 500.

The URLs are read from the URLconf itself, so a view added later is walked too. Each path
parameter is given what a hand-edited or malicious address would carry: letters, a
non-ASCII digit, a number no database key holds, a very long value. Each query or form
parameter a view reads gets the same.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from actions.models import ActionLink
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HOSTILE = ["abc", "²", "۳", "-1", "0", "9" * 19, "9" * 5000, "x" * 3000, "%00", "1.5"]
# For query and form parameters: the kinds of value a view could choke on.
HOSTILE_VALUES = ["abc", "²", "9" * 19, "9" * 5000, "x" * 3000]
# What views read from the query string or the form (name → where).
PARAMETERS = ["q", "page", "part", "link", "factor", "action", "direction", "history_id", "model"]
ALLOWED = {200, 204, 302, 400, 403, 404, 405, 409, 413}


def routes(resolvers=None, prefix: str = ""):
    """(regex of the whole path, the names of its parameters) for every URL pattern."""
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        pattern = prefix + str(entry.pattern.regex.pattern).lstrip("^")
        if isinstance(entry, URLResolver):
            yield from routes(entry.url_patterns, pattern.rstrip("$").removesuffix(r"\Z"))
        elif isinstance(entry, URLPattern):
            yield (
                pattern.removesuffix("$").removesuffix(r"\Z"),
                list(entry.pattern.regex.groupindex),
            )


GROUP = re.compile(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)")


def fill(pattern: str, values: dict[str, str]) -> str:
    """A path for `pattern` with each named group given its value (other regex syntax
    removed: the admin's patterns are regexes)."""
    path = GROUP.sub(lambda m: values[m.group(1)], pattern)
    return "/" + re.sub(r"[\^$?*+\\]", "", path)


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def hostile_paths():
    for pattern, names in routes():
        if not names:
            continue
        for value in HOSTILE:
            yield pattern, fill(pattern, dict.fromkeys(names, value))


def test_the_walk_reaches_the_apps_and_the_admin():
    patterns = [pattern for pattern, __ in routes()]
    assert len(patterns) > 60
    assert any("factors" in p for p in patterns) and any("admin" in p for p in patterns)


@pytest.mark.parametrize("method", ["get", "post", "head"])
def test_hostile_path_parameters_are_refused_never_a_server_error(admin_client, study, method):
    seen = 0
    for pattern, path in hostile_paths():
        response = getattr(admin_client, method)(path)
        assert response.status_code in ALLOWED, (pattern, path[:120], response.status_code)
        seen += 1
    assert seen > 200


def real_paths(study) -> list[str]:
    """Each URL that takes parameters, with the small study's own records (the query and
    form parameters are then what is hostile)."""
    so1 = study.strategies.get(quadrant="SO", number=1)
    s1 = study.factors.get(kind="S", number=1)
    link = ActionLink.objects.filter(strategy=so1).first()
    values = {
        "slug": study.slug,
        "kind": "S",
        "quadrant": "SO",
        "part": "table1",
        "pk": None,  # by the URL's name below
    }
    by_prefix = {
        "factors": s1.pk,
        "strategies": so1.pk,
        "links": link.pk,
        "actions": link.action_id,
    }
    paths = []
    for pattern, names in routes():
        if not names or "admin" in pattern or "report" in pattern:
            continue  # the admin's own parameters are Django's; reports take none
        first = pattern.split("/")[0]
        given = {
            name: str(by_prefix.get(first, "")) if name == "pk" else values.get(name, "x")
            for name in names
        }
        paths.append(fill(pattern, given))
    return paths


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_hostile_query_and_form_parameters_are_refused_never_a_server_error(
    admin_client, study, value
):
    for path in real_paths(study):
        for name in PARAMETERS:
            get = admin_client.get(path, {name: value}, headers={"HX-Request": "true"})
            assert get.status_code in ALLOWED, (path, name, value[:20], get.status_code)
            if path.endswith(("delete/", "detach/")):
                continue  # their parameters are in the path; posting would remove the record
            post = admin_client.post(path, {name: value}, headers={"HX-Request": "true"})
            assert post.status_code in ALLOWED, (path, name, value[:20], post.status_code)
