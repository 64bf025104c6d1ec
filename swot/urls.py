from django.urls import path

from actions import views as actions
from strategies import views as strategies
from swot import views as swot

urlpatterns = [
    path("", swot.study_list, name="study-list"),
    path("studies/<slug:slug>/", swot.study, name="study"),
    path("studies/<slug:slug>/gaps/", swot.gaps, name="study-gaps"),
    # Factors
    path("studies/<slug:slug>/factors/<str:kind>/", swot.factor_list, name="factor-list"),
    path("studies/<slug:slug>/factors/<str:kind>/add/", swot.factor_add, name="factor-add"),
    path("factors/<int:pk>/", swot.factor_detail, name="factor-detail"),
    path("factors/<int:pk>/edit/", swot.factor_edit, name="factor-edit"),
    path("factors/<int:pk>/delete/", swot.factor_delete, name="factor-delete"),
    path("factors/<int:pk>/move/", swot.factor_move, name="factor-move"),
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
    # Action programs
    path("strategies/<int:pk>/actions/new/", actions.action_new, name="action-new"),
    path("strategies/<int:pk>/actions/search/", actions.action_search, name="action-search"),
    path("strategies/<int:pk>/actions/attach/", actions.action_attach, name="action-attach"),
    path("links/<int:pk>/move/", actions.link_move, name="link-move"),
    path("links/<int:pk>/detach/", actions.link_detach, name="link-detach"),
    path("actions/<int:pk>/edit/", actions.action_edit, name="action-edit"),
    path("actions/<int:pk>/delete/", actions.action_delete, name="action-delete"),
]
