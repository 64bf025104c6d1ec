from django.conf import settings
from django.contrib.auth import middleware as auth_middleware
from django.http import HttpRequest, HttpResponseForbidden
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import resolve_url
from django.utils import translation


class PersianFirstLocaleMiddleware(LocaleMiddleware):
    """The user's chosen language (the switch sets a cookie), else Persian.

    Django's own middleware would follow the browser's Accept-Language, and most browsers
    in the municipality's offices say English: the workbench is Persian first.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen not in dict(settings.LANGUAGES):
            chosen = settings.LANGUAGE_CODE
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()


class LoginRequiredMiddleware(auth_middleware.LoginRequiredMiddleware):
    """Every page and fragment needs a login, except those marked @login_not_required.

    An HTMX request from a page whose session ended gets 403 and an HX-Redirect to the
    login page instead of a login form swapped into the middle of the matrix.
    """

    def handle_no_permission(self, request: HttpRequest, view_func):
        if getattr(request, "htmx", False):
            response = HttpResponseForbidden("Log in again.")
            response["HX-Redirect"] = f"{resolve_url(settings.LOGIN_URL)}?next={request.path}"
            return response
        return super().handle_no_permission(request, view_func)


class ContentSecurityPolicyMiddleware:
    """Django 5.2's stand-in for Django 6's built-in SECURE_CSP (same policy, same header)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = "; ".join(
            f"{directive} {' '.join(sources)}"
            for directive, sources in settings.CONTENT_SECURITY_POLICY.items()
        )

    def __call__(self, request: HttpRequest):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.header)
        return response
