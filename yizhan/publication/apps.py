from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "yizhan.publication"
    label = "publication"
