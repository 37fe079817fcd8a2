"""Cadres' areas and guidance pages, built from the core's views: rows from `restrict()`, changes
through `services`, each finding's and weak branch's operations offered by the services' `can_*`
predicates; out of scope is 404."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.core.views import ObjectOperationsView, Operation
from lianxin.guidance import forms, services
from lianxin.guidance.filters import AssignmentFilter, FindingFilter, WeakBranchFilter
from lianxin.guidance.models import AreaAssignment, Finding, WeakBranch
from lianxin.guidance.plugin import Action
from lianxin.guidance.tables import AssignmentTable, FindingTable, WeakBranchTable
from lianxin.orgs.models import Org
from lianxin.registers.models import Cadre
from lianxin.registers.sections import SectionFormView, SectionListView

V, GUIDE, RECTIFY = Action.GUIDANCE_VIEW, Action.GUIDANCE_GUIDE, Action.GUIDANCE_RECTIFY
RECORD_GUIDANCE = ("guidance:guidance_create", gettext_lazy("记指导走访"), "clipboard-check", GUIDE)


class AssignmentListView(SectionListView):
    permission_action = V
    model = AreaAssignment
    table_class = AssignmentTable
    filterset_class = AssignmentFilter
    title = gettext_lazy("干部包片")
    export_filename = "干部包片.xlsx"
    buttons = (("guidance:assignment_create", gettext_lazy("新增包联"), "plus", GUIDE), RECORD_GUIDANCE)
    select_related = ("org__parent", "cadre")


class FindingListView(SectionListView):
    permission_action = V
    model = Finding
    table_class = FindingTable
    filterset_class = FindingFilter
    title = gettext_lazy("督导发现问题")
    export_filename = "督导问题.xlsx"
    buttons = (RECORD_GUIDANCE,)
    select_related = ("org", "guidance_visit__cadre")


class WeakBranchListView(SectionListView):
    permission_action = V
    model = WeakBranch
    table_class = WeakBranchTable
    filterset_class = WeakBranchFilter
    title = gettext_lazy("软弱涣散党组织")
    export_filename = "软弱涣散党组织.xlsx"
    buttons = (("guidance:weak_create", gettext_lazy("列入整顿"), "plus", GUIDE),)
    select_related = ("org__parent", "cadre")


def _cadres(user):
    return Cadre.objects.restrict(user, GUIDE).order_by("name")


def _area(user, code: str) -> Org:
    org = Org.objects.restrict(user, GUIDE).filter(code=code.strip(), kind__in=services.AREA_KINDS).first()
    if org is None:
        raise ValidationError(_("代码 %(c)s 不是您范围内的乡镇（街道）或村（社区）") % {"c": code})
    return org


class AssignmentCreateView(SectionFormView):
    permission_action = GUIDE
    form_class = forms.AssignmentForm
    title = gettext_lazy("新增干部包联")
    back_url = success_url = "guidance:assignment_list"

    def extra_form_kwargs(self):
        return {"cadres": _cadres(self.request.user)}

    def perform(self, actor, form):
        data = form.cleaned_data
        area = _area(self.request.user, data["area_code"])
        terms = {"year": data["year"], "category": data["category"], "note": data["note"]}
        if data["cadre"] is not None:
            services.assign_area(actor, data["cadre"], area, **terms)
        else:
            services.assign_area_to_named_cadre(
                actor, area, name=data["new_cadre"], unit=data["new_cadre_unit"], **terms
            )


class GuidanceCreateView(SectionFormView):
    permission_action = GUIDE
    form_class = forms.GuidanceForm
    title = gettext_lazy("记录指导走访")
    back_url = success_url = "guidance:finding_list"

    def extra_form_kwargs(self):
        return {"cadres": _cadres(self.request.user)}

    def perform(self, actor, form):
        data = form.cleaned_data
        area = _area(self.request.user, data["area_code"])
        services.record_guidance(
            actor, data["cadre"], area, day=data["day"], notes=data["notes"], findings=form.findings()
        )


class WeakBranchCreateView(SectionFormView):
    permission_action = GUIDE
    form_class = forms.WeakBranchForm
    title = gettext_lazy("列入软弱涣散党组织")
    back_url = "guidance:weak_list"

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


class FindingDetailView(ObjectOperationsView):
    permission_action = V
    model = Finding
    template_name = "guidance/finding_detail.html"
    operations = {
        "rectify": Operation(
            services.rectify_finding,
            gettext_lazy("已报整改，待确认"),
            RECTIFY,
            needs=("text",),
            allowed=services.can_rectify_finding,
        ),
        "confirm": Operation(
            services.confirm_finding, gettext_lazy("已确认销号"), GUIDE, allowed=services.can_review_finding
        ),
        "return": Operation(
            services.return_finding,
            gettext_lazy("已退回重新整改"),
            GUIDE,
            needs=("reason",),
            allowed=services.can_review_finding,
        ),
    }

    def get_queryset(self):
        return super().get_queryset().select_related("org", "guidance_visit__cadre")


class WeakBranchDetailView(ObjectOperationsView):
    permission_action = V
    model = WeakBranch
    template_name = "guidance/weak_detail.html"
    operations = {
        "delist": Operation(
            services.delist_weak_branch, gettext_lazy("已摘帽"), GUIDE, needs=("note",), allowed=services.can_delist
        ),
    }
