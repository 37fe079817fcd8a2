"""Key-matters pages, built from the core's views: the matters (any month's list, filtered and
exported), one matter with its progress and completion, the form that enters a matter on a list
the user keeps, the monthly county view and the office's review of one list."""

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy

from lianxin.core.views import ObjectOperationsView, Operation, ScopedListView, ServiceFormView
from lianxin.keymatters import services
from lianxin.keymatters.filters import MatterFilter, MonthFilter, month_of
from lianxin.keymatters.forms import MatterForm, ReviewForm
from lianxin.keymatters.models import KeyMatter, ListReview
from lianxin.keymatters.months import first_day, parse_month, shift
from lianxin.keymatters.overview import month_units
from lianxin.keymatters.plugin import Action
from lianxin.keymatters.tables import MatterTable, UnitMonthTable
from lianxin.orgs.models import Org

V, KEEP, REVIEW = Action.KEYMATTERS_VIEW, Action.KEYMATTERS_KEEP, Action.KEYMATTERS_REVIEW


class MatterListView(ScopedListView):
    permission_action = V
    model = KeyMatter
    table_class = MatterTable
    filterset_class = MatterFilter
    template_name = "keymatters/matter_list.html"
    title = gettext_lazy("重点事项推进清单")
    export_filename = "重点事项推进清单.xlsx"

    def get_queryset(self):
        return super().get_queryset().select_related("org")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"can_add": self.request.user.can(KEEP)}


class MatterCreateView(ServiceFormView):
    permission_action = KEEP
    form_class = MatterForm
    title = gettext_lazy("列入重点事项")
    back_url = "keymatters:matter_list"
    success_message = gettext_lazy("已列入重点事项清单")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"user": self.request.user, "action": KEEP}

    def perform(self, actor, form):
        data = dict(form.cleaned_data)
        return services.add_matter(actor, data.pop("unit"), **data)


class MatterDetailView(ObjectOperationsView):
    permission_action = V
    model = KeyMatter
    template_name = "keymatters/matter_detail.html"
    operations = {
        "progress": Operation(
            services.add_progress,
            gettext_lazy("已记录推进情况"),
            KEEP,
            needs=("text",),
            allowed=services.can_keep_matter,
        ),
        "complete": Operation(
            services.complete_matter,
            gettext_lazy("已办结，下月起移出清单"),
            KEEP,
            needs=("note",),
            allowed=services.can_keep_matter,
        ),
    }

    def get_queryset(self):
        return super().get_queryset().select_related("org").prefetch_related("villages", "notes")


class MonthView(ScopedListView):
    """Who has what open, overdue and done in a month; `?month=2026-11`, this month by default."""

    permission_action = V
    model = Org
    table_class = UnitMonthTable
    filterset_class = MonthFilter
    template_name = "keymatters/month.html"
    paginate_by = 100  # a county's 59 units on one page
    title = gettext_lazy("重点事项月度总览")
    export_filename = "重点事项月度总览.xlsx"

    @cached_property
    def month(self):
        return month_of(self.request.GET.get("month")) or first_day(timezone.localdate())

    def get_queryset(self):
        return month_units(super().get_queryset(), self.month, timezone.localdate()).order_by("kind", "code")

    def get_table_kwargs(self):
        return {"month": self.month, "can_review": self.request.user.can(REVIEW)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "month": self.month,
            "months": (shift(self.month, -1), shift(self.month, 1)),
        }


class ReviewView(ServiceFormView):
    """The office's comment and grade on one unit's list of a month (`?month=`)."""

    permission_action = REVIEW
    model = Org
    lookup_field = "code"
    form_class = ReviewForm
    success_message = gettext_lazy("已点评")

    def get_queryset(self):
        return super().get_queryset().filter(kind__in=services.KEEPER_KINDS)

    @property
    def title(self):
        return gettext_lazy("点评重点事项清单") + f" · {self.object.short_name}"

    def get_initial(self):
        month = month_of(self.request.GET.get("month")) or first_day(timezone.localdate())
        review = ListReview.objects.filter(org=self.object, month=month).first()
        initial = {"month": f"{month:%Y-%m}"}
        return initial | ({"grade": review.grade, "comment": review.comment} if review else {})

    def get_back_url(self):
        return reverse("keymatters:month")

    def perform(self, actor, form):
        data = form.cleaned_data
        month = parse_month(data["month"], timezone.localdate())
        return services.review_list(actor, self.object, month, grade=data["grade"], comment=data["comment"])

    def get_success_url(self, result=None):
        return reverse("keymatters:month") + f"?month={result.month:%Y-%m}"
