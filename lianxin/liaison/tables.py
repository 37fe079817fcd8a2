import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from lianxin.core.personal import mask_id_card, mask_mobile, mask_phone
from lianxin.liaison.models import (
    AreaAssignment,
    Consultation,
    Finding,
    Household,
    Matter,
    PartyMember,
    Visit,
    WeakBranch,
)

ATTRS = {"class": "table table-sm table-hover align-middle"}


class MaskedColumn(tables.Column):
    """Personal data: masked on the page and in the export alike (security.md item 12)."""

    def __init__(self, mask, **kwargs):
        self.mask = mask
        super().__init__(**kwargs)

    def render(self, value):
        return self.mask(value)

    def value(self, value):
        return self.mask(value)


class VillageColumn(tables.Column):
    def __init__(self, **kwargs):
        super().__init__(accessor="org__short_name", verbose_name=_("村(社区)"), order_by=("org__code",), **kwargs)


class HouseholdTable(tables.Table):
    number = tables.Column(linkify=("liaison:household_detail", {"pk": tables.A("pk")}))
    village = VillageColumn()
    head_id_number = MaskedColumn(mask_id_card, verbose_name=_("户主身份证号"))
    phone = MaskedColumn(mask_phone, verbose_name=_("联系电话"))
    member = tables.Column(verbose_name=_("联户党员"), empty_values=(), orderable=False)

    class Meta:
        model = Household
        fields = ("number", "village", "group", "head_name", "head_id_number", "size", "phone", "tags", "member")
        attrs = ATTRS

    def render_member(self, record):
        links = list(record.links.all())
        return links[0].member.name if links else "—"

    def value_member(self, record):
        return self.render_member(record)


class MemberTable(tables.Table):
    name = tables.Column(linkify=("liaison:member_detail", {"pk": tables.A("pk")}))
    village = VillageColumn()
    mobile = MaskedColumn(mask_mobile, verbose_name=_("手机号"))
    id_number = MaskedColumn(mask_id_card, verbose_name=_("身份证号"))
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
            "under_35",
            "linked",
        )
        attrs = ATTRS


class VisitTable(tables.Table):
    date = tables.DateColumn(format="Y-m-d")
    village = VillageColumn()
    household = tables.Column(linkify=("liaison:household_detail", {"pk": tables.A("household_id")}))
    matter = tables.Column(verbose_name=_("诉求事项"), empty_values=(), orderable=False)

    class Meta:
        model = Visit
        fields = ("date", "village", "household", "member", "way", "category", "raised", "matter")
        attrs = ATTRS

    def render_raised(self, value):
        return value[:40]

    def render_matter(self, record):
        matter = getattr(record, "matter", None)
        if matter is None:
            return "—"
        return format_html('<a href="{}">{}</a>', matter.get_absolute_url(), matter.get_status_display())

    def value_matter(self, record):
        matter = getattr(record, "matter", None)
        return matter.title if matter else ""


class MatterTable(tables.Table):
    title = tables.Column(linkify=True)
    village = VillageColumn()
    reported_at = tables.DateTimeColumn(format="Y-m-d")
    deadline = tables.DateColumn(format="Y-m-d")
    overdue = tables.Column(verbose_name=_("超期"), empty_values=(), orderable=False)

    class Meta:
        model = Matter
        fields = (
            "title",
            "village",
            "category",
            "reported_at",
            "level",
            "status",
            "deadline",
            "overdue",
            "satisfaction",
        )
        attrs = ATTRS

    def render_overdue(self, record):
        return format_html('<span class="badge text-bg-danger">{}</span>', _("超期")) if record.is_overdue else ""

    def value_overdue(self, record):
        return "超期" if record.is_overdue else ""


class AssignmentTable(tables.Table):
    area = tables.Column(accessor="org__short_name", verbose_name=_("包联范围"), order_by=("org__code",))
    township = tables.Column(accessor="org__parent__short_name", verbose_name=_("所属"), orderable=False)
    cadre_unit = tables.Column(accessor="cadre__unit", verbose_name=_("单位"))

    class Meta:
        model = AreaAssignment
        fields = ("year", "cadre", "cadre_unit", "area", "township", "category", "note")
        attrs = ATTRS


class FindingTable(tables.Table):
    description = tables.Column(linkify=True)
    place = tables.Column(accessor="org__short_name", verbose_name=_("所在"), order_by=("org__code",))
    cadre = tables.Column(accessor="guidance_visit__cadre__name", verbose_name=_("干部"))
    found_on = tables.DateColumn(accessor="guidance_visit__date", verbose_name=_("发现日期"), format="Y-m-d")
    deadline = tables.DateColumn(format="Y-m-d")
    overdue = tables.Column(verbose_name=_("超期"), empty_values=(), orderable=False)

    class Meta:
        model = Finding
        fields = ("description", "place", "cadre", "found_on", "deadline", "status", "overdue")
        attrs = ATTRS

    def render_description(self, value):
        return value[:40]

    def render_overdue(self, record):
        return format_html('<span class="badge text-bg-danger">{}</span>', _("超期")) if record.is_overdue else ""

    def value_overdue(self, record):
        return "超期" if record.is_overdue else ""


class ConsultationTable(tables.Table):
    topic = tables.Column(linkify=True)
    village = VillageColumn()
    date = tables.DateColumn(format="Y-m-d")
    matter_count = tables.Column(verbose_name=_("涉及事项"))

    class Meta:
        model = Consultation
        fields = ("date", "village", "topic", "matter_count")
        attrs = ATTRS


class WeakBranchTable(tables.Table):
    village = tables.Column(
        accessor="org__short_name",
        verbose_name=_("党组织"),
        order_by=("org__code",),
        linkify=("liaison:weak_detail", {"pk": tables.A("pk")}),
    )
    township = tables.Column(accessor="org__parent__short_name", verbose_name=_("乡镇(街道)"), orderable=False)

    class Meta:
        model = WeakBranch
        fields = ("year", "village", "township", "reasons", "cadre", "status", "delisted_on")
        attrs = ATTRS

    def render_reasons(self, value):
        return value[:40]
