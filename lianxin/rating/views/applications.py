"""Applications: the list, the reviewer's queue, the village's form, and the application page
with its operations (submit, evidence, review, determine)."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from lianxin.core import indicators
from lianxin.core.views import (
    ActionRequiredMixin,
    ObjectOperationsView,
    Operation,
    ScopedListView,
    ServiceFormView,
    chosen_org,
    pick_form,
)
from lianxin.core.years import current_year
from lianxin.orgs.choices import GRASSROOTS_KINDS
from lianxin.orgs.models import Org
from lianxin.orgs.views import breadcrumbs
from lianxin.planning.models import ProgressReport, SelfAssessment
from lianxin.rating import services
from lianxin.rating.choices import ApplicationStatus, StepKind
from lianxin.rating.filters import ApplicationFilter
from lianxin.rating.forms import ApplicationCreateForm, ApplicationForm, EvidenceForm, ReviewForm
from lianxin.rating.models import Application
from lianxin.rating.plugin import Action
from lianxin.rating.tables import ApplicationTable
from lianxin.standards.choices import Star


class ApplicationListView(ScopedListView):
    permission_action = Action.RATING_VIEW
    model = Application
    table_class = ApplicationTable
    filterset_class = ApplicationFilter
    title = gettext_lazy("评星申报")
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
        user, today = self.request.user, timezone.localdate()
        mine = services.steps_awaiting(user)
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


class ApplicationCreateView(ServiceFormView):
    permission_action = Action.RATING_APPLY
    form_class = ApplicationCreateForm
    template_name = "rating/application_form.html"
    title = gettext_lazy("新建申报")
    success_message = gettext_lazy("申报已保存为草稿，可添加佐证材料后提交")

    @cached_property
    def villages(self):
        rows = Org.objects.restrict(self.request.user, Action.RATING_APPLY).filter(kind__in=GRASSROOTS_KINDS)
        return list(rows.order_by("code")[:50])

    def get_initial(self):
        return {"year": current_year()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(villages=self.villages, **kwargs)

    def perform(self, actor, form):
        village = chosen_org(self.request, self.villages, "village")
        if village is None:
            raise ValidationError(_("请选择本村（社区）"))
        data = form.cleaned_data
        return services.create_application(
            actor,
            village,
            data["year"],
            kind=data["kind"],
            stars=data["stars"],
            self_score=data["self_score"],
            statement=data["statement"],
        )


class ApplicationEditView(ServiceFormView):
    permission_action = Action.RATING_APPLY
    model = Application
    form_class = ApplicationForm
    template_name = "rating/application_form.html"
    title = gettext_lazy("修改申报")

    def get_queryset(self):
        return super().get_queryset().select_related("org__parent")

    def get_initial(self):
        a = self.object
        return {"stars": a.stars, "self_score": a.self_score, "statement": a.statement}

    def get_context_data(self, **kwargs):
        return super().get_context_data(application=self.object, **kwargs)

    def perform(self, actor, form):
        return services.update_application(actor, self.object, **form.cleaned_data)


# --- the application page --------------------------------------------------------------------------

PickEvidence = pick_form("evidence", gettext_lazy("佐证材料"), invalid=gettext_lazy("该佐证材料已移除"))


def _submit(actor, application, *, without_evidence):
    return services.submit_application(actor, application, without_evidence=bool(without_evidence))


def _remove_evidence(actor, application, *, evidence):
    return services.remove_evidence(actor, evidence)


def _review(actor, application, *, step, item_scores, **decision):
    return services.review(
        actor,
        step,
        decision["decision"],
        comment=decision["comment"],
        score=decision["score"],
        item_scores=item_scores,
    )


class ApplicationDetailView(ObjectOperationsView):
    permission_action = Action.RATING_VIEW
    model = Application
    template_name = "rating/application_detail.html"
    operations = {
        "submit": Operation(
            _submit,
            gettext_lazy("已提交审核"),
            Action.RATING_APPLY,
            needs=("without_evidence",),
            allowed=services.can_edit_application,
        ),
        "evidence": Operation(
            services.add_evidence,
            gettext_lazy("佐证材料已添加"),
            Action.RATING_APPLY,
            form=EvidenceForm,
            inline=True,
            allowed=services.can_edit_application,
        ),
        "remove_evidence": Operation(
            _remove_evidence,
            gettext_lazy("已移除"),
            Action.RATING_APPLY,
            form=PickEvidence,
            allowed=services.can_edit_application,
        ),
        # Who may review a step is the services' one predicate (`review_refusal`), per step.
        "review": Operation(_review, gettext_lazy("审核意见已提交"), form=ReviewForm),
        "determine": Operation(
            services.determine, gettext_lazy("已认定"), Action.RATING_DECIDE, allowed=services.can_determine
        ),
    }

    def get_queryset(self):
        return super().get_queryset().select_related("org__parent", "publicity")

    def reports(self):
        """The village's own ledger entries of the year, offered as evidence."""
        application = self.object
        return (
            ProgressReport.objects.filter(measure__plan__org=application.org, measure__plan__year=application.year)
            .select_related("measure__plan")
            .order_by("-date", "-pk")[:200]
        )

    def operation_form_kwargs(self, name):
        application = self.object
        if name == "evidence":
            return {"work_items": services.work_items_for(application), "reports": self.reports()}
        if name == "remove_evidence":
            return {"queryset": application.evidence.all()}
        return {"steps": application.steps.all()}

    def get_context_data(self, **kwargs):
        application, user = self.object, self.request.user
        steps = list(
            application.steps.select_related("reviewer_org", "decided_by").prefetch_related("item_scores__work_item")
        )
        mine = [step for step in steps if services.can_review_step(user, step)]
        for step in mine:
            step.score_items = (
                list(services.work_items_for(application, step.star)) if step.kind == StepKind.TASK_FORCE else []
            )
        can_decide = services.can_decide(user, application.org)
        context = super().get_context_data(**kwargs)
        if context["can"].get("submit"):
            context["missing_evidence"] = [Star(s).label for s in services.stars_without_evidence(application)]
            config = services.config_for(services.county_of(application.org), application.year)
            context["evidence_required"] = config.require_evidence
        return context | dict(
            application=application,
            steps=steps,
            my_steps=mine,
            review_form=ReviewForm(steps=application.steps.none()),
            evidence=application.evidence.select_related("work_item", "report__measure").prefetch_related(
                "report__attachments"
            ),
            computed=computed_evidence(application),
            objections=application.objections.all() if can_decide else [],
            awards=application.awards.all(),
            breadcrumbs=breadcrumbs(user, application.org),
        )


def computed_evidence(application: Application) -> list[dict]:
    """For the applied stars' work items that name a computed indicator: the system's value for
    the village and year, with the village's own self-assessment claim, and whether they differ."""
    items = [item for item in services.work_items_for(application) if item.indicator_code]
    readings = indicators.readings(items, application.org.code, application.year)
    claims = dict(
        SelfAssessment.objects.filter(
            plan__org=application.org, plan__year=application.year, work_item__in=items
        ).values_list("work_item_id", "met")
    )
    return [
        {
            "item": item,
            "reading": readings[item.pk],
            "claimed": claims.get(item.pk),
            "differs": readings[item.pk].differs_from(claims.get(item.pk)),
        }
        for item in items
        if item.pk in readings
    ]
