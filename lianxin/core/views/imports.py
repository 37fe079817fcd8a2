"""The Excel import page: a template to download, an upload checked by size and content
(core/uploads.py), an importer that writes all rows or none (architecture §6), and its report:
what was created, updated or left unchanged, or every bad row with its column."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from lianxin.core.excel import xlsx_response
from lianxin.core.imports import ImportReport, RowErrors
from lianxin.core.ratelimit import check_export
from lianxin.core.uploads import read_upload
from lianxin.core.views.base import SERVICE_ERRORS, ScopedObjectMixin, actor, add_service_errors


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))


class ImportView(ScopedObjectMixin, FormView):
    """Set `permission_action`, `title`, `back_url` and the template's `header` (and an
    `example` row), and implement `run_import(actor, data) -> ImportReport`, which raises
    `RowErrors` (nothing written) when any row is bad. With a `model`, the import is into one
    object (`self.object`, 404 out of scope). `?template=1` downloads the template, built by
    `template_workbook()`."""

    template_name = "core/import.html"
    form_class = UploadForm
    title = ""
    back_url = ""
    header: list[str] = []
    example: list = []

    def run_import(self, actor, data: bytes) -> ImportReport:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        if request.GET.get("template"):
            check_export(request)
            return self.template_workbook()
        return super().get(request, *args, **kwargs)

    def template_workbook(self):
        title = str(self.title)
        return xlsx_response(
            f"{title}模板.xlsx", self.header, [self.example] if self.example else [], title=title, heading=None
        )

    def get_back_url(self) -> str:
        return str(self.back_url)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            object=self.object, title=self.title, header=self.header, back_url=self.get_back_url(), **kwargs
        )

    def form_valid(self, form):
        try:
            report = self.run_import(actor(self.request), read_upload(form.cleaned_data["file"]))
        except RowErrors as exc:
            return self.render_to_response(self.get_context_data(form=self.form_class(), row_errors=exc.errors))
        except SERVICE_ERRORS as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        return self.render_to_response(self.get_context_data(form=self.form_class(), report=report))
