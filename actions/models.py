from django.db import models
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from planning.constraints import length_at_most
from planning.history import PlanningHistory
from planning.limits import ITEM_TEXT_MAX, NOTE_MAX
from planning.rules import check_action_link
from planning.text import NormalizesText
from strategies.models import Strategy
from swot.models import Study


class Action(NormalizesText, models.Model):
    """An item of an action program. One action serving several strategies is one row."""

    study = models.ForeignKey(
        Study, on_delete=models.CASCADE, related_name="actions", verbose_name=_("study")
    )
    text = models.TextField(_("text"), max_length=ITEM_TEXT_MAX)
    # Bumped on every save of the text: a save from a form opened on an older version is
    # stale (someone else saved in between) and is refused instead of overwriting.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    strategies = models.ManyToManyField(
        Strategy,
        through="ActionLink",
        related_name="actions",
        blank=True,
        verbose_name=_("strategies"),
    )
    history = PlanningHistory()  # every save and delete, who and when: planning/history.py
    normalized_fields = ("text",)  # planning/text.py

    class Meta:
        ordering = ["study", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        constraints = [
            length_at_most("text", _("An action's text"), ITEM_TEXT_MAX, "action_text_length"),
        ]

    def __str__(self) -> str:
        return Truncator(self.text).chars(80)


class ActionLink(NormalizesText, models.Model):
    """An action in one strategy's program, at that strategy's own position (1, 2, 3…)."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="action_links", verbose_name=_("strategy")
    )
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="links", verbose_name=_("action")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    # The words this program prints the action in, when they differ from the action's own
    # text (a source that words a shared action a little differently in each program); blank
    # means the action's text. Its footnote is printed at the foot of the page.
    wording = models.TextField(_("wording here"), max_length=ITEM_TEXT_MAX, blank=True)
    footnote = models.TextField(_("footnote"), max_length=NOTE_MAX, blank=True)
    history = PlanningHistory()  # every save and delete, who and when: planning/history.py
    normalized_fields = ("wording", "footnote")  # planning/text.py

    class Meta:
        ordering = ["strategy", "position"]
        verbose_name = _("action link")
        verbose_name_plural = _("action links")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "action"], name="action_linked_once_per_strategy"
            ),
            models.UniqueConstraint(
                fields=["strategy", "position"], name="action_position_unique_in_strategy"
            ),
            models.CheckConstraint(
                condition=models.Q(position__gte=1), name="action_position_positive"
            ),
            length_at_most(
                "wording", _("An action's wording here"), ITEM_TEXT_MAX, "action_wording_length"
            ),
            length_at_most(
                "footnote", _("An action's footnote"), NOTE_MAX, "action_footnote_length"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.strategy.code} #{self.position}: {self.action}"

    def save(self, *args, **kwargs) -> None:
        check_action_link(self.strategy, self.action)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.strategy_id and self.action_id:
            check_action_link(self.strategy, self.action)

    @property
    def printed_text(self) -> str:
        """What this program prints: the wording here, or the action's own text."""
        return self.wording or self.action.text


@receiver(m2m_changed, sender=Action.strategies.through)
def check_strategies_added(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    """`.add()` with through_defaults bypasses ActionLink.save(); apply the same rule."""
    if action != "pre_add" or not pk_set:
        return
    if reverse:  # strategy.actions.add(action, through_defaults={"position": n})
        for linked in Action.objects.filter(pk__in=pk_set):
            check_action_link(instance, linked)
    else:
        for strategy in Strategy.objects.filter(pk__in=pk_set):
            check_action_link(strategy, instance)
