"""Switch off accounts nobody has used for LIANXIN_INACTIVE_DAYS days (security.md item 23).
Run daily from cron; safe to re-run and to run on two hosts at once (services.disable_inactive).
Each account switched off is audited and loses its API token; an administrator switches a
business account back on from its page, `set_active USER --on` any account."""

from django.conf import settings
from django.core.management.base import BaseCommand

from lianxin.accounts import services
from lianxin.audit.services import Actor


class Command(BaseCommand):
    help = "停用超过 LIANXIN_INACTIVE_DAYS 天未使用的账号（可重复运行）。"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="覆盖 LIANXIN_INACTIVE_DAYS")

    def handle(self, days=None, **options):
        days = settings.LIANXIN_INACTIVE_DAYS if days is None else days
        if days <= 0:
            self.stdout.write("未启用：LIANXIN_INACTIVE_DAYS 为 0")
            return
        disabled = services.disable_inactive(Actor.system("disable_inactive"), days)
        names = f"：{'、'.join(disabled[:20])}{'等' if len(disabled) > 20 else ''}" if disabled else ""
        self.stdout.write(f"已停用 {len(disabled)} 个超过 {days} 天未使用的账号{names}")
