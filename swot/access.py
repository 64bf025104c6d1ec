"""Object access for views: one helper per model, used by every view.

Reading needs a login (the views' @login_required); writing needs the change permission
that the analyst and admin roles carry. A missing or foreign object is a 404, and so is a study
in the bin (swot.models.Study.deleted_at) and every item of it, for everyone.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from swot.models import Factor, Study

EDIT_PERMISSION = "swot.change_factor"


def can_edit(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and user.has_perm(EDIT_PERMISSION)


def require_edit(request: HttpRequest) -> None:
    if not can_edit(request.user):
        raise PermissionDenied("You may read this study but not change it.")


def get_study(request: HttpRequest, slug: str, *, write: bool = False) -> Study:
    study = get_object_or_404(Study.objects.live(), slug=slug)
    if write:
        require_edit(request)
    return study


def get_factor(request: HttpRequest, pk: int, *, write: bool = False) -> Factor:
    factor = get_object_or_404(
        Factor.objects.select_related("study").filter(study__deleted_at__isnull=True), pk=pk
    )
    if write:
        require_edit(request)
    return factor
