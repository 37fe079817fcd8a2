import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from lianxin.notices.models import Notice, NoticeReceipt, NoticeUnit

ATTRS = {"class": "table table-sm table-hover align-middle"}


class StateColumn(tables.Column):
    """已读/未读 (or 已回复/未回复) from a timestamp: the same words on the page and in Excel."""

    def __init__(self, yes, no, **kwargs):
        self.yes, self.no = yes, no
        super().__init__(**kwargs)

    def render(self, value):
        return self.yes if value else self.no

    def value(self, value):
        return str(self.render(value))


class NoticeTable(tables.Table):
    title = tables.Column(linkify=True)
    sender_org = tables.Column(accessor="org__short_name", verbose_name=_("发文单位"))
    sent_at = tables.DateTimeColumn(format="Y-m-d H:i")
    deadline = tables.DateColumn(format="Y-m-d")

    class Meta:
        model = Notice
        fields = ("title", "sender_org", "audience", "sent_at", "deadline", "reply", "units_total")
        attrs = ATTRS


class UnitTable(tables.Table):
    unit = tables.Column(accessor="org__short_name", verbose_name=_("接收单位"), order_by=("org__code",))
    above = tables.Column(accessor="org__parent__short_name", verbose_name=_("上级"), orderable=False)
    state = StateColumn(_("已读"), _("未读"), accessor="read_at", verbose_name=_("阅读"), order_by=("read_at",))
    read_at = tables.DateTimeColumn(format="Y-m-d H:i")
    replied = StateColumn(
        _("已回复"), _("未回复"), accessor="replied_at", verbose_name=_("回复"), order_by=("replied_at",)
    )
    replied_at = tables.DateTimeColumn(format="Y-m-d H:i")

    class Meta:
        model = NoticeUnit
        fields = (
            "unit",
            "above",
            "state",
            "persons_read",
            "persons_total",
            "read_at",
            "replied",
            "replied_at",
            "reply_text",
        )
        attrs = ATTRS


class InboxTable(tables.Table):
    title = tables.Column(
        accessor="notice__title", verbose_name=_("标题"), linkify=lambda record: record.get_absolute_url()
    )
    sender_org = tables.Column(accessor="notice__org__short_name", verbose_name=_("发文单位"))
    unit = tables.Column(accessor="unit__org__short_name", verbose_name=_("接收单位"))
    sent_at = tables.DateTimeColumn(accessor="notice__sent_at", verbose_name=_("发送时间"), format="Y-m-d H:i")
    deadline = tables.DateColumn(accessor="notice__deadline", verbose_name=_("办理时限"), format="Y-m-d")
    state = StateColumn(_("已读"), _("未读"), accessor="read_at", verbose_name=_("状态"), order_by=("read_at",))

    class Meta:
        model = NoticeReceipt
        fields = ("title", "sender_org", "unit", "sent_at", "deadline", "state")
        attrs = ATTRS
