from django import forms
from django.utils.translation import gettext_lazy as _

from lianxin.keymatters.choices import Grade
from lianxin.keymatters.services import kept_units
from lianxin.orgs.choices import GRASSROOTS_KINDS
from lianxin.orgs.models import Org
from lianxin.standards.choices import Star

DATE = forms.DateInput(attrs={"type": "date"})


class MatterForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=Org.objects.none())
    title = forms.CharField(label=_("事项"), max_length=200)
    description = forms.CharField(label=_("目标与措施"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    owner = forms.CharField(label=_("责任人"), max_length=50)
    deadline = forms.DateField(label=_("完成时限"), widget=DATE)
    star = forms.ChoiceField(label=_("服务星"), choices=[("", "—"), *Star.choices], required=False)
    villages = forms.ModelMultipleChoiceField(
        label=_("涉及村（社区）"),
        queryset=Org.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, user, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = kept_units(user).order_by("code")
        self.fields["villages"].queryset = (
            Org.objects.restrict(user, action).filter(kind__in=GRASSROOTS_KINDS).order_by("code")
        )


class ReviewForm(forms.Form):
    month = forms.RegexField(label=_("月份（年-月）"), regex=r"^\d{4}-\d{1,2}$", max_length=7)
    grade = forms.ChoiceField(label=_("等次"), choices=Grade.choices)
    comment = forms.CharField(label=_("点评意见"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000)
