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


NAV_ITEMS = [
    NavItem(_("首页"), "home", "house", None),
    NavItem(_("组织架构"), "orgs:browse", "diagram-3", Action.ORGS_VIEW),
    NavItem(_("用户管理"), "accounts:user_list", "people", Action.USERS_VIEW),
    NavItem(_("审计日志"), "audit:event_list", "shield-check", Action.AUDIT_VIEW),
    NavItem(_("接口文档"), "api-docs", "code-slash", Action.ORGS_VIEW),
]


def navigation_for(request):
    user = request.user
    path = request.path
    items = []
    for item in NAV_ITEMS:
        if item.action is None or user.can(item.action):
            url = reverse(item.url_name)
            active = path == url if url == "/" else path.startswith(url)
            items.append({"label": item.label, "url": url, "icon": item.icon, "active": active})
    return items
