from django.apps import AppConfig


class LiaisonConfig(AppConfig):
    name = "lianxin.liaison"
    label = "liaison"
    verbose_name = "党群连心"
