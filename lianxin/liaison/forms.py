"""Forms list their fields (security.md item 8): the org comes from a choice restricted to the
user's scope, status fields are never in a form — the services set them."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.liaison.choices import Category, Satisfaction, VisitWay
from lianxin.liaison.models import Matter
from lianxin.orgs.models import Org
from lianxin.registers.forms import DATE, VillageFormMixin
from lianxin.registers.models import Household, PartyMember


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
    client_id = forms.UUIDField(required=False, widget=forms.HiddenInput)

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


class AssignForm(forms.Form):
    unit = forms.ModelChoiceField(Org.objects.none(), label=_("责任单位"), empty_label=_("请选择责任单位"))
    note = forms.CharField(label=_("交办要求"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class ReturnVisitForm(forms.Form):
    """The township's call (or visit) to the household after the matter was closed."""

    day = forms.DateField(label=_("回访日期"), widget=DATE)
    way = forms.ChoiceField(label=_("回访方式"), choices=VisitWay.choices, initial=VisitWay.PHONE)
    satisfaction = forms.ChoiceField(
        label=_("群众满意度"), choices=[("", _("请选择"))] + Satisfaction.choices, widget=forms.RadioSelect
    )
    opinion = forms.CharField(label=_("群众意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].initial = timezone.localdate()
        self.fields["satisfaction"].choices = Satisfaction.choices

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {k: data[k] for k in ("day", "way", "satisfaction", "opinion")}


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
