from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "yizhan.cases"
    label = "cases"
