import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from lianxin.liaison.choices import MatterStatus
from lianxin.liaison.models import Consultation, Matter, Visit
from lianxin.registers.tables import ATTRS, OverdueColumn, VillageColumn


class VisitTable(tables.Table):
    date = tables.DateColumn(format="Y-m-d")
    village = VillageColumn()
    household = tables.Column(linkify=("registers:household_detail", {"pk": tables.A("household_id")}))
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


class ReturnVisitColumn(tables.Column):
    """The household's answer in the township's return visit (回访), or what it waits for."""

    def __init__(self):
        super().__init__(verbose_name=_("回访满意度"), accessor="pk", orderable=False, empty_values=())

    def render(self, record):
        answer = getattr(record, "return_visit", None)
        if answer is not None:
            return answer.get_satisfaction_display()
        return _("待回访") if record.status == MatterStatus.CLOSED else "—"


class MatterTable(tables.Table):
    title = tables.Column(linkify=True)
    village = VillageColumn()
    reported_at = tables.DateTimeColumn(format="Y-m-d")
    deadline = tables.DateColumn(format="Y-m-d")
    overdue = OverdueColumn()
    unit = tables.Column(accessor="unit__short_name", verbose_name=_("责任单位"))
    satisfaction = ReturnVisitColumn()

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
            "unit",
            "satisfaction",
        )
        attrs = ATTRS


class UnitMatterTable(MatterTable):
    """A responsible unit's list: each matter opens on the unit's own page of it."""

    title = tables.Column(linkify=("liaison:unit_matter", {"pk": tables.A("pk")}))


class ConsultationTable(tables.Table):
    topic = tables.Column(linkify=True)
    village = VillageColumn()
    date = tables.DateColumn(format="Y-m-d")
    matter_count = tables.Column(verbose_name=_("涉及事项"))

    class Meta:
        model = Consultation
        fields = ("date", "village", "topic", "matter_count")
        attrs = ATTRS
