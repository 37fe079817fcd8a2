from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lianxin.core"
    label = "core"
    verbose_name = "公共"

    def ready(self):
        # Registers MaskedColumn with django-tables2 before any app's tables are defined.
        from lianxin.core import sessions, tables  # noqa: F401  (signal receivers, table columns)
