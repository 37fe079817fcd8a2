from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core.personal import MaskedInitialMixin
from lianxin.core.years import year_choices
from lianxin.planning.choices import CellStatus, ReviewStatus
from lianxin.planning.models import Measure
from lianxin.standards.choices import Star


class PlanCreateForm(forms.Form):
    year = forms.TypedChoiceField(label=_("年度"), coerce=int, choices=year_choices)


class PlanStarForm(forms.Form):
    targeted = forms.BooleanField(label=_("列为创建目标"), required=False)
    strengths = forms.CharField(
        label=_("创建优势"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    weaknesses = forms.CharField(
        label=_("短板弱项"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    weak_items = forms.ModelMultipleChoiceField(
        label=_("尚未达标的工作项"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, work_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weak_items"].queryset = work_items


class MeasureForm(MaskedInitialMixin, forms.ModelForm):
    class Meta:
        model = Measure
        fields = [
            "star",
            "work_item",
            "description",
            "deadline",
            "responsible_name",
            "responsible_post",
            "responsible_mobile",
            "star_leader",
            "budget",
        ]
        widgets = {
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, work_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work_item"].queryset = work_items
        self.fields["work_item"].label_from_instance = lambda item: f"{item.code} {item.title}"
        self.fields["budget"].min_value = 0
        self.mask_personal(self.instance)

    def clean_budget(self):
        budget = self.cleaned_data.get("budget")
        if budget is not None and budget < 0:
            raise forms.ValidationError(_("预算不能为负数"))
        return budget


class ReportForm(forms.Form):
    date = forms.DateField(
        label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), initial=timezone.localdate
    )
    progress = forms.IntegerField(label=_("当前进度（%）"), min_value=0, max_value=100)
    text = forms.CharField(label=_("进展情况"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    files = forms.FileField(
        label=_("照片或文档"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,.pdf,.docx,.xlsx,.pptx", "capture": "environment"}),
        help_text=_("可选。照片 JPG/PNG，文档 PDF/Word/Excel，单个不超过10MB"),
    )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "date": data["date"],
            "text": data["text"],
            "progress": data["progress"],
            "files": self.files.getlist("files"),
        }


class AssessmentForm(forms.Form):
    """One work item of the plan's standard (`items`), assessed by the village."""

    item = forms.ModelChoiceField(label=_("工作项"), queryset=None)
    met = forms.TypedChoiceField(
        label=_("是否达标"), choices=[("1", _("达标")), ("0", _("未达标"))], coerce=lambda v: v == "1"
    )
    evidence = forms.CharField(label=_("佐证说明"), required=False, max_length=2000)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items


class AssessmentReviewForm(forms.Form):
    """The township's word on the village's assessment of a work item: `item` names the work
    item, and the form finds the plan's assessment of it (`assessments`)."""

    item = forms.ModelChoiceField(
        label=_("工作项"),
        queryset=None,
        to_field_name="work_item",
        error_messages={"invalid_choice": _("该工作项尚未自评")},
    )
    status = forms.ChoiceField(
        label=_("确认结果"), choices=[(ReviewStatus.CONFIRMED, _("确认")), (ReviewStatus.DISPUTED, _("有异议"))]
    )
    comment = forms.CharField(label=_("意见"), required=False, max_length=2000)

    def __init__(self, *args, assessments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = assessments


class RuleForm(forms.Form):
    min_five_star = forms.IntegerField(label=_("每个乡镇至少申报五星"), min_value=0, max_value=100)
    min_four_star = forms.IntegerField(label=_("每个乡镇至少申报四星"), min_value=0, max_value=100)


class DeclarationForm(forms.Form):
    five_star = forms.ModelMultipleChoiceField(
        label=_("拟创五星"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    four_star = forms.ModelMultipleChoiceField(
        label=_("拟创四星"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["five_star"].queryset = villages
        self.fields["four_star"].queryset = villages

    def clean(self):
        data = super().clean()
        both = set(data.get("five_star") or []) & set(data.get("four_star") or [])
        if both:
            raise forms.ValidationError(
                _("同一个村不能同时申报五星和四星：%(v)s") % {"v": "、".join(v.short_name for v in both)}
            )
        return data


class BoardFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("年度"), coerce=int, choices=year_choices, required=False)
    township = forms.ChoiceField(label=_("乡镇（街道）"), required=False)
    star = forms.ChoiceField(label=_("星"), choices=[("", _("全部"))] + list(Star.choices), required=False)
    status = forms.ChoiceField(label=_("状态"), choices=[("", _("全部"))] + list(CellStatus.choices), required=False)

    def __init__(self, *args, townships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].choices = [("", _("全部"))] + townships
