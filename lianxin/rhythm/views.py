"""Bulletin pages: the archive by week, the bulletin as published (with its progress while the
worker builds it, its reason when it failed and a retry), its Word file, the request form and
the county's floors. Rows from `restrict()`; changes through `services`."""

import django_filters
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy

from lianxin.core.views import DownloadView, ObjectOperationsView, Operation, ScopedListView, ServiceFormView
from lianxin.core.views.base import ScopedObjectMixin
from lianxin.orgs.models import Org
from lianxin.rhythm import documents, forms, services
from lianxin.rhythm.figures import RATES, week_of
from lianxin.rhythm.models import Bulletin
from lianxin.rhythm.plugin import Action
from lianxin.rhythm.tables import BulletinTable

VIEW, MANAGE = Action.RHYTHM_VIEW, Action.RHYTHM_MANAGE


def managed_orgs(user) -> list[Org]:
    """The cities and counties whose bulletins the user may generate."""
    orgs = {a.org for a in user.assignments if a.org.kind in services.BULLETIN_KINDS}
    return sorted((o for o in orgs if user.can(MANAGE) and o.code in user.scope_prefixes(MANAGE)), key=lambda o: o.code)


class BulletinFilter(django_filters.FilterSet):
    week_after = django_filters.DateFilter(label=gettext_lazy("通报周起"), field_name="week_start", lookup_expr="gte")
    red = django_filters.BooleanFilter(label=gettext_lazy("有亮红灯单位"), method="filter_red")

    class Meta:
        model = Bulletin
        fields = ["week_after", "status", "red"]

    def filter_red(self, queryset, name, value):
        return queryset.exclude(red_codes=[]) if value else queryset.filter(red_codes=[])


class BulletinListView(ScopedListView):
    permission_action = VIEW
    model = Bulletin
    table_class = BulletinTable
    filterset_class = BulletinFilter
    template_name = "rhythm/bulletin_list.html"
    title = gettext_lazy("周通报")
    export_filename = "周通报.xlsx"

    def get_queryset(self):
        return super().get_queryset().select_related("org")

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_generate=bool(managed_orgs(self.request.user)), **kwargs)


class GenerateView(ServiceFormView):
    permission_action = MANAGE
    form_class = forms.GenerateForm
    title = gettext_lazy("生成周通报")
    back_url = "rhythm:bulletin_list"
    success_message = gettext_lazy("已开始生成，稍候即可查看")

    def get_form_kwargs(self):
        monday, _sunday = week_of(timezone.localdate())
        return super().get_form_kwargs() | {"orgs": managed_orgs(self.request.user), "week_start": monday}

    def perform(self, actor, form):
        org = Org.objects.restrict(self.request.user, MANAGE).get(code=form.cleaned_data["org"])
        return services.request_bulletin(actor, org, form.cleaned_data["week_start"])


class BulletinDetailView(ObjectOperationsView):
    permission_action = VIEW
    model = Bulletin
    template_name = "rhythm/bulletin_detail.html"
    operations = {
        "retry": Operation(services.retry, gettext_lazy("已重新排队生成"), MANAGE, allowed=services.can_retry),
    }

    def get_queryset(self):
        return super().get_queryset().select_related("org")

    def get_context_data(self, **kwargs):
        figures = self.object.figures
        parts = documents.sections(figures) if figures.get("units") else []
        return super().get_context_data(parts=parts, rates=RATES, **kwargs)


class BulletinFileView(ScopedObjectMixin, DownloadView):
    permission_action = VIEW
    model = Bulletin

    def export(self):
        bulletin = self.object
        if not bulletin.file:
            raise Http404
        name = f"{bulletin.org.short_name}周通报{bulletin.week_start.year}年第{bulletin.number}期.docx"
        return FileResponse(bulletin.file.open("rb"), as_attachment=True, filename=name)


class FloorsView(ServiceFormView):
    permission_action = MANAGE
    form_class = forms.FloorsForm
    title = gettext_lazy("通报底线")
    back_url = "rhythm:bulletin_list"
    success_url = "rhythm:bulletin_list"

    @cached_property
    def org(self) -> Org:
        found = Org.objects.restrict(self.request.user, MANAGE).filter(kind__in=services.BULLETIN_KINDS)
        return get_object_or_404(found, code=self.kwargs["code"])

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": services.config_for(self.org)}

    def perform(self, actor, form):
        return services.set_floors(actor, self.org, **form.cleaned_data)
