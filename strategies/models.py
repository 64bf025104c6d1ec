from django.db import models
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from planning.constraints import length_at_most
from planning.history import PlanningHistory
from planning.limits import ITEM_TEXT_MAX, NOTE_MAX
from planning.rules import check_citation, check_quadrant_change
from planning.text import NormalizesText
from planning.vocabulary import Quadrant, citable_kinds
from swot.models import Factor, Study


class Strategy(NormalizesText, models.Model):
    """A TOWS strategy: it pairs an internal kind (S/W) with an external one (O/T)."""

    Quadrant = Quadrant  # the vocabulary's, planning/vocabulary.py

    study = models.ForeignKey(
        Study, on_delete=models.CASCADE, related_name="strategies", verbose_name=_("study")
    )
    quadrant = models.CharField(_("quadrant"), max_length=2, choices=Quadrant.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"), max_length=ITEM_TEXT_MAX)
    note = models.TextField(
        _("note"),
        max_length=NOTE_MAX,
        blank=True,
        help_text=_("E.g. where the source printed something else."),
    )
    # Bumped on every save of the text: a save from a form opened on an older version is
    # stale (someone else saved in between) and is refused instead of overwriting.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    factors = models.ManyToManyField(
        Factor,
        through="Citation",
        related_name="strategies",
        blank=True,
        verbose_name=_("cited factors"),
    )
    history = PlanningHistory()  # every save and delete, who and when: planning/history.py
    normalized_fields = ("text", "note")  # planning/text.py

    class Meta:
        ordering = ["study", "quadrant", "number"]
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        constraints = [
            models.UniqueConstraint(
                fields=["study", "quadrant", "number"], name="strategy_code_unique_in_study"
            ),
            models.CheckConstraint(
                condition=models.Q(quadrant__in=["SO", "WO", "ST", "WT"]),
                name="strategy_quadrant_is_tows",
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="strategy_number_positive"
            ),
            length_at_most("text", _("A strategy's text"), ITEM_TEXT_MAX, "strategy_text_length"),
            length_at_most("note", _("A strategy's note"), NOTE_MAX, "strategy_note_length"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.text}"

    @property
    def code(self) -> str:
        return f"{self.quadrant}{self.number}"

    @property
    def citable_kinds(self) -> tuple[str, str]:
        """The two factor kinds this strategy may cite: SO → (S, O), WT → (W, T)."""
        return citable_kinds(self.quadrant)

    def clean(self) -> None:
        super().clean()
        if self.pk is None:
            return
        cited = Factor.objects.filter(citations__strategy_id=self.pk).order_by("kind", "number")
        check_quadrant_change(self.quadrant, [(f.kind, f.code) for f in cited])


class Citation(models.Model):
    """A strategy drawing on a factor; the paper prints these as (S1,3,6 O1,3,5)."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="citations", verbose_name=_("strategy")
    )
    factor = models.ForeignKey(
        Factor, on_delete=models.CASCADE, related_name="citations", verbose_name=_("factor")
    )
    history = PlanningHistory()  # every save and delete, who and when: planning/history.py

    class Meta:
        ordering = ["strategy", "factor__kind", "factor__number"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "factor"], name="citation_unique_per_strategy"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.strategy.code} → {self.factor.code}"

    def save(self, *args, **kwargs) -> None:
        # Every path (admin, views, loader, shell) goes through the same rule.
        check_citation(self.strategy, self.factor)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.strategy_id and self.factor_id:
            check_citation(self.strategy, self.factor)


@receiver(m2m_changed, sender=Strategy.factors.through)
def check_factors_added(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    """`strategy.factors.add()/set()` bypass Citation.save(); apply the same rule here."""
    if action != "pre_add" or not pk_set:
        return
    if reverse:  # factor.strategies.add(strategy, ...)
        for strategy in Strategy.objects.filter(pk__in=pk_set):
            check_citation(strategy, instance)
    else:
        for factor in Factor.objects.filter(pk__in=pk_set):
            check_citation(instance, factor)
