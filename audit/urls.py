from django.urls import path

from audit import views

urlpatterns = [
    path("studies/<study:slug>/history/", views.study_history, name="study-history"),
    # Which deletion to undo is in the form: `model` (factor, strategy, action), `history_id`.
    path("studies/<study:slug>/history/restore/", views.restore, name="study-history-restore"),
]
