from django import forms
from django.utils.translation import gettext_lazy as _

from lianxin.rhythm.models import RhythmConfig

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class GenerateForm(forms.Form):
    org = forms.ChoiceField(label=_("通报单位"))
    week_start = forms.DateField(label=_("通报周（周一）"), widget=DATE)

    def __init__(self, *args, orgs=(), week_start=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [(o.code, o.name) for o in orgs]
        self.fields["week_start"].initial = week_start


class FloorsForm(forms.ModelForm):
    class Meta:
        model = RhythmConfig
        fields = ["on_time_floor", "in_time_floor", "satisfaction_floor", "coverage_floor", "margin"]


class MeetingForm(forms.Form):
    org = forms.ChoiceField(label=_("召开单位"))
    day = forms.DateField(label=_("会议日期"), widget=DATE)
    title = forms.CharField(label=_("会议名称"), max_length=100, initial=_("五星支部创建工作月调度会"))
    chair = forms.CharField(label=_("主持人"), max_length=50)

    def __init__(self, *args, orgs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [(o.code, o.name) for o in orgs]


class ReportForm(forms.Form):
    report = forms.CharField(label=_("工作进展"), widget=forms.Textarea(attrs={"rows": 10}))


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("议定事项"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(label=_("责任单位"), queryset=None)
    deadline = forms.DateField(label=_("完成时限"), widget=DATE)

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
