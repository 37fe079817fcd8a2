"""我的导出: a user's background exports with their progress, and the download of a finished
file — by its owner only (anyone else gets 404, as for anything out of scope), audited."""

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView, View

from lianxin.core.exports import record_download
from lianxin.core.models import ExportJob, ExportStatus
from lianxin.core.views import ActionRequiredMixin, actor

SHOWN = 50  # newest jobs listed


class ExportJobListView(ActionRequiredMixin, TemplateView):
    """The page polls itself through htmx every 2 s while a job is unfinished (`HX-Request`
    gets only the list); the polling stops with the last job done."""

    permission_action = None
    template_name = "core/exports.html"

    def get_template_names(self):
        return ["core/_export_jobs.html"] if self.request.htmx else [self.template_name]

    def get_context_data(self, **kwargs):
        jobs = list(ExportJob.objects.current().filter(user=self.request.user)[:SHOWN])
        return super().get_context_data(
            jobs=jobs,
            polling=any(job.unfinished for job in jobs),
            keep_days=settings.LIANXIN_EXPORT_KEEP_DAYS,
            **kwargs,
        )


class ExportDownloadView(ActionRequiredMixin, View):
    permission_action = None

    def get(self, request, pk):
        mine = ExportJob.objects.current().filter(user=request.user, status=ExportStatus.DONE)
        job = get_object_or_404(mine.select_related("user"), pk=pk)
        try:
            handle = job.file.open("rb")
        except (FileNotFoundError, ValueError):  # removed from the disk, or never written
            raise Http404 from None
        record_download(actor(request), job)
        return FileResponse(handle, as_attachment=True, filename=job.filename)
