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


def work_item_label(item) -> str:
    return f"{item.code} {item.title}"


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

    def __init__(self, *args, work_items, options_url="", **kwargs):
        """`work_items`: the plan's standard's; the choice offers those of the chosen star, and
        follows the star when it changes (htmx asks `options_url` for the options)."""
        super().__init__(*args, **kwargs)
        star = self.data.get("star") if self.is_bound else (self.initial.get("star") or self.instance.star)
        self.fields["work_item"].queryset = work_items.filter(key_task__star=star) if star else work_items.none()
        self.fields["work_item"].label_from_instance = work_item_label
        self.fields["work_item"].empty_label = _("（不对应具体工作项）") if star else _("请先选择星")
        if options_url:
            self.fields["star"].widget.attrs.update(
                {"hx-get": options_url, "hx-target": "#id_work_item", "hx-swap": "innerHTML"}
            )
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
    # Made on the phone (static/js/offline.js): a resend of the same report is answered, not repeated.
    client_id = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "date": data["date"],
            "text": data["text"],
            "progress": data["progress"],
            "files": self.files.getlist("files"),
            "client_id": data["client_id"],
        }


class AssessmentSheetForm(forms.Form):
    """The whole self-assessment as one form: for every work item of the plan's standard
    (`items`), met or not and the evidence, prefilled from the plan's `assessments`. Its inputs
    name the form by id (`form="assess-form"`), so they sit in the table's rows."""

    FORM_ID = "assess-form"
    MET = [("", _("未自评")), ("1", _("达标")), ("0", _("未达标"))]

    def __init__(self, *args, items, assessments, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        found = {a.work_item_id: a for a in assessments}
        for item in self.items:
            answer = found.get(item.pk)
            self.fields[f"met_{item.pk}"] = forms.ChoiceField(
                label=f"{item.code} {_('是否达标')}",
                choices=self.MET,
                required=False,
                initial="" if answer is None else ("1" if answer.met else "0"),
                widget=forms.Select(attrs={"form": self.FORM_ID, "class": "form-select form-select-sm"}),
            )
            self.fields[f"evidence_{item.pk}"] = forms.CharField(
                label=f"{item.code} {_('佐证说明')}",
                required=False,
                max_length=2000,
                initial=answer.evidence if answer else "",
                widget=forms.TextInput(
                    attrs={"form": self.FORM_ID, "class": "form-control form-control-sm", "placeholder": _("佐证说明")}
                ),
            )

    def clean(self):
        data = super().clean()
        for item in self.items:
            if data.get(f"evidence_{item.pk}") and not data.get(f"met_{item.pk}"):
                self.add_error(f"met_{item.pk}", _("填写了佐证说明，请选择是否达标"))
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        answers = [
            (item, data[f"met_{item.pk}"] == "1", data[f"evidence_{item.pk}"].strip())
            for item in self.items
            if data.get(f"met_{item.pk}")
        ]
        return {"answers": answers}


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
