"""Two analysts editing the same text: the second save is detected, not silently applied."""

from __future__ import annotations

from django.db import models, transaction
from django.db.models import F
from django.forms import ModelForm
from django.http import Http404


def save_unless_stale(form: ModelForm) -> models.Model | None:
    """Save a valid edit form; if the row changed since the form was opened, save nothing.

    Returns None when saved, or the row as it is now (someone else's version) when stale.
    The version is claimed with one conditional UPDATE inside the transaction, so of two
    concurrent saves from the same version exactly one wins, on SQLite and PostgreSQL alike.
    """
    instance = form.instance
    model = type(instance)
    expected = form.cleaned_data.get("version")
    with transaction.atomic():
        if expected is None:  # a form without a version (e.g. a script): last write wins
            instance.version = F("version") + 1
        else:
            claimed = model.objects.filter(pk=instance.pk, version=expected).update(
                version=F("version") + 1
            )
            if not claimed:
                current = model.objects.filter(pk=instance.pk).first()
                if current is None:
                    raise Http404("Deleted while you were editing it.")
                return current
            instance.version = expected + 1
        form.save()
    instance.refresh_from_db(fields=["version"])
    return None


def conflict_form(form: ModelForm, theirs: models.Model) -> ModelForm:
    """The analyst's typing again, now based on the current version: saving it replaces theirs."""
    data = form.data.copy()
    data["version"] = theirs.version
    return type(form)(data, instance=theirs)
