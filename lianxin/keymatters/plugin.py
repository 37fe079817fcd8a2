"""The key-matters list (重点事项推进清单): each township, task force, responsible unit and the
county's creation office keeps, month by month, only its 3–6 most urgent and hardest matters;
a matter leaves the list when done (kept in history) and open ones carry over; the creation
office reviews every list with a comment and a grade.

- view: every business role reads the lists within its scope.
- keep: the unit's own people (township, task force, responsible unit; the county office for
  its creation office's list) enter matters, note progress and close them — only on the lists
  of the units they hold a role at (services.may_keep).
- review: the county office comments on and grades each list of a month.
"""

from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import BUSINESS_ROLES, Role
from lianxin.core.plugins import AppPlugin, Label, NavItem, Section


class Action:
    KEYMATTERS_VIEW = "keymatters.view"
    KEYMATTERS_KEEP = "keymatters.keep"
    KEYMATTERS_REVIEW = "keymatters.review"


# The county's three lists (项目清单、培训清单、重点事项推进清单) share one menu heading.
LISTS = Section(_("三个清单"), 50)

PLUGIN = AppPlugin(
    actions={
        Action.KEYMATTERS_VIEW: BUSINESS_ROLES,
        Action.KEYMATTERS_KEEP: frozenset({Role.OFFICE, Role.TOWNSHIP, Role.TASK_FORCE, Role.UNIT}),
        Action.KEYMATTERS_REVIEW: frozenset({Role.OFFICE}),
    },
    nav=(
        NavItem(_("重点事项清单"), "keymatters:matter_list", "list-check", Action.KEYMATTERS_VIEW, LISTS),
        NavItem(_("重点事项月度总览"), "keymatters:month", "calendar3", Action.KEYMATTERS_VIEW, LISTS),
    ),
    audit_labels={
        "keymatters.matter.add": Label("列入重点事项", "Add key matter"),
        "keymatters.matter.progress": Label("记录重点事项进展", "Note key-matter progress"),
        "keymatters.matter.complete": Label("重点事项办结", "Complete key matter"),
        "keymatters.review.save": Label("点评重点事项清单", "Review key-matters list"),
    },
    depends_on=("standards",),
    demo="lianxin.keymatters.demo.load",
    test_cases="lianxin.keymatters.tests.cases",
    api="lianxin.keymatters.api",
    workbench="lianxin.keymatters.workbench.cards",
    village_panels=("lianxin.keymatters.panels.township_matters",),
)
