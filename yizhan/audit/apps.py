from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "yizhan.audit"
    label = "audit"
