"""Recount every per-county rollup (lianxin/orgs/rollups.py). Run nightly, after midnight, so
that figures that change with the day (overdue measures) are current without a recount at
read time; also after an upgrade that adds a rollup."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from lianxin.core.plugins import rollups
from lianxin.orgs.rollups import refresh_all


class Command(BaseCommand):
    help = "重新统计各县汇总（每日凌晨运行）"

    def handle(self, *args, **options):
        today = timezone.localdate()
        for rollup in rollups():
            refresh_all(rollup, today)
            self.stdout.write(f"{rollup.model._meta.verbose_name}: {rollup.model.objects.count()}")
