"""The worker's side of a bulletin (django-tasks, run by `manage.py db_worker`): compute the
figures, rank and flag them, write the Word file, keep both; progress is written as it goes so
the page can show it, and a failure is kept with its reason for the office to retry."""

import logging
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from lianxin.rhythm import documents, duties, figures
from lianxin.rhythm.choices import BulletinStatus
from lianxin.rhythm.models import Bulletin
from lianxin.rhythm.services import config_for, publish

logger = logging.getLogger(__name__)


@task()
def build_bulletin(bulletin_id: int) -> None:
    claimed = Bulletin.objects.filter(pk=bulletin_id, status=BulletinStatus.QUEUED)
    if not claimed.update(status=BulletinStatus.RUNNING, percent=5):
        return  # gone, or already built (a task delivered twice)
    bulletin = Bulletin.objects.select_related("org").get(pk=bulletin_id)
    try:
        build(bulletin)
    except Exception as exc:  # kept for the office with a reason; the operator reads the log
        logger.exception("bulletin %s failed", bulletin_id)
        reason = _("生成时出错（%(kind)s），请重试；仍不成功请联系系统管理员。") % {"kind": exc.__class__.__name__}
        Bulletin.objects.filter(pk=bulletin_id).update(
            status=BulletinStatus.FAILED, error=reason, finished_at=timezone.now()
        )


def build(bulletin: Bulletin) -> Bulletin:
    """Compute, rank, write the file; returns the bulletin done."""
    computed = figures.compute(bulletin.org, bulletin.week_start)
    _progress(bulletin, 60)
    previous = (
        Bulletin.objects.filter(org=bulletin.org, week_start__lt=bulletin.week_start, status=BulletinStatus.DONE)
        .order_by("-week_start")
        .values_list("figures", flat=True)
        .first()
    )
    published, red = publish(computed, config_for(bulletin.org), previous)
    published["duties"] = duties.bulletin_section(bulletin.org, bulletin.week_start + timedelta(days=6))
    bulletin.figures, bulletin.red_codes = published, red
    _progress(bulletin, 80)
    if bulletin.file:
        bulletin.file.delete(save=False)
    bulletin.file.save("bulletin.docx", ContentFile(documents.bulletin_docx(bulletin)), save=False)
    bulletin.status, bulletin.percent, bulletin.finished_at = BulletinStatus.DONE, 100, timezone.now()
    bulletin.save(update_fields=["figures", "red_codes", "file", "status", "percent", "finished_at"])
    return bulletin


def _progress(bulletin: Bulletin, percent: int) -> None:
    Bulletin.objects.filter(pk=bulletin.pk).update(percent=percent)
