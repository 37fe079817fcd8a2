"""The core app's own contribution: the API documentation entry of the system section."""

from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import Action
from lianxin.core.plugins import SYSTEM, AppPlugin, NavItem

PLUGIN = AppPlugin(
    nav=(NavItem(_("接口文档"), "api-docs", "code-slash", Action.ORGS_VIEW, SYSTEM),),
    public_routes={"set_language": "switches the interface language only"},
)
