"""A county's rating settings and quotas for a year: one page, two operations."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy

from lianxin.core.views import ObjectOperationsView, Operation
from lianxin.core.years import request_year, year_choices
from lianxin.orgs.choices import UNIT_KINDS, OrgKind, OrgLevel
from lianxin.orgs.models import Org
from lianxin.rating import services
from lianxin.rating.forms import ConfigForm, QuotaForm
from lianxin.rating.models import Quota
from lianxin.rating.plugin import Action


class SettingsView(ObjectOperationsView):
    permission_action = Action.RATING_CONFIG
    model = Org
    lookup_field = "code"
    template_name = "rating/settings.html"
    default_operation = "config"
    operations = {
        "config": Operation(
            services.save_config, gettext_lazy("评星设置已保存"), Action.RATING_CONFIG, form=ConfigForm, inline=True
        ),
        "quota": Operation(
            services.set_quota, gettext_lazy("名额已保存"), Action.RATING_CONFIG, form=QuotaForm, inline=True
        ),
    }

    def get_queryset(self):
        return super().get_queryset().filter(level=OrgLevel.COUNTY).exclude(kind__in=UNIT_KINDS)

    @cached_property
    def year(self) -> int:
        return request_year(self.request)

    @cached_property
    def config(self):
        return services.config_for(self.object, self.year)

    def operation_form_kwargs(self, name):
        if name == "quota":
            return {}
        config = self.config
        task_forces = Org.objects.filter(parent=self.object, kind=OrgKind.TASK_FORCE).order_by("code")
        initial = {
            "window_start": config.window_start,
            "window_end": config.window_end,
            "chain": ",".join(config.chain),
            "progress_chain": ",".join(config.progress_chain),
            "step_days": config.step_days,
            "publicity_days": config.publicity_days,
            "award_amount": config.award_amount,
            "require_evidence": config.require_evidence,
            **{f"tf_{s}": c for s, c in (config.task_forces or {}).items()},
        }
        return {"initial": initial, "task_forces": list(task_forces)}

    def operation_arguments(self, name):
        return {"year": self.year}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            county=self.object,
            year=self.year,
            years=[y for y, _label in year_choices()],
            config=self.config,
            quotas=Quota.objects.filter(org=self.object, year=self.year),
            **kwargs,
        )
