"""Project-list pages, built from the core's views: the supply library (with its Excel import),
the demands (reported by townships, matched by the office, then progress and completion on the
demand's page), photos served through the demand's scope, and the totals."""

from django.db.models import F
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy

from lianxin.core.excel import heading_for, xlsx_response
from lianxin.core.imports import ImportReport
from lianxin.core.views import (
    ExportMixin,
    ImportView,
    ObjectOperationsView,
    Operation,
    ScopedListView,
    ScopedTemplateView,
    ServiceFormView,
)
from lianxin.orgs.choices import OrgKind, OrgLevel
from lianxin.orgs.models import Org
from lianxin.projects import importer, services
from lianxin.projects.filters import DemandFilter, SupplyFilter
from lianxin.projects.forms import CompleteForm, DemandForm, MatchForm, ProgressForm
from lianxin.projects.models import DemandPhoto, DemandProject, SupplyProject
from lianxin.projects.plugin import Action
from lianxin.projects.tables import DemandTable, SupplyTable
from lianxin.projects.totals import BY, header, totals

V, SUPPLY, DEMAND, MATCH = (
    Action.PROJECTS_VIEW,
    Action.PROJECTS_SUPPLY,
    Action.PROJECTS_DEMAND,
    Action.PROJECTS_MATCH,
)


class SupplyListView(ScopedListView):
    permission_action = V
    model = SupplyProject
    table_class = SupplyTable
    filterset_class = SupplyFilter
    template_name = "projects/supply_list.html"
    title = gettext_lazy("供给侧项目库")
    export_filename = "供给侧项目库.xlsx"

    def get_context_data(self, **kwargs):
        counties = Org.objects.restrict(self.request.user, SUPPLY).filter(kind=OrgKind.COUNTY).order_by("code")
        return super().get_context_data(**kwargs) | {"import_counties": counties[:20]}


class SupplyImportView(ImportView):
    permission_action = SUPPLY
    model = Org
    lookup_field = "code"
    title = gettext_lazy("导入供给侧项目")
    header, example = importer.HEADER, importer.EXAMPLE

    def get_queryset(self):
        return super().get_queryset().filter(kind=OrgKind.COUNTY)

    def get_back_url(self):
        return reverse("projects:supply_list")

    def run_import(self, actor, data) -> ImportReport:
        return importer.import_supply(actor, self.object, data)


class SupplyDetailView(ObjectOperationsView):
    permission_action = V
    model = SupplyProject
    template_name = "projects/supply_detail.html"

    def get_context_data(self, **kwargs):
        allocations = self.object.allocations.select_related("demand__org__parent")
        return super().get_context_data(**kwargs) | {"allocations": allocations}


class DemandListView(ScopedListView):
    permission_action = V
    model = DemandProject
    table_class = DemandTable
    filterset_class = DemandFilter
    template_name = "projects/demand_list.html"
    title = gettext_lazy("需求侧项目")
    export_filename = "需求侧项目.xlsx"

    def get_queryset(self):
        return super().get_queryset().select_related("org__parent")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"can_report": self.request.user.can(DEMAND)}


class DemandCreateView(ServiceFormView):
    permission_action = DEMAND
    form_class = DemandForm
    title = gettext_lazy("上报需求项目")
    back_url = "projects:demand_list"
    success_message = gettext_lazy("已上报，待创建办匹配")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"user": self.request.user, "action": DEMAND}

    def perform(self, actor, form):
        arguments = form.service_arguments()
        return services.report_demand(actor, arguments.pop("village"), **arguments)


class DemandDetailView(ObjectOperationsView):
    permission_action = V
    model = DemandProject
    template_name = "projects/demand_detail.html"
    operations = {
        "match": Operation(
            services.match, gettext_lazy("已匹配资金"), MATCH, form=MatchForm, inline=True, allowed=services.can_match
        ),
        "progress": Operation(
            services.report_progress,
            gettext_lazy("已报进度"),
            DEMAND,
            form=ProgressForm,
            inline=True,
            allowed=services.can_report_progress,
        ),
        "complete": Operation(
            services.complete,
            gettext_lazy("已完工"),
            DEMAND,
            form=CompleteForm,
            inline=True,
            allowed=services.can_report_progress,
        ),
    }

    def get_queryset(self):
        return super().get_queryset().select_related("org__parent")

    def operation_form_kwargs(self, name):
        if name != "match":
            return {}
        county = self.object.org.ancestor_code(OrgLevel.COUNTY)
        supplies = SupplyProject.objects.restrict(self.request.user, MATCH).filter(org__code=county)
        return {"queryset": supplies.filter(allocated__lt=F("amount")).order_by("-year", "department")}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "allocations": self.object.allocations.select_related("supply"),
            "photos": self.object.photos.all(),
        }


class PhotoView(ScopedTemplateView):
    """A demand's photo or evidence (?thumb=1 for the thumbnail), found through the demand's scope."""

    permission_action = V

    def get(self, request, *args, **kwargs):
        photo = get_object_or_404(DemandPhoto.objects.restrict(request.user, V), pk=kwargs["pk"])
        return photo.download(thumb=bool(request.GET.get("thumb")))


class TotalsView(ExportMixin, ScopedTemplateView):
    """Money asked, matched and spent per township, village, star, year or source (`?by=`)."""

    permission_action = V
    template_name = "projects/totals.html"

    @property
    def by(self) -> str:
        by = self.request.GET.get("by", "township")
        return by if by in BY else "township"

    def rows(self):
        user = self.request.user
        demands = DemandProject.objects.restrict(user, V)
        supplies = SupplyProject.objects.restrict(user, V)
        year = self.request.GET.get("year", "")
        if year.isdigit():
            demands, supplies = demands.filter(year=int(year)), supplies.filter(year=int(year))
        return totals(demands, supplies, self.by)

    def export(self):
        subject = gettext_lazy("项目资金统计")
        heading = heading_for(self.request.user, subject)
        return xlsx_response(
            "项目资金统计.xlsx", [str(h) for h in header(self.by)], self.rows(), title=subject, heading=heading
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "by": self.by,
            "choices": [(key, label) for key, (label, _fields) in BY.items()],
            "header": header(self.by),
            "rows": self.rows(),
            "year": self.request.GET.get("year", ""),
        }
