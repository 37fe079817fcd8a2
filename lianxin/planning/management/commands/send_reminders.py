from django.core.management.base import BaseCommand
from django.utils import timezone

from lianxin.planning.reminders import send_reminders


class Command(BaseCommand):
    help = "为7天内到期和已逾期的措施生成站内提醒（可重复运行，不会重复提醒；由 cron 每天运行）。"
    leave_locale_alone = True

    def handle(self, *args, **options):
        created = send_reminders(timezone.localdate())
        self.stdout.write(f"提醒已生成：新增 {created['due_soon']} 条即将到期、{created['overdue']} 条已逾期。")
