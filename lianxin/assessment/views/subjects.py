"""The subjects the scheme scores (the shared cadres and orgs), kept by the county office: the
list with search, filter and export; adding a post; renaming the person in it or setting their
login; removing a post nothing has been scored for, after a confirmation. Rows come from
`restrict()`; out of scope is 404; every change goes through services/subjects.py."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from lianxin.assessment import forms, services
from lianxin.assessment.filters import SubjectFilter
from lianxin.assessment.models import Subject
from lianxin.assessment.plugin import Action
from lianxin.assessment.services.subjects import SUBJECT_ORG_KINDS
from lianxin.assessment.tables import SubjectTable
from lianxin.assessment.views.scoring import AddButtonMixin
from lianxin.core.views import ObjectOperationsView, Operation, ScopedListView, ServiceFormView
from lianxin.orgs.models import Org

V, MANAGE = Action.ASSESSMENT_VIEW, Action.ASSESSMENT_MANAGE


class SubjectListView(AddButtonMixin, ScopedListView):
    permission_action = V
    model = Subject
    table_class = SubjectTable
    filterset_class = SubjectFilter
    title = gettext_lazy("考核对象")
    export_filename = "考核对象.xlsx"
    template_name = "assessment/subject_list.html"

    def get_queryset(self):
        return super().get_queryset().select_related("org__parent", "user")


class SubjectCreateView(ServiceFormView):
    permission_action = MANAGE
    form_class = forms.SubjectForm
    title = gettext_lazy("新增考核对象")
    back_url = "assessment:subject_list"

    def get_form_kwargs(self):
        orgs = Org.objects.restrict(self.request.user, MANAGE).filter(kind__in=SUBJECT_ORG_KINDS).order_by("code")
        return super().get_form_kwargs() | {"orgs": orgs}

    def perform(self, actor, form):
        data = form.cleaned_data
        return services.save_subject(actor, data["org"], data["kind"], name=data["name"], star=data["star"])


class SubjectDetailView(ObjectOperationsView):
    permission_action = V
    model = Subject
    template_name = "assessment/subject_detail.html"
    operations = {
        "save": Operation(
            services.rename_subject, gettext_lazy("已保存"), MANAGE, form=forms.SubjectEditForm, inline=True
        ),
        "remove": Operation(
            services.remove_subject,
            gettext_lazy("已删除考核对象"),
            MANAGE,
            allowed=services.can_remove_subject,
            redirect_to=lambda subject: reverse("assessment:subject_list"),
        ),
    }

    def operation_form_kwargs(self, name):
        return {"subject": self.object}

    def get_queryset(self):
        return super().get_queryset().select_related("org__parent", "user")

    def get_context_data(self, **kwargs):
        scores = self.object.scores.select_related("period__scheme").order_by("-period__start")[:12]
        return super().get_context_data(**kwargs) | {"scores": scores}
