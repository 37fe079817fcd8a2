"""Tables of the registers, and the columns the 党群连心 apps share (a village column). Personal
data is masked by the core's MaskedColumn, which django-tables2 picks for the fields the models
declare personal."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from lianxin.registers.models import Household, PartyMember

ATTRS = {"class": "table table-sm table-hover align-middle"}


class OverdueColumn(tables.Column):
    """A 超期 badge for a row past its deadline (`is_overdue`); the word itself in the export."""

    def __init__(self, **kwargs):
        super().__init__(verbose_name=_("超期"), empty_values=(), orderable=False, **kwargs)

    def render(self, record):
        return format_html('<span class="badge text-bg-danger">{}</span>', _("超期")) if record.is_overdue else ""

    def value(self, record):
        return "超期" if record.is_overdue else ""


class ConsentColumn(tables.Column):
    """身份证号同意: 已同意; 同意未登记 for an ID number kept from before consent was recorded."""

    def __init__(self, **kwargs):
        super().__init__(verbose_name=_("身份证号同意"), empty_values=(), orderable=False, **kwargs)

    def render(self, record):
        if record.consent_missing:
            return format_html('<span class="badge text-bg-warning">{}</span>', _("同意未登记"))
        return self.value(record)

    def value(self, record):
        if record.consent_missing:
            return str(_("同意未登记"))
        return str(_("已同意")) if record.consent_given else ""


class VillageColumn(tables.Column):
    def __init__(self, **kwargs):
        super().__init__(accessor="org__short_name", verbose_name=_("村(社区)"), order_by=("org__code",), **kwargs)


class HouseholdTable(tables.Table):
    number = tables.Column(linkify=("registers:household_detail", {"pk": tables.A("pk")}))
    village = VillageColumn()
    consent = ConsentColumn()
    member = tables.Column(verbose_name=_("联户党员"), empty_values=(), orderable=False)

    class Meta:
        model = Household
        fields = (
            *("number", "village", "group", "head_name", "head_id_number", "consent"),
            *("size", "phone", "tags", "member", "status"),
        )
        attrs = ATTRS

    def render_member(self, record):
        links = list(record.links.all())
        return links[0].member.name if links else "—"

    def value_member(self, record):
        return self.render_member(record)


class MemberTable(tables.Table):
    name = tables.Column(linkify=("registers:member_detail", {"pk": tables.A("pk")}))
    village = VillageColumn()
    consent = ConsentColumn()
    under_35 = tables.BooleanColumn(verbose_name=_("35岁以下"), yesno="是,否", orderable=False)
    linked = tables.Column(verbose_name=_("联系户数"), orderable=True)

    class Meta:
        model = PartyMember
        fields = (
            "name",
            "village",
            "gender",
            "birth_date",
            "joined_on",
            "post",
            "mobile",
            "id_number",
            "consent",
            "under_35",
            "linked",
        )
        attrs = ATTRS
