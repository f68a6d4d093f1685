from django.apps import AppConfig


class PartiesConfig(AppConfig):
    name = "yizhan.parties"
    label = "parties"
