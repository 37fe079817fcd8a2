from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import RedirectView

from lianxin.accounts.roles import Action
from lianxin.core.excel import heading_for, xlsx_response
from lianxin.core.permissions import in_scope
from lianxin.core.plugins import Card, workbench_cards
from lianxin.core.views import (
    ActionRequiredMixin,
    ExportMixin,
    ReusedPageMixin,
    ScopedListView,
    ScopedTemplateView,
    ServiceFormView,
)
from lianxin.orgs import services
from lianxin.orgs.choices import UNIT_KINDS
from lianxin.orgs.filters import OrgFilter
from lianxin.orgs.forms import UnitForm
from lianxin.orgs.models import Org
from lianxin.orgs.stats import child_summary, totals
from lianxin.orgs.tables import OrgTable


def scoped_org(user, code: str, action: str = Action.ORGS_VIEW) -> Org:
    """The org with this code if it is in the user's scope; otherwise 404, as if absent."""
    return get_object_or_404(Org.objects.restrict(user, action).select_related("parent"), code=code)


def breadcrumbs(user, org: Org) -> list[dict]:
    """Ancestors and the org itself; only those in the user's scope get a link."""
    prefixes = user.scope_prefixes(Action.ORGS_VIEW)
    return [{"org": o, "linked": in_scope(prefixes, o.code)} for o in [*org.ancestors, org]]


def overview_context(user, org: Org) -> dict:
    rows = child_summary(user, org)
    chart = {
        "title": _("各下级单位村(社区)数"),
        "labels": [r["org"].short_name for r in rows],
        "series": [
            {"name": _("村"), "data": [r["villages"] for r in rows]},
            {"name": _("社区"), "data": [r["communities"] for r in rows]},
        ],
    }
    return {
        "org": org,
        "rows": rows,
        "totals": totals(rows),
        "chart": chart,
        "breadcrumbs": breadcrumbs(user, org),
        "units": list(org.children.filter(kind__in=UNIT_KINDS).order_by("code")) if org.is_geographic else [],
        "can_manage_units": user.can(Action.ORGS_MANAGE_UNITS)
        and in_scope(user.scope_prefixes(Action.ORGS_MANAGE_UNITS), org.code),
    }


SUMMARY_HEADER = [
    gettext_lazy("代码"),
    gettext_lazy("名称"),
    gettext_lazy("类型"),
    gettext_lazy("下级单位数"),
    gettext_lazy("村数"),
    gettext_lazy("社区数"),
]


def summary_rows(rows):
    for r in rows:
        yield [
            r["org"].code,
            r["org"].short_name,
            r["org"].get_kind_display(),
            r["units"],
            r["villages"],
            r["communities"],
        ]


class HomeView(ReusedPageMixin, ScopedTemplateView):
    """Each user's home is their workbench (工作台): what waits on them, from every app's cards
    (lianxin/core/plugins.py), and below it, for those with a jurisdiction, the overview of the
    widest org they serve. A village or a party member has no children to show, so no overview.
    Every app's cards are on it, so a change in any app under or above the user's org redraws it."""

    permission_action = None
    template_name = "orgs/home.html"

    def reuse_code(self) -> str:
        org = self.request.user.home_org
        return org.code if org is not None else ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["card_groups"] = grouped(workbench_cards(user, timezone.localdate()))
        org = user.home_org
        if org is not None and org.is_geographic and not org.is_grassroots and user.can(Action.ORGS_VIEW):
            context.update(overview_context(user, scoped_org(user, org.scope_code)))
        return context


def grouped(cards: list[Card]) -> list[tuple[str, list[Card]]]:
    """Cards by their group, the groups in the order they first appear."""
    groups: dict[str, list[Card]] = {}
    for card in cards:
        groups.setdefault(card.group, []).append(card)
    return list(groups.items())


class BrowseView(ActionRequiredMixin, RedirectView):
    """The tree starts at the user's own top org."""

    permission_action = Action.ORGS_VIEW

    def get_redirect_url(self, *args, **kwargs):
        org = self.request.user.home_org
        return Org(code=org.scope_code).get_absolute_url() if org else reverse("home")


class OrgDetailView(ExportMixin, ScopedTemplateView):
    permission_action = Action.ORGS_VIEW
    template_name = "orgs/detail.html"

    def export(self):
        org = scoped_org(self.request.user, self.kwargs["code"])
        user = self.request.user
        rows = summary_rows(child_summary(user, org))
        subject = _("下级单位")
        heading = heading_for(user, subject, org=org)
        return xlsx_response(f"{org.short_name}-下级单位.xlsx", SUMMARY_HEADER, rows, title=subject, heading=heading)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(overview_context(self.request.user, scoped_org(self.request.user, kwargs["code"])))
        return context


class OrgSearchView(ScopedListView):
    permission_action = Action.ORGS_VIEW
    model = Org
    table_class = OrgTable
    filterset_class = OrgFilter
    title = gettext_lazy("查找组织")
    export_filename = "组织查询.xlsx"

    def get_queryset(self):
        return super().get_queryset().select_related("parent")


class UnitCreateView(ServiceFormView):
    permission_action = Action.ORGS_MANAGE_UNITS
    model = Org
    lookup_field = "code"
    form_class = UnitForm
    template_name = "orgs/unit_form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(org=self.object, **kwargs)

    def perform(self, actor, form):
        return services.create_unit(actor, self.object, form.cleaned_data["kind"], form.cleaned_data["name"])

    def get_success_message(self, unit):
        return _("已创建 %(name)s（代码 %(code)s）") % {"name": unit.name, "code": unit.code}

    def get_success_url(self, result=None):
        return self.object.get_absolute_url()
