"""Quarterly observation pages: the tours, planning one, a tour's results ranked with its photos,
each participant's sheets and which sites the reader has scored, and the phone page where a
participant scores a site. A site is found through its tour, read with `restrict()`
(participants from anywhere in the county score every site of its tour)."""

import django_filters
import django_tables2 as tables
from django import forms as django_forms
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View

from lianxin.core.scope import prefix_q
from lianxin.core.views import ActionRequiredMixin, ScopedListView, ScopedTemplateView, ServiceFormView
from lianxin.orgs.models import Org
from lianxin.rhythm import observation
from lianxin.rhythm.forms import DATE
from lianxin.rhythm.models import ObservationTour, SitePhoto, SiteScore, TourSite
from lianxin.rhythm.plugin import Action
from lianxin.rhythm.views import managed_orgs

VIEW, MANAGE, SCORE = Action.RHYTHM_VIEW, Action.RHYTHM_MANAGE, Action.RHYTHM_SCORE


def tours(user):
    return ObservationTour.objects.restrict(user, VIEW)


class TourTable(tables.Table):
    title = tables.Column(linkify=lambda record: record.get_absolute_url())
    unit = tables.Column(accessor="org__short_name", verbose_name=gettext_lazy("组织单位"))
    date = tables.DateColumn(format="Y-m-d")

    class Meta:
        model = ObservationTour
        fields = ("date", "title", "unit")
        attrs = {"class": "table table-sm table-hover align-middle"}


class TourFilter(django_filters.FilterSet):
    """`place`: tours that observed a site in this township or village (the indicator's link);
    `year`: of the tour's date."""

    place = django_filters.CharFilter(label=gettext_lazy("观摩点代码"), method="filter_place")
    year = django_filters.NumberFilter(label=gettext_lazy("年度"), field_name="date", lookup_expr="year")

    class Meta:
        model = ObservationTour
        fields = ["place", "year"]

    def filter_place(self, queryset, name, value):
        value = value.strip()
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(Exists(TourSite.objects.filter(prefix_q(value, "org__code"), tour=OuterRef("pk"))))


class TourListView(ScopedListView):
    permission_action = VIEW
    model = ObservationTour
    table_class = TourTable
    filterset_class = TourFilter
    template_name = "rhythm/tour_list.html"
    title = gettext_lazy("季度观摩")
    export_filename = "季度观摩.xlsx"

    def get_queryset(self):
        return super().get_queryset().select_related("org")

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_create=bool(managed_orgs(self.request.user)), **kwargs)


class TourForm(django_forms.Form):
    org = django_forms.ChoiceField(label=gettext_lazy("组织单位"))
    day = django_forms.DateField(label=gettext_lazy("观摩日期"), widget=DATE)
    title = django_forms.CharField(label=gettext_lazy("名称"), max_length=100)
    sites = django_forms.CharField(
        label=gettext_lazy("观摩点（每行一个村或乡镇代码，按观摩顺序）"),
        widget=django_forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, orgs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [(o.code, o.name) for o in orgs]


class TourCreateView(ServiceFormView):
    permission_action = MANAGE
    form_class = TourForm
    title = gettext_lazy("安排季度观摩")
    back_url = "rhythm:tour_list"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"orgs": managed_orgs(self.request.user)}

    def perform(self, actor, form):
        data = form.cleaned_data
        org = Org.objects.restrict(self.request.user, MANAGE).get(code=data["org"])
        codes = [line.strip() for line in data["sites"].splitlines() if line.strip()]
        return observation.plan_tour(actor, org, day=data["day"], title=data["title"], site_codes=codes)


class TourDetailView(ScopedTemplateView):
    permission_action = VIEW
    template_name = "rhythm/tour_detail.html"

    def get_context_data(self, **kwargs):
        tour = get_object_or_404(tours(self.request.user).select_related("org"), pk=self.kwargs["pk"])
        rows = observation.results(tour)
        photos = SitePhoto.objects.filter(site__tour=tour)
        by_site = {}
        for photo in photos:
            by_site.setdefault(photo.site_id, []).append(photo)
        mine = dict(SiteScore.objects.filter(site__tour=tour, scorer=self.request.user).values_list("site_id", "score"))
        for row in rows:
            row["photos"] = by_site.get(row["site"].pk, [])
            row["mine"] = mine.get(row["site"].pk)
        sheets = SiteScore.objects.filter(site__tour=tour).select_related("scorer", "site__org")
        return super().get_context_data(
            object=tour,
            rows=rows,
            sheets=sheets.order_by("site__order", "scorer__name"),
            can_score=self.request.user.can(SCORE),
            **kwargs,
        )


class ScoreForm(django_forms.Form):
    score = django_forms.IntegerField(label=gettext_lazy("得分（百分制）"), min_value=0, max_value=100)
    remark = django_forms.CharField(label=gettext_lazy("点评"), max_length=300, required=False)
    photo = django_forms.ImageField(label=gettext_lazy("现场照片"), required=False)


class ScoreView(ServiceFormView):
    permission_action = SCORE
    form_class = ScoreForm
    success_message = gettext_lazy("评分已保存")

    @cached_property
    def site(self) -> TourSite:
        found = TourSite.objects.filter(tour__in=tours(self.request.user)).select_related("org", "tour")
        return get_object_or_404(found, pk=self.kwargs["pk"])

    @property
    def title(self):
        return _("观摩评分：%(n)d. %(site)s") % {"n": self.site.order, "site": self.site.org.short_name}

    def get_back_url(self):
        return self.site.tour.get_absolute_url()

    def perform(self, actor, form):
        data = form.cleaned_data
        observation.score_site(actor, self.site, score=data["score"], remark=data["remark"], photo=data["photo"])
        return self.site.tour


class PhotoView(ActionRequiredMixin, View):
    permission_action = VIEW

    def get(self, request, pk):
        photo = SitePhoto.objects.filter(pk=pk, site__tour__in=tours(request.user)).first()
        if photo is None:
            raise Http404
        return photo.download(thumb=request.GET.get("thumb") == "1")
