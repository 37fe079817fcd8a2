import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

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


class MatterTable(tables.Table):
    title = tables.Column(linkify=True)
    village = VillageColumn()
    reported_at = tables.DateTimeColumn(format="Y-m-d")
    deadline = tables.DateColumn(format="Y-m-d")
    overdue = OverdueColumn()

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


class ConsultationTable(tables.Table):
    topic = tables.Column(linkify=True)
    village = VillageColumn()
    date = tables.DateColumn(format="Y-m-d")
    matter_count = tables.Column(verbose_name=_("涉及事项"))

    class Meta:
        model = Consultation
        fields = ("date", "village", "topic", "matter_count")
        attrs = ATTRS
