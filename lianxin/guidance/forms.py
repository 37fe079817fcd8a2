"""Forms list their fields (security.md item 8); cadres come from a choice restricted to the
user's scope, statuses are never in a form — the services set them."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.guidance.choices import BranchCategory
from lianxin.registers.forms import DATE, CadreChoiceField, VillageFormMixin


class AssignmentForm(forms.Form):
    cadre = CadreChoiceField(label=_("干部"), required=False)
    new_cadre = forms.CharField(label=_("或新增干部姓名"), max_length=50, required=False)
    new_cadre_unit = forms.CharField(label=_("新干部单位"), max_length=100, required=False)
    area_code = forms.CharField(label=_("包联乡镇或村代码"), max_length=12)
    year = forms.IntegerField(label=_("年度"), min_value=2020, max_value=2100)
    category = forms.ChoiceField(label=_("类型"), choices=BranchCategory.choices)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def __init__(self, *args, cadres=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cadre"].queryset = cadres
        self.fields["year"].initial = timezone.localdate().year

    def clean(self):
        data = super().clean()
        if not data.get("cadre") and not (data.get("new_cadre") or "").strip():
            self.add_error("cadre", _("请选择干部或填写新干部姓名"))
        return data


class GuidanceForm(forms.Form):
    cadre = CadreChoiceField(label=_("干部"))
    area_code = forms.CharField(label=_("乡镇或村代码"), max_length=12)
    day = forms.DateField(label=_("日期"), widget=DATE)
    notes = forms.CharField(label=_("指导情况"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    FINDINGS = 3

    def __init__(self, *args, cadres=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cadre"].queryset = cadres
        self.fields["day"].initial = timezone.localdate()
        for i in range(1, self.FINDINGS + 1):
            self.fields[f"finding_{i}"] = forms.CharField(
                label=_("发现问题 %(n)d") % {"n": i}, required=False, max_length=500
            )
            self.fields[f"deadline_{i}"] = forms.DateField(
                label=_("整改时限 %(n)d") % {"n": i},
                required=False,
                widget=DATE,
                initial=timezone.localdate() + timedelta(days=30),
            )

    def clean(self):
        data = super().clean()
        for i in range(1, self.FINDINGS + 1):
            if data.get(f"finding_{i}") and not data.get(f"deadline_{i}"):
                self.add_error(f"deadline_{i}", _("请填写整改时限"))
        return data

    def findings(self):
        data = self.cleaned_data
        return [
            (data[f"finding_{i}"], data[f"deadline_{i}"])
            for i in range(1, self.FINDINGS + 1)
            if data.get(f"finding_{i}")
        ]


class WeakBranchForm(VillageFormMixin, forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2020, max_value=2100)
    reasons = forms.CharField(label=_("软弱涣散表现"), widget=forms.Textarea(attrs={"rows": 3}))
    measures = forms.CharField(label=_("整顿措施"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    cadre = CadreChoiceField(label=_("包联干部"), required=False)

    def __init__(self, *args, user=None, action=None, cadres=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_village(user, action)
        self.fields["cadre"].queryset = cadres
        self.fields["year"].initial = timezone.localdate().year
