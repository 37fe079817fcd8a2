"""The rating (评星定级): 村申报 → 乡镇初审 → 专班分星审核 → 创建办审定 → 公示 → 认定.

- apply: the village applies, attaches ledger evidence, resubmits after a return.
- review_township / review_star: the township's preliminary review; a task force reviews the
  star it answers for (only at the task force named on the step).
- decide: the creation office decides, publicises, handles objections, determines, lowers
  or revokes results and records award payments; config: its window, chain and quotas.
"""

from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import BUSINESS_ROLES, Role
from lianxin.core.plugins import AppPlugin, Label, NavItem, Section
from lianxin.orgs.choices import OrgLevel


class Action:
    RATING_VIEW = "rating.view"
    RATING_APPLY = "rating.apply"
    RATING_REVIEW_TOWNSHIP = "rating.review_township"
    RATING_REVIEW_STAR = "rating.review_star"
    RATING_DECIDE = "rating.decide"
    RATING_CONFIG = "rating.config"


RATING = Section(_("评星定级"), 30)


def has_jurisdiction(user) -> bool:
    """Statistics are per township or wider: a village's own user has none to show."""
    org = user.home_org
    return org is not None and org.is_geographic and org.level < OrgLevel.VILLAGE


PLUGIN = AppPlugin(
    actions={
        Action.RATING_VIEW: BUSINESS_ROLES,
        Action.RATING_APPLY: frozenset({Role.VILLAGE}),
        Action.RATING_REVIEW_TOWNSHIP: frozenset({Role.TOWNSHIP}),
        Action.RATING_REVIEW_STAR: frozenset({Role.TASK_FORCE}),
        Action.RATING_DECIDE: frozenset({Role.OFFICE}),
        Action.RATING_CONFIG: frozenset({Role.OFFICE}),
    },
    nav=(
        NavItem(_("评星申报"), "rating:application_list", "award", Action.RATING_VIEW, RATING),
        NavItem(_("待我审核"), "rating:queue", "inbox", Action.RATING_VIEW, RATING),
        NavItem(_("评星公示"), "rating:publicity_list", "megaphone", Action.RATING_VIEW, RATING),
        NavItem(_("星级统计"), "rating:stats_home", "bar-chart", Action.RATING_VIEW, RATING, has_jurisdiction),
        NavItem(_("评星结果"), "rating:result_list", "trophy", Action.RATING_VIEW, RATING),
        NavItem(_("进步星奖励"), "rating:award_list", "gift", Action.RATING_VIEW, RATING),
    ),
    audit_labels={
        "rating.config.save": Label("保存评星设置", "Save rating settings"),
        "rating.quota.save": Label("设定名额", "Set quota"),
        "rating.application.create": Label("新建评星申报", "Create rating application"),
        "rating.application.update": Label("修改评星申报", "Edit rating application"),
        "rating.application.submit": Label("提交评星申报", "Submit rating application"),
        "rating.evidence.add": Label("添加佐证材料", "Add evidence"),
        "rating.evidence.remove": Label("移除佐证材料", "Remove evidence"),
        "rating.review.approve": Label("评星审核通过", "Rating review: approved"),
        "rating.review.return": Label("评星审核退回", "Rating review: returned"),
        "rating.review.reject": Label("评星审核不通过", "Rating review: rejected"),
        "rating.publicity.start": Label("发布评星公示", "Start publicity"),
        "rating.application.publicise": Label("申报进入公示", "Application enters publicity"),
        "rating.objection.lodge": Label("提出公示异议", "Lodge objection"),
        "rating.objection.handle": Label("处理公示异议", "Handle objection"),
        "rating.application.determine": Label("认定星级", "Determine stars"),
        "rating.result.lower": Label("降星", "Lower stars"),
        "rating.result.revoke": Label("撤销星级", "Revoke stars"),
        "rating.award.pay": Label("登记进步星奖励拨付", "Record progress-star award payment"),
        "rating.demo.load": Label("载入演示评星数据", "Load demo rating data"),
    },
    demo="lianxin.rating.demo.load",
    depends_on=("standards", "planning"),
    rollups=("lianxin.rating.rollups.RATINGS",),
    test_cases="lianxin.rating.tests.cases",
    api="lianxin.rating.api",
    workbench="lianxin.rating.workbench.cards",
    public_routes={
        "rating:public": "the public notice (公示) of rating results, with its objection form (rate-limited)"
    },
)
