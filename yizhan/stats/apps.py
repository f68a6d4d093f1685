from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "yizhan.stats"
    label = "stats"
