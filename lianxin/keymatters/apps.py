from django.apps import AppConfig


class KeyMattersConfig(AppConfig):
    name = "lianxin.keymatters"
    label = "keymatters"
    verbose_name = "重点事项推进清单"
