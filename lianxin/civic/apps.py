from django.apps import AppConfig


class CivicConfig(AppConfig):
    name = "lianxin.civic"
    label = "civic"
    verbose_name = "平安法治与志愿服务"
