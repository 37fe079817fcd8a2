"""Forms list their fields (security.md item 8): households, rules and goods come from choices
restricted to the user's scope; balances, stock and statuses are never in a form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lianxin.core.changes import today
from lianxin.points.choices import Period
from lianxin.points.models import Goods, HouseholdCategory, Rule, Scheme
from lianxin.registers.choices import HouseholdStatus
from lianxin.registers.forms import DATE, VillageFormMixin
from lianxin.registers.models import Household


class PlacedChoiceField(forms.ModelChoiceField):
    """Rows of several villages: each named with its village."""

    def label_from_instance(self, obj):
        return f"{obj.org.short_name} · {obj}"


def households_for(user, action):
    return (
        Household.objects.restrict(user, action)
        .filter(status=HouseholdStatus.ACTIVE)
        .select_related("org")
        .order_by("org__code", "number")
    )


class EntryForm(forms.Form):
    household = PlacedChoiceField(Household.objects.none(), label=_("农户"))
    rule = PlacedChoiceField(Rule.objects.none(), label=_("积分项目"))
    day = forms.DateField(label=_("日期"), widget=DATE)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)
    photo = forms.FileField(label=_("佐证照片"), required=False)

    def __init__(self, *args, user=None, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households_for(user, action)
        self.fields["rule"].queryset = (
            Rule.objects.restrict(user, action)
            .filter(active=True, org_id__in=Scheme.objects.values("org_id"))
            .select_related("org")
        )
        self.fields["day"].initial = today()


class RuleChangeForm(forms.Form):
    """A rule's own fields, for a new rule (with its book, below) and for changing one."""

    name = forms.CharField(label=_("积分项目"), max_length=100)
    points = forms.IntegerField(label=_("分值（扣分填负数）"), min_value=-1000, max_value=1000)
    limit = forms.IntegerField(label=_("每期次数上限"), min_value=1, max_value=1000, required=False)
    period = forms.ChoiceField(label=_("周期"), choices=Period.choices)


class RuleForm(RuleChangeForm):
    book_code = forms.CharField(label=_("乡镇（模板）或村代码"), max_length=12)
    field_order = ["book_code", "name", "points", "limit", "period"]


class RetireForm(forms.Form):
    """The confirmation asked before a rule is retired."""

    confirm = forms.BooleanField(
        label=_("确认停用：停用后不能再按此项录入积分，已有的积分记录保留"),
        error_messages={"required": _("请勾选确认后再停用")},
    )


class SchemeForm(VillageFormMixin, forms.Form):
    auto_approve_up_to = forms.IntegerField(label=_("自动生效上限（分）"), min_value=0, max_value=1000, initial=5)

    def __init__(self, *args, user=None, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_village(user, action)


class GoodsForm(VillageFormMixin, forms.Form):
    name = forms.CharField(label=_("商品"), max_length=100)
    price = forms.IntegerField(label=_("兑换积分"), min_value=1, max_value=100000)

    def __init__(self, *args, user=None, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_village(user, action)


def goods_for(user, action):
    return Goods.objects.restrict(user, action).filter(active=True).select_related("org")


class DonationForm(forms.Form):
    goods = PlacedChoiceField(Goods.objects.none(), label=_("商品"))
    quantity = forms.IntegerField(label=_("数量"), min_value=1, max_value=100000)
    donor = forms.CharField(label=_("捐赠方/资金来源"), max_length=100)
    value = forms.DecimalField(label=_("折合金额（元）"), min_value=0, max_digits=10, decimal_places=2, initial=0)
    day = forms.DateField(label=_("日期"), widget=DATE)

    def __init__(self, *args, user=None, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goods"].queryset = goods_for(user, action)
        self.fields["day"].initial = today()


class RedemptionForm(forms.Form):
    household = PlacedChoiceField(Household.objects.none(), label=_("农户"))
    goods = PlacedChoiceField(Goods.objects.none(), label=_("商品"))
    quantity = forms.IntegerField(label=_("数量"), min_value=1, max_value=1000, initial=1)

    def __init__(self, *args, user=None, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households_for(user, action)
        self.fields["goods"].queryset = goods_for(user, action)


class CategoryChangeForm(forms.Form):
    name = forms.CharField(label=_("类别"), max_length=20)
    rank = forms.IntegerField(label=_("等次（1 为最好）"), min_value=1, max_value=9)
    criteria = forms.CharField(label=_("评定标准"), widget=forms.Textarea(attrs={"rows": 3}))


class CategoryForm(CategoryChangeForm):
    county_code = forms.CharField(label=_("县（市、区）代码"), max_length=6)
    field_order = ["county_code", "name", "rank", "criteria"]


class RatingForm(VillageFormMixin, forms.Form):
    period = forms.CharField(label=_("评定期次"), max_length=30, initial=f"{today().year}年")

    def __init__(self, *args, user=None, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_village(user, action)


class RateForm(forms.Form):
    household = forms.ModelChoiceField(Household.objects.none(), label=_("农户"))
    category = forms.ModelChoiceField(HouseholdCategory.objects.none(), label=_("类别"))
    reason = forms.CharField(label=_("评定理由"), max_length=200)

    def __init__(self, *args, households=None, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].queryset = households
        self.fields["category"].queryset = categories


class ConfirmForm(forms.Form):
    publicity_until = forms.DateField(label=_("公示截止"), widget=DATE)
