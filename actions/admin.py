from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from actions.models import Action, ActionLink
from planning.forms import NamedLimitsForm
from strategies.admin import StrategyAdmin, StrategyChildInline
from strategies.models import Strategy
from swot.admin import TEXTS_EITHER_WAY, InStudyAdmin, StudyFilter

# A place's wording and footnote in a row of an inline: two lines tall, in their own direction.
PLACE_TEXTS = {
    **TEXTS_EITHER_WAY,
    models.TextField: {"widget": AdminTextareaWidget(attrs={"dir": "auto", "rows": 2})},
}


class PlaceTexts:
    """An inline of action links: the wording says what its blank means."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "wording":
            field.help_text = _("Blank: the program prints the action's own text.")
        return field


class StrategyLinkInline(PlaceTexts, admin.TabularInline):
    """On an action's page: the strategies it serves, from its own study, and how each one's
    program words it (blank: the action's text) with its footnote."""

    model = ActionLink
    extra = 0
    fields = ["strategy", "position", "wording", "footnote"]
    form = NamedLimitsForm  # a wording over its limit: the message names the field
    formfield_overrides = PLACE_TEXTS

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "strategy":
            queryset = Strategy.objects.order_by("quadrant", "number")
            object_id = request.resolver_match.kwargs.get("object_id")
            action = Action.objects.filter(pk=object_id).first() if object_id else None
            if action:
                queryset = queryset.filter(study_id=action.study_id)
            kwargs["queryset"] = queryset
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Action)
class ActionAdmin(InStudyAdmin):
    list_display = ["item_text", "in_study", "strategy_count"]
    list_filter = [("study", StudyFilter), "links__strategy__quadrant"]
    list_select_related = ["study"]
    search_fields = ["text"]
    inlines = [StrategyLinkInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(strategy_count=Count("links", distinct=True))

    @admin.display(description="strategies served", ordering="strategy_count")
    def strategy_count(self, action: Action) -> int:
        return action.strategy_count


class ProgramInline(PlaceTexts, StrategyChildInline):
    """On a strategy's page: its action program, offering only its own study's actions, with
    how this program words each (blank: the action's text) and its footnote."""

    model = ActionLink
    fields = ["position", "action", "wording", "footnote"]
    ordering = ["position"]
    form = NamedLimitsForm
    formfield_overrides = PLACE_TEXTS

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "action":
            strategy = self.parent_strategy(request)
            queryset = Action.objects.all()
            if strategy:
                queryset = queryset.filter(study_id=strategy.study_id)
            kwargs["queryset"] = queryset
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class StrategyWithProgramAdmin(StrategyAdmin):
    """The strategy admin of strategies/admin.py with the action program's inline."""

    inlines = [*StrategyAdmin.inlines, ProgramInline]


admin.site.unregister(Strategy)
admin.site.register(Strategy, StrategyWithProgramAdmin)
