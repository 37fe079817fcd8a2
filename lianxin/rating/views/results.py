"""Results: determined ratings and progress awards (with lowering, revoking and payment), the
statistics of a jurisdiction, and the Word list for certificates."""

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import RedirectView, TemplateView

from lianxin.core.documents import DOCX_TYPE
from lianxin.core.excel import attachment, heading_for, xlsx_response
from lianxin.core.permissions import can_at
from lianxin.core.scope import prefix_q
from lianxin.core.views import (
    ActionRequiredMixin,
    DownloadView,
    ExportMixin,
    ReusedPageMixin,
    ScopedListView,
    ServiceFormView,
)
from lianxin.core.years import current_year, request_year, year_choices
from lianxin.orgs.choices import OrgLevel
from lianxin.orgs.models import Org
from lianxin.orgs.views import breadcrumbs, scoped_org
from lianxin.rating import documents, services, stats
from lianxin.rating.filters import AwardFilter, RatingFilter
from lianxin.rating.forms import AdjustForm, PaymentForm
from lianxin.rating.models import ProgressAward, VillageRating
from lianxin.rating.plugin import Action
from lianxin.rating.tables import AwardTable, RatingTable
from lianxin.standards.choices import Star


class DecidedColumnListView(ScopedListView):
    """A results list whose action column (`decide_column`) only the office sees or exports."""

    permission_action = Action.RATING_VIEW
    decide_column = ""

    def get_queryset(self):
        return super().get_queryset().select_related("org__parent")

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        if not self.request.user.can(Action.RATING_DECIDE):
            table.columns.hide(self.decide_column)
        return table


class ResultListView(DecidedColumnListView):
    model = VillageRating
    table_class = RatingTable
    filterset_class = RatingFilter
    title = gettext_lazy("评星结果")
    export_filename = "评星结果.xlsx"
    export_exclude = ("adjust",)
    decide_column = "adjust"
    template_name = "rating/result_list.html"

    def get_context_data(self, **kwargs):
        """The Word documents of the user's jurisdiction for the year filtered on (or this)."""
        org = self.request.user.home_org
        code = statistics_code(org) if org is not None else ""
        return super().get_context_data(documents_code=code, documents_year=request_year(self.request), **kwargs)


class AwardListView(DecidedColumnListView):
    model = ProgressAward
    table_class = AwardTable
    filterset_class = AwardFilter
    title = gettext_lazy("进步星奖励")
    export_filename = "进步星奖励.xlsx"
    export_exclude = ("pay",)
    decide_column = "pay"
    template_name = "rating/award_list.html"

    def get_context_data(self, **kwargs):
        year = request_year(self.request)
        waiting = services.awaiting_award(self.request.user, year)
        return super().get_context_data(waiting=waiting, waiting_year=year, **kwargs)


class ResultAdjustView(ServiceFormView):
    permission_action = Action.RATING_DECIDE
    model = VillageRating
    form_class = AdjustForm
    success_message = gettext_lazy("已调整")
    success_url = back_url = "rating:result_list"

    def get_queryset(self):
        return super().get_queryset().select_related("org__parent")

    def get_initial(self):
        return {"stars": self.object.stars}

    def get_context_data(self, **kwargs):
        r = self.object
        title = _("降星或撤销：%(v)s %(y)d年 %(s)s") % {"v": r.org.short_name, "y": r.year, "s": r.star_labels or "—"}
        return super().get_context_data(title=title, **kwargs)

    def perform(self, actor, form):
        return services.adjust_rating(actor, self.object, **form.cleaned_data)


class AwardPayView(ServiceFormView):
    permission_action = Action.RATING_DECIDE
    model = ProgressAward
    form_class = PaymentForm
    success_message = gettext_lazy("已登记")
    success_url = back_url = "rating:award_list"

    def get_queryset(self):
        return super().get_queryset().select_related("org")

    def get_initial(self):
        return {"paid_on": self.object.paid_on or timezone.localdate(), "plaque": self.object.plaque}

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("登记拨付：%(a)s") % {"a": self.object}, **kwargs)

    def perform(self, actor, form):
        return services.record_payment(actor, self.object, **form.cleaned_data)


# --- statistics --------------------------------------------------------------------------------------


def jurisdiction(user, code: str) -> Org:
    org = scoped_org(user, code, Action.RATING_VIEW)
    if not org.is_geographic or org.level >= OrgLevel.VILLAGE:
        raise Http404
    return org


class StatsHomeView(ActionRequiredMixin, RedirectView):
    """A user's statistics start at their own jurisdiction (a village user's: its township)."""

    permission_action = Action.RATING_VIEW

    def get_redirect_url(self, *args, **kwargs):
        org = self.request.user.home_org
        if org is None:
            return reverse("home")
        return reverse("rating:stats", kwargs={"code": statistics_code(org)})


def statistics_code(org: Org) -> str:
    """The jurisdiction whose statistics and documents a user of `org` reads: its own, or a
    village's township."""
    return org.ancestor_code(OrgLevel.TOWNSHIP) if org.level > OrgLevel.TOWNSHIP else org.scope_code


class StatsView(ReusedPageMixin, ActionRequiredMixin, ExportMixin, TemplateView):
    read_replica = True  # a dashboard: seconds of replica lag do not matter (core/routers.py)
    reuse_apps = ("rating", "planning", "standards")
    permission_action = Action.RATING_VIEW
    template_name = "rating/stats.html"

    def get_context_data(self, **kwargs):
        request = self.request
        org = jurisdiction(request.user, kwargs["code"])
        # Without a chosen year, show the latest year that has results rather than an empty one.
        year = request_year(request) if request.GET.get("year") else None
        year = year or stats.latest_year(request.user, org) or current_year()
        data = stats.rating_stats(request.user, org, year)
        return super().get_context_data(
            org=org,
            year=year,
            years=[y for y, _label in year_choices()],
            stats=data,
            stars=list(Star),
            chart=stats.chart_spec(data),
            star_chart=stats.star_chart_spec(data),
            breadcrumbs=breadcrumbs(request.user, org),
            child_label=_child_label(org),
            can_config=org.level == OrgLevel.COUNTY and can_at(request.user, Action.RATING_CONFIG, org.code),
            **kwargs,
        )

    def export(self):
        context = self.get_context_data(**self.kwargs)
        org, year = context["org"], context["year"]
        subject = _("星级统计")
        return xlsx_response(
            f"{org.short_name}-{year}-星级统计.xlsx",
            stats.header(),
            stats.export_rows(context["stats"]),
            title=subject,
            heading=heading_for(self.request.user, subject, org=org, year=year),
        )


def _child_label(org: Org) -> str:
    return {
        OrgLevel.PROVINCE: _("市"),
        OrgLevel.CITY: _("县（市、区）"),
        OrgLevel.COUNTY: _("乡镇（街道）"),
        OrgLevel.TOWNSHIP: _("村（社区）"),
    }.get(org.level, _("单位"))


class NamedBranchesView(DownloadView):
    """A Word document of a jurisdiction's year of named (three stars and up) branches, those
    the user may see; `document` builds it (rating/documents.py)."""

    permission_action = Action.RATING_VIEW
    suffix = ""

    def export(self):
        user = self.request.user
        org, year = jurisdiction(user, self.kwargs["code"]), request_year(self.request)
        ratings = (
            VillageRating.objects.restrict(user, self.permission_action)
            .filter(prefix_q(org.code, "org__code"), year=year, level__gte=3)
            .select_related("org__parent")
            .order_by("-level", "org__code")
        )
        content = self.document(org, year, ratings)
        return attachment(content, f"{org.short_name}-{year}-{self.suffix}.docx", content_type=DOCX_TYPE)

    def document(self, org, year, ratings) -> bytes:
        raise NotImplementedError


class CertificatesView(NamedBranchesView):
    suffix = "星级党支部名单"

    def document(self, org, year, ratings):
        return documents.certificate_list(org, year, ratings)


class DeterminationView(NamedBranchesView):
    suffix = "星级党支部认定通知"

    def document(self, org, year, ratings):
        return documents.determination_notice(org, year, ratings, timezone.localdate())
