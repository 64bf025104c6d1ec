from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from actions.models import Action, ActionLink
from swot.access import require_edit


def get_action(request: HttpRequest, pk: int, *, write: bool = False) -> Action:
    action = get_object_or_404(
        Action.objects.select_related("study").filter(study__deleted_at__isnull=True), pk=pk
    )
    if write:
        require_edit(request)
    return action


def get_link(request: HttpRequest, pk: int, *, write: bool = False) -> ActionLink:
    link = get_object_or_404(
        ActionLink.objects.select_related("strategy__study", "action").filter(
            strategy__study__deleted_at__isnull=True
        ),
        pk=pk,
    )
    if write:
        require_edit(request)
    return link
