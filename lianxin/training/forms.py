from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lianxin.orgs.choices import OrgKind
from lianxin.orgs.models import Org
from lianxin.training.choices import Group, QuestionKind
from lianxin.training.models import Survey

KIND_BY_LABEL = {str(k.label): k.value for k in QuestionKind} | {"排序": QuestionKind.RANK}
QUESTIONS_HELP = _("每行一题：题型|题目|选项1;选项2;…（题型为 单选、多选、填空、排序；填空题不写选项）")
DATE = forms.DateInput(attrs={"type": "date"})


class SurveyForm(forms.Form):
    county = forms.ModelChoiceField(label=_("县（市、区）"), queryset=Org.objects.none())
    title = forms.CharField(label=_("问卷名称"), max_length=200)
    year = forms.IntegerField(label=_("年度"), min_value=2020, max_value=2100)
    template = forms.ModelChoiceField(
        label=_("以此问卷为模板"), queryset=Survey.objects.none(), required=False, help_text=_("选了模板就不用填题目")
    )
    questions = forms.CharField(
        label=_("题目"), widget=forms.Textarea(attrs={"rows": 6}), required=False, help_text=QUESTIONS_HELP
    )

    def __init__(self, *args, user, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = Org.objects.restrict(user, action).filter(kind=OrgKind.COUNTY)
        self.fields["template"].queryset = Survey.objects.restrict(user, action)
        self.fields["year"].initial = timezone.localdate().year

    def clean_questions(self):
        parsed = []
        for number, line in enumerate(filter(None, map(str.strip, self.cleaned_data["questions"].splitlines())), 1):
            parts = [p.strip() for p in line.split("|")]
            if len(parts) < 2 or parts[0] not in KIND_BY_LABEL:
                raise forms.ValidationError(
                    gettext("第%(n)d行格式不对：%(help)s") % {"n": number, "help": QUESTIONS_HELP}
                )
            options = [o for o in parts[2].replace("；", ";").split(";")] if len(parts) > 2 else []
            parsed.append({"kind": KIND_BY_LABEL[parts[0]], "text": parts[1], "options": options})
        return parsed


class SendForm(forms.Form):
    groups = forms.MultipleChoiceField(
        label=_("发放对象"),
        choices=[(g.value, g.label) for g in Group if g != Group.MANUAL],
        widget=forms.CheckboxSelectMultiple,
    )


class AnswerForm(forms.Form):
    """One field per question; a ranking is one choice per place, the first place required."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for i, q in enumerate(questions):
            choices = [(o, o) for o in q["options"]]
            label = f"{i + 1}. {q['text']}"
            if q["kind"] == QuestionKind.SINGLE:
                self.fields[f"q{i}"] = forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect)
            elif q["kind"] == QuestionKind.MULTIPLE:
                self.fields[f"q{i}"] = forms.MultipleChoiceField(
                    label=label, choices=choices, widget=forms.CheckboxSelectMultiple
                )
            elif q["kind"] == QuestionKind.RANK:
                for place in range(len(choices)):
                    self.fields[f"q{i}_{place}"] = forms.ChoiceField(
                        label=f"{label} · " + gettext("第%(p)d位") % {"p": place + 1},
                        choices=[("", "—"), *choices],
                        required=place == 0,
                    )
            else:
                self.fields[f"q{i}"] = forms.CharField(label=label, required=False, widget=forms.Textarea({"rows": 2}))

    def answers(self) -> list:
        data, out = self.cleaned_data, []
        for i, q in enumerate(self.questions):
            if q["kind"] == QuestionKind.RANK:
                out.append([data[f"q{i}_{p}"] for p in range(len(q["options"])) if data.get(f"q{i}_{p}")])
            else:
                out.append(data[f"q{i}"])
        return out


class OrderForm(forms.Form):
    township = forms.ModelChoiceField(label=_("乡镇（街道）"), queryset=Org.objects.none())
    topic = forms.CharField(label=_("培训主题"), max_length=200)
    audience = forms.CharField(label=_("培训对象"), max_length=200)
    wanted_on = forms.DateField(label=_("期望日期"), widget=DATE)
    hours = forms.DecimalField(label=_("学时"), max_digits=4, decimal_places=1, min_value=Decimal("0.5"))
    place = forms.CharField(label=_("地点"), max_length=200, required=False)

    def __init__(self, *args, user, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].queryset = Org.objects.restrict(user, action).filter(kind=OrgKind.TOWNSHIP)


class DispatchForm(forms.Form):
    lecturer = forms.ModelChoiceField(label=_("讲师"), queryset=None)

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lecturer"].queryset = queryset


class RateForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("评分"), coerce=int, choices=[(n, "★" * n) for n in range(5, 0, -1)], widget=forms.RadioSelect
    )
    comment = forms.CharField(label=_("评价"), max_length=500, required=False)
