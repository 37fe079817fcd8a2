from django.apps import AppConfig


class RhythmConfig(AppConfig):
    name = "lianxin.rhythm"
    label = "rhythm"
    verbose_name = "周通报、月调度、季观摩"
