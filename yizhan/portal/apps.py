from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "yizhan.portal"
    label = "portal"
