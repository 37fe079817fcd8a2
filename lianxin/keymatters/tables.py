import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from lianxin.keymatters.choices import Grade
from lianxin.keymatters.models import KeyMatter
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
    """One row per unit for the month the view was asked for (`self.month`). The page draws its
    rows straight from the records (keymatters/month_table.html): a county's 59 units would
    otherwise cost a column renderer call per cell; the export goes through the columns."""

    short_name = tables.Column(verbose_name=_("单位"), order_by=("code",))
    kind = tables.Column(verbose_name=_("类型"))
    open_count = tables.Column(verbose_name=_("月末在推"))
    overdue_count = tables.Column(verbose_name=_("超期"))
    done_count = tables.Column(verbose_name=_("本月办结"))
    grade = tables.Column(verbose_name=_("点评等次"), default="")
    review = tables.Column(verbose_name=_("点评"), empty_values=(), orderable=False, exclude_from_export=True)

    class Meta:
        model = Org
        fields = ("short_name", "kind", "open_count", "overdue_count", "done_count", "grade", "review")
        attrs = ATTRS
        template_name = "keymatters/month_table.html"

    def __init__(self, *args, month=None, can_review=False, **kwargs):
        # The export layer builds the table without the page's arguments: no month links, no review column.
        super().__init__(*args, **kwargs)
        self.month, self.can_review = month, can_review
        if not can_review:
            self.columns.hide("review")

    @property
    def month_text(self) -> str:
        return f"{self.month:%Y-%m}"

    def value_grade(self, value):
        return Grade(value).label if value else ""
