"""Creation standards (创建标准): every business role reads them; the creation office writes them."""

from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import BUSINESS_ROLES, Role
from lianxin.core.plugins import AppPlugin, Label, NavItem, Section

# The navigation heading shared with the apps built on the standard (planning).
CREATION = Section(_("五星创建"), 20)


class Action:
    STANDARDS_VIEW = "standards.view"
    STANDARDS_MANAGE = "standards.manage"  # office: author, import, publish a standard


PLUGIN = AppPlugin(
    actions={
        Action.STANDARDS_VIEW: BUSINESS_ROLES,
        Action.STANDARDS_MANAGE: frozenset({Role.OFFICE}),
    },
    nav=(NavItem(_("创建标准"), "standards:list", "list-stars", Action.STANDARDS_VIEW, CREATION),),
    audit_labels={
        "standards.standard.create": Label("新建创建标准", "Create standard"),
        "standards.standard.publish": Label("发布创建标准", "Publish standard"),
        "standards.standard.delete": Label("删除创建标准", "Delete standard"),
        "standards.standard.import": Label("导入创建标准", "Import standard"),
        "standards.key_task.create": Label("新增重点任务", "Add key task"),
        "standards.key_task.save": Label("修改重点任务", "Edit key task"),
        "standards.work_item.create": Label("新增工作项", "Add work item"),
        "standards.work_item.save": Label("修改工作项", "Edit work item"),
        "standards.work_item.delete": Label("删除工作项", "Delete work item"),
    },
    test_cases="lianxin.standards.tests.cases",
    api="lianxin.standards.api",
)
