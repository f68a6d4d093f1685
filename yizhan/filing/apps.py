from django.apps import AppConfig


class FilingConfig(AppConfig):
    name = "yizhan.filing"
    label = "filing"
