from django.contrib import admin
from django.db.models import Count

from strategies.models import Citation, Strategy
from swot.admin import TEXTS_EITHER_WAY, InStudyAdmin, StudyFilter
from swot.models import Factor


class StrategyChildInline(admin.TabularInline):
    """Offers only the parent strategy's own study's rows (and, for citations, its two kinds)."""

    extra = 0
    formfield_overrides = TEXTS_EITHER_WAY

    def parent_strategy(self, request) -> Strategy | None:
        object_id = request.resolver_match.kwargs.get("object_id")
        return Strategy.objects.filter(pk=object_id).first() if object_id else None


class CitationInline(StrategyChildInline):
    model = Citation
    fields = ["factor"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "factor":
            strategy = self.parent_strategy(request)
            queryset = Factor.objects.select_related("study").order_by("kind", "number")
            if strategy:
                queryset = queryset.filter(
                    study_id=strategy.study_id, kind__in=strategy.citable_kinds
                )
            kwargs["queryset"] = queryset
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Strategy)
class StrategyAdmin(InStudyAdmin):
    list_display = ["code", "item_text", "in_study", "citation_count", "action_count"]
    list_display_links = ["code", "item_text"]
    list_filter = [("study", StudyFilter), "quadrant"]
    list_select_related = ["study"]
    search_fields = ["text", "note"]
    ordering = ["study", "quadrant", "number"]
    # The action program's inline is added by actions/admin.py (actions sit above strategies).
    inlines = [CitationInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                citation_count=Count("citations", distinct=True),
                action_count=Count("action_links", distinct=True),
            )
        )

    @admin.display(description="code", ordering="number")
    def code(self, strategy: Strategy) -> str:
        return strategy.code

    @admin.display(description="factors cited", ordering="citation_count")
    def citation_count(self, strategy: Strategy) -> int:
        return strategy.citation_count

    @admin.display(description="actions", ordering="action_count")
    def action_count(self, strategy: Strategy) -> int:
        return strategy.action_count
