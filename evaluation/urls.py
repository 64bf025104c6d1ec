from django.urls import path

from evaluation import views

urlpatterns = [
    path("studies/<study:slug>/evaluation/", views.evaluation, name="evaluation"),
    path("studies/<study:slug>/evaluation/space/", views.space, name="evaluation-space"),
    path("studies/<study:slug>/evaluation/space/scale/", views.space_scale, name="space-scale"),
    path(
        "studies/<study:slug>/evaluation/space/<str:dimension>/add/",
        views.space_add,
        name="space-add",
    ),
    path("studies/<study:slug>/evaluation/qspm/", views.qspm_sets, name="qspm-sets"),
    path("studies/<study:slug>/evaluation/qspm/add/", views.qspm_add, name="qspm-add"),
    # A factor's IFE or EFE row: as it is, and its weight and rating edited.
    path("evaluation/factors/<id:pk>/", views.assessment_row, name="assessment-row"),
    path("evaluation/factors/<id:pk>/edit/", views.assessment_edit, name="assessment-edit"),
    path("evaluation/space/<id:pk>/edit/", views.space_variable_edit, name="space-variable-edit"),
    path(
        "evaluation/space/<id:pk>/delete/",
        views.space_variable_delete,
        name="space-variable-delete",
    ),
    path("evaluation/qspm/<id:pk>/", views.qspm_set, name="qspm-set"),
    path("evaluation/qspm/<id:pk>/delete/", views.qspm_delete, name="qspm-delete"),
    path("evaluation/qspm/<id:pk>/rows/<id:factor_pk>/", views.qspm_row, name="qspm-row"),
]
