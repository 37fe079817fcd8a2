from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.core import indicators
from lianxin.standards.models import KeyTask, Standard, WorkItem

CRITERIA_WIDGETS = {
    "criteria": forms.Textarea(attrs={"rows": 2}),
    "evidence": forms.Textarea(attrs={"rows": 2}),
}


class StandardCreateForm(forms.Form):
    year = forms.IntegerField(
        label=_("年度"), min_value=2022, max_value=2100, initial=lambda: timezone.localdate().year
    )
    title = forms.CharField(label=_("标题"), max_length=100)
    source = forms.ModelChoiceField(
        label=_("复制自"),
        queryset=Standard.objects.none(),
        required=False,
        help_text=_("留空则新建空白标准；选择上年度标准或省（市）标准即可在其基础上修改细化"),
    )

    def __init__(self, *args, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources
        self.fields["source"].label_from_instance = lambda s: f"{s.year} {s.org.short_name} {s.title}"


class KeyTaskForm(forms.ModelForm):
    class Meta:
        model = KeyTask
        fields = [
            "star",
            "number",
            "title",
            "criteria",
            "evidence",
            "indicator_unit",
            "indicator_comparison",
            "indicator_threshold",
            "weight",
        ]
        widgets = CRITERIA_WIDGETS


class WorkItemForm(forms.ModelForm):
    class Meta:
        model = WorkItem
        fields = [
            "code",
            "title",
            "criteria",
            "evidence",
            "indicator_unit",
            "indicator_comparison",
            "indicator_threshold",
            "indicator_code",
            "weight",
        ]
        widgets = CRITERIA_WIDGETS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator_code"].widget = forms.Select(choices=[("", "—"), *indicators.choices()])
