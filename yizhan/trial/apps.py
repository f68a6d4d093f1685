from django.apps import AppConfig


class TrialConfig(AppConfig):
    name = "yizhan.trial"
    label = "trial"
    verbose_name = "审判执行"
