import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from lianxin.orgs.models import Org


class OrgTable(tables.Table):
    short_name = tables.Column(verbose_name=_("名称"), linkify=("orgs:detail", {"code": tables.A("code")}))
    code = tables.Column(verbose_name=_("代码"))
    kind = tables.Column(verbose_name=_("类型"))
    parent = tables.Column(verbose_name=_("上级"), accessor="parent__short_name", order_by="parent__code")
    name = tables.Column(verbose_name=_("全称"))

    class Meta:
        model = Org
        fields = ("short_name", "code", "kind", "parent", "name")
        order_by = "code"
        attrs = {"class": "table table-sm table-hover align-middle"}
