from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.orgs.choices import GRASSROOTS_KINDS
from lianxin.orgs.models import Org
from lianxin.projects.choices import Priority
from lianxin.projects.models import SupplyProject
from lianxin.standards.choices import Star

AMOUNT = {"max_digits": 12, "decimal_places": 2, "min_value": 0}


def _photo(label, required=False):
    return forms.FileField(
        label=label, required=required, widget=forms.ClearableFileInput(attrs={"capture": "environment"})
    )


class DemandForm(forms.Form):
    village = forms.ModelChoiceField(label=_("村（社区）"), queryset=Org.objects.none())
    year = forms.IntegerField(label=_("年度"), min_value=2020, max_value=2100)
    title = forms.CharField(label=_("项目名称"), max_length=200)
    star = forms.ChoiceField(label=_("服务星"), choices=Star.choices)
    work_item = forms.CharField(label=_("工作项"), max_length=200, required=False)
    description = forms.CharField(label=_("项目内容"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    amount_asked = forms.DecimalField(label=_("需求金额（万元）"), **AMOUNT)
    priority = forms.ChoiceField(label=_("优先级"), choices=Priority.choices, initial=Priority.HIGH)
    photo = _photo(_("现场照片"))

    def __init__(self, *args, user, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = (
            Org.objects.restrict(user, action)
            .filter(kind__in=GRASSROOTS_KINDS)
            .select_related("parent")
            .order_by("code")
        )
        self.fields["year"].initial = timezone.localdate().year

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        photo = data.pop("photo")
        return data | {"photos": [photo] if photo else []}


class MatchForm(forms.Form):
    supply = forms.ModelChoiceField(label=_("供给侧项目（资金）"), queryset=SupplyProject.objects.none())
    amount = forms.DecimalField(label=_("匹配金额（万元）"), **AMOUNT)
    reason = forms.CharField(label=_("匹配理由"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supply"].queryset = queryset
        self.fields["supply"].label_from_instance = lambda s: f"{s}（余额 {s.balance} 万元）"


class ProgressForm(forms.Form):
    spent = forms.DecimalField(label=_("已支出（万元）"), **AMOUNT)
    progress = forms.CharField(label=_("实施进度"), widget=forms.Textarea(attrs={"rows": 2}))


class CompleteForm(forms.Form):
    spent = forms.DecimalField(label=_("已支出（万元）"), **AMOUNT)
    evidence = _photo(_("完工佐证（照片或文件）"), required=True)

    def service_arguments(self) -> dict:
        return {"spent": self.cleaned_data["spent"], "evidence": [self.cleaned_data["evidence"]]}
