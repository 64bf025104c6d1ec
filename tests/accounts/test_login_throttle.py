"""Failed logins are counted per client address, behind a proxy too, and per address across
usernames (accounts/throttle.py), without locking out an office that shares one address."""

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from accounts.throttle import client_ip
from tests.factories import UserFactory

PROXY = "127.0.0.1"  # nginx, as the app server sees it


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(username: str, password: str, remote: str, forwarded: str | None = None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return Client().post(reverse("login"), {"username": username, "password": password}, **meta)


@pytest.mark.parametrize(
    "proxies, remote, forwarded, expected",
    [
        (0, "10.1.1.1", None, "10.1.1.1"),
        (0, "10.1.1.1", "203.0.113.5", "10.1.1.1"),  # nobody to vouch for the header
        (1, PROXY, "203.0.113.5", "203.0.113.5"),
        (1, PROXY, "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # the client wrote the first one
        (2, PROXY, "6.6.6.6, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (1, PROXY, "2001:DB8::1", "2001:db8::1"),
        (1, PROXY, None, PROXY),  # not through the proxy: its own address
        (2, PROXY, "203.0.113.5", PROXY),  # fewer entries than proxies
        (1, PROXY, "not-an-address", PROXY),
    ],
)
def test_the_client_address_is_the_one_the_first_trusted_proxy_saw(
    settings, proxies, remote, forwarded, expected
):
    settings.TRUSTED_PROXIES = proxies
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_ip(RequestFactory().get("/", **meta)) == expected


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=1)
def test_behind_a_trusted_proxy_each_client_address_is_counted_on_its_own():
    UserFactory(username="mina", password="right-password")
    for _ in range(5):
        log_in("mina", "typo", PROXY, "203.0.113.5")
    assert log_in("mina", "right-password", PROXY, "203.0.113.5").status_code == 429
    # Mina at another address behind the same proxy is not locked out.
    assert log_in("mina", "right-password", PROXY, "198.51.100.7").status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=1)
def test_behind_a_trusted_proxy_a_forged_forwarded_address_does_not_escape_the_limit():
    UserFactory(username="mina", password="right-password")
    for n in range(5):
        log_in("mina", "typo", PROXY, f"10.0.0.{n}, 203.0.113.5")
    assert log_in("mina", "right-password", PROXY, "10.0.0.9, 203.0.113.5").status_code == 429


@pytest.mark.django_db
@override_settings(TRUSTED_PROXIES=0)
def test_without_trusted_proxies_a_forwarded_for_header_is_ignored():
    UserFactory(username="mina", password="right-password")
    for n in range(5):
        log_in("mina", "typo", "10.1.1.1", f"203.0.113.{n}")
    assert log_in("mina", "right-password", "10.1.1.1", "198.51.100.7").status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.1.1.1"}


@pytest.mark.django_db
@override_settings(AXES_ADDRESS_FAILURE_LIMIT=8)
def test_failed_logins_across_many_usernames_lock_out_the_address():
    UserFactory(username="reza", password="reza-password")
    statuses = [log_in(f"guess{n}", "123456", "10.9.9.9").status_code for n in range(8)]
    # One failure per username: only the address-wide limit can stop the eighth.
    assert statuses == [200] * 7 + [429]
    locked = log_in("reza", "reza-password", "10.9.9.9")
    assert locked.status_code == 429
    assert "یا برای نام‌های کاربری بسیار" in locked.text  # "…for this username or for many"
    assert log_in("reza", "reza-password", "10.2.2.2").status_code == 302


@pytest.mark.django_db
@override_settings(AXES_ADDRESS_FAILURE_LIMIT=8)
def test_an_office_behind_one_address_logging_in_with_typos_is_not_locked_out():
    colleagues = [UserFactory(username=f"staff{n}", password=f"pass-{n}") for n in range(12)]
    for user in colleagues:
        assert log_in(user.username, "typo", "10.5.5.5").status_code == 200
        # A successful login clears that user's failures, so twelve typos never add up to 8.
        assert log_in(user.username, f"pass-{user.username[5:]}", "10.5.5.5").status_code == 302
    assert not AccessAttempt.objects.filter(ip_address="10.5.5.5").exists()
