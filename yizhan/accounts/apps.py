from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "yizhan.accounts"
    label = "accounts"
