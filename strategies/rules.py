"""The rules that tie strategies to factors and actions across apps, in one place.

Models, forms, the admin and the study loader all call these, so a bad citation gets the
same message whichever way it arrives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from actions.models import Action
    from strategies.models import Strategy
    from swot.models import Factor


def check_citation(strategy: Strategy, factor: Factor) -> None:
    """A strategy cites only factors of its own study and of its quadrant's two kinds."""
    if factor.study_id != strategy.study_id:
        raise ValidationError(
            _("%(strategy)s cannot cite %(factor)s: the factor belongs to another study.")
            % {"strategy": strategy.code, "factor": factor.code},
            code="citation_other_study",
        )
    if factor.kind not in strategy.citable_kinds:
        first, second = strategy.citable_kinds
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


def check_action_link(strategy: Strategy, action: Action) -> None:
    """An action serves only strategies of its own study."""
    if action.study_id != strategy.study_id:
        raise ValidationError(
            _("Action %(action)s cannot serve %(strategy)s: it belongs to another study.")
            % {"action": action.pk, "strategy": strategy.code},
            code="action_other_study",
        )


def check_strategy_change(strategy: Strategy) -> None:
    """Changing a strategy's quadrant must not strand citations of the wrong kind."""
    from swot.models import Factor

    stranded = (
        Factor.objects.filter(citations__strategy_id=strategy.pk)
        .exclude(kind__in=strategy.citable_kinds, study_id=strategy.study_id)
        .order_by("kind", "number")
    )
    codes = [f.code for f in stranded]
    if codes:
        raise ValidationError(
            {
                "quadrant": _(
                    "%(quadrant)s strategies cannot cite %(codes)s; remove those citations first."
                )
                % {"quadrant": strategy.quadrant, "codes": ", ".join(codes)}
            }
        )


def check_factor_kind_change(factor: Factor) -> None:
    """Changing a factor's kind must not leave strategies citing a kind they may not."""
    from strategies.models import Strategy

    citing = Strategy.objects.filter(citations__factor_id=factor.pk).order_by("quadrant", "number")
    wrong = [s.code for s in citing if factor.kind not in s.citable_kinds]
    if wrong:
        raise ValidationError(
            {
                "kind": _("%(codes)s cite this factor and may not cite a %(kind)s factor.")
                % {"codes": ", ".join(wrong), "kind": factor.kind}
            }
        )
