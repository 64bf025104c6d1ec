from django.apps import AppConfig


class StudyfileConfig(AppConfig):
    name = "studyfile"
    verbose_name = "Study files"
