"""The core app's own contribution: the system section's API documentation entry, every
user's 我的导出 (background exports), and the audit event of an export's download."""

from django.utils.translation import gettext_lazy as _

from lianxin.accounts.roles import Action
from lianxin.core.plugins import SYSTEM, AppPlugin, Label, NavItem

PLUGIN = AppPlugin(
    nav=(
        NavItem(_("我的导出"), "core:exports", "download", None, SYSTEM),
        NavItem(_("接口文档"), "api-docs", "code-slash", Action.ORGS_VIEW, SYSTEM),
    ),
    audit_labels={"core.export.download": Label("下载后台导出文件", "Download a background export")},
    public_routes={
        "set_language": "switches the interface language only",
        "core:healthz": "answers `ok` for a load balancer's health check; reads nothing",
        "core:service_worker": "the installable app's worker script: static code, no data",
        "core:manifest": "the installable app's name and icons: no data",
    },
)
