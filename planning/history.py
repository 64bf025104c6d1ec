"""Recording a study's change history: the base every planning model's `history` uses.

Recording is django-simple-history's: Study, Factor, Strategy, Citation, Action and ActionLink
each have `history = PlanningHistory()`, which writes a historical row on every save and delete
(cascades included) with the user from HistoryRequestMiddleware; `planning.numbering.renumber`
records the new numbers its bulk_update gives after a delete, move or restore. One write leaves
no row: the study loader's bulk_create (loading is not an edit). So a code in a row is the code
the item had when that row was written, and an item loaded from a study file may have no
creation row at all. Reading the history and restoring from it is the `audit` app's.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from asgiref.local import Local
from django.db import models
from simple_history.models import HistoricalRecords

# history_change_reason of the rows marked for the History page and restore (stored values).
RESTORED = "restored"  # a row written by a restore
DELETION = "deletion:"  # + a token shared by a deleted item and everything deleted with it
REPLACED = "replaced"  # a study replaced from a study file, and its items deleted by that
BINNED = "binned"  # a study moved to the bin (swot.models.Study.deleted_at)
BROUGHT_BACK = "brought back"  # a study brought back from the bin

_deleting = Local()


def _tokens() -> dict[tuple[str, Any], str]:
    """(model label, pk) → deletion token, for the objects being deleted in this thread."""
    tokens = getattr(_deleting, "tokens", None)
    if tokens is None:
        tokens = _deleting.tokens = {}
    return tokens


def _key(instance: models.Model) -> tuple[str, Any]:
    return instance._meta.label, instance.pk


def _deletion_token(instance: models.Model) -> str:
    """The token of the deletion that takes `instance` with it: its parent's, else its own."""
    tokens = _tokens()
    for model_field in instance._meta.concrete_fields:
        if model_field.many_to_one:
            parent = (model_field.related_model._meta.label, getattr(instance, model_field.attname))
            if parent in tokens:
                return tokens[parent]
    return tokens.get(_key(instance), "")


@contextmanager
def deletions_recorded_as(reason: str) -> Iterator[None]:
    """Within it, deleted rows are recorded with `reason` instead of a deletion token: the
    items a study file replaces are not "deleted" ones to restore one by one."""
    _deleting.reason = reason
    try:
        yield
    finally:
        _deleting.reason = ""


class PlanningHistory(HistoricalRecords):
    """HistoricalRecords with two additions for the History page and restoring.

    - A deleted row's history_change_reason names its deletion: a factor deleted with its
      citations (a cascade) gives them all one token, so restoring the factor brings back
      exactly the citations deleted with it, not those removed earlier by hand.
    - A field saved as an expression (`version = F("version") + 1` in
      planning.concurrency.save_unless_stale) is recorded with the value the database stored.
    """

    def pre_delete(self, instance, **kwargs):
        super().pre_delete(instance, **kwargs)
        # Sent for every collected object before any is deleted, so parents have their
        # token before their children's rows are written.
        _tokens()[_key(instance)] = DELETION + uuid.uuid4().hex

    def post_delete(self, instance, using=None, **kwargs):
        try:
            super().post_delete(instance, using=using, **kwargs)
        finally:
            _tokens().pop(_key(instance), None)

    def get_change_reason_for_object(self, instance, history_type, using):
        reason = super().get_change_reason_for_object(instance, history_type, using)
        if history_type == "-" and not reason:
            reason = getattr(_deleting, "reason", "") or _deletion_token(instance)
        return reason

    def create_historical_record(self, instance, history_type, using=None):
        pending = [
            f.attname
            for f in self.fields_included(instance)
            if hasattr(getattr(instance, f.attname), "resolve_expression")
        ]
        if pending and history_type != "-":
            instance.refresh_from_db(fields=pending)
        super().create_historical_record(instance, history_type, using=using)
