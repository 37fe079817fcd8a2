import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from lianxin.keymatters.choices import Grade
from lianxin.keymatters.models import KeyMatter
from lianxin.keymatters.services import MIN_OPEN
from lianxin.orgs.models import Org
from lianxin.registers.tables import ATTRS, OverdueColumn


class MatterTable(tables.Table):
    title = tables.Column(linkify=True)
    unit = tables.Column(accessor="org__short_name", verbose_name=_("单位"), order_by=("org__code",))
    deadline = tables.DateColumn(format="Y-m-d")
    entered_on = tables.DateColumn(format="Y-m-d")
    done_on = tables.DateColumn(format="Y-m-d")
    overdue = OverdueColumn()

    class Meta:
        model = KeyMatter
        fields = ("unit", "title", "owner", "star", "entered_on", "deadline", "status", "done_on", "overdue")
        attrs = ATTRS


class UnitMonthTable(tables.Table):
    """One row per unit for the month the view was asked for (`self.month`)."""

    short_name = tables.Column(verbose_name=_("单位"), order_by=("code",))
    kind = tables.Column(verbose_name=_("类型"))
    open_count = tables.Column(verbose_name=_("月末在推"))
    overdue_count = tables.Column(verbose_name=_("超期"))
    done_count = tables.Column(verbose_name=_("本月办结"))
    grade = tables.Column(verbose_name=_("点评等次"), default="—")
    review = tables.Column(verbose_name=_("点评"), empty_values=(), orderable=False, exclude_from_export=True)

    class Meta:
        model = Org
        fields = ("short_name", "kind", "open_count", "overdue_count", "done_count", "grade", "review")
        attrs = ATTRS

    def __init__(self, *args, month, can_review, **kwargs):
        super().__init__(*args, **kwargs)
        self.month = month
        if not can_review:
            self.columns.hide("review")

    def render_review(self, record):
        url = reverse("keymatters:review", kwargs={"code": record.code}) + f"?month={self.month:%Y-%m}"
        return format_html('<a href="{}">{}</a>', url, _("点评"))

    def render_short_name(self, record, value):
        url = reverse("keymatters:matter_list") + f"?unit={record.code}&month={self.month:%Y-%m}"
        return format_html('<a href="{}">{}</a>', url, value)

    def value_short_name(self, value):
        return value

    def render_open_count(self, value):
        if value < MIN_OPEN:
            return format_html('{} <span class="badge text-bg-warning">{}</span>', value, _("不足3项"))
        return value

    def value_open_count(self, value):
        return value

    def render_grade(self, value):
        return Grade(value).label

    def value_grade(self, value):
        return Grade(value).label if value else ""
