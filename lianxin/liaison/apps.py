from django.apps import AppConfig


class LiaisonConfig(AppConfig):
    name = "lianxin.liaison"
    label = "liaison"
    verbose_name = "党群连心"

    def ready(self):
        from lianxin.liaison import panels, privacy
        from lianxin.liaison.services.summaries import on_roll_changed
        from lianxin.registers.signals import roll_changed

        panels.register()
        privacy.register()  # its part in the registers' PIPL duties: a person's export, anonymisation
        # The summary rows count the registers' households, members and links.
        roll_changed.connect(on_roll_changed, dispatch_uid="liaison-summary")
