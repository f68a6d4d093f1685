from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "yizhan.api"
    label = "api"
