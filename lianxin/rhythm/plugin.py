"""The work rhythm (周通报、月调度、季观摩): the weekly bulletin of a county or city, every figure
derived from data already in the system (planning, rating, 党群连心), ranked per township and
checked against floors the county sets, archived by week as published.

- view: every business role reads the bulletins within its scope (a township sees its county's).
- manage: the county or city office sets the floors and generates a bulletin on demand (the
  weekly command generates every Monday's).
"""

from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import BUSINESS_ROLES, Role
from lianxin.core.plugins import AppPlugin, Label, NavItem, Section


class Action:
    RHYTHM_VIEW = "rhythm.view"
    RHYTHM_MANAGE = "rhythm.manage"


# The same section as the notices' entries (equal sections share a heading).
RHYTHM = Section(_("工作调度"), 20)


PLUGIN = AppPlugin(
    actions={
        Action.RHYTHM_VIEW: BUSINESS_ROLES,
        Action.RHYTHM_MANAGE: frozenset({Role.OFFICE}),
    },
    nav=(NavItem(_("周通报"), "rhythm:bulletin_list", "newspaper", Action.RHYTHM_VIEW, RHYTHM),),
    audit_labels={
        "rhythm.bulletin.generate": Label("生成周通报", "Generate weekly bulletin"),
        "rhythm.bulletin.retry": Label("重新生成周通报", "Retry weekly bulletin"),
        "rhythm.config.update": Label("设置通报底线", "Set bulletin floors"),
    },
    depends_on=("planning", "rating", "liaison"),
    demo="lianxin.rhythm.demo.load",
    test_cases="lianxin.rhythm.tests.cases",
    api="lianxin.rhythm.api",
    workbench="lianxin.rhythm.workbench.cards",
)
