"""Happiness points (幸福积分) and the points shop (积分超市).

- view: every business role reads points, rule books, the shop and rankings within its scope.
- enter: village clerks (and the township for its villages) enter points for households.
- approve: the village secretary (or the township) approves entries above the village's
  threshold — never one they entered themselves.
- manage: the township keeps its template rule book; a village copies it, adjusts its own
  book and threshold, and keeps the shop's goods and their donations (道德银行).
- redeem: the village records a household's redemption in the shop.
- categories: the county office sets the three household categories (三类户) and criteria;
  the village rates its households (manage), the township confirms (confirm) and publicises.

A household's public page (no login, rate-limited) is reached by the QR code on its plaque.
"""

from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import BUSINESS_ROLES, Role
from lianxin.core.plugins import VILLAGE_LIFE, AppPlugin, Label, NavItem


class Action:
    POINTS_VIEW = "points.view"
    POINTS_ENTER = "points.enter"
    POINTS_APPROVE = "points.approve"
    POINTS_MANAGE = "points.manage"
    POINTS_REDEEM = "points.redeem"
    POINTS_CATEGORIES = "points.categories"
    POINTS_CONFIRM = "points.confirm"


VILLAGE_AND_TOWNSHIP = frozenset({Role.VILLAGE, Role.TOWNSHIP})

PLUGIN = AppPlugin(
    actions={
        Action.POINTS_VIEW: BUSINESS_ROLES,
        Action.POINTS_ENTER: VILLAGE_AND_TOWNSHIP,
        Action.POINTS_APPROVE: VILLAGE_AND_TOWNSHIP,
        Action.POINTS_MANAGE: VILLAGE_AND_TOWNSHIP,
        Action.POINTS_REDEEM: VILLAGE_AND_TOWNSHIP,
        Action.POINTS_CATEGORIES: frozenset({Role.OFFICE}),
        Action.POINTS_CONFIRM: frozenset({Role.TOWNSHIP}),
    },
    nav=(
        NavItem(_("幸福积分"), "points:entry_list", "stars", Action.POINTS_VIEW, VILLAGE_LIFE),
        NavItem(_("积分超市"), "points:goods_list", "shop", Action.POINTS_VIEW, VILLAGE_LIFE),
        NavItem(_("三类户评定"), "points:rating_list", "house-check", Action.POINTS_VIEW, VILLAGE_LIFE),
    ),
    audit_labels={
        "points.rule.create": Label("新增积分规则", "Add points rule"),
        "points.rule.update": Label("修改积分规则", "Change points rule"),
        "points.rule.retire": Label("停用积分规则", "Retire points rule"),
        "points.scheme.copy": Label("复制积分规则模板", "Copy points rule template"),
        "points.scheme.threshold": Label("设置积分自动生效上限", "Set points auto-approval threshold"),
        "points.entry.create": Label("录入积分", "Enter points"),
        "points.entry.approve": Label("审核通过积分", "Approve points entry"),
        "points.entry.reject": Label("退回积分", "Reject points entry"),
        "points.goods.create": Label("新增积分超市商品", "Add shop goods"),
        "points.donation.create": Label("道德银行入库", "Record donation to the shop"),
        "points.redemption.create": Label("积分兑换", "Redeem points"),
        "points.demo.load": Label("载入演示积分数据", "Load demo points data"),
        "points.category.create": Label("新增三类户类别", "Add household category"),
        "points.category.update": Label("修改三类户类别", "Change household category"),
        "points.rating.start": Label("开始三类户评定", "Start household category rating"),
        "points.rating.rate": Label("评定农户类别", "Rate household"),
        "points.rating.submit": Label("提交三类户评定", "Submit household rating"),
        "points.rating.confirm": Label("确认三类户评定并公示", "Confirm and publicise household rating"),
    },
    demo="lianxin.points.demo.load",
    test_cases="lianxin.points.tests.cases",
    api="lianxin.points.api",
    public_routes={"points:public": "a household's points and category from the QR code on its plaque, names masked"},
    workbench="lianxin.points.workbench.cards",
    indicators={
        "points.households_share": "lianxin.points.indicators.HOUSEHOLDS_SHARE",
        "points.shop_months": "lianxin.points.indicators.SHOP_MONTHS",
    },
)
