from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from strategies.models import Strategy
from swot.access import require_edit


def get_strategy(request: HttpRequest, pk: int, *, write: bool = False) -> Strategy:
    strategy = get_object_or_404(
        Strategy.objects.select_related("study").filter(study__deleted_at__isnull=True), pk=pk
    )
    if write:
        require_edit(request)
    return strategy
