"""Chinese names of audit actions, for the auditor's pages and exports. An action without an
entry shows its code, so a missing name hides nothing."""

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "login": _("登录"),
    "logout": _("退出登录"),
    "login_failed": _("登录失败"),
    "user.create": _("新建用户"),
    "user.update": _("修改用户"),
    "user.assign_role": _("授予角色"),
    "user.revoke_role": _("撤销角色"),
    "user.change_password": _("修改本人密码"),
    "user.reset_password": _("重置密码"),
    "user.create_token": _("生成接口令牌"),
    "orgs.import_divisions": _("导入区划"),
    "orgs.create_unit": _("新增专班/责任单位/创建办"),
    "standards.create": _("新建创建标准"),
    "standards.publish": _("发布创建标准"),
    "standards.delete": _("删除创建标准"),
    "standards.import": _("导入创建标准"),
    "standards.key_task.create": _("新增重点任务"),
    "standards.key_task.save": _("修改重点任务"),
    "standards.work_item.create": _("新增工作项"),
    "standards.work_item.save": _("修改工作项"),
    "standards.work_item.delete": _("删除工作项"),
    "planning.plan.create": _("新建创星规划"),
    "planning.plan.submit": _("提交创星规划"),
    "planning.plan.accept": _("通过创星规划"),
    "planning.plan.return": _("退回创星规划"),
    "planning.star.update": _("修改星级规划"),
    "planning.measure.create": _("新增措施"),
    "planning.measure.save": _("修改措施"),
    "planning.measure.delete": _("删除措施"),
    "planning.report.create": _("记录进展"),
    "planning.assessment.save": _("自评"),
    "planning.assessment.review": _("确认自评"),
    "planning.rule.save": _("设定申报规则"),
    "planning.declaration.save": _("乡镇申报"),
    "planning.demo.load": _("载入演示规划"),
}


def action_label(code: str) -> str:
    return str(ACTION_LABELS.get(code, code))
