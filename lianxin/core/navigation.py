"""The side navigation. An entry shows only when the user's roles allow its action, so a menu
never offers a page that would answer 403."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import Action


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    icon: str
    action: str | None  # None: every logged-in user
    section: str = ""  # entries of one section stand under one heading


_CREATE, _RATING, _LIAISON, _ADMIN = _("五星创建"), _("评星定级"), _("党群连心"), _("系统")

NAV_ITEMS = [
    NavItem(_("首页"), "home", "house", None),
    NavItem(_("组织架构"), "orgs:browse", "diagram-3", Action.ORGS_VIEW),
    NavItem(_("挂图作战"), "planning:board_home", "grid-3x3-gap", Action.PLANS_VIEW, _CREATE),
    NavItem(_("创星规划"), "planning:plan_list", "journal-check", Action.PLANS_VIEW, _CREATE),
    NavItem(_("乡镇申报"), "planning:declarations", "flag", Action.PLANS_VIEW, _CREATE),
    NavItem(_("创建标准"), "standards:list", "list-stars", Action.STANDARDS_VIEW, _CREATE),
    NavItem(_("评星申报"), "rating:application_list", "award", Action.RATING_VIEW, _RATING),
    NavItem(_("待我审核"), "rating:queue", "inbox", Action.RATING_VIEW, _RATING),
    NavItem(_("评星公示"), "rating:publicity_list", "megaphone", Action.RATING_VIEW, _RATING),
    NavItem(_("星级统计"), "rating:stats_home", "bar-chart", Action.RATING_VIEW, _RATING),
    NavItem(_("评星结果"), "rating:result_list", "trophy", Action.RATING_VIEW, _RATING),
    NavItem(_("进步星奖励"), "rating:award_list", "gift", Action.RATING_VIEW, _RATING),
    NavItem(_("连心看板"), "liaison:board_home", "heart-pulse", Action.LIAISON_VIEW, _LIAISON),
    NavItem(_("记走访"), "liaison:visit_create", "pencil-square", Action.LIAISON_VISIT, _LIAISON),
    NavItem(_("农户与党员"), "liaison:household_list", "house-heart", Action.LIAISON_VIEW, _LIAISON),
    NavItem(_("诉求事项"), "liaison:matter_list", "chat-square-text", Action.LIAISON_VIEW, _LIAISON),
    NavItem(_("干部包片"), "liaison:assignment_list", "person-badge", Action.LIAISON_VIEW, _LIAISON),
    NavItem(_("支部会商"), "liaison:consultation_list", "people-fill", Action.LIAISON_VIEW, _LIAISON),
    NavItem(_("用户管理"), "accounts:user_list", "people", Action.USERS_VIEW, _ADMIN),
    NavItem(_("审计日志"), "audit:event_list", "shield-check", Action.AUDIT_VIEW, _ADMIN),
    NavItem(_("接口文档"), "api-docs", "code-slash", Action.ORGS_VIEW, _ADMIN),
]


def navigation_for(request):
    user, path = request.user, request.path
    items = [
        {"label": item.label, "url": reverse(item.url_name), "icon": item.icon, "section": item.section}
        for item in NAV_ITEMS
        if item.action is None or user.can(item.action)
    ]
    # The entry whose address is the longest prefix of this page is the current one.
    matches = [i for i in items if path == i["url"] or (i["url"] != "/" and path.startswith(i["url"]))]
    current = max(matches, key=lambda i: len(i["url"]), default=None)
    for item in items:
        item["active"] = item is current
    return items
