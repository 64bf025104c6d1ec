from django.urls import path

from swot import history_views

urlpatterns = [
    path("studies/<slug:slug>/history/", history_views.study_history, name="study-history"),
    # Which deletion to undo is in the form: `model` (factor, strategy, action), `history_id`.
    path(
        "studies/<slug:slug>/history/restore/", history_views.restore, name="study-history-restore"
    ),
]
