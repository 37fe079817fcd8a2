from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "lianxin.planning"
    label = "planning"
    verbose_name = "创星规划"
