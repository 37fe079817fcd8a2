"""Demo bulletins for 孟州市: a year of weekly bulletins (52 Mondays back from this week),
generated from the current data with their weeks set back, so the archive, the week-on-week
comparison and the flags all have something to show. Built in this process (not queued), in a
few seconds. Idempotent: skipped when 孟州市 has any bulletin."""

from datetime import timedelta

from django.utils import timezone

from lianxin.audit.services import Actor
from lianxin.orgs.models import Org
from lianxin.rhythm import services, tasks
from lianxin.rhythm.figures import week_of
from lianxin.rhythm.models import Bulletin

MENGZHOU = "410883"
WEEKS = 52


def load():
    county = Org.objects.filter(code=MENGZHOU).first()
    if county is None or Bulletin.objects.filter(org=county).exists():
        return None
    actor = Actor.system("demo")
    latest, _sunday = week_of(timezone.localdate())
    for weeks_back in range(WEEKS - 1, -1, -1):
        bulletin = services.request_bulletin(actor, county, latest - timedelta(weeks=weeks_back))
        bulletin.refresh_from_db()
        if bulletin.unfinished:  # no worker in load_demo (tasks not run inline): build here
            tasks.build(bulletin)
    return {"bulletins": WEEKS}
