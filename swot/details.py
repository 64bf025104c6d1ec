"""Saving a study's details (title, city, subject, year, source, language, slug): one write
under the study's lock, refused when someone else changed them since the form was opened.

Moving a study to the bin and back are in swot/changes.py; duplicating one and loading a
study file into a new one in studyfile/.
"""

from __future__ import annotations

from django.db import transaction
from django.http import Http404

from swot.forms import DETAIL_FIELDS, StudyDetailsForm, details_stamp
from swot.locks import lock_study
from swot.models import Study


def save_study_details(form: StudyDetailsForm) -> Study | None:
    """Save a valid details form. Returns None when saved (or when it changes nothing: no
    History row), or the study as it is now, saving nothing, when its details were changed by
    someone else since the form was opened (the form's `stamp`) and this form changes them
    too. A form without a stamp (a script) saves: last write wins."""
    study = form.instance
    with transaction.atomic():
        lock_study(study.pk)
        now = Study.objects.live().filter(pk=study.pk).first()
        if now is None:
            raise Http404("This study is no longer there: someone may have moved it to the bin.")
        if all(getattr(study, name) == getattr(now, name) for name in DETAIL_FIELDS):
            return None
        opened = form.cleaned_data.get("stamp")
        if opened and details_stamp(now) != opened:
            return now
        form.save()
    return None
