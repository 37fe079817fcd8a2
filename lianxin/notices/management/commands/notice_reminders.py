from django.core.management.base import BaseCommand
from django.utils import timezone

from lianxin.notices.services import remind_open


class Command(BaseCommand):
    help = "提醒尚未阅读或尚未回复通知的接收人（每人每条通知每天一次；由 cron 每天运行）。"
    leave_locale_alone = True

    def handle(self, *args, **options):
        created = remind_open(timezone.localdate())
        self.stdout.write(f"通知提醒已生成：新增 {created} 条。")
