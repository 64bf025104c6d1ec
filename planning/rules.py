"""The rules that tie strategies to factors and actions, each in one function.

Models, forms, the admin, the editor's chips, the study loader and restore all call these,
so a bad citation gets the same message whichever way it arrives. They read attributes
only (`study_id`, `kind`, `quadrant`, `code`), so they import no model.
"""

from __future__ import annotations

from typing import Protocol

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from planning.digits import digits
from planning.vocabulary import Quadrant, citable_kinds, may_cite


class _InStudy(Protocol):
    study_id: int | None


class _Strategy(_InStudy, Protocol):
    quadrant: str
    code: str


class _Factor(_InStudy, Protocol):
    kind: str
    code: str


class _Action(_InStudy, Protocol):
    pk: int | None


def check_citation(strategy: _Strategy, factor: _Factor) -> None:
    """A strategy cites only factors of its own study and of its quadrant's two kinds."""
    if factor.study_id != strategy.study_id:
        raise ValidationError(
            _("%(strategy)s cannot cite %(factor)s: the factor belongs to another study.")
            % {"strategy": strategy.code, "factor": factor.code},
            code="citation_other_study",
        )
    if not may_cite(strategy.quadrant, factor.kind):
        first, second = citable_kinds(strategy.quadrant)
        raise ValidationError(
            _(
                "%(strategy)s cannot cite %(factor)s: %(quadrant)s strategies cite only "
                "%(first)s and %(second)s factors."
            )
            % {
                "strategy": strategy.code,
                "factor": factor.code,
                "quadrant": strategy.quadrant,
                "first": first,
                "second": second,
            },
            code="citation_wrong_kind",
        )


def check_action_link(strategy: _Strategy, action: _Action) -> None:
    """An action serves only strategies of its own study."""
    if action.study_id != strategy.study_id:
        raise ValidationError(
            _("Action %(action)s cannot serve %(strategy)s: it belongs to another study.")
            % {"action": action.pk, "strategy": strategy.code},
            code="action_other_study",
        )


def check_quadrant_change(quadrant: str, cited: list[tuple[str, str]]) -> None:
    """A strategy moved to `quadrant` must not keep citations of kinds it may not cite.

    `cited` is [(kind, code), …] of the factors it cites, in display order.
    """
    if quadrant not in Quadrant.values:  # reported on the field itself
        return
    codes = [code for kind, code in cited if not may_cite(quadrant, kind)]
    if codes:
        raise ValidationError(
            {
                "quadrant": _(
                    "%(quadrant)s strategies cannot cite %(codes)s; remove those citations first."
                )
                % {"quadrant": quadrant, "codes": ", ".join(codes)}
            }
        )


def check_kind_change(kind: str, citing: list[tuple[str, str]]) -> None:
    """A factor changed to `kind` must not be cited by strategies that may not cite it.

    `citing` is [(quadrant, code), …] of the strategies that cite it, in display order.
    """
    wrong = [code for quadrant, code in citing if not may_cite(quadrant, kind)]
    if wrong:
        raise ValidationError(
            {
                "kind": _("%(codes)s cite this factor and may not cite a %(kind)s factor.")
                % {"codes": ", ".join(wrong), "kind": kind}
            }
        )


def check_room(number: int, most: int, what: str) -> None:
    """A new item takes `number` (its kind's, quadrant's or program's next): refused past
    `most`, the limit the study file has too (planning/limits.py). `what` names the items
    in the plural ("factors of a kind")."""
    if number > most:
        raise ValidationError(
            _("There is no room for another one: a study holds at most %(most)s %(what)s.")
            % {"most": digits(f"{most:,}"), "what": what}
        )
