"""Forms list their fields (security.md item 8): the village comes from a choice restricted to
the user's scope; the services set everything else. The village choice is shared with the
apps built on the registers (liaison, guidance)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lianxin.core.changes import today
from lianxin.core.personal import MaskedInitialMixin
from lianxin.orgs.choices import GRASSROOTS_KINDS
from lianxin.orgs.models import Org
from lianxin.registers.choices import DEPARTED, HouseholdStatus, HouseholdTag
from lianxin.registers.models import Cadre, Household, PartyMember

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VillageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.parent.short_name if obj.parent else ''} · {obj.short_name}"


def villages_for(user, action):
    return (
        Org.objects.restrict(user, action).filter(kind__in=GRASSROOTS_KINDS).select_related("parent").order_by("code")
    )


class VillageFormMixin:
    """A `village` choice limited to the villages where the user may perform `action`."""

    def add_village(self, user, action):
        choices = villages_for(user, action)
        self.fields = {"village": VillageChoiceField(choices, label=_("村(社区)")), **self.fields}
        if len(choices[:2]) == 1:
            self.fields["village"].initial = choices[0]


class CadreChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(Cadre.objects.none(), **kwargs)

    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.unit}）" if obj.unit else obj.name


def consent_date_field(**kwargs) -> forms.DateField:
    return forms.DateField(label=_("身份证号同意日期"), widget=DATE, **kwargs)


class ConsentOnCreateMixin:
    """A new person's form asks for the day they consented to their ID number being kept; the
    service refuses an ID number without it. Consent to a number already on record is recorded
    on the person's page (ConsentForm)."""

    def add_consent(self):
        if self.instance.pk is None:
            self.fields["consent_on"] = consent_date_field(
                required=False, help_text=_("填写身份证号时必填：本人同意登记身份证号的日期")
            )

    def consent_on(self):
        return self.cleaned_data.get("consent_on")


class HouseholdForm(MaskedInitialMixin, ConsentOnCreateMixin, VillageFormMixin, forms.ModelForm):
    tag_choices = forms.MultipleChoiceField(
        label=_("标签"), choices=HouseholdTag.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Household
        fields = ["number", "head_name", "head_id_number", "size", "group", "address", "phone"]

    def __init__(self, *args, user=None, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.add_village(user, action)
        else:
            self.mask_personal(self.instance)
            self.fields["head_id_number"].help_text = _("已登记的号码不显示；留空则不修改")
            self.initial["head_id_number"] = ""
            self.initial["tag_choices"] = self.instance.tag_list
        self.add_consent()

    def clean_head_id_number(self):
        value = self.cleaned_data["head_id_number"].strip().upper()
        return value if value or self.instance.pk is None else self.instance.head_id_number

    def service_arguments(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["tags"] = "、".join(self.cleaned_data.get("tag_choices") or [])
        return data


class MemberForm(MaskedInitialMixin, ConsentOnCreateMixin, VillageFormMixin, forms.ModelForm):
    class Meta:
        model = PartyMember
        fields = ["name", "gender", "birth_date", "joined_on", "post", "mobile", "id_number"]
        widgets = {"birth_date": DATE, "joined_on": DATE}

    def __init__(self, *args, user=None, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.add_village(user, action)
        else:
            self.mask_personal(self.instance)
            self.fields["id_number"].help_text = _("已登记的号码不显示；留空则不修改")
            self.initial["id_number"] = ""
        self.add_consent()

    def clean_id_number(self):
        value = self.cleaned_data["id_number"].strip().upper()
        return value if value or self.instance.pk is None else self.instance.id_number

    def service_arguments(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class LinkHouseholdsForm(forms.Form):
    """The households a member is to look after, among the given ones (the member's village)."""

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"] = forms.ModelMultipleChoiceField(label=_("联系户"), queryset=queryset)


class ConsentForm(forms.Form):
    consent_on = consent_date_field(initial=today)


class DepartureForm(forms.Form):
    status = forms.ChoiceField(
        label=_("迁出或注销"), choices=[(s.value, s.label) for s in HouseholdStatus if s in DEPARTED]
    )
    left_on = forms.DateField(label=_("迁出/注销日期"), widget=DATE, initial=today)


class ReasonForm(forms.Form):
    """Why a user looks at a person's full record or exports it: written to the audit log."""

    reason = forms.CharField(
        label=_("原因"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("如：核对低保申报材料；本人书面申请查阅。将记入审计日志"),
    )
