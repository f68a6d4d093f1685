from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    name = "yizhan.console"
    label = "console"
