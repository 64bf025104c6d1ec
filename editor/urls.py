from django.urls import path

from editor.views import factors, programs, strategies, study

urlpatterns = [
    path("studies/<slug:slug>/", study.study, name="study"),
    path("studies/<slug:slug>/gaps/", study.gaps, name="study-gaps"),
    # Factors
    path("studies/<slug:slug>/factors/<str:kind>/", factors.factor_list, name="factor-list"),
    path("studies/<slug:slug>/factors/<str:kind>/add/", factors.factor_add, name="factor-add"),
    path("factors/<int:pk>/", factors.factor_detail, name="factor-detail"),
    path("factors/<int:pk>/edit/", factors.factor_edit, name="factor-edit"),
    path("factors/<int:pk>/delete/", factors.factor_delete, name="factor-delete"),
    path("factors/<int:pk>/move/", factors.factor_move, name="factor-move"),
    # Strategies
    path("studies/<slug:slug>/quadrants/<str:quadrant>/", strategies.quadrant, name="quadrant"),
    path(
        "studies/<slug:slug>/quadrants/<str:quadrant>/add/",
        strategies.strategy_add,
        name="strategy-add",
    ),
    path("strategies/<int:pk>/", strategies.strategy_detail, name="strategy-detail"),
    path("strategies/<int:pk>/edit/", strategies.strategy_edit, name="strategy-edit"),
    path("strategies/<int:pk>/delete/", strategies.strategy_delete, name="strategy-delete"),
    path("strategies/<int:pk>/move/", strategies.strategy_move, name="strategy-move"),
    path("strategies/<int:pk>/cite/", strategies.strategy_cite, name="strategy-cite"),
    # The panels of a strategy card that load when opened.
    path(
        "strategies/<int:pk>/citations/", strategies.strategy_citations, name="strategy-citations"
    ),
    path("strategies/<int:pk>/program/", strategies.strategy_program, name="strategy-program"),
    # Action programs
    path("strategies/<int:pk>/actions/new/", programs.action_new, name="action-new"),
    path("strategies/<int:pk>/actions/search/", programs.action_search, name="action-search"),
    path("strategies/<int:pk>/actions/attach/", programs.action_attach, name="action-attach"),
    path("links/<int:pk>/", programs.link_detail, name="link-detail"),
    path("links/<int:pk>/move/", programs.link_move, name="link-move"),
    path("links/<int:pk>/detach/", programs.link_detach, name="link-detach"),
    path("actions/<int:pk>/edit/", programs.action_edit, name="action-edit"),
    path("actions/<int:pk>/delete/", programs.action_delete, name="action-delete"),
]
