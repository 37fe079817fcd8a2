"""Three-category household pages: the county's categories, the villages' rating rounds, a
round's page (rate, submit, confirm) with each household's movement, and the printable plaque
list with an A4 sheet of QR labels (the browser prints it; each QR leads to the household's
public page)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.core.personal import mask_name
from lianxin.core.views import ObjectOperationsView, Operation, ServiceFormView, service_perform
from lianxin.orgs.choices import OrgLevel
from lianxin.orgs.models import Org
from lianxin.points import rating_services as services
from lianxin.points.choices import RatingStatus
from lianxin.points.forms import CategoryChangeForm, CategoryForm, ConfirmForm, RateForm, RatingForm
from lianxin.points.models import Account, HouseholdCategory, Rating
from lianxin.points.plugin import Action
from lianxin.points.public import public_qr
from lianxin.points.tables import CategoryTable, RatingTable
from lianxin.registers.filters import PlaceFilterSet
from lianxin.registers.models import Household
from lianxin.registers.sections import SectionFormView, SectionListView

V, MANAGE = Action.POINTS_VIEW, Action.POINTS_MANAGE


class CategoryFilter(PlaceFilterSet):
    class Meta:
        model = HouseholdCategory
        fields = ["place"]


class CategoryListView(SectionListView):
    permission_action = V
    model = HouseholdCategory
    table_class = CategoryTable
    filterset_class = CategoryFilter
    title = gettext_lazy("三类户类别与评定标准")
    export_filename = "三类户类别.xlsx"
    buttons = (("points:category_create", gettext_lazy("新增类别"), "plus", Action.POINTS_CATEGORIES),)


class RatingFilter(PlaceFilterSet):
    class Meta:
        model = Rating
        fields = ["place", "status"]


class RatingListView(SectionListView):
    permission_action = V
    model = Rating
    table_class = RatingTable
    filterset_class = RatingFilter
    title = gettext_lazy("三类户评定")
    export_filename = "三类户评定.xlsx"
    buttons = (
        ("points:rating_create", gettext_lazy("开始评定"), "plus", MANAGE),
        ("points:category_list", gettext_lazy("类别与标准"), "list-ol", V),
    )


class CategoryCreateView(SectionFormView):
    permission_action = Action.POINTS_CATEGORIES
    form_class = CategoryForm
    title = gettext_lazy("新增三类户类别")
    back_url = success_url = "points:category_list"

    def extra_form_kwargs(self):
        return {}

    def perform(self, actor, form):
        data = dict(form.cleaned_data)
        county = get_object_or_404(
            Org.objects.restrict(self.request.user, self.permission_action), code=data.pop("county_code").strip()
        )
        return services.add_category(actor, county, **data)


class CategoryEditView(ServiceFormView):
    """A county's category renamed, re-ranked or its criteria rewritten (audited)."""

    permission_action = Action.POINTS_CATEGORIES
    model = HouseholdCategory
    form_class = CategoryChangeForm
    back_url = success_url = "points:category_list"

    @property
    def title(self):
        return _("修改三类户类别：%(name)s") % {"name": self.object.name}

    def get_initial(self):
        return {name: getattr(self.object, name) for name in ("name", "rank", "criteria")}

    def perform(self, actor, form):
        return services.change_category(actor, self.object, **form.cleaned_data)


class RatingCreateView(SectionFormView):
    permission_action = MANAGE
    form_class = RatingForm
    title = gettext_lazy("开始三类户评定")
    back_url = "points:rating_list"

    perform = service_perform(services.start_rating, "village", "period")


def _rate(actor, rating, *, household, category, reason):
    return services.rate(actor, rating, household=household, category=category, reason=reason)


class RatingDetailView(ObjectOperationsView):
    permission_action = V
    model = Rating
    template_name = "points/rating_detail.html"
    operations = {
        "rate": Operation(_rate, gettext_lazy("已评定"), MANAGE, form=RateForm, allowed=services.can_rate),
        "submit": Operation(services.submit_rating, gettext_lazy("已提交乡镇确认"), MANAGE, allowed=services.can_rate),
        "confirm": Operation(
            services.confirm_rating,
            gettext_lazy("已确认并公示"),
            Action.POINTS_CONFIRM,
            form=ConfirmForm,
            allowed=services.can_confirm,
        ),
    }

    def get_queryset(self):
        return super().get_queryset().select_related("org")

    def operation_form_kwargs(self, name):
        if name == "rate":
            return {"households": self.households(), "categories": self.categories()}
        return {}

    def households(self):
        return Household.objects.restrict(self.request.user, MANAGE).filter(org=self.object.org).order_by("number")

    def categories(self):
        county = self.object.org.ancestor_code(OrgLevel.COUNTY)
        return HouseholdCategory.objects.filter(org__code=county).order_by("rank")

    def get_context_data(self, **kwargs):
        rated = services.with_previous(self.object.households.select_related("household", "category"))
        can_rate = services.can_rate(self.request.user, self.object)
        return super().get_context_data(
            rated=rated,
            households=self.households() if can_rate else [],
            categories=self.categories() if can_rate else [],
            **kwargs,
        )


class PlaqueSheetView(ObjectOperationsView):
    """The confirmed rating's plaque list and A4 sheet of QR labels, for printing."""

    permission_action = V
    model = Rating
    template_name = "points/plaques.html"

    def get_queryset(self):
        return super().get_queryset().select_related("org").filter(status=RatingStatus.CONFIRMED)

    def get_context_data(self, **kwargs):
        rated = list(self.object.households.select_related("household", "category"))
        accounts = {
            a.household_id: a
            for a in Account.objects.filter(household__in=[r.household_id for r in rated]).select_related("org")
        }
        for r in rated:
            account = accounts.get(r.household_id) or Account.objects.create(
                household=r.household, org_id=r.household.org_id
            )
            r.qr, r.masked = public_qr(self.request, account), mask_name(r.household.head_name)
        return super().get_context_data(rated=rated, **kwargs)
