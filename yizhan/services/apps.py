from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "yizhan.services"
    label = "services"
