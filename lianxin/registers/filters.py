"""List filters of the registers, and the place/free-text filter base the 党群连心 apps share."""

from datetime import timedelta

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.scope import prefix_q
from lianxin.registers.choices import HouseholdStatus, HouseholdTag
from lianxin.registers.models import Household, HouseholdLink, PartyMember, born_after_for_under_35

# A household on the roll that no member has visited for this many days is due a visit.
VISIT_DUE_DAYS = 30


def linked_to(user) -> Q:
    """Households linked to the party member whose account `user` is (党员联户)."""
    return Q(pk__in=HouseholdLink.objects.filter(member__user=user).values("household_id"))


def visit_due(today) -> Q:
    """On the roll and not visited within VISIT_DUE_DAYS. Visits are liaison's (the reverse
    relation `visits`); the registers name the relation, not the model, so as not to import it."""
    visits = Household._meta.get_field("visits").related_model.objects
    recent = visits.filter(household=OuterRef("pk"), date__gt=today - timedelta(days=VISIT_DUE_DAYS))
    return Q(status=HouseholdStatus.ACTIVE) & ~Exists(recent)


class PlaceFilterSet(django_filters.FilterSet):
    """`place`: a township or village code (prefix, as a range); `q`: free text."""

    place = django_filters.CharFilter(label=_("乡镇/村代码"), method="filter_place")
    search_fields: tuple[str, ...] = ()

    def filter_place(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(prefix_q(value, "org__code")) if value.isdigit() else queryset.none()

    def filter_q(self, queryset, name, value):
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value.strip()})
        return queryset.filter(condition)


class ConsentFilterSet(PlaceFilterSet):
    """`consent`: 已同意, or 同意未登记 — an ID number kept from before consent was recorded, the
    rows a clerk still has to record consent for (or withdraw the number)."""

    consent = django_filters.ChoiceFilter(
        label=_("身份证号同意"),
        choices=(("given", _("已同意")), ("missing", _("同意未登记"))),
        method="filter_consent",
    )

    def filter_consent(self, queryset, name, value):
        if value == "given":
            return queryset.filter(consent_given=True)
        return queryset.filter(consent_given=False).exclude(**{queryset.model.id_field: ""})


class HouseholdFilter(ConsentFilterSet):
    q = django_filters.CharFilter(label=_("户号/户主/住址"), method="filter_q")
    tag = django_filters.ChoiceFilter(
        label=_("标签"), choices=HouseholdTag.choices, field_name="tags", lookup_expr="contains"
    )
    linked = django_filters.BooleanFilter(label=_("已联户"), method="filter_linked")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=HouseholdStatus.choices)
    mine = django_filters.BooleanFilter(label=_("我联系的"), method="filter_mine")
    visit_due = django_filters.BooleanFilter(label=_("30天未走访"), method="filter_visit_due")
    search_fields = ("number", "head_name", "address")

    class Meta:
        model = Household
        fields = ["q", "place", "tag", "linked", "status", "consent", "mine", "visit_due"]

    def filter_linked(self, queryset, name, value):
        return queryset.filter(links__isnull=not value)

    def filter_mine(self, queryset, name, value):
        mine = linked_to(self.request.user)
        return queryset.filter(mine) if value else queryset.exclude(mine)

    def filter_visit_due(self, queryset, name, value):
        due = visit_due(timezone.localdate())
        return queryset.filter(due) if value else queryset.exclude(due)


class MemberFilter(ConsentFilterSet):
    q = django_filters.CharFilter(label=_("姓名/职务"), method="filter_q")
    young = django_filters.BooleanFilter(label=_("35岁以下"), method="filter_young")
    search_fields = ("name", "post")

    class Meta:
        model = PartyMember
        fields = ["q", "place", "gender", "young", "consent"]

    def filter_young(self, queryset, name, value):
        cutoff = born_after_for_under_35(timezone.localdate())
        return queryset.filter(birth_date__gt=cutoff) if value else queryset.filter(birth_date__lte=cutoff)
