from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "lianxin.guidance"
    label = "guidance"
    verbose_name = "干部包片与督导"

    def ready(self):
        from lianxin.guidance.plugin import Action
        from lianxin.registers.extensions import Tab, add_tabs

        add_tabs(
            Tab(_("干部包片"), "guidance:assignment_list", Action.GUIDANCE_VIEW, 60),
            Tab(_("督导问题"), "guidance:finding_list", Action.GUIDANCE_VIEW, 70),
            Tab(_("软弱涣散"), "guidance:weak_list", Action.GUIDANCE_VIEW, 90),
        )
