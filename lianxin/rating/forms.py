from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from lianxin.core.years import year_choices
from lianxin.rating.choices import ApplicationKind, Decision, StepKind
from lianxin.standards.choices import Star

STAR_CHOICES = Star.choices


class ApplicationForm(forms.Form):
    """What the village fills in; status, org and scores are set by the services only."""

    stars = forms.MultipleChoiceField(label=_("申报的星"), choices=STAR_CHOICES, widget=forms.CheckboxSelectMultiple)
    self_score = forms.DecimalField(label=_("自评分"), required=False, min_value=0, max_value=100, decimal_places=1)
    statement = forms.CharField(
        label=_("申报说明"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ApplicationCreateForm(ApplicationForm):
    year = forms.TypedChoiceField(label=_("年度"), coerce=int, choices=year_choices)
    kind = forms.ChoiceField(label=_("类型"), choices=ApplicationKind.choices, initial=ApplicationKind.STARS)
    field_order = ["year", "kind", "stars", "self_score", "statement"]


class EvidenceForm(forms.Form):
    work_item = forms.TypedChoiceField(label=_("工作项"), coerce=int)
    report = forms.TypedChoiceField(label=_("台账记录"), coerce=int, required=False, empty_value=None)
    note = forms.CharField(label=_("说明"), required=False, max_length=2000)

    def __init__(self, *args, work_items, reports, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work_item"].choices = [(i.pk, f"{i.code} {i.title}") for i in work_items]
        self.fields["report"].choices = [("", _("（不引用台账）"))] + [
            (r.pk, f"{r.date:%Y-%m-%d} {r.measure.description[:20]} · {r.text[:20]}") for r in reports
        ]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("审核结果"), choices=Decision.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("审核意见"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    score = forms.DecimalField(label=_("评分"), required=False, min_value=0, max_value=100, decimal_places=1)


class PublicityForm(forms.Form):
    start_date = forms.DateField(
        label=_("公示开始日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    title = forms.CharField(label=_("公示标题"), required=False, max_length=100)


class ObjectionForm(forms.Form):
    application = forms.TypedChoiceField(label=_("异议对象"), coerce=int)
    content = forms.CharField(label=_("异议内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}))
    name = forms.CharField(label=_("姓名（可不填）"), required=False, max_length=50)
    contact = forms.CharField(label=_("联系方式（可不填）"), required=False, max_length=50)

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].choices = [
            (a.pk, f"{a.org.parent.short_name} {a.org.short_name}") for a in applications
        ]


class HandleObjectionForm(forms.Form):
    handling = forms.CharField(label=_("处理情况"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    upheld = forms.BooleanField(label=_("异议成立（该申报不予认定）"), required=False)


class AdjustForm(forms.Form):
    stars = forms.MultipleChoiceField(
        label=_("保留的星（全部不选即撤销）"), choices=STAR_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(label=_("理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("拨付日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    plaque = forms.CharField(label=_("牌匾"), required=False, max_length=100)


CHAIN_CHOICES = [
    (",".join(chain), format_lazy(" → ".join("{}" for _k in chain), *(StepKind(k).label for k in chain)))
    for chain in (
        ["township", "taskforce", "office"],
        ["township", "office"],
        ["township", "taskforce"],
        ["taskforce", "office"],
    )
]


class ConfigForm(forms.Form):
    window_start = forms.DateField(
        label=_("申报开始"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    window_end = forms.DateField(
        label=_("申报截止"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    chain = forms.ChoiceField(label=_("评星审核流程"), choices=CHAIN_CHOICES)
    progress_chain = forms.ChoiceField(label=_("进步星审核流程"), choices=CHAIN_CHOICES)
    step_days = forms.IntegerField(label=_("每环节时限（工作日）"), min_value=1, max_value=60)
    publicity_days = forms.IntegerField(label=_("公示期（工作日）"), min_value=1, max_value=30)
    award_amount = forms.DecimalField(label=_("进步星奖励金额（元）"), min_value=0, max_digits=12, decimal_places=2)

    def __init__(self, *args, task_forces=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("按名称匹配"))] + [(o.code, o.name) for o in task_forces]
        for star in Star:
            self.fields[f"tf_{star.value}"] = forms.ChoiceField(
                label=_("%(star)s 审核专班") % {"star": star.label}, choices=choices, required=False
            )

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "window_start": data["window_start"],
            "window_end": data["window_end"],
            "chain": data["chain"].split(","),
            "progress_chain": data["progress_chain"].split(","),
            "step_days": data["step_days"],
            "publicity_days": data["publicity_days"],
            "award_amount": data["award_amount"],
            "task_forces": {s: data[f"tf_{s}"] for s in Star.values if data.get(f"tf_{s}")},
        }


class QuotaForm(forms.Form):
    target = forms.ChoiceField(label=_("名额类型"))
    limit = forms.IntegerField(label=_("名额数"), min_value=0, max_value=100000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        levels = [(f"level:{n}", _("%(n)d星支部") % {"n": n}) for n in (5, 4, 3, 2, 1)]
        progress = [(f"progress:{s.value}", _("%(star)s进步星") % {"star": s.label}) for s in Star]
        self.fields["target"].choices = levels + progress
