"""Failed logins: whose they are (the client's address behind our proxies) and when to stop.

django-axes locks out a username from one address after AXES_FAILURE_LIMIT failures. That
leaves one address free to try a few passwords on every username, so `AddressLimitHandler`
also locks out an address once its failures across all usernames within the cool-off time
reach AXES_ADDRESS_FAILURE_LIMIT (50 by default): far more than one office's typos behind one
address, and a successful login clears that user's own failures as before.
"""

import ipaddress
import logging

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

log = logging.getLogger(__name__)


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXIES proxies the address the
    first of them saw, the TRUSTED_PROXIES-th from the right in X-Forwarded-For.

    Each proxy appends the address it received the request from, so the entries left of that
    one were written by the client and prove nothing; with no trusted proxy the header is
    ignored. A header too short or not an address falls back to REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXIES
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def address_failures(request: HttpRequest) -> int:
    """Failed logins from the request's address, all usernames, within the cool-off time."""
    attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gt=get_cool_off_threshold(request))
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class AddressLimitHandler(AxesDatabaseHandler):
    """django-axes' database handler plus a lockout per address across usernames."""

    def address_locked(self, request: HttpRequest) -> bool:
        ip_address = getattr(request, "axes_ip_address", None)
        return bool(ip_address) and (
            address_failures(request) >= settings.AXES_ADDRESS_FAILURE_LIMIT
        )

    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or self.address_locked(request)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if (
            request is None
            or getattr(request, "axes_locked_out", False)
            or self.is_whitelisted(request, credentials)
            or not self.address_locked(request)
        ):
            return
        # Without the address, as django-axes logs its own lockouts (AXES_SENSITIVE_PARAMETERS):
        # the admin's "Access attempts" shows it.
        log.warning(
            "Locking out an address after %d failed logins across usernames.",
            settings.AXES_ADDRESS_FAILURE_LIMIT,
        )
        request.axes_locked_out = True
        request.axes_credentials = credentials
        user_locked_out.send(
            "axes",
            request=request,
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        )
