from django.urls import path

from swot import views

urlpatterns = [
    path("", views.study_list, name="study-list"),
]
