from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from lianxin.core.years import year_choices
from lianxin.rating.choices import ApplicationKind, Decision, QuotaKind, StepKind
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
    """A work item of the applied stars and, optionally, one of the village's ledger entries
    (`work_items`, `reports`: the rows offered, and the only ones accepted)."""

    work_item = forms.TypedChoiceField(label=_("工作项"), coerce=int)
    report = forms.TypedChoiceField(label=_("台账记录"), coerce=int, required=False, empty_value=None)
    note = forms.CharField(label=_("说明"), required=False, max_length=2000)

    def __init__(self, *args, work_items, reports, **kwargs):
        super().__init__(*args, **kwargs)
        self.work_items = {i.pk: i for i in work_items}
        self.reports = {r.pk: r for r in reports}
        self.fields["work_item"].choices = [(i.pk, f"{i.code} {i.title}") for i in self.work_items.values()]
        self.fields["report"].choices = [("", _("（不引用台账）"))] + [
            (r.pk, f"{r.date:%Y-%m-%d} {r.measure.description[:20]} · {r.text[:20]}") for r in self.reports.values()
        ]

    def clean_work_item(self):
        return self.work_items[self.cleaned_data["work_item"]]

    def clean_report(self):
        pk = self.cleaned_data["report"]
        return self.reports[pk] if pk is not None else None


class ReviewForm(forms.Form):
    """A decision on one of the application's review steps (`steps`), with the task force's
    scores per work item posted as `item_<pk>` (the service checks they belong to its star)."""

    step = forms.ModelChoiceField(
        label=_("审核环节"), queryset=None, error_messages={"invalid_choice": _("该审核环节不存在")}
    )
    decision = forms.ChoiceField(label=_("审核结果"), choices=Decision.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("审核意见"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    score = forms.DecimalField(label=_("评分"), required=False, min_value=0, max_value=100, decimal_places=1)

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].queryset = steps

    def clean(self):
        data = super().clean()
        scores = {}
        for name, value in self.data.items():
            pk = name.removeprefix("item_")
            if name.startswith("item_") and pk.isdigit() and value.strip():
                try:
                    scores[int(pk)] = Decimal(value.strip())
                except InvalidOperation:
                    raise forms.ValidationError(_("评分须为数字")) from None
        data["item_scores"] = scores
        return data


class PublicityForm(forms.Form):
    """The office's publicity of approved applications (`approved`: those it may choose from)."""

    applications = forms.ModelMultipleChoiceField(
        label=_("审定通过的申报"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请选择要公示的申报")},
    )
    start_date = forms.DateField(
        label=_("公示开始日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    title = forms.CharField(label=_("公示标题"), required=False, max_length=100)

    def __init__(self, *args, approved, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["applications"]
        field.queryset = approved
        field.label_from_instance = _application_label


def _application_label(application) -> str:
    progress = f"（{_('进步星')}）" if application.kind == ApplicationKind.PROGRESS else ""
    return f"{application.org.parent.short_name} {application.org.short_name} · {application.approved_labels}{progress}"


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
    """How one of the publicity's objections (`objections`) was handled."""

    objection = forms.ModelChoiceField(
        label=_("异议"), queryset=None, error_messages={"invalid_choice": _("该异议不存在")}
    )
    handling = forms.CharField(
        label=_("处理情况"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("请填写处理情况")},
    )
    upheld = forms.BooleanField(label=_("异议成立（该申报不予认定）"), required=False)

    def __init__(self, *args, objections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objection"].queryset = objections


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
    require_evidence = forms.BooleanField(
        label=_("申报的每颗星须有台账佐证"),
        required=False,
        help_text=_("选中后，没有引用台账记录作佐证的星不能提交；不选时提醒村里确认后仍可提交"),
    )

    def __init__(self, *args, task_forces=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("按名称匹配"))] + [(o.code, o.name) for o in task_forces]
        for star in Star:
            self.fields[f"tf_{star.value}"] = forms.ChoiceField(
                label=_("%(star)s 审核专班") % {"star": star.label}, choices=choices, required=False
            )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "window_start": data["window_start"],
            "window_end": data["window_end"],
            "chain": data["chain"].split(","),
            "progress_chain": data["progress_chain"].split(","),
            "step_days": data["step_days"],
            "publicity_days": data["publicity_days"],
            "award_amount": data["award_amount"],
            "require_evidence": data["require_evidence"],
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

    def service_arguments(self) -> dict:
        kind, _sep, value = self.cleaned_data["target"].partition(":")
        target = {"level": int(value)} if kind == QuotaKind.LEVEL else {"star": value}
        return {"kind": kind, "limit": self.cleaned_data["limit"], **target}
