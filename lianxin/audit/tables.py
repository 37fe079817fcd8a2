import json

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from lianxin.audit.labels import action_label
from lianxin.audit.models import AuditEvent
from lianxin.core.personal import masked_for_label


class AuditEventTable(tables.Table):
    seq = tables.Column(verbose_name=_("序号"), linkify=("audit:event_detail", {"seq": tables.A("seq")}))
    created_at = tables.DateTimeColumn(verbose_name=_("时间"), format="Y-m-d H:i:s")
    username = tables.Column(verbose_name=_("用户"))
    ip = tables.Column(verbose_name=_("来源地址"))
    action = tables.Column(verbose_name=_("操作"))
    object_repr = tables.Column(verbose_name=_("对象"))
    org_code = tables.Column(verbose_name=_("组织代码"))
    result = tables.Column(verbose_name=_("结果"))
    change = tables.Column(verbose_name=_("变更"), empty_values=(), orderable=False)

    class Meta:
        model = AuditEvent
        fields = ("seq", "created_at", "username", "ip", "action", "object_repr", "org_code", "result", "change")
        order_by = "-seq"
        attrs = {"class": "table table-sm table-hover align-middle small"}

    def render_action(self, value):
        return action_label(value)

    def value_action(self, value):
        return action_label(value)

    def render_change(self, record):
        return _summary(record)

    def value_change(self, record):
        change = {key: masked_for_label(record.object_type, getattr(record, key)) for key in ("before", "after")}
        return json.dumps(change, ensure_ascii=False)


def _summary(record) -> str:
    keys = sorted(set(record.before or {}) | set(record.after or {}))
    return "、".join(keys)[:40]
