"""Lists and downloads. `?export=xlsx` on a page answers with its data as Excel instead of the
page; the per-user download limit is checked before anything is built (security.md item 15),
and each page builds its file in one method, `export()`, so that a later background export can
take its place."""

from itertools import islice

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import View
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from lianxin.core.excel import xlsx_response
from lianxin.core.ratelimit import export_refused
from lianxin.core.views.base import ActionRequiredMixin, ScopedMixin


class ExportMixin:
    """`?export=xlsx` answers with `self.export()` (an attachment response) instead of the page."""

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            return export_refused(request) or self.export()
        return super().get(request, *args, **kwargs)

    def export(self):
        raise NotImplementedError


class DownloadView(ActionRequiredMixin, View):
    """A URL that is only a download (a ledger workbook, a Word list of names): `export()`
    builds it once the download limit allows."""

    def get(self, request, *args, **kwargs):
        return export_refused(request) or self.export()

    def export(self):
        raise NotImplementedError


class ScopedListView(ScopedMixin, SingleTableMixin, ExportMixin, FilterView):
    """A sortable, filterable, paginated table of in-scope rows; `?export=xlsx` downloads the
    same rows (all pages, current filters) as Excel, up to `LIANXIN_EXPORT_MAX_ROWS`: past it
    the user is asked to narrow the filters rather than handed a cut-off file."""

    paginate_by = 50
    export_filename = "导出.xlsx"
    export_exclude: tuple[str, ...] = ()
    template_name = "core/list.html"
    title = ""

    def export_rows(self):
        filterset = self.get_filterset(self.get_filterset_class())
        return filterset.qs if filterset.is_valid() else self.get_queryset().none()

    def export(self):
        rows = self.export_rows()
        limit = settings.LIANXIN_EXPORT_MAX_ROWS
        count = rows.count()
        if count > limit:
            messages.error(
                self.request,
                _("共 %(count)d 行，超过一次导出的上限 %(limit)d 行，请先用查询条件缩小范围")
                % {"count": count, "limit": limit},
            )
            query = self.request.GET.copy()
            query.pop("export")
            return redirect(f"{self.request.path}?{query.urlencode()}")
        table = self.get_table_class()(rows, order_by=self.request.GET.get("sort"))
        values = table.as_values(exclude_columns=self.export_exclude)
        header = next(values)
        return xlsx_response(self.export_filename, header, islice(values, limit), title=self.title or "Sheet1")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query["export"] = "xlsx"
        query.pop("page", None)
        context.update(title=self.title, export_query=query.urlencode())
        return context
