from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "yizhan.core"
    verbose_name = "核心"
