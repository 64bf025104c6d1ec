"""The models a study's history covers, by the name the History page and its forms use.

The bottom of the audit app: the page (`audit.timeline`), its wording (`audit.wording`) and
restoring (`audit.restore`) all look models and fields up here.
"""

from __future__ import annotations

from django.db import models

from actions.models import Action, ActionLink
from strategies.models import Citation, Strategy
from swot.models import Factor, Study

TRACKED: dict[str, type[models.Model]] = {
    "study": Study,
    "factor": Factor,
    "strategy": Strategy,
    "citation": Citation,
    "action": Action,
    "link": ActionLink,
}
RESTORABLE = ("factor", "strategy", "action")

# Fields compared between a row and the one before it (a "~" row) …
COMPARED = {
    "study": ["title", "city", "subject", "year", "source", "language", "slug"],
    "factor": ["kind", "number", "text", "note"],
    "strategy": ["quadrant", "number", "text", "note"],
    "citation": [],
    "action": ["text"],
    "link": ["position", "wording", "footnote"],
}
# … and shown as they were on an added (+) or deleted (-) item; its code is in the "what".
SHOWN = {
    "study": ["title"],
    "factor": ["text", "note"],
    "strategy": ["text", "note"],
    "citation": [],
    "action": ["text"],
    "link": ["position", "wording", "footnote"],
}
# The wording of an item: what "restore the earlier wording" writes back.
WORDING = {
    "factor": ("text", "note"),
    "strategy": ("text", "note"),
    "action": ("text",),
}


def live(name: str) -> type[models.Model]:
    """The model of `name` (e.g. Factor)."""
    return TRACKED[name]


def recorded(name: str) -> type[models.Model]:
    """The historical model of `name` (e.g. HistoricalFactor)."""
    return live(name).history.model
