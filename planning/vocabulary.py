"""The words of David's model as the workbench uses them: factor kinds and TOWS quadrants.

The models' choices are these classes (`Factor.Kind`, `Strategy.Quadrant`); everything else
that needs to know which kinds a quadrant pairs, or the order planners read them in, asks here.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """A SWOT factor's kind: the letter of its code (S3, O10)."""

    STRENGTH = "S", _("Strength")
    WEAKNESS = "W", _("Weakness")
    OPPORTUNITY = "O", _("Opportunity")
    THREAT = "T", _("Threat")


class Quadrant(models.TextChoices):
    """A TOWS cell: an internal kind (S/W) paired with an external one (O/T)."""

    SO = "SO", _("SO (strengths–opportunities)")
    WO = "WO", _("WO (weaknesses–opportunities)")
    ST = "ST", _("ST (strengths–threats)")
    WT = "WT", _("WT (weaknesses–threats)")


INTERNAL_KINDS = (Kind.STRENGTH, Kind.WEAKNESS)
EXTERNAL_KINDS = (Kind.OPPORTUNITY, Kind.THREAT)
# The order planners read them in: the paper's Table 1 (S, O) then Table 2 (W, T) across
# the matrix's top (S, W) and down its side (O, T); quadrants as Table 3 lists them.
DISPLAY_ORDER = (Kind.STRENGTH, Kind.WEAKNESS, Kind.OPPORTUNITY, Kind.THREAT)
QUADRANT_ORDER = (Quadrant.SO, Quadrant.WO, Quadrant.ST, Quadrant.WT)


def citable_kinds(quadrant: str) -> tuple[str, str]:
    """The two factor kinds a quadrant's strategies may cite: SO → (S, O), WT → (W, T)."""
    if quadrant not in Quadrant.values:
        raise ValueError(f"{quadrant!r} is not a TOWS quadrant")
    return quadrant[0], quadrant[1]


def may_cite(quadrant: str, kind: str) -> bool:
    """Whether a strategy of `quadrant` may cite a factor of `kind` (never, for a quadrant or
    kind outside the vocabulary: a form reports those on their own fields)."""
    return quadrant in Quadrant.values and kind in citable_kinds(quadrant)
