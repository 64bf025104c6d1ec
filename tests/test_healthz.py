"""`/healthz/`: a monitor learns that the app answers, without a login or the database."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_healthz_answers_ok_without_a_login_or_a_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Cache-Control"] == "no-store"


def test_healthz_only_answers_reads(client):
    assert client.post(reverse("healthz")).status_code == 405


def test_healthz_answers_plain_http_where_every_page_is_sent_to_https(client, settings):
    """A monitor may ask the app server itself, without TLS (README: On a real server)."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("healthz")).status_code == 200
    login = client.get(reverse("login"))
    assert login.status_code == 301
    assert login["Location"].startswith("https://")
