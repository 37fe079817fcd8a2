"""Civic pages, built from the core's views: rows from `restrict()`, changes through the
services, a dispute's operations offered by `can_mediate`; out of scope is 404. The three-zero
statistics page counts the children of any org in two grouped queries (stats.py)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy

from lianxin.civic import forms, services, stats, volunteers
from lianxin.civic.filters import DisputeFilter, VolunteerFilter, ZeroReportFilter
from lianxin.civic.models import Activity, Agreement, Dispute, SignIn, Volunteer, ZeroReport
from lianxin.civic.plugin import Action
from lianxin.civic.tables import DisputeTable, VolunteerTable, ZeroReportTable
from lianxin.core.qr import qr_svg
from lianxin.core.views import ObjectOperationsView, Operation, ScopedTemplateView, pick_form, service_perform
from lianxin.core.years import request_year
from lianxin.orgs.models import Org
from lianxin.registers.sections import SectionFormView, SectionListView

V, MEDIATE, VOLUNTEER = Action.CIVIC_VIEW, Action.CIVIC_MEDIATE, Action.CIVIC_VOLUNTEER


class DisputeListView(SectionListView):
    permission_action = V
    model = Dispute
    table_class = DisputeTable
    filterset_class = DisputeFilter
    title = gettext_lazy("矛盾纠纷化解")
    export_filename = "矛盾纠纷.xlsx"
    buttons = (("civic:dispute_create", gettext_lazy("受理纠纷"), "plus", MEDIATE),)


class ZeroReportListView(SectionListView):
    permission_action = V
    model = ZeroReport
    table_class = ZeroReportTable
    filterset_class = ZeroReportFilter
    title = gettext_lazy("“三零”月报")
    export_filename = "三零月报.xlsx"
    buttons = (("civic:zero_create", gettext_lazy("填报月报"), "plus", MEDIATE),)


class VolunteerListView(SectionListView):
    permission_action = V
    model = Volunteer
    table_class = VolunteerTable
    filterset_class = VolunteerFilter
    title = gettext_lazy("志愿者与服务时长")
    export_filename = "志愿者.xlsx"
    buttons = (
        ("civic:volunteer_create", gettext_lazy("登记志愿者"), "plus", VOLUNTEER),
        ("civic:team_create", gettext_lazy("新建服务队"), "people", VOLUNTEER),
        ("civic:activity_create", gettext_lazy("记录活动并签到"), "check2-square", VOLUNTEER),
    )

    def get_queryset(self):
        return volunteers.with_totals(super().get_queryset(), request_year(self.request)).order_by("org__code", "name")


class ThreeZeroView(ScopedTemplateView):
    """三零 per month for the children of an org the user may see."""

    permission_action = V
    template_name = "civic/three_zero.html"

    def get_context_data(self, **kwargs):
        org = get_object_or_404(Org.objects.restrict(self.request.user, V), code=self.kwargs["code"])
        year = request_year(self.request)
        figures = stats.three_zero(self.request.user, org, year)
        children = Org.objects.restrict(self.request.user, V).filter(parent=org).order_by("code")
        rows = [
            (
                child,
                [
                    (month, figures.get((child.code, month)))
                    for month in sorted({m for c, m in figures if c == child.code})
                ],
            )
            for child in children
        ]
        return super().get_context_data(org=org, year=year, rows=[r for r in rows if r[1]], **kwargs)


class DisputeCreateView(SectionFormView):
    permission_action = MEDIATE
    form_class = forms.DisputeForm
    title = gettext_lazy("受理矛盾纠纷")
    back_url = "civic:dispute_list"

    perform = service_perform(services.take_in, "village", lists=("households",))


class ZeroReportCreateView(SectionFormView):
    permission_action = MEDIATE
    form_class = forms.ZeroReportForm
    title = gettext_lazy("填报“三零”月报")
    back_url = success_url = "civic:zero_list"

    perform = service_perform(services.report_month, "village", "month")


class TeamCreateView(SectionFormView):
    permission_action = VOLUNTEER
    form_class = forms.TeamForm
    title = gettext_lazy("新建志愿服务队")
    back_url = success_url = "civic:volunteer_list"
    perform = service_perform(volunteers.add_team, "village")


class VolunteerCreateView(SectionFormView):
    permission_action = VOLUNTEER
    form_class = forms.VolunteerForm
    title = gettext_lazy("登记志愿者")
    back_url = "civic:volunteer_list"

    perform = service_perform(volunteers.register, "village", lists=("teams",))


class ActivityCreateView(SectionFormView):
    """An activity, with the hours of those already known; then its sign-in sheet."""

    permission_action = VOLUNTEER
    form_class = forms.ActivityForm
    title = gettext_lazy("记录志愿服务活动并签到")
    back_url = "civic:volunteer_list"

    def perform(self, actor, form):
        data = form.cleaned_data
        return volunteers.record_activity(
            actor,
            data["team"],
            title=data["title"],
            day=data["day"],
            beneficiaries=data["beneficiaries"],
            note=data["note"],
            hours=dict.fromkeys(data["volunteers"], data["hours"]),
        )


PickVolunteer = pick_form("volunteer", gettext_lazy("志愿者"), invalid=gettext_lazy("请选择本村（社区）的志愿者"))


class ActivitySignInView(ObjectOperationsView):
    """An activity's sign-in sheet, made for a phone: its QR code (printed on the activity
    sheet, or shown on the organiser's screen) leads here; each volunteer of the village signs
    in on arrival and out on leaving, and the hours between are credited through the service."""

    permission_action = V
    model = Activity
    template_name = "civic/activity_sign_in.html"
    operations = {
        "arrive": Operation(
            lambda actor, activity, volunteer: volunteers.arrive(actor, activity, volunteer),
            gettext_lazy("已签到"),
            VOLUNTEER,
            form=PickVolunteer,
        ),
        "leave": Operation(
            lambda actor, activity, volunteer: volunteers.leave(actor, activity, volunteer),
            gettext_lazy("已签退，服务时长已记入"),
            VOLUNTEER,
            form=PickVolunteer,
        ),
    }

    def get_queryset(self):
        return super().get_queryset().select_related("org", "team")

    def village_volunteers(self):
        return Volunteer.objects.filter(org_id=self.object.org_id)

    def operation_form_kwargs(self, name):
        return {"queryset": self.village_volunteers()}

    def get_context_data(self, **kwargs):
        activity = self.object
        arrived = {a.volunteer_id: a.arrived_at for a in activity.arrivals.all()}
        hours = {s.volunteer_id: s.hours for s in activity.sign_ins.all()}
        team = set(activity.team.volunteers.values_list("pk", flat=True))
        rows = [
            {"volunteer": v, "arrived_at": arrived.get(v.pk), "hours": hours.get(v.pk)}
            for v in sorted(self.village_volunteers(), key=lambda v: (v.pk not in team, v.name))
        ]
        url = self.request.build_absolute_uri(activity.get_absolute_url())
        return super().get_context_data(rows=rows, qr=qr_svg(url), **kwargs)


class DisputeDetailView(ObjectOperationsView):
    permission_action = V
    model = Dispute
    template_name = "civic/dispute_detail.html"
    operations = {
        "session": Operation(
            services.add_session, gettext_lazy("已记录"), MEDIATE, form=forms.SessionForm, allowed=services.can_mediate
        ),
        "close": Operation(
            services.close, gettext_lazy("已办结"), MEDIATE, form=forms.CloseForm, allowed=services.can_mediate
        ),
        "escalate": Operation(
            lambda actor, dispute: services.escalate(actor, dispute),
            gettext_lazy("已转党群连心诉求事项"),
            MEDIATE,
            allowed=services.can_mediate,
        ),
        "agreement": Operation(
            lambda actor, dispute, upload: services.attach_agreement(actor, dispute, upload),
            gettext_lazy("调解协议已上传"),
            MEDIATE,
            form=forms.AgreementForm,
        ),
    }

    def get_queryset(self):
        return super().get_queryset().select_related("org").prefetch_related("households", "sessions", "agreements")


class VolunteerDetailView(ObjectOperationsView):
    """A volunteer's record: teams, every sign-in, totals per year and over a lifetime."""

    permission_action = V
    model = Volunteer
    template_name = "civic/volunteer_detail.html"

    def get_queryset(self):
        sign_ins = SignIn.objects.select_related("activity__team").order_by("-activity__date")
        return (
            volunteers.with_totals(super().get_queryset(), request_year(self.request))
            .select_related("org", "member")
            .prefetch_related("teams", Prefetch("sign_ins", queryset=sign_ins))
        )


class AgreementView(ScopedTemplateView):
    permission_action = V

    def get(self, request, *args, **kwargs):
        return get_object_or_404(Agreement.objects.restrict(request.user, V), pk=kwargs["pk"]).download()
