"""The battle map (挂图作战) of a jurisdiction and the ledger workbook of all its villages."""

from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from lianxin.core.excel import attachment, heading_for, xlsx_response
from lianxin.core.panels import village_panels
from lianxin.core.scope import prefix_q
from lianxin.core.views import ActionRequiredMixin, DownloadView, ExportMixin, ReusedPageMixin
from lianxin.core.years import current_year, request_year
from lianxin.orgs.choices import OrgLevel
from lianxin.orgs.models import Org
from lianxin.orgs.views import breadcrumbs, scoped_org
from lianxin.planning import board
from lianxin.planning.choices import CellStatus
from lianxin.planning.forms import BoardFilterForm
from lianxin.planning.ledger import ledger_workbook
from lianxin.planning.models import CreationPlan
from lianxin.planning.plugin import Action
from lianxin.standards.choices import Star

BOARD_STATUS_LABEL = {s.value: s.label for s in CellStatus}


class BoardView(ReusedPageMixin, ActionRequiredMixin, ExportMixin, TemplateView):
    read_replica = True  # a dashboard: seconds of replica lag do not matter (core/routers.py)
    reuse_apps = ("planning", "standards")
    permission_action = Action.PLANS_VIEW
    template_name = "planning/board.html"

    @cached_property
    def org(self) -> Org:
        code = self.kwargs.get("code") or (self.request.user.home_org.scope_code if self.request.user.home_org else "")
        org = scoped_org(self.request.user, code, self.permission_action)
        if not org.is_geographic:
            raise Http404
        return org

    def get_context_data(self, **kwargs):
        org, today = self.org, timezone.localdate()
        townships = []
        if org.level == OrgLevel.COUNTY:
            townships = list(
                org.children.filter(level=OrgLevel.TOWNSHIP).order_by("code").values_list("code", "short_name")
            )
        form = BoardFilterForm(self.request.GET or None, townships=townships, initial={"year": current_year()})
        filters = form.cleaned_data if form.is_valid() else {}
        year = filters.get("year") or current_year()
        context = {
            "org": org,
            "year": year,
            "form": form,
            "stars": list(Star),
            "today": today,
            "status_labels": BOARD_STATUS_LABEL,
            "rows": None,
            "breadcrumbs": breadcrumbs(self.request.user, org),
            "statuses": board.STATUS_ORDER,
        }
        if board.is_village_board(org):
            rows = board.village_rows(self.request.user, org, year, today, filters.get("township", ""))
            shown = board.filter_rows(rows, filters.get("star", ""), filters.get("status", ""))
            chart = board.progress_chart(self.request.user, org, year)
            context.update(
                rows=shown,
                # A county opens on its townships, each loading its villages when opened, so the
                # first page stays small whatever the county's size (issue 15.4); a filter or a
                # chosen township lists the villages at once.
                by_township=org.level == OrgLevel.COUNTY and not filters.get("township") and not filters.get("status"),
                total=len(rows),
                star_counts=board.star_counts(rows),
                township_counts=board.township_counts(rows) if org.level == OrgLevel.COUNTY else [],
                chart=chart,
                chart_spec=_chart_spec(chart),
                one_village=org.level == OrgLevel.VILLAGE,
                # One village's map also shows what the other apps hold about it (its funded
                # projects, ...), through the core's registry: planning imports none of them.
                panels=village_panels(self.request.user, org, year) if org.level == OrgLevel.VILLAGE else [],
            )
        else:
            context.update(groups=board.group_rows(self.request.user, org, year, today))
        return super().get_context_data(**context, **kwargs)

    def get_template_names(self):
        if self.request.htmx and self.request.GET.get("part") == "villages":
            return ["planning/_board_villages.html"]
        return super().get_template_names()

    def export(self):
        context = self.get_context_data()
        stars = [s.label for s in Star]
        if context["rows"] is not None:
            header = [_("村（社区）"), _("代码"), _("乡镇（街道）"), *stars, _("措施数"), _("已完成")]
            rows = (
                [
                    r.name,
                    r.code,
                    r.township,
                    *[BOARD_STATUS_LABEL[c] for c in r.cells],
                    r.measures_total,
                    r.measures_done,
                ]
                for r in context["rows"]
            )
        else:
            header = [_("单位"), _("代码"), _("村（社区）数")] + [
                f"{s}·{BOARD_STATUS_LABEL[c]}" for s in stars for c in board.STATUS_ORDER
            ]
            rows = (
                [g.name, g.code, g.villages, *[g.counts[s][c] for s in Star.values for c in board.STATUS_ORDER]]
                for g in context["groups"]
            )
        org, year = context["org"], context["year"]
        subject = _("挂图作战")
        heading = heading_for(self.request.user, subject, org=org, year=year)
        return xlsx_response(f"{org.short_name}-{year}-挂图作战.xlsx", header, rows, title=subject, heading=heading)


def _chart_spec(chart: dict) -> dict:
    return {
        "title": _("措施完成进度"),
        "labels": chart["labels"],
        "stacked": False,
        "series": [
            {"name": _("当月完成"), "type": "bar", "data": chart["monthly"]},
            {"name": _("累计完成"), "type": "line", "data": chart["cumulative"]},
        ],
    }


class OrgLedgerExportView(DownloadView):
    """Every village's ledger under a county or township, in one workbook."""

    read_replica = True  # a dashboard: seconds of replica lag do not matter (core/routers.py)

    permission_action = Action.PLANS_VIEW

    def export(self):
        user, year = self.request.user, request_year(self.request)
        org = scoped_org(user, self.kwargs["code"], self.permission_action)
        plans = CreationPlan.objects.restrict(user, self.permission_action).filter(
            prefix_q(org.code, "org__code"), year=year
        )
        heading = heading_for(user, _("创星台账"), org=org, year=year)
        content = ledger_workbook(plans, timezone.localdate(), heading)
        return attachment(content, f"{org.short_name}-{year}-创星台账.xlsx")
