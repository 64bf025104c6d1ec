from django.contrib import admin
from django.db.models import Count

from actions.models import Action, ActionLink
from strategies.admin import StrategyAdmin, StrategyChildInline
from strategies.models import Strategy
from swot.admin import TEXTS_EITHER_WAY, InStudyAdmin, StudyFilter


class StrategyLinkInline(admin.TabularInline):
    """On an action's page: the strategies it serves, from its own study."""

    model = ActionLink
    extra = 0
    fields = ["strategy", "position"]
    formfield_overrides = TEXTS_EITHER_WAY

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


class ProgramInline(StrategyChildInline):
    """On a strategy's page: its action program, offering only its own study's actions."""

    model = ActionLink
    fields = ["position", "action"]
    ordering = ["position"]

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
