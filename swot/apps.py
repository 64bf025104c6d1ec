from django.apps import AppConfig


class SwotConfig(AppConfig):
    name = "swot"
