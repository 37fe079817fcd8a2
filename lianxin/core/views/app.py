"""The installable app (issue 16): the web manifest and the service worker, both served from
the site root so that the worker's scope is the whole site.

The service worker (templates/core/sw.js) keeps the shell — styles, scripts, icons, under
their hashed names — and the few pages a party member and a village clerk open every day, so
that they open with no signal; everything else needs the network. Besides fixed pages (the
visit form), pages of one object count: each measure a clerk has opened, whose progress form
queues a report with no signal. Those pages hold the user's
households: static/js/offline.js empties the page cache at logout and whenever a different user
logs in on the device."""

import hashlib
import json
import re

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _

# Cached with the worker: what every page loads.
SHELL = [
    "vendor/bootstrap/bootstrap.min.css",
    "vendor/bootstrap-icons/bootstrap-icons.min.css",
    "vendor/bootstrap-icons/fonts/bootstrap-icons.woff2",
    "css/app.css",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "vendor/htmx/htmx.min.js",
    "js/app.js",
    "js/offline.js",
    "icons/icon-192.png",
    "favicon.svg",
]
# Kept for opening offline (network first, the cached copy when there is none).
OFFLINE_PAGES = ["home", "liaison:visit_create", "liaison:visit_list"]
# Pages of one object (`pk`), kept the same way once opened: any path of their URL pattern.
OFFLINE_OBJECT_PAGES = ["planning:measure_detail"]
_ANY_PK = 2_147_480_000  # stands for the pk while the pattern is reversed into a path


def object_page_pattern(name: str) -> str:
    """The paths of `name`'s pages as a regular expression the worker's JavaScript reads."""
    path = re.escape(reverse(name, kwargs={"pk": _ANY_PK}))
    return "^" + path.replace(str(_ANY_PK), r"\d+") + "$"


@login_not_required
def manifest(request):
    icons = [{"src": static(f"icons/icon-{n}.png"), "sizes": f"{n}x{n}", "type": "image/png"} for n in (192, 512)]
    return JsonResponse(
        {
            "name": _("连心 · 五星支部创建与党群连心平台"),
            "short_name": _("连心"),
            "start_url": "/",
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#b71c1c",
            "lang": "zh-CN",
            "icons": icons,
        },
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


@login_not_required
def service_worker(request):
    shell = [static(path) for path in SHELL]
    pages = [reverse(name) for name in OFFLINE_PAGES]
    patterns = [object_page_pattern(name) for name in OFFLINE_OBJECT_PAGES]
    version = hashlib.sha256("\n".join(shell + pages + patterns).encode()).hexdigest()[:12]
    offline = (
        '<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{_("离线")}</title><main style="font-family:sans-serif;padding:2rem"><h1>{_("离线")}</h1>'
        f"<p>{_('当前没有网络，此页面尚未保存在本机。联网后再打开。')}</p></main>"
    )
    context = {
        "version": version,
        "shell": json.dumps(shell),
        "pages": json.dumps(pages),
        "patterns": json.dumps(patterns),
        "offline": json.dumps(offline),
    }
    body = render_to_string("core/sw.js", context)
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"  # a new release's worker is picked up at once
    return response
