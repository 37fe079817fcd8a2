from django.core.management.base import BaseCommand

from lianxin.rating.reminders import remind_overdue


class Command(BaseCommand):
    help = "标记已超过办理时限的评星审核环节，向审核人员发送站内提醒并列出这些环节（每天运行一次，可重复运行）"

    def handle(self, *args, **options):
        steps = remind_overdue()
        for step in steps:
            self.stdout.write(f"{step.reviewer_org.short_name}\t{step}\t{step.deadline}")
        self.stdout.write(f"逾期审核环节 {len(steps)} 个")
