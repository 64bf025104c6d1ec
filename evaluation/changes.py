"""The writes of a study's evaluation, one function per change, each in one transaction whose
first statement takes the study's lock (swot/locks.py), so an assessment, a SPACE variable or a
QSPM row lands against the study as it is once the writes ahead of it are in, and the checks
that read other rows (the scale against the variables, a set's name, a row against its set's
strategies) see what is there.

Refusals are ValidationErrors whose message names the factor, the variable or the set; the
views put them on their forms.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from evaluation.models import (
    Assessment,
    QspmChoice,
    QspmScore,
    QspmSet,
    SpaceMatrix,
    SpaceVariable,
)
from planning.digits import digits
from planning.evaluation import (
    SPACE_DEFAULT_SCALE,
    check_qspm_row,
    check_rating,
    check_space_scale,
    check_space_score,
    check_weight,
)
from planning.limits import (
    QSPM_SETS_MAX,
    QSPM_STRATEGIES_PER_SET_MAX,
    SPACE_VARIABLES_PER_DIMENSION_MAX,
)
from strategies.models import Strategy
from swot.locks import lock_study
from swot.models import Factor, Study

QSPM_STRATEGIES_MIN = 2


def named(label: str, error: ValidationError) -> ValidationError:
    """`error` with what it is about in front: "S1: A weight is between 0.00 and 1.00…"."""
    return ValidationError(
        [f"{label}: {message}" for message in error.messages],
        code=getattr(error, "code", None),
    )


def set_assessment(factor: Factor, weight: Decimal | None, rating: int | None) -> Assessment:
    """A factor's IFE or EFE weight and rating (None clears either)."""
    try:
        if weight is not None:
            check_weight(weight)
        if rating is not None:
            check_rating(rating)
    except ValidationError as error:
        raise named(factor.code, error) from error
    with transaction.atomic():
        lock_study(factor.study_id)
        assessment, _created = Assessment.objects.update_or_create(
            factor=factor, defaults={"weight": weight, "rating": rating}
        )
    return assessment


def current_space_scale(study: Study) -> int:
    matrix = SpaceMatrix.objects.filter(study=study).first()
    return matrix.scale if matrix else SPACE_DEFAULT_SCALE


def variable_label(dimension: str, name: str) -> str:
    return f"{dimension} «{name}»"


def set_space_scale(study: Study, scale: int) -> SpaceMatrix:
    """The study's SPACE scale (7 or 6); refused while a variable's score lies beyond it."""
    check_space_scale(scale)
    with transaction.atomic():
        lock_study(study.pk)
        for variable in SpaceVariable.objects.filter(study=study):
            try:
                check_space_score(variable.dimension, variable.score, scale)
            except ValidationError as error:
                raise named(variable_label(variable.dimension, variable.name), error) from error
        matrix, _created = SpaceMatrix.objects.update_or_create(
            study=study, defaults={"scale": scale}
        )
    return matrix


def check_variable(study: Study, dimension: str, name: str, score: int, exclude_pk=None) -> None:
    """Inside the lock: the score on the study's scale, the name once in its dimension."""
    try:
        check_space_score(dimension, score, current_space_scale(study))
    except ValidationError as error:
        raise named(variable_label(dimension, name), error) from error
    others = SpaceVariable.objects.filter(study=study, dimension=dimension, name=name)
    if others.exclude(pk=exclude_pk).exists():
        raise ValidationError(
            _("%(variable)s is already a variable of %(dimension)s.")
            % {"variable": f"«{name}»", "dimension": dimension},
            code="space_variable_twice",
        )


def add_space_variable(study: Study, dimension: str, name: str, score: int) -> SpaceVariable:
    """A new variable at the end of its dimension."""
    with transaction.atomic():
        lock_study(study.pk)
        check_variable(study, dimension, name, score)
        count = SpaceVariable.objects.filter(study=study, dimension=dimension).count()
        if count >= SPACE_VARIABLES_PER_DIMENSION_MAX:
            raise ValidationError(
                _("%(dimension)s has %(n)s variables, as many as a dimension may have.")
                % {"dimension": dimension, "n": digits(count)},
                code="space_variables_max",
            )
        last = (
            SpaceVariable.objects.filter(study=study, dimension=dimension)
            .order_by("-position")
            .values_list("position", flat=True)
            .first()
        )
        return SpaceVariable.objects.create(
            study=study, dimension=dimension, name=name, score=score, position=(last or 0) + 1
        )


def set_space_variable(variable: SpaceVariable, name: str, score: int) -> SpaceVariable:
    """A variable's name and score."""
    with transaction.atomic():
        lock_study(variable.study_id)
        check_variable(variable.study, variable.dimension, name, score, exclude_pk=variable.pk)
        variable.name, variable.score = name, score
        variable.save(update_fields=["name", "score"])
    return variable


def delete_space_variable(variable: SpaceVariable) -> None:
    with transaction.atomic():
        lock_study(variable.study_id)
        variable.delete()


def add_qspm_set(study: Study, name: str, strategies: Sequence[Strategy]) -> QspmSet:
    """A set of at least two of the study's strategies, compared in the order given."""
    if len(strategies) < QSPM_STRATEGIES_MIN:
        raise ValidationError(
            _("A QSPM set compares at least two strategies; «%(name)s» has %(n)s.")
            % {"name": name, "n": len(strategies)},
            code="qspm_too_few",
        )
    if len(strategies) > QSPM_STRATEGIES_PER_SET_MAX:
        raise ValidationError(
            _("A QSPM set compares at most %(max)s strategies; «%(name)s» has %(n)s.")
            % {
                "max": digits(QSPM_STRATEGIES_PER_SET_MAX),
                "name": name,
                "n": digits(len(strategies)),
            },
            code="qspm_too_many",
        )
    foreign = [s.code for s in strategies if s.study_id != study.pk]
    if foreign:
        raise ValidationError(
            _("%(codes)s are strategies of another study: a set compares one study's.")
            % {"codes": ", ".join(foreign)},
            code="qspm_other_study",
        )
    with transaction.atomic():
        lock_study(study.pk)
        if QspmSet.objects.filter(study=study).count() >= QSPM_SETS_MAX:
            raise ValidationError(
                _("The study has %(n)s QSPM sets, as many as a study may have.")
                % {"n": digits(QSPM_SETS_MAX)},
                code="qspm_sets_max",
            )
        if QspmSet.objects.filter(study=study, name=name).exists():
            raise ValidationError(
                _("The study already has a QSPM set named «%(name)s».") % {"name": name},
                code="qspm_set_twice",
            )
        last = (
            QspmSet.objects.filter(study=study)
            .order_by("-position")
            .values_list("position", flat=True)
            .first()
        )
        qspm_set = QspmSet.objects.create(study=study, name=name, position=(last or 0) + 1)
        # One save each, not bulk_create: the change history records saves.
        for n, strategy in enumerate(strategies, 1):
            QspmChoice.objects.create(qspm_set=qspm_set, strategy=strategy, position=n)
    return qspm_set


def delete_qspm_set(qspm_set: QspmSet) -> None:
    """A set with its strategies' places and its scores."""
    with transaction.atomic():
        lock_study(qspm_set.study_id)
        qspm_set.delete()


def set_qspm_row(qspm_set: QspmSet, factor: Factor, scores: Sequence[int | None]) -> None:
    """A factor's row of a set: one attractiveness score per strategy, in the set's order, or
    None for every one (not relevant). A row partly scored is refused, naming the row."""
    if factor.study_id != qspm_set.study_id:
        raise ValidationError(
            _("%(code)s is a factor of another study.") % {"code": factor.code},
            code="qspm_other_study",
        )
    try:
        check_qspm_row(scores)
    except ValidationError as error:
        raise named(f"{qspm_set.name} · {factor.code}", error) from error
    with transaction.atomic():
        lock_study(qspm_set.study_id)
        strategies = list(qspm_set.choices.values_list("strategy_id", flat=True))
        if len(strategies) != len(scores):
            raise ValidationError(
                _("%(code)s: the set has %(n)s strategies; this row gave %(given)s scores.")
                % {"code": factor.code, "n": len(strategies), "given": len(scores)},
                code="qspm_row_length",
            )
        QspmScore.objects.filter(qspm_set=qspm_set, factor=factor).delete()
        for strategy, score in zip(strategies, scores, strict=True):
            if score is not None:  # one save each: the change history records saves
                QspmScore.objects.create(
                    qspm_set=qspm_set, factor=factor, strategy_id=strategy, score=score
                )
