from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "lianxin.notices"
    label = "notices"
    verbose_name = "通知"
