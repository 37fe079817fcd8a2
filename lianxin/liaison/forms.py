"""Forms list their fields (security.md item 8): the org comes from a choice restricted to the
user's scope, status fields are never in a form — the services set them."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.liaison.choices import BranchCategory, Category, HouseholdTag, Satisfaction, VisitWay
from lianxin.liaison.models import Cadre, Household, Matter, PartyMember
from lianxin.orgs.choices import GRASSROOTS_KINDS, OrgKind
from lianxin.orgs.models import Org

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


class HouseholdForm(VillageFormMixin, forms.ModelForm):
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
            self.fields["head_id_number"].help_text = _("已登记的号码不显示；留空则不修改")
            self.initial["head_id_number"] = ""
            self.initial["tag_choices"] = self.instance.tag_list

    def clean_head_id_number(self):
        value = self.cleaned_data["head_id_number"].strip().upper()
        return value if value or self.instance.pk is None else self.instance.head_id_number

    def values(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["tags"] = "、".join(self.cleaned_data.get("tag_choices") or [])
        return data


class MemberForm(VillageFormMixin, forms.ModelForm):
    class Meta:
        model = PartyMember
        fields = ["name", "gender", "birth_date", "joined_on", "post", "mobile", "id_number"]
        widgets = {"birth_date": DATE, "joined_on": DATE}

    def __init__(self, *args, user=None, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.add_village(user, action)
        else:
            self.fields["id_number"].help_text = _("已登记的号码不显示；留空则不修改")
            self.initial["id_number"] = ""

    def clean_id_number(self):
        value = self.cleaned_data["id_number"].strip().upper()
        return value if value or self.instance.pk is None else self.instance.id_number

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class VisitForm(forms.Form):
    """The phone form: household, way, what was raised, a photo — a few taps."""

    household = forms.ModelChoiceField(Household.objects.none(), label=_("走访农户"))
    way = forms.ChoiceField(label=_("方式"), choices=VisitWay.choices, initial=VisitWay.DOOR, widget=forms.RadioSelect)
    day = forms.DateField(label=_("走访日期"), widget=DATE)
    raised = forms.CharField(label=_("反映情况"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    category = forms.ChoiceField(label=_("类别"), choices=[("", "—")] + Category.choices, required=False)
    make_matter = forms.BooleanField(label=_("形成诉求事项，跟踪办理"), required=False)
    photo = forms.FileField(
        label=_("照片"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    member = forms.ModelChoiceField(PartyMember.objects.none(), label=_("走访党员"), required=False)

    def __init__(self, *args, households=None, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households
        self.fields["member"].queryset = members
        self.fields["day"].initial = timezone.localdate()


class MatterForm(VillageFormMixin, forms.Form):
    title = forms.CharField(label=_("事项"), max_length=100)
    category = forms.ChoiceField(label=_("类别"), choices=Category.choices)
    description = forms.CharField(label=_("详情"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, user=None, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_village(user, action)


class EscalateForm(forms.Form):
    note = forms.CharField(label=_("上报原因"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(forms.Form):
    resolution = forms.CharField(label=_("办理结果"), widget=forms.Textarea(attrs={"rows": 3}))
    satisfaction = forms.ChoiceField(label=_("群众满意度"), choices=[("", _("请选择"))] + Satisfaction.choices)


class CadreChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.unit}）" if obj.unit else obj.name


class AssignmentForm(forms.Form):
    cadre = CadreChoiceField(Cadre.objects.none(), label=_("干部"), required=False)
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
        if not data.get("cadre") and not data.get("new_cadre"):
            self.add_error("cadre", _("请选择干部或填写新干部姓名"))
        return data


class GuidanceForm(forms.Form):
    cadre = CadreChoiceField(Cadre.objects.none(), label=_("干部"))
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


class ConsultationForm(VillageFormMixin, forms.Form):
    day = forms.DateField(label=_("会商日期"), widget=DATE)
    topic = forms.CharField(label=_("议题"), max_length=200)
    attendees = forms.CharField(label=_("参会人员"), widget=forms.Textarea(attrs={"rows": 2}))
    decisions = forms.CharField(label=_("会商决定"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    matters = forms.ModelMultipleChoiceField(Matter.objects.none(), label=_("涉及事项（可多选）"), required=False)

    FOLLOW_UPS = 3

    def __init__(self, *args, user=None, action=None, matters=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_village(user, action)
        self.fields["matters"].queryset = matters
        self.fields["day"].initial = timezone.localdate()
        for i in range(1, self.FOLLOW_UPS + 1):
            self.fields[f"task_{i}"] = forms.CharField(
                label=_("跟进事项 %(n)d") % {"n": i}, required=False, max_length=200
            )
            self.fields[f"owner_{i}"] = forms.CharField(
                label=_("责任人 %(n)d") % {"n": i}, required=False, max_length=50
            )
            self.fields[f"deadline_{i}"] = forms.DateField(
                label=_("完成时限 %(n)d") % {"n": i}, required=False, widget=DATE
            )

    def clean(self):
        data = super().clean()
        for i in range(1, self.FOLLOW_UPS + 1):
            if data.get(f"task_{i}") and not (data.get(f"owner_{i}") and data.get(f"deadline_{i}")):
                self.add_error(f"task_{i}", _("跟进事项须有责任人和完成时限"))
        return data

    def follow_ups(self):
        data = self.cleaned_data
        return [
            (data[f"task_{i}"], data[f"owner_{i}"], data[f"deadline_{i}"])
            for i in range(1, self.FOLLOW_UPS + 1)
            if data.get(f"task_{i}")
        ]


class WeakBranchForm(VillageFormMixin, forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2020, max_value=2100)
    reasons = forms.CharField(label=_("软弱涣散表现"), widget=forms.Textarea(attrs={"rows": 3}))
    measures = forms.CharField(label=_("整顿措施"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    cadre = CadreChoiceField(Cadre.objects.none(), label=_("包联干部"), required=False)

    def __init__(self, *args, user=None, action=None, cadres=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_village(user, action)
        self.fields["cadre"].queryset = cadres
        self.fields["year"].initial = timezone.localdate().year


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"))


def is_township_or_village(org: Org) -> bool:
    return org.kind in (OrgKind.TOWNSHIP, *GRASSROOTS_KINDS)
