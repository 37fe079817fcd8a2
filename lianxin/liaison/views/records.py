"""Visits, matters and consultations: lists, the forms that make them, and their pages."""

from django.db.models import Count
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.accounts.roles import Role
from lianxin.core.views import ObjectOperationsView, Operation, ScopedTemplateView, ServiceFormView, pick_form
from lianxin.liaison import forms, services
from lianxin.liaison.choices import MatterStatus
from lianxin.liaison.filters import ConsultationFilter, MatterFilter, VisitFilter
from lianxin.liaison.models import Consultation, Matter, Visit, VisitPhoto
from lianxin.liaison.plugin import Action
from lianxin.liaison.tables import ConsultationTable, MatterTable, UnitMatterTable, VisitTable
from lianxin.orgs.models import Org
from lianxin.registers.forms import villages_for
from lianxin.registers.models import Household, PartyMember
from lianxin.registers.sections import SectionFormView, SectionListView

V, EDIT, VISIT = Action.LIAISON_VIEW, Action.LIAISON_EDIT, Action.LIAISON_VISIT

# --- lists ------------------------------------------------------------------------------------


class VisitListView(SectionListView):
    """A party member's list opens on their own visits (`who=mine`); anyone may switch."""

    permission_action = V
    model = Visit
    table_class = VisitTable
    filterset_class = VisitFilter
    title = gettext_lazy("走访记录")
    export_filename = "走访记录.xlsx"
    buttons = (("liaison:visit_create", gettext_lazy("记走访"), "pencil-square", VISIT),)
    select_related = ("org", "household", "member")
    # Few visits have a matter, so SQLite's statistics can make a joined matter a scan per row
    # (1.8 s for 孟州市's first page at the bench's 500k visits); a second query for the page's 50.
    prefetch_related = ("matter",)
    # The newest page of a county's history sorted every visit in it with all its columns (2.7 s
    # at the bench's 800k visits, linear in history: docs/scaling.md).
    page_by_keys = True

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        is_member = any(a.role == Role.MEMBER for a in self.request.user.assignments)
        if "who" not in self.request.GET:
            kwargs["data"] = (kwargs["data"] or QueryDict()).copy()
            kwargs["data"]["who"] = "mine" if is_member else "all"
        return kwargs


class MatterListView(SectionListView):
    permission_action = V
    model = Matter
    table_class = MatterTable
    filterset_class = MatterFilter
    title = gettext_lazy("诉求事项")
    export_filename = "诉求事项.xlsx"
    buttons = (("liaison:matter_create", gettext_lazy("报告事项"), "plus", EDIT),)
    select_related = ("org", "unit", "return_visit")


class UnitMatterListView(MatterListView):
    """A responsible unit's matters: those the county handed to it, and nothing else of the
    county's (its scope is the county's; `handed_matters` narrows it to its own org)."""

    permission_action = Action.LIAISON_UNIT
    table_class = UnitMatterTable
    title = gettext_lazy("交办事项")
    export_filename = "交办事项.xlsx"
    buttons = ()

    def get_queryset(self):
        return services.handed_matters(self.request.user).select_related(*self.select_related)


class ConsultationListView(SectionListView):
    permission_action = V
    model = Consultation
    table_class = ConsultationTable
    filterset_class = ConsultationFilter
    title = gettext_lazy("支部会商")
    export_filename = "支部会商.xlsx"
    buttons = (("liaison:consultation_create", gettext_lazy("记会商"), "plus", EDIT),)

    def get_queryset(self):
        return super().get_queryset().annotate(matter_count=Count("matters")).order_by("-date", "-id")


# --- forms ------------------------------------------------------------------------------------


class MatterCreateView(SectionFormView):
    permission_action = EDIT
    form_class = forms.MatterForm
    title = gettext_lazy("报告诉求事项")
    back_url = "liaison:matter_list"

    def perform(self, actor, form):
        data = form.cleaned_data
        return services.report_matter(
            actor, data["village"], title=data["title"], description=data["description"], category=data["category"]
        )


class ConsultationCreateView(SectionFormView):
    permission_action = EDIT
    form_class = forms.ConsultationForm
    title = gettext_lazy("记录支部会商")
    back_url = "liaison:consultation_list"

    def extra_form_kwargs(self):
        matters = Matter.objects.restrict(self.request.user, EDIT).select_related("org")
        recent = timezone.now() - timezone.timedelta(days=90)
        matters = matters.filter(status=MatterStatus.OPEN) | matters.filter(reported_at__gte=recent)
        return super().extra_form_kwargs() | {"matters": matters.order_by("org__code", "-reported_at")[:300]}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        # The choice list shows the most recent 300; validation accepts any in-scope matter.
        form.fields["matters"].queryset = Matter.objects.restrict(self.request.user, EDIT)
        form.fields["matters"].widget.choices = [
            (m.pk, f"{m.org.short_name} · {m.title}") for m in self.extra_form_kwargs()["matters"]
        ]
        return form

    def perform(self, actor, form):
        data = form.cleaned_data
        return services.create_consultation(
            actor,
            data["village"],
            day=data["day"],
            topic=data["topic"],
            attendees=data["attendees"],
            decisions=data["decisions"],
            matters=list(data["matters"]),
            follow_ups=form.follow_ups(),
        )


class VisitCreateView(ServiceFormView):
    """The phone page: pick the village once (if the user has several), then a household."""

    permission_action = VISIT
    form_class = forms.VisitForm
    template_name = "liaison/visit_form.html"

    @cached_property
    def villages(self):
        return villages_for(self.request.user, VISIT)

    @cached_property
    def village(self) -> Org | None:
        code = self.request.GET.get("village") or self.request.POST.get("village")
        if code:
            return get_object_or_404(self.villages, code=code)
        only = list(self.villages[:2])
        return only[0] if len(only) == 1 else None

    @cached_property
    def own_member(self) -> PartyMember | None:
        members = PartyMember.objects.restrict(self.request.user, VISIT).filter(user=self.request.user)
        if self.village is not None:
            members = members.filter(org=self.village)
        return members.first()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        households = Household.objects.restrict(self.request.user, VISIT).filter(anonymised_at__isnull=True)
        members = PartyMember.objects.restrict(self.request.user, VISIT)
        if self.village is not None:
            households, members = households.filter(org=self.village), members.filter(org=self.village)
        else:
            households, members = households.none(), members.none()
        kwargs.update(households=households.order_by("number"), members=members.order_by("name"))
        if self.own_member is not None:
            kwargs.setdefault("initial", {})["member"] = self.own_member
        return kwargs

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.own_member is not None:
            # The member's own households first.
            mine = set(self.own_member.links.values_list("household_id", flat=True))
            choices = list(form.fields["household"].choices)[1:]
            choices.sort(key=lambda c: (int(c[0].value) not in mine, c[1]))
            form.fields["household"].choices = [("", _("请选择农户"))] + [
                (v, ("★ " if int(v.value) in mine else "") + str(label)) for v, label in choices
            ]
        return form

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            villages=self.villages, village=self.village, own_member=self.own_member, **kwargs
        )

    def perform(self, actor, form):
        data = form.cleaned_data
        return services.log_visit(
            actor,
            data["household"],
            day=data["day"],
            way=data["way"],
            member=data["member"] or self.own_member,
            raised=data["raised"],
            category=data["category"],
            photo=data["photo"],
            make_matter=data["make_matter"],
            client_id=data["client_id"],
        )

    def get_success_message(self, visit):
        return _("走访已记录：%(h)s") % {"h": visit.household}

    def get_success_url(self, visit=None):
        return f"{reverse('liaison:visit_create')}?village={visit.org.code}"


# --- pages with their operations --------------------------------------------------------------


class MatterDetailView(ObjectOperationsView):
    """The action is checked where the matter is; the service checks it again at the level the
    matter is handled at (village, township, county), as `can_escalate`/`can_close` do."""

    permission_action = V
    model = Matter
    template_name = "liaison/matter_detail.html"
    operations = {
        "escalate": Operation(
            services.escalate_matter,
            gettext_lazy("已上报"),
            Action.LIAISON_ESCALATE,
            form=forms.EscalateForm,
            allowed=services.can_escalate,
            inline=True,
        ),
        # No action checked first: the unit the matter was handed to closes it without
        # liaison.handle; the service decides.
        "close": Operation(
            services.close_matter,
            gettext_lazy("已办结"),
            form=forms.CloseForm,
            allowed=services.can_close,
            inline=True,
        ),
        "assign": Operation(
            services.assign_matter,
            gettext_lazy("已交办责任单位"),
            Action.LIAISON_ASSIGN,
            form=forms.AssignForm,
            allowed=services.can_assign,
            inline=True,
        ),
        "return_visit": Operation(
            services.record_return_visit,
            gettext_lazy("回访已记录"),
            Action.LIAISON_RETURN_VISIT,
            form=forms.ReturnVisitForm,
            allowed=services.can_return_visit,
            inline=True,
        ),
    }

    def get_queryset(self):
        return super().get_queryset().select_related("org", "unit", "return_visit")

    def operation_form_kwargs(self, name):
        return {"units": services.units_for(self.object)} if name == "assign" else {}

    def get_context_data(self, **kwargs):
        m = self.object
        return super().get_context_data(
            steps=m.steps.select_related("user"),
            consultations=m.consultations.restrict(self.request.user, V),
            return_visit=getattr(m, "return_visit", None),
            **kwargs,
        )


class UnitMatterDetailView(MatterDetailView):
    """The same page for the responsible unit the matter was handed to: only its own matters,
    with only the close operation (the others' checks refuse a unit anyway)."""

    permission_action = Action.LIAISON_UNIT

    def get_queryset(self):
        return services.handed_matters(self.request.user).select_related("org__parent", "unit", "return_visit")

    def get_context_data(self, **kwargs):
        # The village's board and the household's page are not the unit's to open: names only.
        return super().get_context_data(as_unit=True, **kwargs)


def _complete(actor, consultation, follow_up):
    return services.complete_follow_up(actor, follow_up)


class ConsultationDetailView(ObjectOperationsView):
    permission_action = V
    model = Consultation
    template_name = "liaison/consultation_detail.html"
    operations = {
        "done": Operation(
            _complete, gettext_lazy("已完成"), EDIT, form=pick_form("follow_up", gettext_lazy("跟进事项"))
        ),
    }

    def operation_form_kwargs(self, name):
        return {"queryset": self.object.follow_ups.all()}

    def get_context_data(self, **kwargs):
        c = self.object
        return super().get_context_data(
            matters=c.matters.all(), follow_ups=c.follow_ups.all(), today=timezone.localdate(), **kwargs
        )


class PhotoView(ScopedTemplateView):
    """A visit photo (or its thumbnail with ?thumb=1), found through the visit's scope."""

    permission_action = V

    def get(self, request, *args, **kwargs):
        photo = get_object_or_404(VisitPhoto.objects.restrict(request.user, V), pk=kwargs["pk"])
        return photo.download(thumb=bool(request.GET.get("thumb")))
