"""党群连心 pages. Thin: rows from `restrict()`, changes through `services`, out of scope is 404."""

from collections.abc import Callable
from typing import NamedTuple

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, RedirectView

from lianxin.audit.services import Actor
from lianxin.core.excel import xlsx_response
from lianxin.core.permissions import can_at
from lianxin.core.personal import mask_id_card, mask_mobile, mask_phone
from lianxin.core.ratelimit import check_export
from lianxin.core.uploads import UploadError, read_upload
from lianxin.core.views import ActionRequiredMixin, ScopedListView, ScopedTemplateView
from lianxin.liaison import board, forms, importer, services
from lianxin.liaison.choices import FindingStatus, MatterStatus, WeakStatus
from lianxin.liaison.filters import (
    AssignmentFilter,
    ConsultationFilter,
    FindingFilter,
    HouseholdFilter,
    MatterFilter,
    MemberFilter,
    VisitFilter,
    WeakBranchFilter,
)
from lianxin.liaison.models import (
    AreaAssignment,
    Cadre,
    Consultation,
    Finding,
    Household,
    HouseholdLink,
    Matter,
    PartyMember,
    Visit,
    VisitPhoto,
    WeakBranch,
)
from lianxin.liaison.plugin import Action
from lianxin.liaison.tables import (
    AssignmentTable,
    ConsultationTable,
    FindingTable,
    HouseholdTable,
    MatterTable,
    MemberTable,
    VisitTable,
    WeakBranchTable,
)
from lianxin.orgs.choices import GEOGRAPHIC_KINDS, GRASSROOTS_KINDS, OrgLevel
from lianxin.orgs.models import Org
from lianxin.orgs.views import breadcrumbs, scoped_org

V = Action.LIAISON_VIEW


# --- lists ------------------------------------------------------------------------------------


class LiaisonListView(ScopedListView):
    permission_action = V
    template_name = "liaison/list.html"
    buttons: tuple[tuple[str, str, str, str], ...] = ()  # (url name, label, icon, action)
    select_related: tuple[str, ...] = ("org",)  # what each row's columns show

    def get_queryset(self):
        return super().get_queryset().select_related(*self.select_related)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["buttons"] = [
            {"url": reverse(name), "label": label, "icon": icon}
            for name, label, icon, action in self.buttons
            if user.can(action)
        ]
        return context


class HouseholdListView(LiaisonListView):
    model = Household
    table_class = HouseholdTable
    filterset_class = HouseholdFilter
    title = gettext_lazy("农户")
    export_filename = "农户.xlsx"
    buttons = (
        ("liaison:household_create", gettext_lazy("新增农户"), "plus", Action.LIAISON_EDIT),
        ("liaison:household_import", gettext_lazy("Excel 导入"), "upload", Action.LIAISON_EDIT),
    )

    def get_queryset(self):
        links = HouseholdLink.objects.select_related("member")
        return super().get_queryset().prefetch_related(Prefetch("links", queryset=links))


class MemberListView(LiaisonListView):
    model = PartyMember
    table_class = MemberTable
    filterset_class = MemberFilter
    title = gettext_lazy("党员")
    export_filename = "党员.xlsx"
    buttons = (
        ("liaison:member_create", gettext_lazy("新增党员"), "plus", Action.LIAISON_EDIT),
        ("liaison:member_import", gettext_lazy("Excel 导入"), "upload", Action.LIAISON_EDIT),
    )

    def get_queryset(self):
        return super().get_queryset().annotate(linked=Count("links")).order_by("org__code", "name")


class VisitListView(LiaisonListView):
    model = Visit
    table_class = VisitTable
    filterset_class = VisitFilter
    title = gettext_lazy("走访记录")
    export_filename = "走访记录.xlsx"
    buttons = (("liaison:visit_create", gettext_lazy("记走访"), "pencil-square", Action.LIAISON_VISIT),)
    select_related = ("org", "household", "member", "matter")


class MatterListView(LiaisonListView):
    model = Matter
    table_class = MatterTable
    filterset_class = MatterFilter
    title = gettext_lazy("诉求事项")
    export_filename = "诉求事项.xlsx"
    buttons = (("liaison:matter_create", gettext_lazy("报告事项"), "plus", Action.LIAISON_EDIT),)


class AssignmentListView(LiaisonListView):
    model = AreaAssignment
    table_class = AssignmentTable
    filterset_class = AssignmentFilter
    title = gettext_lazy("干部包片")
    export_filename = "干部包片.xlsx"
    buttons = (
        ("liaison:assignment_create", gettext_lazy("新增包联"), "plus", Action.LIAISON_GUIDE),
        ("liaison:guidance_create", gettext_lazy("记指导走访"), "clipboard-check", Action.LIAISON_GUIDE),
    )
    select_related = ("org__parent", "cadre")


class FindingListView(LiaisonListView):
    model = Finding
    table_class = FindingTable
    filterset_class = FindingFilter
    title = gettext_lazy("督导发现问题")
    export_filename = "督导问题.xlsx"
    buttons = (("liaison:guidance_create", gettext_lazy("记指导走访"), "clipboard-check", Action.LIAISON_GUIDE),)
    select_related = ("org", "guidance_visit__cadre")


class ConsultationListView(LiaisonListView):
    model = Consultation
    table_class = ConsultationTable
    filterset_class = ConsultationFilter
    title = gettext_lazy("支部会商")
    export_filename = "支部会商.xlsx"
    buttons = (("liaison:consultation_create", gettext_lazy("记会商"), "plus", Action.LIAISON_EDIT),)

    def get_queryset(self):
        return super().get_queryset().annotate(matter_count=Count("matters")).order_by("-date", "-id")


class WeakBranchListView(LiaisonListView):
    model = WeakBranch
    table_class = WeakBranchTable
    filterset_class = WeakBranchFilter
    title = gettext_lazy("软弱涣散党组织")
    export_filename = "软弱涣散党组织.xlsx"
    buttons = (("liaison:weak_create", gettext_lazy("列入整顿"), "plus", Action.LIAISON_GUIDE),)
    select_related = ("org__parent", "cadre")


# --- forms ------------------------------------------------------------------------------------


class ServiceFormView(ActionRequiredMixin, FormView):
    """A form whose valid data goes to one service call; rule violations come back as form errors."""

    template_name = "liaison/form.html"
    title = ""
    back_url = ""

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(self.extra_form_kwargs())
        return kwargs

    def extra_form_kwargs(self) -> dict:
        return {"user": self.request.user, "action": self.permission_action}

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, back_url=reverse(self.back_url), **kwargs)

    def form_valid(self, form):
        try:
            result = self.perform(Actor.from_request(self.request), form)
        except (ValidationError, UploadError) as exc:
            return self.form_invalid(_with_errors(form, exc))
        messages.success(self.request, _("已保存"))
        # What was made has a page of its own, or (returned as None) is one row more on the list.
        return redirect(result.get_absolute_url() if result is not None else reverse(self.back_url))


def _with_errors(form, exc: ValidationError | UploadError):
    """The form, with a broken rule or a refused upload shown above its fields."""
    for message in exc.messages if isinstance(exc, ValidationError) else [str(exc)]:
        form.add_error(None, message)
    return form


class HouseholdCreateView(ServiceFormView):
    permission_action = Action.LIAISON_EDIT
    form_class = forms.HouseholdForm
    title = gettext_lazy("新增农户")
    back_url = "liaison:household_list"

    def perform(self, actor, form):
        return services.create_household(actor, form.cleaned_data["village"], **form.values())


class MemberCreateView(ServiceFormView):
    permission_action = Action.LIAISON_EDIT
    form_class = forms.MemberForm
    title = gettext_lazy("新增党员")
    back_url = "liaison:member_list"

    def perform(self, actor, form):
        return services.create_member(actor, form.cleaned_data["village"], **form.values())


class MatterCreateView(ServiceFormView):
    permission_action = Action.LIAISON_EDIT
    form_class = forms.MatterForm
    title = gettext_lazy("报告诉求事项")
    back_url = "liaison:matter_list"

    def perform(self, actor, form):
        data = form.cleaned_data
        return services.report_matter(
            actor, data["village"], title=data["title"], description=data["description"], category=data["category"]
        )


class ConsultationCreateView(ServiceFormView):
    permission_action = Action.LIAISON_EDIT
    form_class = forms.ConsultationForm
    title = gettext_lazy("记录支部会商")
    back_url = "liaison:consultation_list"

    def extra_form_kwargs(self):
        matters = Matter.objects.restrict(self.request.user, Action.LIAISON_EDIT).select_related("org")
        recent = timezone.now() - timezone.timedelta(days=90)
        matters = matters.filter(status=MatterStatus.OPEN) | matters.filter(reported_at__gte=recent)
        return super().extra_form_kwargs() | {"matters": matters.order_by("org__code", "-reported_at")[:300]}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        # The choice list shows the most recent 300; validation accepts any in-scope matter.
        form.fields["matters"].queryset = Matter.objects.restrict(self.request.user, Action.LIAISON_EDIT)
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


def _cadres(user):
    return Cadre.objects.restrict(user, Action.LIAISON_GUIDE).order_by("name")


def _area(user, code: str) -> Org:
    org = Org.objects.restrict(user, Action.LIAISON_GUIDE).filter(code=code.strip()).first()
    if org is None or not forms.is_township_or_village(org):
        raise ValidationError(_("代码 %(c)s 不是您范围内的乡镇（街道）或村（社区）") % {"c": code})
    return org


class AssignmentCreateView(ServiceFormView):
    permission_action = Action.LIAISON_GUIDE
    form_class = forms.AssignmentForm
    title = gettext_lazy("新增干部包联")
    back_url = "liaison:assignment_list"

    def extra_form_kwargs(self):
        return {"cadres": _cadres(self.request.user)}

    def perform(self, actor, form):
        data = form.cleaned_data
        area = _area(self.request.user, data["area_code"])
        cadre = data["cadre"]
        if cadre is None:
            county = Org.objects.get(code=area.code[:6])
            cadre = Cadre.objects.filter(org=county, name=data["new_cadre"].strip()).first() or services.create_cadre(
                actor, county, name=data["new_cadre"].strip(), unit=data["new_cadre_unit"].strip()
            )
        services.assign_area(actor, cadre, area, year=data["year"], category=data["category"], note=data["note"])


class GuidanceCreateView(ServiceFormView):
    permission_action = Action.LIAISON_GUIDE
    form_class = forms.GuidanceForm
    title = gettext_lazy("记录指导走访")
    back_url = "liaison:finding_list"

    def extra_form_kwargs(self):
        return {"cadres": _cadres(self.request.user)}

    def perform(self, actor, form):
        data = form.cleaned_data
        area = _area(self.request.user, data["area_code"])
        services.record_guidance(
            actor, data["cadre"], area, day=data["day"], notes=data["notes"], findings=form.findings()
        )


class WeakBranchCreateView(ServiceFormView):
    permission_action = Action.LIAISON_GUIDE
    form_class = forms.WeakBranchForm
    title = gettext_lazy("列入软弱涣散党组织")
    back_url = "liaison:weak_list"

    def extra_form_kwargs(self):
        return super().extra_form_kwargs() | {"cadres": _cadres(self.request.user)}

    def perform(self, actor, form):
        data = form.cleaned_data
        return services.list_weak_branch(
            actor,
            data["village"],
            year=data["year"],
            reasons=data["reasons"],
            measures=data["measures"],
            cadre=data["cadre"],
        )


class VisitCreateView(ActionRequiredMixin, FormView):
    """The phone page: pick the village once (if the user has several), then a household."""

    permission_action = Action.LIAISON_VISIT
    form_class = forms.VisitForm
    template_name = "liaison/visit_form.html"

    @cached_property
    def villages(self):
        return forms.villages_for(self.request.user, Action.LIAISON_VISIT)

    @cached_property
    def village(self) -> Org | None:
        code = self.request.GET.get("village") or self.request.POST.get("village")
        if code:
            return get_object_or_404(self.villages, code=code)
        only = list(self.villages[:2])
        return only[0] if len(only) == 1 else None

    @cached_property
    def own_member(self) -> PartyMember | None:
        members = PartyMember.objects.restrict(self.request.user, Action.LIAISON_VISIT).filter(user=self.request.user)
        if self.village is not None:
            members = members.filter(org=self.village)
        return members.first()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        households = Household.objects.restrict(self.request.user, Action.LIAISON_VISIT)
        members = PartyMember.objects.restrict(self.request.user, Action.LIAISON_VISIT)
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

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            visit = services.log_visit(
                Actor.from_request(self.request),
                data["household"],
                day=data["day"],
                way=data["way"],
                member=data["member"] or self.own_member,
                raised=data["raised"],
                category=data["category"],
                photo=data["photo"],
                make_matter=data["make_matter"],
            )
        except (ValidationError, UploadError) as exc:
            return self.form_invalid(_with_errors(form, exc))
        messages.success(self.request, _("走访已记录：%(h)s") % {"h": visit.household})
        return redirect(f"{reverse('liaison:visit_create')}?village={visit.org.code}")


class ImportSpec(NamedTuple):
    title: str
    header: list[str]
    example: list
    run: Callable[[Actor, bytes], dict]  # reads the upload, returns the counts
    back_url: str


class ImportView(ActionRequiredMixin, FormView):
    permission_action = Action.LIAISON_EDIT
    form_class = forms.ImportForm
    template_name = "liaison/import.html"
    kind = ""

    SPECS = {
        "households": ImportSpec(
            gettext_lazy("导入农户"),
            importer.HOUSEHOLD_HEADER,
            importer.HOUSEHOLD_EXAMPLE,
            importer.import_households,
            "liaison:household_list",
        ),
        "members": ImportSpec(
            gettext_lazy("导入党员"),
            importer.MEMBER_HEADER,
            importer.MEMBER_EXAMPLE,
            importer.import_members,
            "liaison:member_list",
        ),
    }

    @property
    def spec(self) -> ImportSpec:
        return self.SPECS[self.kind]

    def get(self, request, *args, **kwargs):
        if request.GET.get("template"):
            check_export(request)
            title = self.spec.title
            return xlsx_response(f"{title}模板.xlsx", self.spec.header, [self.spec.example], title=str(title))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=self.spec.title, header=self.spec.header, back_url=reverse(self.spec.back_url), **kwargs
        )

    def form_valid(self, form):
        try:
            result = self.spec.run(Actor.from_request(self.request), read_upload(form.cleaned_data["file"]))
        except UploadError as exc:
            form.add_error("file", str(exc))
            return self.form_invalid(form)
        except importer.RowErrors as exc:
            return self.render_to_response(self.get_context_data(form=form, row_errors=exc.errors))
        messages.success(self.request, _("导入完成：新增 %(created)d，更新 %(updated)d，未变 %(unchanged)d") % result)
        return redirect(self.spec.back_url)


# --- details with their actions ---------------------------------------------------------------


class ObjectView(ScopedTemplateView):
    """One in-scope object (404 otherwise); POST `op` runs one service call. With
    `edit_form_class`, `op=edit` saves that form through `edit_service`."""

    permission_action = V
    model = None
    ops: dict[str, str] = {}
    edit_form_class = None
    edit_service = None  # a service function, so set it as staticmethod(services.update_…)

    def get_queryset(self):
        return self.model.objects.restrict(self.request.user, V)

    @cached_property
    def object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    @cached_property
    def can_edit(self) -> bool:
        return can_at(self.request.user, Action.LIAISON_EDIT, self.object.org.code)

    def get_context_data(self, edit_form=None, **kwargs):
        if self.edit_form_class is not None:
            # After a failed save the bound form comes back with its errors; else the object's own.
            if edit_form is None and self.can_edit:
                edit_form = self.edit_form_class(instance=self.object)
            kwargs.update(can_edit=self.can_edit, edit_form=edit_form)
        return super().get_context_data(
            object=self.object, breadcrumbs=breadcrumbs(self.request.user, self.object.org), **kwargs
        )

    def post(self, request, *args, **kwargs):
        handler = getattr(self, f"op_{request.POST.get('op', '')}", None)
        if handler is None or request.POST.get("op") not in self.ops:
            messages.error(request, _("无效的操作"))
            return redirect(request.path)
        obj = self.object  # 404 before anything else when out of scope
        try:
            # A handler returns a response only to show its form again with errors.
            response = handler(Actor.from_request(request), obj, request.POST)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
            response = None
        return response if response is not None else redirect(request.path)

    def op_edit(self, actor, obj, data):
        # Validation writes into the form's instance: give it a copy, so that a page shown again
        # with the form's errors still shows the object as saved.
        form = self.edit_form_class(data, instance=self.model.objects.get(pk=obj.pk))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(edit_form=form))
        self.edit_service(actor, obj, **form.values())
        messages.success(self.request, _("已保存"))


def _form(form_class, data):
    form = form_class(data)
    if not form.is_valid():
        raise ValidationError(
            [f"{form.fields[f].label}: {e}" if f != "__all__" else e for f, es in form.errors.items() for e in es]
        )
    return form.cleaned_data


class HouseholdDetailView(ObjectView):
    model = Household
    template_name = "liaison/household_detail.html"
    ops = {"edit": Action.LIAISON_EDIT, "link": Action.LIAISON_EDIT}
    edit_form_class = forms.HouseholdForm
    edit_service = staticmethod(services.update_household)

    def get_context_data(self, **kwargs):
        h = self.object
        return super().get_context_data(
            village=h.org,
            id_masked=mask_id_card(h.head_id_number),
            phone_masked=mask_phone(h.phone),
            link=h.links.select_related("member").first(),
            visits=h.visits.select_related("member").prefetch_related("photos")[:20],
            matters=h.matters.all()[:20],
            can_visit=can_at(self.request.user, Action.LIAISON_VISIT, h.org.code),
            members=PartyMember.objects.filter(org=h.org).order_by("name") if self.can_edit else [],
            **kwargs,
        )

    def op_link(self, actor, h, data):
        member = get_object_or_404(PartyMember.objects.restrict(self.request.user, V), pk=data.get("member") or 0)
        services.link_household(actor, member, h)
        messages.success(self.request, _("已联户"))


class MemberDetailView(ObjectView):
    model = PartyMember
    template_name = "liaison/member_detail.html"
    ops = {"link": Action.LIAISON_EDIT, "unlink": Action.LIAISON_EDIT, "edit": Action.LIAISON_EDIT}
    edit_form_class = forms.MemberForm
    edit_service = staticmethod(services.update_member)

    def get_context_data(self, **kwargs):
        m = self.object
        unlinked = Household.objects.filter(org=m.org, links__isnull=True).order_by("number")
        return super().get_context_data(
            mobile_masked=mask_mobile(m.mobile),
            id_masked=mask_id_card(m.id_number),
            links=m.links.select_related("household").order_by("household__number"),
            visits=m.visits.select_related("household")[:20],
            unlinked=unlinked if self.can_edit else [],
            **kwargs,
        )

    def op_link(self, actor, m, data):
        ids = data.getlist("household")
        households = Household.objects.restrict(self.request.user, V).filter(pk__in=[i for i in ids if i.isdigit()])
        for h in households:
            services.link_household(actor, m, h)
        messages.success(self.request, _("已联系 %(n)d 户") % {"n": len(households)})

    def op_unlink(self, actor, m, data):
        link = get_object_or_404(
            HouseholdLink.objects.restrict(self.request.user, V), pk=data.get("link") or 0, member=m
        )
        services.unlink_household(actor, link)
        messages.success(self.request, _("已解除联户"))


class MatterDetailView(ObjectView):
    model = Matter
    template_name = "liaison/matter_detail.html"
    ops = {"escalate": Action.LIAISON_ESCALATE, "close": Action.LIAISON_HANDLE}

    def get_context_data(self, **kwargs):
        m, user = self.object, self.request.user
        level = services.level_code(m)
        is_open = m.status == MatterStatus.OPEN
        return super().get_context_data(
            steps=m.steps.select_related("user"),
            consultations=m.consultations.all(),
            can_escalate=is_open and m.level != "county" and can_at(user, Action.LIAISON_ESCALATE, level),
            can_close=is_open and can_at(user, Action.LIAISON_HANDLE, level),
            escalate_form=forms.EscalateForm(),
            close_form=forms.CloseForm(),
            **kwargs,
        )

    def op_escalate(self, actor, m, data):
        services.escalate_matter(actor, m, _form(forms.EscalateForm, data)["note"])
        messages.success(self.request, _("已上报"))

    def op_close(self, actor, m, data):
        services.close_matter(actor, m, **_form(forms.CloseForm, data))
        messages.success(self.request, _("已办结"))


class FindingDetailView(ObjectView):
    model = Finding
    template_name = "liaison/finding_detail.html"
    ops = {"rectify": Action.LIAISON_RECTIFY, "confirm": Action.LIAISON_GUIDE, "return": Action.LIAISON_GUIDE}

    def get_queryset(self):
        return super().get_queryset().select_related("org", "guidance_visit__cadre")

    def get_context_data(self, **kwargs):
        f, user = self.object, self.request.user
        return super().get_context_data(
            can_rectify=f.status == FindingStatus.OPEN and can_at(user, Action.LIAISON_RECTIFY, f.org.code),
            can_confirm=f.status == FindingStatus.RECTIFIED and can_at(user, Action.LIAISON_GUIDE, f.org.code),
            **kwargs,
        )

    def op_rectify(self, actor, f, data):
        services.rectify_finding(actor, f, data.get("text", ""))
        messages.success(self.request, _("已报整改，待确认"))

    def op_confirm(self, actor, f, data):
        services.confirm_finding(actor, f)
        messages.success(self.request, _("已确认销号"))

    def op_return(self, actor, f, data):
        services.return_finding(actor, f, data.get("reason", ""))
        messages.success(self.request, _("已退回重新整改"))


class ConsultationDetailView(ObjectView):
    model = Consultation
    template_name = "liaison/consultation_detail.html"
    ops = {"done": Action.LIAISON_EDIT}

    def get_context_data(self, **kwargs):
        c = self.object
        return super().get_context_data(
            matters=c.matters.all(),
            follow_ups=c.follow_ups.all(),
            today=timezone.localdate(),
            can_edit=self.can_edit,
            **kwargs,
        )

    def op_done(self, actor, c, data):
        follow_up = get_object_or_404(c.follow_ups.all(), pk=data.get("follow_up") or 0)
        services.complete_follow_up(actor, follow_up)
        messages.success(self.request, _("已完成"))


class WeakBranchDetailView(ObjectView):
    model = WeakBranch
    template_name = "liaison/weak_detail.html"
    ops = {"delist": Action.LIAISON_GUIDE}

    def get_context_data(self, **kwargs):
        w = self.object
        return super().get_context_data(
            can_delist=w.status == WeakStatus.LISTED and can_at(self.request.user, Action.LIAISON_GUIDE, w.org.code),
            **kwargs,
        )

    def op_delist(self, actor, w, data):
        services.delist_weak_branch(actor, w, note=data.get("note", ""))
        messages.success(self.request, _("已摘帽"))


class PhotoView(ScopedTemplateView):
    """A visit photo (or its thumbnail with ?thumb=1), found through the visit's scope."""

    permission_action = V

    def get(self, request, *args, **kwargs):
        photo = get_object_or_404(VisitPhoto.objects.restrict(request.user, V), pk=kwargs["pk"])
        return photo.download(thumb=bool(request.GET.get("thumb")))


# --- the board --------------------------------------------------------------------------------


class BoardHomeView(ActionRequiredMixin, RedirectView):
    permission_action = V

    def get_redirect_url(self, *args, **kwargs):
        org = self.request.user.home_org
        if org is None:
            raise Http404
        return reverse("liaison:board", kwargs={"code": org.scope_code})


class BoardView(ScopedTemplateView):
    """The live board: one line per child unit; a village drills down to its own page. Polled
    by htmx every 30 s (`HX-Request` gets only the live part); `?export=xlsx` downloads it."""

    permission_action = V
    template_name = "liaison/board.html"

    @cached_property
    def org(self) -> Org:
        org = scoped_org(self.request.user, self.kwargs["code"], V)
        if org.kind not in GEOGRAPHIC_KINDS:
            raise Http404
        return org

    def get(self, request, *args, **kwargs):
        org = self.org
        if org.kind in GRASSROOTS_KINDS or org.level >= OrgLevel.VILLAGE:
            return self.village(request, org)
        if request.GET.get("export") == "xlsx":
            check_export(request)
            rows, total = board.board(org, timezone.localdate())
            return xlsx_response(f"{org.short_name}-党群连心.xlsx", board.EXPORT_HEADER, board.export_rows(rows, total))
        if request.htmx:
            self.template_name = "liaison/_board_live.html"
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        org, today = self.org, timezone.localdate()
        rows, total = board.board(org, today)
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

    def village(self, request, org):
        from django.shortcuts import render

        user, today = request.user, timezone.localdate()
        members = PartyMember.objects.filter(org=org).annotate(linked=Count("links")).order_by("-linked", "name")
        context = {
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
        return render(request, "liaison/village.html", context)
