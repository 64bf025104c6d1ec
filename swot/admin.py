from django.contrib import admin
from django.db.models import Count

from swot.models import Factor, Study


class FactorInline(admin.TabularInline):
    model = Factor
    extra = 0
    fields = ["kind", "number", "text", "note"]
    ordering = ["kind", "number"]


@admin.register(Study)
class StudyAdmin(admin.ModelAdmin):
    list_display = ["title", "city", "year", "language", "factor_count", "strategy_count"]
    list_filter = ["language", "city"]
    search_fields = ["title", "city", "subject", "source", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [FactorInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                factor_count=Count("factors", distinct=True),
                strategy_count=Count("strategies", distinct=True),
            )
        )

    @admin.display(description="factors", ordering="factor_count")
    def factor_count(self, study: Study) -> int:
        return study.factor_count

    @admin.display(description="strategies", ordering="strategy_count")
    def strategy_count(self, study: Study) -> int:
        return study.strategy_count


@admin.register(Factor)
class FactorAdmin(admin.ModelAdmin):
    list_display = ["code", "text", "study"]
    list_display_links = ["code", "text"]
    list_filter = ["study", "kind"]
    list_select_related = ["study"]
    search_fields = ["text", "note"]
    ordering = ["study", "kind", "number"]

    @admin.display(description="code", ordering="number")
    def code(self, factor: Factor) -> str:
        return factor.code
