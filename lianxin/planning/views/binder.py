"""The acceptance binder (验收档案) downloads: a village's in the request (one village's files
are few), a township's or county's as a background job on 我的导出 (lianxin/planning/binder.py)."""

import tempfile

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lianxin.core.views import DownloadView, actor
from lianxin.core.years import request_year
from lianxin.orgs.views import scoped_org
from lianxin.planning.binder import queue_binder, record_export, write_binder
from lianxin.planning.plugin import Action
from lianxin.planning.views.plans import scoped_plan


class PlanBinderView(DownloadView):
    permission_action = Action.PLANS_VIEW

    def export(self):
        plan = scoped_plan(self.request.user, self.kwargs["pk"])
        spool = tempfile.TemporaryFile(suffix=".zip")  # closed by the response once sent
        files = write_binder(spool, [plan], timezone.localdate(), self.request.user, per_village=False)
        record_export(actor(self.request), plan.org, plan.year, villages=1, files=files)
        spool.seek(0)
        response = FileResponse(
            spool,
            as_attachment=True,
            filename=f"{plan.org.short_name}-{plan.year}-验收档案.zip",
            content_type="application/zip",
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class OrgBinderView(DownloadView):
    permission_action = Action.PLANS_VIEW

    def export(self):
        org = scoped_org(self.request.user, self.kwargs["code"], self.permission_action)
        if not org.is_geographic:
            raise Http404
        language = translation.get_language() or settings.LANGUAGE_CODE
        job, files = queue_binder(actor(self.request), org, request_year(self.request), language)
        if files is not None:
            messages.success(
                self.request,
                _("%(title)s：%(villages)d 个村（社区）、%(files)d 个附件，已转入后台打包，完成后在本页下载。")
                % {"title": job.title, "villages": job.rows_total, "files": files},
            )
        else:
            messages.info(self.request, _("同样的导出已在后台生成，请稍候。"))
        return redirect("core:exports")
