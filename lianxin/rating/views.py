from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.generic import FormView, RedirectView, TemplateView

from lianxin.accounts.roles import Role
from lianxin.audit.services import Actor
from lianxin.core.excel import attachment, xlsx_response
from lianxin.core.net import client_ip
from lianxin.core.permissions import can_at
from lianxin.core.ratelimit import check_export, over_limit, too_many_requests
from lianxin.core.scope import prefix_q
from lianxin.core.views import ActionRequiredMixin, ScopedListView, chosen_org, run_service
from lianxin.core.years import current_year, request_year, year_choices
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgKind, OrgLevel
from lianxin.orgs.models import Org
from lianxin.orgs.views import breadcrumbs, scoped_org
from lianxin.rating import services, stats
from lianxin.rating.choices import ApplicationStatus, QuotaKind, StepStatus
from lianxin.rating.filters import ApplicationFilter, AwardFilter, RatingFilter
from lianxin.rating.forms import (
    AdjustForm,
    ApplicationCreateForm,
    ApplicationForm,
    ConfigForm,
    EvidenceForm,
    HandleObjectionForm,
    ObjectionForm,
    PaymentForm,
    PublicityForm,
    QuotaForm,
    ReviewForm,
)
from lianxin.rating.models import Application, ProgressAward, Publicity, Quota, ReviewStep, VillageRating
from lianxin.rating.plugin import Action
from lianxin.rating.tables import ApplicationTable, AwardTable, RatingTable
from lianxin.standards.choices import Star

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def actor(request) -> Actor:
    return Actor.from_request(request)


def scoped_application(user, pk, action=Action.RATING_VIEW) -> Application:
    rows = Application.objects.restrict(user, action).select_related("org__parent", "publicity")
    return get_object_or_404(rows, pk=pk)


# --- applications -------------------------------------------------------------------------------


class ApplicationListView(ScopedListView):
    permission_action = Action.RATING_VIEW
    model = Application
    table_class = ApplicationTable
    filterset_class = ApplicationFilter
    title = _l("评星申报")
    export_filename = "评星申报.xlsx"
    template_name = "rating/application_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("org__parent")

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_apply=self.request.user.can(Action.RATING_APPLY), **kwargs)


class QueueView(ActionRequiredMixin, TemplateView):
    """Reviews waiting for this user: the township's, their task force's star, the office's."""

    permission_action = Action.RATING_VIEW
    template_name = "rating/queue.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        kinds = [kind for kind, action in services.STEP_ACTIONS.items() if user.can(action)]
        forces = [a.org_id for a in user.assignments if a.role == Role.TASK_FORCE]
        steps = (
            ReviewStep.objects.restrict(user, Action.RATING_VIEW)
            .filter(status=StepStatus.PENDING, kind__in=kinds)
            .filter(~Q(kind="taskforce") | Q(reviewer_org__pk__in=forces))
            .select_related("application__org__parent", "reviewer_org")
            .order_by("deadline", "pk")
        )
        mine = [s for s in steps[:500] if services.may_review(user, s)]
        today = timezone.localdate()
        for step in mine:
            step.overdue = step.deadline < today
        waiting_publicity = []
        if user.can(Action.RATING_DECIDE):
            waiting_publicity = list(
                Application.objects.restrict(user, Action.RATING_DECIDE)
                .filter(status__in=[ApplicationStatus.APPROVED, ApplicationStatus.PUBLICITY])
                .select_related("org__parent", "publicity")[:200]
            )
        return super().get_context_data(steps=mine, waiting=waiting_publicity, today=today, **kwargs)


class ApplicationCreateView(ActionRequiredMixin, FormView):
    permission_action = Action.RATING_APPLY
    form_class = ApplicationCreateForm
    template_name = "rating/application_form.html"

    @cached_property
    def villages(self):
        rows = Org.objects.restrict(self.request.user, Action.RATING_APPLY).filter(kind__in=GRASSROOTS_KINDS)
        return list(rows.order_by("code")[:50])

    def get_initial(self):
        return {"year": current_year()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(villages=self.villages, title=_("新建申报"), **kwargs)

    def form_valid(self, form):
        village = chosen_org(self.request, self.villages, "village")
        if village is None:
            form.add_error(None, _("请选择本村（社区）"))
            return self.form_invalid(form)
        data = form.cleaned_data
        try:
            application = services.create_application(
                actor(self.request),
                village,
                data["year"],
                kind=data["kind"],
                stars=data["stars"],
                self_score=data["self_score"],
                statement=data["statement"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("申报已保存为草稿，可添加佐证材料后提交"))
        return redirect("rating:application_detail", pk=application.pk)


class ApplicationEditView(ActionRequiredMixin, FormView):
    permission_action = Action.RATING_APPLY
    form_class = ApplicationForm
    template_name = "rating/application_form.html"

    @cached_property
    def application(self) -> Application:
        return scoped_application(self.request.user, self.kwargs["pk"], Action.RATING_APPLY)

    def get_initial(self):
        a = self.application
        return {"stars": a.stars, "self_score": a.self_score, "statement": a.statement}

    def get_context_data(self, **kwargs):
        return super().get_context_data(application=self.application, title=_("修改申报"), **kwargs)

    def form_valid(self, form):
        try:
            services.update_application(actor(self.request), self.application, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("已保存"))
        return redirect("rating:application_detail", pk=self.application.pk)


class ApplicationDetailView(ActionRequiredMixin, TemplateView):
    permission_action = Action.RATING_VIEW
    template_name = "rating/application_detail.html"

    @cached_property
    def application(self) -> Application:
        return scoped_application(self.request.user, self.kwargs["pk"])

    def _reports(self, application):
        from lianxin.planning.models import ProgressReport

        return (
            ProgressReport.objects.filter(measure__plan__org=application.org, measure__plan__year=application.year)
            .select_related("measure")
            .order_by("-date", "-pk")[:200]
        )

    def get_context_data(self, **kwargs):
        application, user = self.application, self.request.user
        steps = list(
            application.steps.select_related("reviewer_org", "decided_by").prefetch_related("item_scores__work_item")
        )
        for step in steps:
            step.mine = step.is_pending and step.round == application.round and services.may_review(user, step)
        can_apply = can_at(user, Action.RATING_APPLY, application.org.code)
        evidence_form = None
        if can_apply and application.is_editable:
            evidence_form = EvidenceForm(
                work_items=services.work_items_for(application), reports=self._reports(application)
            )
        mine = [s for s in steps if s.mine]
        star_items = {}
        for step in mine:
            if step.kind == "taskforce":
                star_items[step.pk] = list(services.work_items_for(application, step.star))
        for step in mine:
            step.score_items = star_items.get(step.pk, [])
        can_decide = can_at(user, Action.RATING_DECIDE, application.org.code)
        return super().get_context_data(
            application=application,
            steps=steps,
            my_steps=mine,
            review_form=ReviewForm(),
            evidence=application.evidence.select_related("work_item", "report__measure").prefetch_related(
                "report__attachments"
            ),
            evidence_form=evidence_form,
            can_apply=can_apply,
            can_decide=can_decide,
            objections=application.objections.all() if can_decide else [],
            awards=application.awards.all(),
            breadcrumbs=breadcrumbs(user, application.org),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        application, op = self.application, request.POST.get("op")
        user = request.user
        if op in ("submit", "evidence", "remove_evidence") and not can_at(
            user, Action.RATING_APPLY, application.org.code
        ):
            raise PermissionDenied
        if op == "submit":
            run_service(request, lambda: services.submit_application(actor(request), application), _("已提交审核"))
        elif op == "evidence":
            form = EvidenceForm(
                request.POST, work_items=services.work_items_for(application), reports=self._reports(application)
            )
            if form.is_valid():
                from lianxin.planning.models import ProgressReport
                from lianxin.standards.models import WorkItem

                item = WorkItem.objects.get(pk=form.cleaned_data["work_item"])
                report_pk = form.cleaned_data["report"]
                report = ProgressReport.objects.select_related("measure__plan").get(pk=report_pk) if report_pk else None
                run_service(
                    request,
                    lambda: services.add_evidence(
                        actor(request), application, item, report=report, note=form.cleaned_data["note"]
                    ),
                    _("佐证材料已添加"),
                )
            else:
                messages.error(request, _("请选择工作项"))
        elif op == "remove_evidence":
            evidence = get_object_or_404(application.evidence, pk=request.POST.get("evidence"))
            run_service(request, lambda: services.remove_evidence(actor(request), evidence), _("已移除"))
        elif op == "review":
            self._review(request, application)
        elif op == "determine":
            if not can_at(user, Action.RATING_DECIDE, application.org.code):
                raise PermissionDenied
            run_service(request, lambda: services.determine(actor(request), application), _("已认定"))
        else:
            messages.error(request, _("无效的操作"))
        return redirect("rating:application_detail", pk=application.pk)

    def _review(self, request, application):
        step = get_object_or_404(application.steps, pk=request.POST.get("step"))
        form = ReviewForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("请选择审核结果"))
            return
        scores = {}
        for item in services.work_items_for(application, step.star) if step.kind == "taskforce" else []:
            value = request.POST.get(f"item_{item.pk}", "").strip()
            if value:
                try:
                    scores[item] = float(value)
                except ValueError:
                    messages.error(request, _("评分须为数字"))
                    return
        data = form.cleaned_data
        run_service(
            request,
            lambda: services.review(
                actor(request), step, data["decision"], comment=data["comment"], score=data["score"], item_scores=scores
            ),
            _("审核意见已提交"),
        )


# --- publicity ---------------------------------------------------------------------------------------


class PublicityListView(ActionRequiredMixin, TemplateView):
    """Publicities in scope; the office starts one from its approved applications."""

    permission_action = Action.RATING_VIEW
    template_name = "rating/publicity_list.html"

    def approved(self):
        user = self.request.user
        if not user.can(Action.RATING_DECIDE):
            return []
        rows = Application.objects.restrict(user, Action.RATING_DECIDE).filter(status=ApplicationStatus.APPROVED)
        return list(rows.select_related("org__parent").order_by("org__code")[:500])

    def get_context_data(self, form=None, **kwargs):
        user = self.request.user
        publicities = Publicity.objects.restrict(user, self.permission_action).select_related("org")[:100]
        return super().get_context_data(
            publicities=publicities,
            approved=self.approved(),
            today=timezone.localdate(),
            form=form or PublicityForm(initial={"start_date": timezone.localdate()}),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not request.user.can(Action.RATING_DECIDE):
            raise PermissionDenied
        form = PublicityForm(request.POST)
        chosen = {int(pk) for pk in request.POST.getlist("applications") if pk.isdigit()}
        picked = [a for a in self.approved() if a.pk in chosen]
        if not form.is_valid() or not picked:
            messages.error(request, _("请选择要公示的申报并填写开始日期"))
            return self.render_to_response(self.get_context_data(form=form))
        county = Org.objects.get(code=picked[0].org.code[:6])
        publicity = run_service(
            request,
            lambda: services.start_publicity(
                actor(request),
                county,
                picked[0].year,
                picked,
                start_date=form.cleaned_data["start_date"],
                title=form.cleaned_data["title"],
            ),
            _("公示已发布"),
        )
        if publicity:
            return redirect("rating:publicity_detail", pk=publicity.pk)
        return redirect("rating:publicity_list")


class PublicityDetailView(ActionRequiredMixin, TemplateView):
    permission_action = Action.RATING_VIEW
    template_name = "rating/publicity_detail.html"

    @cached_property
    def publicity(self) -> Publicity:
        return get_object_or_404(
            Publicity.objects.restrict(self.request.user, self.permission_action).select_related("org"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        publicity, user = self.publicity, self.request.user
        can_decide = can_at(user, Action.RATING_DECIDE, publicity.org.code)
        objections = publicity.objections.select_related("application__org", "handled_by") if can_decide else []
        return super().get_context_data(
            publicity=publicity,
            applications=publicity.applications.select_related("org__parent"),
            objections=objections,
            can_decide=can_decide,
            handle_form=HandleObjectionForm(),
            ended=timezone.localdate() > publicity.end_date,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        publicity = self.publicity
        if not can_at(request.user, Action.RATING_DECIDE, publicity.org.code):
            raise PermissionDenied
        objection = get_object_or_404(publicity.objections.all(), pk=request.POST.get("objection"))
        form = HandleObjectionForm(request.POST)
        if form.is_valid():
            run_service(
                request,
                lambda: services.handle_objection(actor(request), objection, **form.cleaned_data),
                _("异议处理情况已记录"),
            )
        else:
            messages.error(request, _("请填写处理情况"))
        return redirect("rating:publicity_detail", pk=publicity.pk)


@method_decorator(login_not_required, name="dispatch")
class PublicView(TemplateView):
    """The public notice page of a jurisdiction (no login): results under publicity and the
    year's determined results, printable; anyone may lodge an objection (rate-limited)."""

    template_name = "rating/public.html"

    @cached_property
    def org(self) -> Org:
        org = get_object_or_404(Org, code=self.kwargs["code"])
        if not org.is_geographic or org.level >= OrgLevel.VILLAGE:
            raise Http404
        return org

    def under_publicity(self):
        today = timezone.localdate()
        return list(
            Application.objects.filter(
                prefix_q(self.org.code, "org__code"),
                status=ApplicationStatus.PUBLICITY,
                publicity__start_date__lte=today,
                publicity__end_date__gte=today,
            )
            .select_related("org__parent", "publicity")
            .order_by("publicity_id", "org__code")[:1000]
        )

    def get_context_data(self, form=None, **kwargs):
        year = request_year(self.request)
        rows = self.under_publicity()
        publicities = {}
        for a in rows:
            publicities.setdefault(a.publicity, []).append(a)
        results = (
            VillageRating.objects.filter(prefix_q(self.org.code, "org__code"), year=year, level__gt=0)
            .select_related("org__parent")
            .order_by("-level", "org__code")[:2000]
        )
        return super().get_context_data(
            org=self.org,
            year=year,
            years=[y for y, _label in year_choices()],
            publicities=publicities,
            results=results,
            form=form or ObjectionForm(applications=rows),
            stars=list(Star),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        limit, window = settings.LIANXIN_OBJECTION_RATE
        if over_limit(f"objection:{client_ip(request)}", limit, window):
            return too_many_requests()
        rows = self.under_publicity()
        form = ObjectionForm(request.POST, applications=rows)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        application = next(a for a in rows if a.pk == form.cleaned_data["application"])
        data = form.cleaned_data
        try:
            services.lodge_objection(
                Actor(user=None, ip=client_ip(request), label="public"),
                application,
                content=data["content"],
                name=data["name"],
                contact=data["contact"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        return self.render_to_response(self.get_context_data(lodged=True))


# --- results, statistics, exports ------------------------------------------------------------------


class ResultListView(ScopedListView):
    permission_action = Action.RATING_VIEW
    model = VillageRating
    table_class = RatingTable
    filterset_class = RatingFilter
    title = _l("评星结果")
    export_filename = "评星结果.xlsx"
    export_exclude = ("adjust",)

    def get_queryset(self):
        return super().get_queryset().select_related("org__parent")

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        if not self.request.user.can(Action.RATING_DECIDE):
            table.columns.hide("adjust")
        return table


class AwardListView(ScopedListView):
    permission_action = Action.RATING_VIEW
    model = ProgressAward
    table_class = AwardTable
    filterset_class = AwardFilter
    title = _l("进步星奖励")
    export_filename = "进步星奖励.xlsx"
    export_exclude = ("pay",)

    def get_queryset(self):
        return super().get_queryset().select_related("org__parent")

    def get_table(self, **kwargs):
        table = super().get_table(**kwargs)
        if not self.request.user.can(Action.RATING_DECIDE):
            table.columns.hide("pay")
        return table


class ResultAdjustView(ActionRequiredMixin, FormView):
    permission_action = Action.RATING_DECIDE
    form_class = AdjustForm
    template_name = "rating/form.html"

    @cached_property
    def rating(self) -> VillageRating:
        rows = VillageRating.objects.restrict(self.request.user, self.permission_action).select_related("org__parent")
        return get_object_or_404(rows, pk=self.kwargs["pk"])

    def get_initial(self):
        return {"stars": self.rating.stars}

    def get_context_data(self, **kwargs):
        r = self.rating
        return super().get_context_data(
            title=_("降星或撤销：%(v)s %(y)d年 %(s)s")
            % {"v": r.org.short_name, "y": r.year, "s": r.star_labels or "—"},
            back=reverse("rating:result_list"),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.adjust_rating(actor(self.request), self.rating, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("已调整"))
        return redirect("rating:result_list")


class AwardPayView(ActionRequiredMixin, FormView):
    permission_action = Action.RATING_DECIDE
    form_class = PaymentForm
    template_name = "rating/form.html"

    @cached_property
    def award(self) -> ProgressAward:
        rows = ProgressAward.objects.restrict(self.request.user, self.permission_action).select_related("org")
        return get_object_or_404(rows, pk=self.kwargs["pk"])

    def get_initial(self):
        return {"paid_on": self.award.paid_on or timezone.localdate(), "plaque": self.award.plaque}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            title=_("登记拨付：%(a)s") % {"a": self.award}, back=reverse("rating:award_list"), **kwargs
        )

    def form_valid(self, form):
        try:
            services.record_payment(actor(self.request), self.award, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("已登记"))
        return redirect("rating:award_list")


def jurisdiction(user, code: str) -> Org:
    org = scoped_org(user, code, Action.RATING_VIEW)
    if not org.is_geographic or org.level >= OrgLevel.VILLAGE:
        raise Http404
    return org


class StatsHomeView(ActionRequiredMixin, RedirectView):
    permission_action = Action.RATING_VIEW

    def get_redirect_url(self, *args, **kwargs):
        org = self.request.user.home_org
        code = org.scope_code if org else ""
        if len(code) > 9:
            code = code[:9]
        return reverse("rating:stats", kwargs={"code": code}) if code else reverse("home")


class StatsView(ActionRequiredMixin, TemplateView):
    permission_action = Action.RATING_VIEW
    template_name = "rating/stats.html"

    def get(self, request, *args, **kwargs):
        exporting = request.GET.get("export") == "xlsx"
        if exporting:
            check_export(request)
        org = jurisdiction(request.user, kwargs["code"])
        # Without a chosen year, show the latest year that has results rather than an empty one.
        year = request_year(request) if request.GET.get("year") else None
        year = year or stats.latest_year(request.user, org) or current_year()
        data = stats.rating_stats(request.user, org, year)
        if exporting:
            return xlsx_response(
                f"{org.short_name}-{year}-星级统计.xlsx", stats.header(), stats.export_rows(data), title=_("星级统计")
            )
        context = self.get_context_data(
            org=org,
            year=year,
            years=[y for y, _label in year_choices()],
            stats=data,
            stars=list(Star),
            chart=stats.chart_spec(data),
            star_chart=stats.star_chart_spec(data),
            breadcrumbs=breadcrumbs(request.user, org),
            child_label=_child_label(org),
            can_config=org.level == OrgLevel.COUNTY and can_at(request.user, Action.RATING_CONFIG, org.code),
        )
        return self.render_to_response(context)


def _child_label(org: Org) -> str:
    return {
        OrgLevel.PROVINCE: _("市"),
        OrgLevel.CITY: _("县（市、区）"),
        OrgLevel.COUNTY: _("乡镇（街道）"),
        OrgLevel.TOWNSHIP: _("村（社区）"),
    }.get(org.level, _("单位"))


class CertificatesView(ActionRequiredMixin, TemplateView):
    permission_action = Action.RATING_VIEW

    def get(self, request, *args, **kwargs):
        check_export(request)
        org, year = jurisdiction(request.user, kwargs["code"]), request_year(request)
        ratings = (
            VillageRating.objects.restrict(request.user, self.permission_action)
            .filter(prefix_q(org.code, "org__code"), year=year, level__gte=3)
            .select_related("org__parent")
            .order_by("-level", "org__code")
        )
        return attachment(
            stats.certificate_docx(org, year, ratings),
            f"{org.short_name}-{year}-星级党支部名单.docx",
            content_type=DOCX_TYPE,
        )


# --- settings and quotas --------------------------------------------------------------------------------


class SettingsView(ActionRequiredMixin, TemplateView):
    permission_action = Action.RATING_CONFIG
    template_name = "rating/settings.html"

    @cached_property
    def county(self) -> Org:
        org = scoped_org(self.request.user, self.kwargs["code"], self.permission_action)
        if org.level != OrgLevel.COUNTY or org.is_unit:
            raise Http404
        return org

    def task_forces(self):
        return list(Org.objects.filter(parent=self.county, kind=OrgKind.TASK_FORCE).order_by("code"))

    def get_context_data(self, config_form=None, quota_form=None, **kwargs):
        year = request_year(self.request)
        config = services.config_for(self.county, year)
        initial = {
            "window_start": config.window_start,
            "window_end": config.window_end,
            "chain": ",".join(config.chain),
            "progress_chain": ",".join(config.progress_chain),
            "step_days": config.step_days,
            "publicity_days": config.publicity_days,
            "award_amount": config.award_amount,
            **{f"tf_{s}": c for s, c in (config.task_forces or {}).items()},
        }
        quotas = Quota.objects.filter(org=self.county, year=year)
        return super().get_context_data(
            county=self.county,
            year=year,
            years=[y for y, _label in year_choices()],
            config=config,
            config_form=config_form or ConfigForm(initial=initial, task_forces=self.task_forces()),
            quota_form=quota_form or QuotaForm(),
            quotas=quotas,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        year = request_year(request)
        if request.POST.get("op") == "quota":
            form = QuotaForm(request.POST)
            if form.is_valid():
                kind, _sep, value = form.cleaned_data["target"].partition(":")
                extra = {"level": int(value)} if kind == QuotaKind.LEVEL else {"star": value}
                run_service(
                    request,
                    lambda: services.set_quota(
                        actor(request), self.county, year, kind=kind, limit=form.cleaned_data["limit"], **extra
                    ),
                    _("名额已保存"),
                )
            else:
                return self.render_to_response(self.get_context_data(quota_form=form))
        else:
            form = ConfigForm(request.POST, task_forces=self.task_forces())
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(config_form=form))
            run_service(
                request,
                lambda: services.save_config(actor(request), self.county, year, **form.service_fields()),
                _("评星设置已保存"),
            )
        return redirect(reverse("rating:settings", kwargs={"code": self.county.code}) + f"?year={year}")
