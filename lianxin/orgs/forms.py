from django import forms
from django.utils.translation import gettext_lazy as _

from lianxin.orgs.choices import UNIT_KINDS, OrgKind


class UnitForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=[(k.value, k.label) for k in OrgKind if k in UNIT_KINDS])
    name = forms.CharField(label=_("名称"), max_length=100, help_text=_("例如：支部过硬星工作专班"))

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("请填写名称"))
        return name
