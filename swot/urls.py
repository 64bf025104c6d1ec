from django.urls import path

from swot import views

urlpatterns = [
    path("", views.study_list, name="study-list"),
    path("studies/<study:slug>/details/", views.study_details, name="study-details"),
    path("studies/<study:slug>/delete/", views.study_delete, name="study-delete"),
]
