from django.urls import path

from studyfile import views

urlpatterns = [
    path("studies/<study:slug>/duplicate/", views.study_duplicate, name="study-duplicate"),
    path("load/", views.study_load, name="study-load"),
]
