"""A study's records (its reports, its History page) read in the study's language.

One way for both: Django's translations under `translation.override`, whatever language
the menus around them are in.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from django.conf import settings
from django.utils import translation

FALLBACK = "en"


def study_language(language: str) -> str:
    """The language a study's records print in: its own if the workbench has it, else English."""
    return language if language in dict(settings.LANGUAGES) else FALLBACK


def in_study_language(language: str) -> AbstractContextManager:
    """`with in_study_language(study.language):` – gettext answers in the study's language."""
    return translation.override(study_language(language))
