"""Forms list their fields (security.md item 8): villages, households, teams and volunteers
come from choices restricted to the user's scope; statuses and outcomes' dates are set by the
services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lianxin.civic.choices import DisputeKind, Outcome, ServiceKind, SessionKind, Voting
from lianxin.civic.models import Nomination, Team, Volunteer
from lianxin.core.changes import today
from lianxin.registers.forms import DATE, VillageFormMixin
from lianxin.registers.models import Household


class PlacedMultipleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.org.short_name} · {obj}"


class VillageForm(VillageFormMixin, forms.Form):
    def __init__(self, *args, user=None, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_village(user, action)
        self.scope = (user, action)


class DisputeForm(VillageForm):
    kind = forms.ChoiceField(label=_("类型"), choices=DisputeKind.choices)
    households = PlacedMultipleChoice(Household.objects.none(), label=_("当事农户"), required=False)
    parties = forms.CharField(label=_("其他当事人"), max_length=200, required=False)
    place = forms.CharField(label=_("发生地点"), max_length=100, required=False)
    description = forms.CharField(label=_("纠纷情况"), widget=forms.Textarea(attrs={"rows": 3}))
    mediator = forms.CharField(label=_("调解员"), max_length=50)
    counselling = forms.BooleanField(label=_("需心理疏导"), required=False)
    received_on = forms.DateField(label=_("受理日期"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["households"].queryset = Household.objects.restrict(*self.scope).select_related("org")
        self.fields["received_on"].initial = today()


class ZeroReportForm(VillageForm):
    month = forms.DateField(label=_("月份（任一天）"), widget=DATE)
    petitions = forms.IntegerField(label=_("越级上访（起）"), min_value=0, max_value=999, initial=0)
    incidents = forms.IntegerField(label=_("安全事故（起）"), min_value=0, max_value=999, initial=0)
    cases = forms.IntegerField(label=_("刑事案件（起）"), min_value=0, max_value=999, initial=0)


class TeamForm(VillageForm):
    name = forms.CharField(label=_("队伍名称"), max_length=100)
    kind = forms.ChoiceField(label=_("服务类型"), choices=ServiceKind.choices)


class VolunteerForm(VillageForm):
    name = forms.CharField(label=_("姓名"), max_length=50)
    skills = forms.CharField(label=_("服务特长"), max_length=100, required=False)
    teams = PlacedMultipleChoice(Team.objects.none(), label=_("所在队伍"), required=False)
    since = forms.IntegerField(label=_("开始服务年份"), min_value=1949, max_value=2100, required=False)
    prior_hours = forms.IntegerField(label=_("此前累计时长（小时）"), min_value=0, initial=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teams"].queryset = Team.objects.restrict(*self.scope).select_related("org")


class ActivityForm(forms.Form):
    team = forms.ModelChoiceField(Team.objects.none(), label=_("服务队"))
    title = forms.CharField(label=_("活动"), max_length=100)
    day = forms.DateField(label=_("日期"), widget=DATE)
    beneficiaries = forms.IntegerField(label=_("服务对象（人次）"), min_value=0, initial=0)
    note = forms.CharField(label=_("服务对象说明"), max_length=200, required=False)
    volunteers = PlacedMultipleChoice(Volunteer.objects.none(), label=_("参加的志愿者"), required=False)
    hours = forms.DecimalField(label=_("每人时长（小时）"), min_value=0.5, max_value=24, initial=2)

    def __init__(self, *args, user=None, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.restrict(user, action)
        self.fields["volunteers"].queryset = Volunteer.objects.restrict(user, action).select_related("org")
        self.fields["day"].initial = today()


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=SessionKind.choices)
    note = forms.CharField(label=_("情况"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("结果"), choices=Outcome.choices)
    result = forms.CharField(label=_("办理结果"), widget=forms.Textarea(attrs={"rows": 2}))


class AgreementForm(forms.Form):
    upload = forms.FileField(label=_("调解协议（扫描件或照片）"))


class CampaignForm(forms.Form):
    org_code = forms.CharField(label=_("村（社区）或乡镇代码"), max_length=12)
    year = forms.IntegerField(label=_("年度"), min_value=2020, max_value=2100)
    title = forms.CharField(label=_("评选活动"), max_length=100)
    categories = forms.CharField(label=_("评选类别"), max_length=200, initial="好媳妇、好公婆、致富能手")
    voting = forms.ChoiceField(label=_("投票方式"), choices=Voting.choices)

    def __init__(self, *args, user=None, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = today().year


class NominateForm(forms.Form):
    category = forms.CharField(label=_("类别"), max_length=20)
    name = forms.CharField(label=_("姓名"), max_length=50)
    reason = forms.CharField(label=_("推荐事迹"), widget=forms.Textarea(attrs={"rows": 2}))


class VoteForm(forms.Form):
    nomination = forms.ModelChoiceField(Nomination.objects.none(), label=_("人选"))
    household = forms.ModelChoiceField(Household.objects.none(), label=_("投票农户"), required=False)

    def __init__(self, *args, nominations=None, households=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = nominations
        self.fields["household"].queryset = households


class PubliciseForm(forms.Form):
    until = forms.DateField(label=_("公示截止"), widget=DATE)


class ObjectionForm(forms.Form):
    nomination = forms.ModelChoiceField(Nomination.objects.none(), label=_("当选人选"))
    content = forms.CharField(label=_("异议内容"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, nominations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = nominations
