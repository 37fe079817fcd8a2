from django.apps import AppConfig


class PointsConfig(AppConfig):
    name = "lianxin.points"
    label = "points"
    verbose_name = "幸福积分"
