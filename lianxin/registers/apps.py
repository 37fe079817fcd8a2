from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "lianxin.registers"
    label = "registers"
    verbose_name = "农户与党员"

    def ready(self):
        from lianxin.registers.extensions import Tab, add_tabs
        from lianxin.registers.plugin import Action

        add_tabs(
            Tab(_("农户"), "registers:household_list", Action.REGISTERS_VIEW, 20),
            Tab(_("党员"), "registers:member_list", Action.REGISTERS_VIEW, 30),
        )
