from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "yizhan.stats"
    label = "stats"

    def ready(self) -> None:
        from django.core.signals import request_finished, request_started

        from . import summary

        # The summary is checked once per read-only request (summary.ensure_fresh).
        request_started.connect(summary.request_started, dispatch_uid="stats_summary_started")
        request_finished.connect(summary.request_finished, dispatch_uid="stats_summary_finished")
