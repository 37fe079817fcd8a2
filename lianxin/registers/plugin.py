"""The shared registers (农户与党员台账): households, party members, member–household links
(党员联户) and organisation cadres — the people the 党群连心 apps (liaison, guidance) work with.

- view: every business role reads the registers within its scope.
- edit: village and township keep households, members and links, by hand or by Excel import;
  a township edits for all its villages. The same users record consent to ID numbers, see a
  person's full record (logged) and export one person's data on request (privacy.py).
- edit_cadres: the county office keeps its organisation cadres (组工干部).

The 党群连心 section of the side navigation is declared here, where the apps that share it meet.
"""

from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import BUSINESS_ROLES, Role
from lianxin.core.plugins import AppPlugin, Label, NavItem, Section


class Action:
    REGISTERS_VIEW = "registers.view"
    REGISTERS_EDIT = "registers.edit"
    REGISTERS_EDIT_CADRES = "registers.edit_cadres"


LIAISON = Section(_("党群连心"), 40)

PLUGIN = AppPlugin(
    actions={
        Action.REGISTERS_VIEW: BUSINESS_ROLES,
        Action.REGISTERS_EDIT: frozenset({Role.TOWNSHIP, Role.VILLAGE}),
        Action.REGISTERS_EDIT_CADRES: frozenset({Role.OFFICE}),
    },
    nav=(NavItem(_("农户与党员"), "registers:household_list", "house-heart", Action.REGISTERS_VIEW, LIAISON),),
    audit_labels={
        "registers.household.create": Label("新增农户", "Add household"),
        "registers.household.update": Label("修改农户", "Edit household"),
        "registers.household.import": Label("导入农户", "Import households"),
        "registers.member.create": Label("新增党员", "Add party member"),
        "registers.member.update": Label("修改党员", "Edit party member"),
        "registers.member.import": Label("导入党员", "Import party members"),
        "registers.link.create": Label("党员联系农户", "Link member to household"),
        "registers.link.delete": Label("解除联系农户", "Unlink household"),
        "registers.cadre.create": Label("新增包片干部", "Add cadre"),
        "registers.consent.record": Label("登记身份证号同意", "Record consent to keeping the ID number"),
        "registers.consent.withdraw": Label("撤回身份证号同意", "Withdraw consent to keeping the ID number"),
        "registers.household.leave": Label("农户迁出或注销", "Household left"),
        "registers.household.return": Label("农户恢复在册", "Household back on the roll"),
        "registers.household.anonymise": Label("匿名化迁出农户", "Anonymise departed household"),
        "registers.person.reveal": Label("查看完整个人信息", "View full personal record"),
        "registers.person.export": Label("导出个人信息", "Export personal data"),
    },
    test_cases="lianxin.registers.tests.cases",
    api="lianxin.registers.api",
)
