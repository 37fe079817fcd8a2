"""Base views: one way to build a page (docs/development.md, "Views").

Every page names the action it needs (`permission_action`); lists and objects come from
`Model.objects.restrict(user, action)` and nowhere else, so scope is applied once, here, for
every page and export (architecture §2); every change goes through one service call, named by
`actor(request)`, whose refusal the user reads in Chinese.

- `ScopedListView`: a scoped table with filters and `?export=xlsx` (lists.py)
- `ServiceFormView`: a form that calls a service (forms.py)
- `ObjectOperationsView` with `Operation`s: an object page whose named operations each check
  their action (operations.py)
- `ImportView`: an all-or-nothing Excel import with its report (imports.py)
- `ExportMixin`, `DownloadView`: `?export=xlsx` and download-only URLs, the download limit
  checked before the file is built (lists.py)
- `ReusedPageMixin`: a dashboard drawn once and reused while its data is unchanged (reuse.py)
"""

from lianxin.core.views.base import (
    SERVICE_ERRORS,
    ActionRequiredMixin,
    ScopedMixin,
    ScopedObjectMixin,
    ScopedTemplateView,
    actor,
    chosen_org,
    run_service,
)
from lianxin.core.views.errors import healthz, not_found
from lianxin.core.views.forms import ServiceFormView, pick_form, service_perform
from lianxin.core.views.imports import ImportView
from lianxin.core.views.lists import DownloadView, ExportMixin, ScopedListView
from lianxin.core.views.notifications import NotificationListView
from lianxin.core.views.operations import ObjectOperationsView, Operation
from lianxin.core.views.reuse import ReusedPageMixin

__all__ = [
    "SERVICE_ERRORS",
    "ActionRequiredMixin",
    "DownloadView",
    "ExportMixin",
    "ImportView",
    "healthz",
    "NotificationListView",
    "ObjectOperationsView",
    "Operation",
    "ReusedPageMixin",
    "ScopedListView",
    "ScopedMixin",
    "ScopedObjectMixin",
    "ScopedTemplateView",
    "ServiceFormView",
    "actor",
    "chosen_org",
    "not_found",
    "pick_form",
    "run_service",
    "service_perform",
]
