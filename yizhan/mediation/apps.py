from django.apps import AppConfig


class MediationConfig(AppConfig):
    name = "yizhan.mediation"
    label = "mediation"
