"""Branch life pages, built from the core's views: rows from `restrict()`, the meeting recorded
through `services`; out of scope is 404. Attendance rates per member, with the branch's (or
the filtered place's) overall rate above them."""

from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.branchlife import services
from lianxin.branchlife.filters import MeetingFilter, MemberAttendanceFilter
from lianxin.branchlife.forms import MeetingForm
from lianxin.branchlife.models import Meeting, MeetingPhoto
from lianxin.branchlife.plugin import Action
from lianxin.branchlife.queries import rate
from lianxin.branchlife.tables import MeetingTable, MemberAttendanceTable
from lianxin.core.views import ObjectOperationsView, ScopedTemplateView
from lianxin.core.years import request_year
from lianxin.registers.models import PartyMember
from lianxin.registers.sections import SectionFormView, SectionListView

V, RECORD = Action.BRANCHLIFE_VIEW, Action.BRANCHLIFE_RECORD


class MeetingListView(SectionListView):
    permission_action = V
    model = Meeting
    table_class = MeetingTable
    filterset_class = MeetingFilter
    title = gettext_lazy("三会一课与主题党日纪实")
    export_filename = "组织生活纪实.xlsx"
    buttons = (
        ("branchlife:meeting_create", gettext_lazy("记录会议"), "plus", RECORD),
        ("branchlife:attendance", gettext_lazy("出席率"), "percent", V),
    )

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .annotate(present=Count("attendance", filter=Q(attendance__present=True)))
            .annotate(absent=Count("attendance", filter=Q(attendance__present=False)))
            .order_by("-date", "-id")
        )


class MemberAttendanceView(SectionListView):
    permission_action = V
    model = PartyMember
    table_class = MemberAttendanceTable
    filterset_class = MemberAttendanceFilter
    title = gettext_lazy("党员参会出席率")
    export_filename = "党员参会出席率.xlsx"

    def get_queryset(self):
        year = Q(attendance__meeting__date__year=request_year(self.request))
        return (
            super()
            .get_queryset()
            .annotate(attended=Count("attendance", filter=year & Q(attendance__present=True)))
            .annotate(meetings=Count("attendance", filter=year))
            .order_by("org__code", "name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        totals = context["filter"].qs.aggregate(present=Sum("attended"), total=Sum("meetings"))
        overall = rate(totals["present"] or 0, totals["total"] or 0)
        context["title"] = _("党员参会出席率（合计 %(rate)s%%）") % {"rate": "—" if overall is None else overall}
        return context


class MeetingCreateView(SectionFormView):
    permission_action = RECORD
    form_class = MeetingForm
    title = gettext_lazy("记录三会一课 / 主题党日")
    back_url = "branchlife:meeting_list"

    def perform(self, actor, form):
        data = form.cleaned_data
        return services.record_meeting(
            actor,
            data["village"],
            kind=data["kind"],
            day=data["day"],
            topic=data["topic"],
            minutes=data["minutes"],
            present=list(data["present"]),
            absent=data["absent"],
            photos=[data["photo"]] if data["photo"] else [],
        )


class MeetingDetailView(ObjectOperationsView):
    permission_action = V
    model = Meeting
    template_name = "branchlife/meeting_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("org", "recorded_by")

    def get_context_data(self, **kwargs):
        attendance = self.object.attendance.select_related("member").order_by("-present", "member__name")
        return super().get_context_data(attendance=attendance, photos=self.object.photos.all(), **kwargs)


class PhotoView(ScopedTemplateView):
    permission_action = V

    def get(self, request, *args, **kwargs):
        photo = get_object_or_404(MeetingPhoto.objects.restrict(request.user, V), pk=kwargs["pk"])
        return photo.download(thumb=bool(request.GET.get("thumb")))
