from django.urls import path

from editor.views import factors, programs, strategies, study

urlpatterns = [
    path("studies/<study:slug>/", study.study, name="study"),
    path("studies/<study:slug>/gaps/", study.gaps, name="study-gaps"),
    # Factors
    path("studies/<study:slug>/factors/<str:kind>/", factors.factor_list, name="factor-list"),
    path("studies/<study:slug>/factors/<str:kind>/add/", factors.factor_add, name="factor-add"),
    path("factors/<id:pk>/", factors.factor_detail, name="factor-detail"),
    path("factors/<id:pk>/edit/", factors.factor_edit, name="factor-edit"),
    path("factors/<id:pk>/delete/", factors.factor_delete, name="factor-delete"),
    path("factors/<id:pk>/move/", factors.factor_move, name="factor-move"),
    # Strategies
    path("studies/<study:slug>/quadrants/<str:quadrant>/", strategies.quadrant, name="quadrant"),
    path(
        "studies/<study:slug>/quadrants/<str:quadrant>/add/",
        strategies.strategy_add,
        name="strategy-add",
    ),
    path("strategies/<id:pk>/", strategies.strategy_detail, name="strategy-detail"),
    path("strategies/<id:pk>/edit/", strategies.strategy_edit, name="strategy-edit"),
    path("strategies/<id:pk>/delete/", strategies.strategy_delete, name="strategy-delete"),
    path("strategies/<id:pk>/move/", strategies.strategy_move, name="strategy-move"),
    path("strategies/<id:pk>/cite/", strategies.strategy_cite, name="strategy-cite"),
    # The panels of a strategy card that load when opened.
    path("strategies/<id:pk>/citations/", strategies.strategy_citations, name="strategy-citations"),
    path("strategies/<id:pk>/program/", strategies.strategy_program, name="strategy-program"),
    # Action programs
    path("strategies/<id:pk>/actions/new/", programs.action_new, name="action-new"),
    path("strategies/<id:pk>/actions/search/", programs.action_search, name="action-search"),
    path("strategies/<id:pk>/actions/attach/", programs.action_attach, name="action-attach"),
    path("links/<id:pk>/", programs.link_detail, name="link-detail"),
    path("links/<id:pk>/move/", programs.link_move, name="link-move"),
    path("links/<id:pk>/detach/", programs.link_detach, name="link-detach"),
    path("actions/<id:pk>/edit/", programs.action_edit, name="action-edit"),
    path("actions/<id:pk>/delete/", programs.action_delete, name="action-delete"),
]
