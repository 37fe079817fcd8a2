from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.generic import FormView, TemplateView, View

from lianxin.audit.services import Actor
from lianxin.core.excel import attachment, xlsx_response
from lianxin.core.permissions import can_at
from lianxin.core.ratelimit import check_export
from lianxin.core.scope import prefix_q
from lianxin.core.uploads import UploadError
from lianxin.core.views import ActionRequiredMixin, ScopedListView, chosen_org, run_service
from lianxin.core.years import current_year, request_year, year_choices
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgLevel
from lianxin.orgs.models import Org
from lianxin.orgs.views import breadcrumbs, scoped_org
from lianxin.planning import board, services
from lianxin.planning.choices import CellStatus, MeasureStatus
from lianxin.planning.filters import PlanFilter
from lianxin.planning.forms import (
    AssessmentForm,
    AssessmentReviewForm,
    BoardFilterForm,
    DeclarationForm,
    MeasureForm,
    PlanCreateForm,
    PlanStarForm,
    ReportForm,
    ReturnForm,
    RuleForm,
)
from lianxin.planning.ledger import ledger_workbook
from lianxin.planning.models import (
    CreationPlan,
    DeclarationRule,
    Measure,
    PlanStar,
    ReportAttachment,
    SelfAssessment,
    TownshipDeclaration,
)
from lianxin.planning.plugin import Action
from lianxin.planning.tables import PlanTable
from lianxin.standards.choices import Star
from lianxin.standards.models import WorkItem


def actor(request) -> Actor:
    return Actor.from_request(request)


def scoped_plan(user, pk, action=Action.PLANS_VIEW) -> CreationPlan:
    plans = CreationPlan.objects.restrict(user, action).select_related("org__parent", "standard")
    return get_object_or_404(plans, pk=pk)


def scoped_measure(user, pk, action=Action.PLANS_VIEW) -> Measure:
    return get_object_or_404(Measure.objects.restrict(user, action).select_related("plan__org", "work_item"), pk=pk)


# --- plans -------------------------------------------------------------------------------------


class PlanListView(ScopedListView):
    permission_action = Action.PLANS_VIEW
    model = CreationPlan
    table_class = PlanTable
    filterset_class = PlanFilter
    title = _l("创星规划")
    export_filename = "创星规划.xlsx"
    template_name = "planning/plan_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("org__parent")

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_create=self.request.user.can(Action.PLANS_EDIT), **kwargs)


class PlanCreateView(ActionRequiredMixin, FormView):
    permission_action = Action.PLANS_EDIT
    form_class = PlanCreateForm
    template_name = "planning/plan_create.html"

    @cached_property
    def villages(self):
        return list(Org.objects.restrict(self.request.user, Action.PLANS_EDIT).filter(kind__in=GRASSROOTS_KINDS)[:50])

    def get_initial(self):
        return {"year": current_year()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(villages=self.villages, **kwargs)

    def form_valid(self, form):
        village = chosen_org(self.request, self.villages, "village")
        if village is None:
            form.add_error(None, _("请选择本村（社区）"))
            return self.form_invalid(form)
        try:
            plan = services.create_plan(actor(self.request), village, form.cleaned_data["year"])
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(
            self.request, _("已创建 %(year)d 年度创星规划，请逐星填写优势、短板和措施") % {"year": plan.year}
        )
        return redirect("planning:plan_detail", pk=plan.pk)


class PlanDetailView(ActionRequiredMixin, TemplateView):
    permission_action = Action.PLANS_VIEW
    template_name = "planning/plan_detail.html"

    @cached_property
    def plan(self) -> CreationPlan:
        return scoped_plan(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        plan, user, today = self.plan, self.request.user, timezone.localdate()
        stars = {s.star: s for s in plan.stars.prefetch_related("weak_items")}
        measures = list(plan.measures.select_related("work_item"))
        for measure in measures:
            measure.status_now = measure.status_on(today)
        sections = [
            {
                "star": star,
                "plan_star": stars.get(star.value),
                "measures": [m for m in measures if m.star == star.value],
            }
            for star in Star
        ]
        return super().get_context_data(
            plan=plan,
            sections=sections,
            breadcrumbs=breadcrumbs(user, plan.org),
            return_form=ReturnForm(),
            can_edit=can_at(user, Action.PLANS_EDIT, plan.org.code),
            can_review=can_at(user, Action.PLANS_REVIEW, plan.org.code),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        plan, op = self.plan, request.POST.get("op")
        if op == "submit":
            run_service(request, lambda: services.submit_plan(actor(request), plan), _("已提交乡镇（街道）审核"))
        elif op == "accept":
            run_service(request, lambda: services.accept_plan(actor(request), plan), _("规划已通过"))
        elif op == "return":
            form = ReturnForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            run_service(
                request, lambda: services.return_plan(actor(request), plan, reason), _("规划已退回村（社区）修改")
            )
        else:
            messages.error(request, _("无效的操作"))
        return redirect("planning:plan_detail", pk=plan.pk)


class PlanStarEditView(ActionRequiredMixin, FormView):
    permission_action = Action.PLANS_EDIT
    form_class = PlanStarForm
    template_name = "planning/star_form.html"

    @cached_property
    def plan_star(self) -> PlanStar:
        plan = scoped_plan(self.request.user, self.kwargs["pk"], Action.PLANS_EDIT)
        return get_object_or_404(plan.stars.select_related("plan__org", "plan__standard"), star=self.kwargs["star"])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        plan_star = self.plan_star
        kwargs["work_items"] = WorkItem.objects.filter(
            key_task__standard=plan_star.plan.standard, key_task__star=plan_star.star
        ).select_related("key_task")
        return kwargs

    def get_initial(self):
        s = self.plan_star
        return {
            "targeted": s.targeted,
            "strengths": s.strengths,
            "weaknesses": s.weaknesses,
            "weak_items": s.weak_items.all(),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan_star=self.plan_star, plan=self.plan_star.plan, **kwargs)

    def form_valid(self, form):
        try:
            services.update_plan_star(actor(self.request), self.plan_star, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("已保存"))
        return redirect("planning:plan_detail", pk=self.plan_star.plan_id)


# --- measures -------------------------------------------------------------------------------------


class MeasureFormView(ActionRequiredMixin, FormView):
    """New measure (`pk` is the plan) or edit (`measure` is the measure)."""

    permission_action = Action.PLANS_EDIT
    form_class = MeasureForm
    template_name = "planning/measure_form.html"

    @cached_property
    def measure(self) -> Measure | None:
        if "measure" not in self.kwargs:
            return None
        return scoped_measure(self.request.user, self.kwargs["measure"], Action.PLANS_EDIT)

    @cached_property
    def plan(self) -> CreationPlan:
        if self.measure is not None:
            return self.measure.plan
        return scoped_plan(self.request.user, self.kwargs["pk"], Action.PLANS_EDIT)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.measure
        kwargs["work_items"] = WorkItem.objects.filter(key_task__standard=self.plan.standard).select_related("key_task")
        return kwargs

    def get_initial(self):
        star = self.request.GET.get("star")
        return {"star": star} if star in Star.values else {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(plan=self.plan, measure=self.measure, **kwargs)

    def form_valid(self, form):
        data = {name: form.cleaned_data[name] for name in services.MEASURE_FIELDS}
        try:
            measure = services.save_measure(actor(self.request), self.plan, self.measure, data)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("措施已保存"))
        return redirect("planning:measure_detail", pk=measure.pk)


class MeasureDetailView(ActionRequiredMixin, TemplateView):
    """A measure with its ledger; a village adds progress reports (with photos) here."""

    permission_action = Action.PLANS_VIEW
    template_name = "planning/measure_detail.html"

    @cached_property
    def measure(self) -> Measure:
        return scoped_measure(self.request.user, self.kwargs["pk"])

    def get_context_data(self, form=None, **kwargs):
        measure, user = self.measure, self.request.user
        reports = measure.reports.prefetch_related("attachments").select_related("created_by")
        return super().get_context_data(
            measure=measure,
            plan=measure.plan,
            reports=reports,
            status=MeasureStatus(measure.status),
            form=form or ReportForm(initial={"progress": measure.progress}),
            can_edit=can_at(user, Action.PLANS_EDIT, measure.plan.org.code),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        measure = self.measure
        if not can_at(request.user, Action.PLANS_EDIT, measure.plan.org.code):
            raise PermissionDenied
        if request.POST.get("op") == "delete":
            plan_id = measure.plan_id
            if run_service(request, lambda: services.delete_measure(actor(request), measure), _("措施已删除")):
                return redirect("planning:plan_detail", pk=plan_id)
            return redirect(request.path)
        form = ReportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            services.add_report(
                actor(request),
                measure,
                date=form.cleaned_data["date"],
                text=form.cleaned_data["text"],
                progress=form.cleaned_data["progress"],
                files=request.FILES.getlist("files"),
            )
        except UploadError as exc:
            form.add_error("files", str(exc))
            return self.render_to_response(self.get_context_data(form=form))
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, _("进展已记入台账"))
        return redirect(request.path)


class AttachmentView(ActionRequiredMixin, View):
    permission_action = Action.PLANS_VIEW

    def get(self, request, pk):
        measures = Measure.objects.restrict(request.user, self.permission_action)
        item = get_object_or_404(ReportAttachment.objects.filter(report__measure__in=measures), pk=pk)
        return item.download(thumb=bool(request.GET.get("thumb")))


class LedgerExportView(ActionRequiredMixin, View):
    permission_action = Action.PLANS_VIEW

    def get(self, request, pk):
        check_export(request)
        plan = scoped_plan(request.user, pk)
        return attachment(
            ledger_workbook([plan], timezone.localdate()), f"{plan.org.short_name}-{plan.year}-创星台账.xlsx"
        )


# --- self-assessment ---------------------------------------------------------------------------------


class AssessmentView(ActionRequiredMixin, TemplateView):
    permission_action = Action.PLANS_VIEW
    template_name = "planning/assessment.html"

    @cached_property
    def plan(self) -> CreationPlan:
        return scoped_plan(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        plan, user = self.plan, self.request.user
        found = {a.work_item_id: a for a in plan.assessments.all()}
        items = (
            WorkItem.objects.filter(key_task__standard=plan.standard)
            .select_related("key_task")
            .order_by("key_task__number", "id")
        )
        rows = [{"item": item, "assessment": found.get(item.pk)} for item in items]
        return super().get_context_data(
            plan=plan,
            rows=rows,
            met=sum(1 for a in found.values() if a.met),
            total=len(rows),
            can_edit=can_at(user, Action.PLANS_EDIT, plan.org.code),
            can_review=can_at(user, Action.PLANS_REVIEW, plan.org.code),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        plan = self.plan
        item = get_object_or_404(
            WorkItem.objects.filter(key_task__standard=plan.standard).select_related("key_task"),
            pk=request.POST.get("item"),
        )
        if request.POST.get("op") == "review":
            form = AssessmentReviewForm(request.POST)
            assessment = get_object_or_404(SelfAssessment, plan=plan, work_item=item)
            if form.is_valid():
                run_service(
                    request,
                    lambda: services.review_assessment(actor(request), assessment, **form.cleaned_data),
                    _("已确认"),
                )
            else:
                messages.error(request, _("请选择确认结果"))
        else:
            form = AssessmentForm(request.POST)
            if form.is_valid():
                run_service(
                    request, lambda: services.assess(actor(request), plan, item, **form.cleaned_data), _("自评已保存")
                )
            else:
                messages.error(request, _("请选择是否达标"))
        return redirect(reverse("planning:assessment", kwargs={"pk": plan.pk}) + f"#item-{item.pk}")


# --- township declarations --------------------------------------------------------------------------


def county_of(user) -> Org | None:
    """The user's own county; for a city or province user, the first county they oversee."""
    org = user.home_org
    if org is None:
        return None
    code = org.scope_code
    if len(code) >= 6:
        return Org.objects.filter(code=code[:6]).first()
    return counties_in_scope(user).first()


def counties_in_scope(user):
    return Org.objects.restrict(user, Action.PLANS_VIEW).filter(level=OrgLevel.COUNTY, kind="county").order_by("code")


class DeclarationListView(ActionRequiredMixin, TemplateView):
    """Each township's declaration against the county rule: met / not met."""

    permission_action = Action.PLANS_VIEW
    template_name = "planning/declarations.html"

    def get_context_data(self, **kwargs):
        user, year = self.request.user, request_year(self.request)
        county = _county_param(self.request) or county_of(user)
        if county is None:
            raise Http404
        county = scoped_org_or_above(user, county)
        rule = DeclarationRule.objects.filter(org=county, year=year).first()
        townships = Org.objects.restrict(user, self.permission_action).filter(parent=county, level=OrgLevel.TOWNSHIP)
        declarations = {
            d.org_id: d
            for d in TownshipDeclaration.objects.filter(org__in=townships, year=year).prefetch_related(
                "five_star", "four_star"
            )
        }
        minimum = (rule.min_five_star, rule.min_four_star) if rule else (1, 4)
        rows = []
        for township in townships.order_by("code"):
            d = declarations.get(township.pk)
            five = list(d.five_star.all()) if d else []
            four = list(d.four_star.all()) if d else []
            rows.append(
                {
                    "township": township,
                    "five": five,
                    "four": four,
                    "met": len(five) >= minimum[0] and len(four) >= minimum[1],
                    "can_edit": can_at(user, Action.PLANS_REVIEW, township.code),
                }
            )
        return super().get_context_data(
            county=county,
            year=year,
            rule=rule,
            minimum=minimum,
            rows=rows,
            years=[y for y, _label in year_choices()],
            counties=counties_in_scope(user) if len(user.home_org.scope_code) < 6 else [],
            can_rule=can_at(user, Action.PLANS_RULES, county.code),
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") != "xlsx":
            return self.render_to_response(self.get_context_data(**kwargs))
        check_export(request)
        context = self.get_context_data(**kwargs)
        header = [_("乡镇（街道）"), _("拟创五星数"), _("拟创五星"), _("拟创四星数"), _("拟创四星"), _("是否达到要求")]
        rows = (
            [
                r["township"].short_name,
                len(r["five"]),
                "、".join(v.short_name for v in r["five"]),
                len(r["four"]),
                "、".join(v.short_name for v in r["four"]),
                _("已达到") if r["met"] else _("未达到"),
            ]
            for r in context["rows"]
        )
        name = f"{context['county'].short_name}-{context['year']}-乡镇申报.xlsx"
        return xlsx_response(name, header, rows, title=_("乡镇申报"))


def _county_param(request) -> Org | None:
    code = request.GET.get("county", "")
    return Org.objects.filter(code=code, level=OrgLevel.COUNTY).first() if code.isdigit() else None


def scoped_org_or_above(user, county: Org) -> Org:
    """A county page is open to users inside the county (a township sees its county's rule)."""
    prefixes = user.scope_prefixes(Action.PLANS_VIEW)
    if not any(p.startswith(county.code) or county.code.startswith(p) for p in prefixes):
        raise Http404
    return county


class DeclarationEditView(ActionRequiredMixin, FormView):
    permission_action = Action.PLANS_REVIEW
    form_class = DeclarationForm
    template_name = "planning/declaration_form.html"

    @cached_property
    def township(self) -> Org:
        org = scoped_org(self.request.user, self.kwargs["code"], Action.PLANS_REVIEW)
        if org.level != OrgLevel.TOWNSHIP:
            raise Http404
        return org

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["villages"] = Org.objects.filter(parent=self.township, kind__in=GRASSROOTS_KINDS).order_by("code")
        return kwargs

    def get_initial(self):
        d = TownshipDeclaration.objects.filter(org=self.township, year=request_year(self.request)).first()
        return {"five_star": d.five_star.all(), "four_star": d.four_star.all()} if d else {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(township=self.township, year=request_year(self.request), **kwargs)

    def form_valid(self, form):
        year = request_year(self.request)
        try:
            services.save_declaration(actor(self.request), self.township, year, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("申报已保存"))
        return redirect(reverse("planning:declarations") + f"?county={self.township.code[:6]}&year={year}")


class RuleEditView(ActionRequiredMixin, FormView):
    permission_action = Action.PLANS_RULES
    form_class = RuleForm
    template_name = "planning/rule_form.html"

    @cached_property
    def county(self) -> Org:
        org = scoped_org(self.request.user, self.kwargs["code"], Action.PLANS_RULES)
        if org.level != OrgLevel.COUNTY:
            raise Http404
        return org

    def get_initial(self):
        rule = DeclarationRule.objects.filter(org=self.county, year=request_year(self.request)).first()
        return {"min_five_star": rule.min_five_star if rule else 1, "min_four_star": rule.min_four_star if rule else 4}

    def get_context_data(self, **kwargs):
        return super().get_context_data(county=self.county, year=request_year(self.request), **kwargs)

    def form_valid(self, form):
        year = request_year(self.request)
        try:
            services.save_rule(actor(self.request), self.county, year, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("规则已保存"))
        return redirect(reverse("planning:declarations") + f"?county={self.county.code}&year={year}")


# --- battle map --------------------------------------------------------------------------------------


class BoardView(ActionRequiredMixin, TemplateView):
    permission_action = Action.PLANS_VIEW
    template_name = "planning/board.html"

    @cached_property
    def org(self) -> Org:
        code = self.kwargs.get("code") or (self.request.user.home_org.scope_code if self.request.user.home_org else "")
        org = scoped_org(self.request.user, code, self.permission_action)
        if not org.is_geographic:
            raise Http404
        return org

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            check_export(request)
            return board_export(self.get_context_data(**kwargs))
        return self.render_to_response(self.get_context_data(**kwargs))

    def get_context_data(self, **kwargs):
        org, today = self.org, timezone.localdate()
        townships = []
        if org.level == OrgLevel.COUNTY:
            townships = list(
                org.children.filter(level=OrgLevel.TOWNSHIP).order_by("code").values_list("code", "short_name")
            )
        form = BoardFilterForm(self.request.GET or None, townships=townships, initial={"year": current_year()})
        filters = form.cleaned_data if form.is_valid() else {}
        year = filters.get("year") or current_year()
        context = {
            "org": org,
            "year": year,
            "form": form,
            "stars": list(Star),
            "today": today,
            "status_labels": BOARD_STATUS_LABEL,
            "rows": None,
            "breadcrumbs": breadcrumbs(self.request.user, org),
            "statuses": board.STATUS_ORDER,
        }
        if board.is_village_board(org):
            rows = board.village_rows(self.request.user, org, year, today, filters.get("township", ""))
            shown = board.filter_rows(rows, filters.get("star", ""), filters.get("status", ""))
            chart = board.progress_chart(self.request.user, org, year)
            context.update(
                rows=shown,
                total=len(rows),
                star_counts=board.star_counts(rows),
                township_counts=board.township_counts(rows) if org.level == OrgLevel.COUNTY else [],
                chart=chart,
                chart_spec=_chart_spec(chart),
            )
        else:
            context.update(groups=board.group_rows(self.request.user, org, year, today))
        return super().get_context_data(**context, **kwargs)


BOARD_STATUS_LABEL = {s.value: s.label for s in CellStatus}


def _chart_spec(chart: dict) -> dict:
    return {
        "title": _("措施完成进度"),
        "labels": chart["labels"],
        "stacked": False,
        "series": [
            {"name": _("当月完成"), "type": "bar", "data": chart["monthly"]},
            {"name": _("累计完成"), "type": "line", "data": chart["cumulative"]},
        ],
    }


def board_export(context):
    stars = [s.label for s in Star]
    if context["rows"] is not None:
        header = [_("村（社区）"), _("代码"), _("乡镇（街道）"), *stars, _("措施数"), _("已完成")]
        rows = (
            [r.name, r.code, r.township, *[BOARD_STATUS_LABEL[c] for c in r.cells], r.measures_total, r.measures_done]
            for r in context["rows"]
        )
    else:
        header = [_("单位"), _("代码"), _("村（社区）数")] + [
            f"{s}·{BOARD_STATUS_LABEL[c]}" for s in stars for c in board.STATUS_ORDER
        ]
        rows = (
            [g.name, g.code, g.villages, *[g.counts[s][c] for s in Star.values for c in board.STATUS_ORDER]]
            for g in context["groups"]
        )
    org, year = context["org"], context["year"]
    return xlsx_response(f"{org.short_name}-{year}-挂图作战.xlsx", header, rows, title=_("挂图作战"))


class OrgLedgerExportView(ActionRequiredMixin, View):
    """Every village's ledger under a county or township, in one workbook."""

    permission_action = Action.PLANS_VIEW

    def get(self, request, code):
        check_export(request)
        org = scoped_org(request.user, code, self.permission_action)
        plans = CreationPlan.objects.restrict(request.user, self.permission_action).filter(
            prefix_q(org.code, "org__code"), year=request_year(request)
        )
        content = ledger_workbook(plans, timezone.localdate())
        return attachment(content, f"{org.short_name}-{request_year(request)}-创星台账.xlsx")
