"""David's quantitative tools on a study's own factors and strategies: each factor's IFE/EFE
weight and rating, the SPACE matrix's variables, the QSPM's sets of alternative strategies.

The arithmetic and the rules are planning/evaluation.py's; these models keep the values and
hold the ranges in the database too (named constraints), so the loader, the admin, restore and
the shell cannot store what a form would refuse.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from planning.evaluation import (
    DIMENSIONS,
    POSITIVE_DIMENSIONS,
    RATING_MAX,
    RATING_MIN,
    SCORE_MAX,
    SCORE_MIN,
    SPACE_DEFAULT_SCALE,
    WEIGHT_PLACES,
    check_space_score,
)
from planning.history import PlanningHistory
from planning.text import NormalizesText
from strategies.models import Strategy
from swot.models import Factor, Study

SPACE_VARIABLE_NAME_MAX = 120
QSPM_SET_NAME_MAX = 60


class Assessment(models.Model):
    """A factor's row of the IFE (S, W) or EFE (O, T) matrix: its weight and its rating."""

    factor = models.OneToOneField(
        Factor, on_delete=models.CASCADE, related_name="assessment", verbose_name=_("factor")
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=WEIGHT_PLACES + 1,
        decimal_places=WEIGHT_PLACES,
        null=True,
        blank=True,
    )
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    history = PlanningHistory()

    class Meta:
        ordering = ["factor"]
        verbose_name = _("IFE/EFE assessment")
        verbose_name_plural = _("IFE/EFE assessments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__isnull=True) | models.Q(weight__gte=0, weight__lte=1),
                name="assessment_weight_0_to_1",
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True)
                | models.Q(rating__gte=RATING_MIN, rating__lte=RATING_MAX),
                name="assessment_rating_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.factor.code}: {self.weight} × {self.rating}"


class SpaceMatrix(models.Model):
    """A study's SPACE settings: the scale its scores run on (7, David's 15th edition, or 6)."""

    class Scale(models.IntegerChoices):
        SEVEN = 7, _("±7 (David, 15th edition)")
        SIX = 6, _("±6 (earlier editions)")

    study = models.OneToOneField(
        Study, on_delete=models.CASCADE, related_name="space_matrix", verbose_name=_("study")
    )
    scale = models.PositiveSmallIntegerField(
        _("scale"), choices=Scale.choices, default=SPACE_DEFAULT_SCALE
    )
    history = PlanningHistory()

    class Meta:
        ordering = ["study"]
        verbose_name = _("SPACE matrix")
        verbose_name_plural = _("SPACE matrices")
        constraints = [
            models.CheckConstraint(condition=models.Q(scale__in=[6, 7]), name="space_scale_6_or_7"),
        ]

    def __str__(self) -> str:
        return f"SPACE ±{self.scale}: {self.study}"


class SpaceVariable(NormalizesText, models.Model):
    """One variable of a SPACE dimension and its score: "Budget surplus" +5 in FP."""

    class Dimension(models.TextChoices):
        FP = "FP", _("Financial position (FP)")
        IP = "IP", _("Industry position (IP)")
        SP = "SP", _("Stability position (SP)")
        CP = "CP", _("Competitive position (CP)")

    study = models.ForeignKey(
        Study, on_delete=models.CASCADE, related_name="space_variables", verbose_name=_("study")
    )
    dimension = models.CharField(_("dimension"), max_length=2, choices=Dimension.choices)
    name = models.CharField(_("variable"), max_length=SPACE_VARIABLE_NAME_MAX)
    score = models.SmallIntegerField(_("score"))
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    history = PlanningHistory()
    normalized_fields = ("name",)

    class Meta:
        ordering = ["study", "dimension", "position", "pk"]
        verbose_name = _("SPACE variable")
        verbose_name_plural = _("SPACE variables")
        constraints = [
            models.UniqueConstraint(
                fields=["study", "dimension", "name"], name="space_variable_named_once"
            ),
            models.CheckConstraint(
                condition=models.Q(dimension__in=list(DIMENSIONS)),
                name="space_variable_dimension_known",
            ),
            # The sign by dimension, within the larger scale; the study's own scale is checked
            # by planning.evaluation.check_space_score on every path.
            models.CheckConstraint(
                condition=(
                    models.Q(dimension__in=list(POSITIVE_DIMENSIONS), score__gte=1, score__lte=7)
                    | (
                        ~models.Q(dimension__in=list(POSITIVE_DIMENSIONS))
                        & models.Q(score__gte=-7, score__lte=-1)
                    )
                ),
                name="space_variable_score_sign",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension} {self.name}: {self.score:+d}"

    def clean(self) -> None:
        super().clean()
        if self.study_id and self.dimension and self.score is not None:
            scale = getattr(getattr(self.study, "space_matrix", None), "scale", SPACE_DEFAULT_SCALE)
            check_space_score(self.dimension, self.score, scale)


class QspmSet(NormalizesText, models.Model):
    """A set of alternative strategies the QSPM compares (only within the set)."""

    study = models.ForeignKey(
        Study, on_delete=models.CASCADE, related_name="qspm_sets", verbose_name=_("study")
    )
    name = models.CharField(_("name"), max_length=QSPM_SET_NAME_MAX)
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    strategies = models.ManyToManyField(
        Strategy, through="QspmChoice", related_name="qspm_sets", verbose_name=_("strategies")
    )
    history = PlanningHistory()
    normalized_fields = ("name",)

    class Meta:
        ordering = ["study", "position", "pk"]
        verbose_name = _("QSPM set")
        verbose_name_plural = _("QSPM sets")
        constraints = [
            models.UniqueConstraint(fields=["study", "name"], name="qspm_set_named_once"),
        ]

    def __str__(self) -> str:
        return self.name


class QspmChoice(models.Model):
    """A strategy of a QSPM set, at its column (1, 2, …)."""

    qspm_set = models.ForeignKey(
        QspmSet, on_delete=models.CASCADE, related_name="choices", verbose_name=_("QSPM set")
    )
    strategy = models.ForeignKey(
        Strategy,
        on_delete=models.CASCADE,
        related_name="qspm_choices",
        verbose_name=_("strategy"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    history = PlanningHistory()

    class Meta:
        ordering = ["qspm_set", "position"]
        verbose_name = _("QSPM strategy")
        verbose_name_plural = _("QSPM strategies")
        constraints = [
            models.UniqueConstraint(
                fields=["qspm_set", "strategy"], name="qspm_strategy_once_per_set"
            ),
            models.UniqueConstraint(
                fields=["qspm_set", "position"], name="qspm_strategy_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.qspm_set}: {self.strategy.code}"


class QspmScore(models.Model):
    """A factor's attractiveness score for one strategy of a set. A factor row of the set with
    no scores is "not relevant" (a dash for every strategy); a row is never partly scored."""

    qspm_set = models.ForeignKey(
        QspmSet, on_delete=models.CASCADE, related_name="scores", verbose_name=_("QSPM set")
    )
    factor = models.ForeignKey(
        Factor, on_delete=models.CASCADE, related_name="qspm_scores", verbose_name=_("factor")
    )
    strategy = models.ForeignKey(
        Strategy,
        on_delete=models.CASCADE,
        related_name="qspm_scores",
        verbose_name=_("strategy"),
    )
    score = models.PositiveSmallIntegerField(_("attractiveness score"))
    history = PlanningHistory()

    class Meta:
        ordering = ["qspm_set", "factor", "strategy"]
        verbose_name = _("QSPM score")
        verbose_name_plural = _("QSPM scores")
        constraints = [
            models.UniqueConstraint(
                fields=["qspm_set", "factor", "strategy"], name="qspm_score_once_per_cell"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX),
                name="qspm_score_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.qspm_set}: {self.factor.code} × {self.strategy.code} = {self.score}"
