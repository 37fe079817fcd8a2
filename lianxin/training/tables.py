import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from lianxin.registers.models import PartyMember
from lianxin.registers.tables import ATTRS
from lianxin.training.models import Recipient, Survey, TrainingOrder


class SurveyTable(tables.Table):
    title = tables.Column(linkify=True)

    class Meta:
        model = Survey
        fields = ("year", "title", "status", "sent_at")
        attrs = ATTRS


class RecipientTable(tables.Table):
    survey = tables.Column(
        accessor="survey__title", verbose_name=_("问卷"), linkify=lambda record: record.get_absolute_url()
    )
    name = tables.Column(accessor="member__name", verbose_name=_("答卷人"))
    village = tables.Column(accessor="org__short_name", verbose_name=_("村（社区）"), order_by=("org__code",))
    groups = tables.Column(accessor="group_labels", verbose_name=_("所属群体"), orderable=False)

    class Meta:
        model = Recipient
        fields = ("survey", "name", "village", "groups", "answered_at")
        attrs = ATTRS


class OrderTable(tables.Table):
    topic = tables.Column(linkify=True)
    township = tables.Column(accessor="org__short_name", verbose_name=_("乡镇（街道）"), order_by=("org__code",))
    lecturer = tables.Column(accessor="lecturer__name", verbose_name=_("讲师"))
    wanted_on = tables.DateColumn(format="Y-m-d")
    held_on = tables.DateColumn(format="Y-m-d")

    class Meta:
        model = TrainingOrder
        fields = ("township", "topic", "audience", "wanted_on", "hours", "lecturer", "status", "held_on")
        attrs = ATTRS


class HoursTable(tables.Table):
    """Training hours per member for the year the view was asked for."""

    name = tables.Column(verbose_name=_("姓名"))
    village = tables.Column(accessor="org__short_name", verbose_name=_("村（社区）"), order_by=("org__code",))
    township = tables.Column(accessor="org__parent__short_name", verbose_name=_("乡镇（街道）"), orderable=False)
    post = tables.Column(verbose_name=_("职务"))
    trainings = tables.Column(verbose_name=_("参训次数"))
    hours = tables.Column(verbose_name=_("学时"))

    class Meta:
        model = PartyMember
        fields = ("name", "township", "village", "post", "trainings", "hours")
        attrs = ATTRS
