"""Object access for the evaluation page, one helper per model, as swot/access.py's: a missing
item, or one of a study in the bin, is a 404; a write needs the analyst's change permission
(swot.access.require_edit: PermissionDenied for a council member)."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from evaluation.models import QspmSet, SpaceVariable
from swot.access import require_edit


def get_space_variable(request: HttpRequest, pk: int, *, write: bool = False) -> SpaceVariable:
    variable = get_object_or_404(
        SpaceVariable.objects.select_related("study").filter(study__deleted_at__isnull=True),
        pk=pk,
    )
    if write:
        require_edit(request)
    return variable


def get_qspm_set(request: HttpRequest, pk: int, *, write: bool = False) -> QspmSet:
    qspm_set = get_object_or_404(
        QspmSet.objects.select_related("study").filter(study__deleted_at__isnull=True), pk=pk
    )
    if write:
        require_edit(request)
    return qspm_set
