"""The live board: one line per child unit, polled by htmx, exportable; a village drills down
to its own page with its members, open matters, recent visits, cadres and findings."""

from django.db.models import Count
from django.http import Http404, HttpResponseNotModified
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import RedirectView

from lianxin.audit.changes import last_change
from lianxin.core.excel import heading_for, xlsx_response
from lianxin.core.permissions import can_at
from lianxin.core.ratelimit import check_export
from lianxin.core.views import ActionRequiredMixin, ReusedPageMixin, ScopedTemplateView
from lianxin.guidance.choices import FindingStatus, WeakStatus
from lianxin.guidance.models import AreaAssignment, Finding, WeakBranch
from lianxin.liaison import board, services
from lianxin.liaison.choices import MatterStatus
from lianxin.liaison.models import Matter, Visit
from lianxin.liaison.plugin import Action
from lianxin.orgs.choices import GEOGRAPHIC_KINDS, GRASSROOTS_KINDS, OrgLevel
from lianxin.orgs.models import Org
from lianxin.orgs.views import breadcrumbs, scoped_org
from lianxin.registers.models import PartyMember

V = Action.LIAISON_VIEW
# The apps whose records the board counts: a change in any of them redraws it.
BOARD_APPS = ("liaison", "registers", "guidance", "orgs")


class BoardHomeView(ActionRequiredMixin, RedirectView):
    permission_action = V

    def get_redirect_url(self, *args, **kwargs):
        org = self.request.user.home_org
        if org is None:
            raise Http404
        return reverse("liaison:board", kwargs={"code": org.scope_code})


class BoardView(ReusedPageMixin, ScopedTemplateView):
    """The live board: one line per child unit; a village drills down to its own page. Polled
    by htmx every 30 s (`HX-Request` gets only the live part); `?export=xlsx` downloads it."""

    read_replica = True  # a dashboard: seconds of replica lag do not matter (core/routers.py)
    reuse_apps = BOARD_APPS
    permission_action = V
    template_name = "liaison/board.html"

    @cached_property
    def org(self) -> Org:
        org = scoped_org(self.request.user, self.kwargs["code"], V)
        if org.kind not in GEOGRAPHIC_KINDS:
            raise Http404
        return org

    @cached_property
    def is_village(self) -> bool:
        return self.org.kind in GRASSROOTS_KINDS or self.org.level >= OrgLevel.VILLAGE

    def get(self, request, *args, **kwargs):
        code = self.kwargs["code"]
        if request.htmx and self.code_in_scope():
            # A poll: unchanged since the browser's copy (same user, language, day and newest
            # change of what the board counts) answers 304 from the change marks alone
            # (audit/changes.py); the ETag names the board, and only its live part sends one.
            etag = self.poll_etag(code)
            if etag in request.headers.get("If-None-Match", ""):
                return HttpResponseNotModified(headers={"ETag": etag})
        if not (request.htmx or request.GET.get("export") == "xlsx") or self.is_village:
            # A page (a unit's board or a village's own): drawn, or reused (core/views/reuse.py).
            return super().get(request, *args, **kwargs)
        org = self.org
        if request.GET.get("export") == "xlsx":
            check_export(request)
            rows, total = board.board(request.user, org, timezone.localdate())
            subject = _("党群连心")
            return xlsx_response(
                f"{org.short_name}-党群连心.xlsx",
                board.EXPORT_HEADER,
                board.export_rows(rows, total),
                title=subject,
                heading=heading_for(request.user, subject, org=org),
            )
        self.template_name = "liaison/_board_live.html"
        response = super().get(request, *args, **kwargs)
        response["ETag"], response["Cache-Control"] = self.poll_etag(org.code), "private, no-cache"
        return response

    def get_template_names(self):
        return ["liaison/village.html"] if self.is_village else super().get_template_names()

    def poll_etag(self, code: str) -> str:
        seq = last_change(code, BOARD_APPS)
        return f'"{self.request.user.pk}-{code}-{get_language()}-{timezone.localdate():%Y%m%d}-{seq}"'

    def get_context_data(self, **kwargs):
        org = self.org
        if self.is_village:
            return super().get_context_data(**self.village(org), **kwargs)
        rows, total = board.board(self.request.user, org, timezone.localdate())
        return super().get_context_data(
            org=org,
            rows=rows,
            total=total,
            charts=board.charts(rows),
            updated_at=timezone.localtime(),
            child_is_village=org.level == OrgLevel.TOWNSHIP,
            breadcrumbs=breadcrumbs(self.request.user, org),
            **kwargs,
        )

    def village(self, org) -> dict:
        """A village's own page: its members, open matters, recent visits, cadres and findings."""
        user, today = self.request.user, timezone.localdate()
        members = PartyMember.objects.filter(org=org).annotate(linked=Count("links")).order_by("-linked", "name")
        return {
            "org": org,
            "totals": services.totals_for_village(org),
            "members": members[:100],
            "open_matters": Matter.objects.filter(org=org, status=MatterStatus.OPEN).order_by("deadline")[:50],
            "visits": Visit.objects.filter(org=org).select_related("household", "member")[:20],
            "findings": Finding.objects.filter(org=org).exclude(status=FindingStatus.CONFIRMED)[:20],
            "weak": WeakBranch.objects.filter(org=org, status=WeakStatus.LISTED).first(),
            "cadres": AreaAssignment.objects.filter(
                org__code__in=[org.code, org.code[:9]], year=today.year
            ).select_related("cadre"),
            "today": today,
            "can_visit": can_at(user, Action.LIAISON_VISIT, org.code),
            "breadcrumbs": breadcrumbs(user, org),
        }
