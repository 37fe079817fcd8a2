from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "lianxin.assessment"
    label = "assessment"
    verbose_name = "日常考核"
