"""The township's (or county's) list of villages whose self-assessment differs from the
computed indicator, per work item, with both values, the link to the village's assessment and
to the records behind the figure; `?export=xlsx` downloads the same rows."""

from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from lianxin.core.excel import heading_for, xlsx_response
from lianxin.core.views import ActionRequiredMixin, ExportMixin
from lianxin.core.years import request_year, year_choices
from lianxin.orgs.choices import OrgLevel
from lianxin.orgs.models import Org
from lianxin.orgs.views import breadcrumbs, scoped_org
from lianxin.planning.differing import differences
from lianxin.planning.plugin import Action


def claim_text(met: bool) -> str:
    return _("已达标") if met else _("未达标")


class DifferingView(ActionRequiredMixin, ExportMixin, TemplateView):
    permission_action = Action.PLANS_VIEW
    template_name = "planning/differing.html"

    @cached_property
    def org(self) -> Org:
        org = scoped_org(self.request.user, self.kwargs["code"], self.permission_action)
        if not org.is_geographic or org.level >= OrgLevel.VILLAGE:
            raise Http404
        return org

    @cached_property
    def year(self) -> int:
        return request_year(self.request)

    @cached_property
    def rows(self):
        return differences(self.request.user, self.org, self.year)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            org=self.org,
            year=self.year,
            years=year_choices(),
            rows=self.rows,
            villages=len({d.village.pk for d in self.rows}),
            breadcrumbs=breadcrumbs(self.request.user, self.org),
            **kwargs,
        )

    def export(self):
        subject = _("自评与系统计算不一致的村")
        header = [_("村(社区)"), _("工作项"), _("自评"), _("系统计算指标"), _("系统计算值"), _("达标要求")]
        values = [
            [
                d.village.short_name,
                str(d.item),
                claim_text(d.assessment.met),
                d.reading.indicator.label,
                d.reading.text,
                d.item.indicator,
            ]
            for d in self.rows
        ]
        heading = heading_for(self.request.user, subject, org=self.org, year=self.year)
        return xlsx_response(f"{subject}.xlsx", header, values, title=subject, heading=heading)
