"""Forms of the assessment pages; each hands a service its arguments and nothing more."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lianxin.accounts.models import User
from lianxin.assessment.choices import CompetitionKind, Difficulty, Grade, PeriodKind, SubjectKind
from lianxin.assessment.models import SchemeDimension, ScoringItem
from lianxin.assessment.services import Entry
from lianxin.core import indicators
from lianxin.core.views.imports import UploadForm


class SchemeForm(forms.Form):
    year = forms.IntegerField(
        label=_("年度"), min_value=2020, max_value=2100, initial=lambda: timezone.localdate().year
    )
    copy_last_year = forms.BooleanField(label=_("沿用上年方案（权重和评分项）"), required=False)
    name = forms.CharField(label=_("名称"), max_length=100, required=False, help_text=_("沿用上年时可不填"))
    period_kind = forms.ChoiceField(label=_("考核周期"), choices=PeriodKind.choices[:2], initial=PeriodKind.MONTH)

    def clean(self):
        data = super().clean()
        if not data.get("copy_last_year") and not data.get("name"):
            self.add_error("name", _("请填写名称"))
        return data


class SchemeUploadForm(UploadForm):
    year = forms.IntegerField(
        label=_("导入为哪一年度的方案"), min_value=2020, max_value=2100, initial=lambda: timezone.localdate().year
    )


class ItemForm(forms.Form):
    dimension = forms.ModelChoiceField(label=_("维度"), queryset=SchemeDimension.objects.none())
    title = forms.CharField(label=_("评分项"), max_length=200)
    max_points = forms.DecimalField(label=_("满分"), min_value=Decimal("0.5"), max_digits=5, decimal_places=1)
    evidence = forms.CharField(label=_("佐证材料要求"), max_length=200, required=False)
    indicator_code = forms.ChoiceField(
        label=_("来自系统数据"),
        required=False,
        help_text=_("选择后该项得分按指标值（0–100）折算，不由评分人打分"),
    )

    def __init__(self, *args, scheme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dimension"].queryset = scheme.dimensions.all() if scheme else SchemeDimension.objects.none()
        self.fields["indicator_code"].choices = [("", _("否，由评分人打分")), *indicators.choices()]


class ItemPointsForm(forms.Form):
    """Points, evidence and comment for every item the scorer fills in (auto items are shown,
    not asked)."""

    def __init__(self, *args, score=None, **kwargs):
        super().__init__(*args, **kwargs)
        stored = {row.item_id: row for row in score.items.all()}
        self.items = [
            item
            for item in ScoringItem.objects.filter(
                dimension__scheme_id=score.period.scheme_id, dimension__subject_kind=score.kind, auto_source=""
            ).select_related("dimension")
        ]
        for item in self.items:
            row = stored.get(item.pk)
            self.fields[f"points_{item.pk}"] = forms.DecimalField(
                label=item.title,
                min_value=0,
                max_value=item.max_points,
                decimal_places=1,
                required=False,
                initial=row.points if row else None,
            )
            self.fields[f"evidence_{item.pk}"] = forms.CharField(
                label=_("佐证"), max_length=300, required=False, initial=row.evidence if row else ""
            )
            self.fields[f"comment_{item.pk}"] = forms.CharField(
                label=_("评语"), max_length=300, required=False, initial=row.comment if row else ""
            )

    def rows(self):
        return [
            (item, self[f"points_{item.pk}"], self[f"evidence_{item.pk}"], self[f"comment_{item.pk}"])
            for item in self.items
        ]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "entries": {
                item.pk: Entry(data[f"points_{item.pk}"], data[f"evidence_{item.pk}"], data[f"comment_{item.pk}"])
                for item in self.items
                if data.get(f"points_{item.pk}") is not None
            }
        }


class OutcomeForm(forms.Form):
    award = forms.BooleanField(label=_("评优评先"), required=False)
    promotion = forms.BooleanField(label=_("提拔参考"), required=False)
    grade = forms.ChoiceField(label=_("绩效等次"), choices=Grade.choices)
    note = forms.CharField(label=_("备注"), max_length=200, required=False)


class MeetingForm(forms.Form):
    task_force = forms.ModelChoiceField(label=_("工作专班"), queryset=None)
    day = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    attendees = forms.CharField(label=_("参会人员"), widget=forms.Textarea(attrs={"rows": 2}))
    head_attended = forms.BooleanField(label=_("一把手参加并汇报"), required=False)
    progress = forms.CharField(label=_("汇报进展"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, task_forces=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task_force"].queryset = task_forces


class SubjectForm(forms.Form):
    """A post to assess: the org (among those the office keeps), its kind and who is in it."""

    org = forms.ModelChoiceField(label=_("所属组织"), queryset=None)
    kind = forms.ChoiceField(label=_("考核对象类别"), choices=SubjectKind.choices)
    name = forms.CharField(label=_("姓名/名称"), max_length=50)
    star = forms.CharField(
        label=_("所领星"), max_length=20, required=False, help_text=_("仅领星人填写，如：产业兴旺星")
    )

    def __init__(self, *args, orgs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs


class SubjectEditForm(forms.Form):
    """A new person in the post, and their login (someone holding a role at the post's org)."""

    name = forms.CharField(label=_("姓名/名称"), max_length=50)
    user = forms.ModelChoiceField(label=_("登录账号"), queryset=None, required=False)

    def __init__(self, *args, subject=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].initial, self.fields["user"].initial = subject.name, subject.user_id
        self.fields["user"].queryset = User.objects.filter(role_assignments__org=subject.org).distinct()


class QuizForm(forms.Form):
    title = forms.CharField(label=_("名称"), max_length=100)
    topic = forms.CharField(label=_("专题"), max_length=50, required=False, help_text=_("不填则从全部专题抽题"))
    difficulty = forms.TypedChoiceField(
        label=_("难度"), choices=[("", _("不限")), *Difficulty.choices], coerce=int, empty_value=None, required=False
    )
    question_count = forms.IntegerField(label=_("题量"), min_value=1, max_value=100, initial=10)
    minutes = forms.IntegerField(label=_("答题时长（分钟）"), min_value=1, max_value=180, initial=15)
    opens_at = forms.DateTimeField(label=_("开始时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    closes_at = forms.DateTimeField(label=_("截止时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    campaign = forms.BooleanField(label=_("月度答题活动（设排行榜）"), required=False)


class RoundForm(forms.Form):
    kind = forms.ChoiceField(label=_("比武类别"), choices=CompetitionKind.choices)
    year = forms.IntegerField(
        label=_("年度"), min_value=2020, max_value=2100, initial=lambda: timezone.localdate().year
    )
    title = forms.CharField(label=_("名称"), max_length=100)
    criteria = forms.CharField(
        label=_("评分标准"),
        widget=forms.Textarea(attrs={"rows": 4}),
        initial="思路清晰,30\n举措可行,40\n表达效果,30",
        help_text=_("每行一项：名称,满分"),
    )
    advance_count = forms.IntegerField(label=_("晋级名额（初赛）"), min_value=1, required=False)
    advance_share = forms.IntegerField(label=_("或晋级比例%（初赛）"), min_value=1, max_value=100, required=False)

    def clean_criteria(self):
        rows = []
        for line in self.cleaned_data["criteria"].splitlines():
            if not line.strip():
                continue
            name, _sep, points = line.replace("，", ",").partition(",")
            if not points.strip().isdigit():
                raise forms.ValidationError(_("每行须为“名称,满分”，满分为整数"))
            rows.append({"name": name.strip(), "max": int(points)})
        return rows


class JudgeForm(forms.Form):
    user = forms.ModelChoiceField(label=_("评委"), queryset=None)

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users


class EntryForm(forms.Form):
    village = forms.ModelChoiceField(label=_("村（社区）"), queryset=None)
    secretary = forms.CharField(label=_("参赛书记"), max_length=50)
    title = forms.CharField(label=_("演讲题目"), max_length=200)
    site_notes = forms.CharField(label=_("现场观摩情况"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, villages=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages


class SlidesForm(forms.Form):
    upload = forms.FileField(label=_("演示文稿（PDF 或 PPTX）"))


class JudgeScoreForm(forms.Form):
    """One field per criterion of the entry's round."""

    def __init__(self, *args, entry=None, **kwargs):
        super().__init__(*args, **kwargs)
        for n, criterion in enumerate(entry.round.criteria):
            self.fields[f"c{n}"] = forms.DecimalField(
                label=f"{criterion['name']}（{criterion['max']}）",
                min_value=0,
                max_value=criterion["max"],
                decimal_places=1,
            )
        self.criteria = entry.round.criteria

    def service_arguments(self) -> dict:
        return {"points": {c["name"]: self.cleaned_data[f"c{n}"] for n, c in enumerate(self.criteria)}}
