from django.apps import AppConfig


class RatingConfig(AppConfig):
    name = "lianxin.rating"
    label = "rating"
    verbose_name = "评星定级"
