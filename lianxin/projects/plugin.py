"""The project list (项目清单): the county's supply side (供给侧项目库 — every department's funds
and projects, imported from Excel), the villages' demand side (需求侧项目库, reported by the
townships) and the office's matching of the one to the other, so that limited money goes where
the stars need it; then progress, money spent and completion evidence, and totals.

- view: every business role reads the lists within its scope.
- supply: the county office keeps the supply library (the Excel import).
- demand: a township reports its villages' needs and their progress and completion.
- match: the county office allocates supply to demand (partial amounts, never over a balance).
"""

from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import BUSINESS_ROLES, Role
from lianxin.core.plugins import AppPlugin, Label, NavItem, Section


class Action:
    PROJECTS_VIEW = "projects.view"
    PROJECTS_SUPPLY = "projects.supply"
    PROJECTS_DEMAND = "projects.demand"
    PROJECTS_MATCH = "projects.match"


# The county's three lists share one menu heading (the same Section as keymatters' and training's).
LISTS = Section(_("三个清单"), 50)

PLUGIN = AppPlugin(
    actions={
        Action.PROJECTS_VIEW: BUSINESS_ROLES,
        Action.PROJECTS_SUPPLY: frozenset({Role.OFFICE}),
        Action.PROJECTS_DEMAND: frozenset({Role.TOWNSHIP}),
        Action.PROJECTS_MATCH: frozenset({Role.OFFICE}),
    },
    nav=(
        NavItem(_("需求侧项目"), "projects:demand_list", "clipboard-data", Action.PROJECTS_VIEW, LISTS),
        NavItem(_("供给侧项目库"), "projects:supply_list", "bank", Action.PROJECTS_VIEW, LISTS),
        NavItem(_("项目资金统计"), "projects:totals", "bar-chart", Action.PROJECTS_VIEW, LISTS),
    ),
    audit_labels={
        "projects.supply.import": Label("导入供给侧项目", "Import supply projects"),
        "projects.demand.report": Label("上报需求项目", "Report demand project"),
        "projects.demand.match": Label("匹配项目资金", "Match supply to demand"),
        "projects.demand.progress": Label("报项目进度", "Report project progress"),
        "projects.demand.complete": Label("项目完工", "Complete project"),
    },
    depends_on=("standards",),
    demo="lianxin.projects.demo.load",
    test_cases="lianxin.projects.tests.cases",
    api="lianxin.projects.api",
    workbench="lianxin.projects.workbench.cards",
    village_panels=("lianxin.projects.panels.funded_projects",),
)
