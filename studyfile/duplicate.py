"""Duplicating a study as a new one: what `export_study` writes, loaded by `load_study` under a
new title and slug, so the copy has all that a study file carries (factors with their notes,
strategies with their citations and notes, shared actions at every place in their order, each
place's wording and footnote, the report style) and nothing else: its History starts with the
copy. In one transaction, with the original's lock held: no write to the original lands
between its reading and the copy. The original is only read."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from studyfile.export import export_study
from studyfile.load import load_study
from swot.forms import free_slug, slug_from_title
from swot.locks import lock_study
from swot.models import Study


def copy_title(study: Study) -> str:
    """ "Tus plan (copy)", «… (رونوشت)»: in the study's language, within the title's limit."""
    limit = Study._meta.get_field("title").max_length
    with override(study.language):
        pattern = _("%(title)s (copy)")
    room = limit - len(pattern % {"title": ""})
    return pattern % {"title": study.title[:room].rstrip()}


def duplicate_study(study: Study) -> Study:
    """A new study, a copy of `study` named copy_title(study), with a free slug made from that
    title. Raises StudyFileError (studyfile.schema) if it cannot be made."""
    with transaction.atomic():
        lock_study(study.pk)
        data = export_study(study)
        title = copy_title(study)
        data["study"]["title"] = title
        data["study"]["slug"] = free_slug(slug_from_title(title) or "study")
        return load_study(data).study
