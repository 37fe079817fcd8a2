from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lianxin.accounts"
    label = "accounts"
    verbose_name = "账号与权限"

    def ready(self):
        from lianxin.accounts import signals  # noqa: F401  (login/logout audit receivers)
