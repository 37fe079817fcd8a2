"""Anonymise the households that left (迁出/注销) more than LIANXIN_RETENTION_DAYS days ago
(security.md item 22, PIPL art. 47). Run daily from cron; safe to re-run and to run on two
hosts at once (privacy.anonymise_departed). Each household anonymised is one audit event."""

from django.conf import settings
from django.core.management.base import BaseCommand

from lianxin.audit.services import Actor
from lianxin.registers import privacy


class Command(BaseCommand):
    help = "匿名化迁出或注销超过 LIANXIN_RETENTION_DAYS 天的农户（可重复运行）。"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="覆盖 LIANXIN_RETENTION_DAYS")

    def handle(self, days=None, **options):
        days = settings.LIANXIN_RETENTION_DAYS if days is None else days
        if days <= 0:
            self.stdout.write("未启用：LIANXIN_RETENTION_DAYS 为 0")
            return
        count = privacy.anonymise_departed(Actor.system("anonymise_departed"), days)
        self.stdout.write(f"已匿名化 {count} 户迁出或注销满 {days} 天的农户")
