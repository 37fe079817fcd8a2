"""Compare every per-county rollup with a full recount from the village rows; `--repair`
stores the recount. Exits 1 when it found drift (a monitoring check can call it)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lianxin.core.plugins import rollups
from lianxin.orgs.rollups import check, years


class Command(BaseCommand):
    help = "核对各县汇总与逐村重算是否一致（--repair 修复）"

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="用重算结果修复不一致的汇总")

    def handle(self, *args, repair=False, **options):
        today = timezone.localdate()
        drift = []
        for rollup in rollups():
            for year in years(rollup):
                for code in check(rollup, year, today, repair=repair):
                    drift.append(f"{rollup.model._meta.verbose_name} {year} {code}")
        for line in drift:
            self.stdout.write(line)
        if drift and not repair:
            raise CommandError(f"{len(drift)} 处汇总与重算不一致；用 --repair 修复")
        self.stdout.write(f"已核对，{'已修复 ' + str(len(drift)) + ' 处' if drift else '一致'}")
