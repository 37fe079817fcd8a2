"""The meeting form lists its fields (security.md item 8): the branch and its members come from
choices restricted to the user's scope; absentees are written one a line, `姓名 原因`."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lianxin.branchlife.choices import MeetingKind
from lianxin.core.changes import today
from lianxin.registers.forms import DATE, VillageFormMixin
from lianxin.registers.models import PartyMember


class MemberChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.org.short_name} · {obj.name}"


class MeetingForm(VillageFormMixin, forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("类型"), choices=MeetingKind.choices)
    day = forms.DateField(label=gettext_lazy("日期"), widget=DATE)
    topic = forms.CharField(label=gettext_lazy("主题"), max_length=200)
    minutes = forms.CharField(label=gettext_lazy("会议记录"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    present = MemberChoices(
        PartyMember.objects.none(), label=gettext_lazy("出席党员"), widget=forms.CheckboxSelectMultiple
    )
    absences = forms.CharField(
        label=gettext_lazy("缺席党员及原因"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("每行一人：姓名 原因，如“张三 外出务工”"),
    )
    photo = forms.FileField(label=gettext_lazy("照片"), required=False)

    def __init__(self, *args, user=None, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_village(user, action)
        self.fields["present"].queryset = (
            PartyMember.objects.restrict(user, action).select_related("org").order_by("org__code", "name")
        )
        self.fields["day"].initial = today()

    def clean(self):
        data = super().clean()
        village, absent = data.get("village"), {}
        for line in (data.get("absences") or "").splitlines():
            name, _sep, reason = line.strip().partition(" ")
            if not name:
                continue
            member = PartyMember.objects.filter(org=village, name=name).first() if village else None
            if member is None:
                self.add_error("absences", _("本支部没有党员“%(name)s”") % {"name": name})
            else:
                absent[member] = reason
        data["absent"] = absent
        return data
