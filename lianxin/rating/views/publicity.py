"""Publicity: the office's list (and starting one), a publicity's page with its objections, and
the public notice page anyone may open and object on."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from lianxin.audit.services import Actor
from lianxin.core.documents import DOCX_TYPE
from lianxin.core.excel import attachment
from lianxin.core.net import client_ip
from lianxin.core.ratelimit import over_limit, too_many_requests
from lianxin.core.scope import prefix_q
from lianxin.core.views import DownloadView, ObjectOperationsView, Operation, ServiceFormView
from lianxin.core.years import request_year, year_choices
from lianxin.orgs.choices import OrgLevel
from lianxin.orgs.models import Org
from lianxin.rating import documents, services
from lianxin.rating.choices import ApplicationStatus
from lianxin.rating.forms import HandleObjectionForm, ObjectionForm, PublicityForm
from lianxin.rating.models import Application, Publicity, VillageRating
from lianxin.rating.plugin import Action
from lianxin.standards.choices import Star


class PublicityListView(ServiceFormView):
    """Publicities in scope; the office starts one from its approved applications."""

    permission_action = Action.RATING_VIEW
    submit_action = Action.RATING_DECIDE
    form_class = PublicityForm
    template_name = "rating/publicity_list.html"
    success_message = gettext_lazy("公示已发布")

    @cached_property
    def approved(self):
        user = self.request.user
        if not user.can(Action.RATING_DECIDE):
            return Application.objects.none()
        rows = Application.objects.restrict(user, Action.RATING_DECIDE).filter(status=ApplicationStatus.APPROVED)
        return rows.select_related("org__parent").order_by("org__code")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"approved": self.approved}

    def get_initial(self):
        return {"start_date": timezone.localdate()}  # the office ticks what it publicises

    def get_context_data(self, **kwargs):
        publicities = Publicity.objects.restrict(self.request.user, self.permission_action).select_related("org")
        return super().get_context_data(
            publicities=publicities[:100], approved=self.approved.exists(), today=timezone.localdate(), **kwargs
        )

    def perform(self, actor, form):
        data = form.cleaned_data
        picked = list(data["applications"])
        first = picked[0]
        return services.start_publicity(
            actor,
            services.county_of(first.org),
            first.year,
            picked,
            start_date=data["start_date"],
            title=data["title"],
        )


def _handle(actor, publicity, *, objection, **handling):
    return services.handle_objection(actor, objection, **handling)


class PublicityNoticeView(DownloadView):
    """The publicity's notice (公示) as an official Word document."""

    permission_action = Action.RATING_VIEW

    def export(self):
        publicities = Publicity.objects.restrict(self.request.user, self.permission_action)
        publicity = get_object_or_404(publicities.select_related("org"), pk=self.kwargs["pk"])
        applications = publicity.applications.select_related("org__parent").order_by("org__code")
        public_url = self.request.build_absolute_uri(reverse("rating:public", kwargs={"code": publicity.org.code}))
        content = documents.publicity_notice(publicity, applications, public_url)
        return attachment(content, f"{publicity.title}.docx", content_type=DOCX_TYPE)


class PublicityDetailView(ObjectOperationsView):
    permission_action = Action.RATING_VIEW
    model = Publicity
    template_name = "rating/publicity_detail.html"
    default_operation = "handle"
    operations = {
        "handle": Operation(
            _handle,
            gettext_lazy("异议处理情况已记录"),
            Action.RATING_DECIDE,
            form=HandleObjectionForm,
            allowed=lambda user, publicity: services.can_decide(user, publicity.org),
        ),
    }

    def get_queryset(self):
        return super().get_queryset().select_related("org")

    def operation_form_kwargs(self, name):
        return {"objections": self.object.objections.all()}

    def get_context_data(self, **kwargs):
        publicity, user = self.object, self.request.user
        can_decide = services.can_decide(user, publicity.org)
        objections = publicity.objections.select_related("application__org", "handled_by") if can_decide else []
        return super().get_context_data(
            publicity=publicity,
            applications=publicity.applications.select_related("org__parent"),
            objections=objections,
            ended=timezone.localdate() > publicity.end_date,
            **kwargs,
        )


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
