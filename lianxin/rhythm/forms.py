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
