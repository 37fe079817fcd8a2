import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import prefix_q
from lianxin.liaison.choices import LEVEL_CODE_LENGTH, Category, Level, MatterStatus, VisitWay
from lianxin.liaison.models import Consultation, Matter, Visit
from lianxin.liaison.plugin import Action
from lianxin.registers.filters import PlaceFilterSet, linked_to
from lianxin.registers.models import Household


class VisitFilter(PlaceFilterSet):
    """`who=mine`: the visits the user made (as the visiting member) or logged; a party member's
    list opens on it (`VisitListView`), `who=all` shows the whole village."""

    who = django_filters.ChoiceFilter(
        label=_("范围"),
        choices=(("mine", _("我的走访")), ("all", _("全部走访"))),
        method="filter_who",
        empty_label=None,
    )
    q = django_filters.CharFilter(label=_("户主/反映情况"), method="filter_q")
    way = django_filters.ChoiceFilter(label=_("方式"), choices=VisitWay.choices)
    category = django_filters.ChoiceFilter(label=_("类别"), choices=Category.choices)
    since = django_filters.DateFilter(label=_("起始日期"), field_name="date", lookup_expr="gte")
    search_fields = ("household__head_name", "raised")

    class Meta:
        model = Visit
        fields = ["who", "q", "place", "way", "category", "since"]

    def filter_who(self, queryset, name, value):
        if value != "mine":
            return queryset
        user = self.request.user
        return queryset.filter(Q(member__user=user) | Q(created_by=user))


def to_handle_by(user) -> Q:
    """Open matters waiting at the user's own level: for each org where the user handles matters,
    those under it at the level that org answers for (a village's, a township's, a county's;
    above a county, the county level). A township may also close its villages' matters, but
    those wait on the village, not on it."""
    levels = Q(pk__in=[])
    for prefix in user.scope_prefixes(Action.LIAISON_HANDLE):
        fits = [level for level, length in LEVEL_CODE_LENGTH.items() if length >= len(prefix)]
        own = min(fits, key=LEVEL_CODE_LENGTH.get, default=Level.VILLAGE)
        levels |= Q(level=own) & prefix_q(prefix, "org__code")
    return Q(status=MatterStatus.OPEN) & levels


def of_my_households(user) -> Q:
    """Matters raised by the households linked to the party member `user` is."""
    return Q(household__in=Household.objects.filter(linked_to(user)).values("pk"))


class MatterFilter(PlaceFilterSet):
    q = django_filters.CharFilter(label=_("事项"), method="filter_q")
    level = django_filters.ChoiceFilter(label=_("办理层级"), choices=Level.choices)
    status = django_filters.ChoiceFilter(label=_("状态"), choices=MatterStatus.choices)
    overdue = django_filters.BooleanFilter(label=_("超期"), method="filter_overdue")
    mine = django_filters.ChoiceFilter(
        label=_("与我有关"),
        choices=(("handle", _("待我办理")), ("households", _("我联系户的"))),
        method="filter_mine",
    )
    search_fields = ("title", "description")

    class Meta:
        model = Matter
        fields = ["q", "place", "level", "status", "overdue", "mine"]

    def filter_overdue(self, queryset, name, value):
        overdue = Q(status=MatterStatus.OPEN, deadline__lt=timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def filter_mine(self, queryset, name, value):
        user = self.request.user
        return queryset.filter(to_handle_by(user) if value == "handle" else of_my_households(user))


class ConsultationFilter(PlaceFilterSet):
    q = django_filters.CharFilter(label=_("议题"), method="filter_q")
    since = django_filters.DateFilter(label=_("起始日期"), field_name="date", lookup_expr="gte")
    search_fields = ("topic", "decisions")

    class Meta:
        model = Consultation
        fields = ["q", "place", "since"]
