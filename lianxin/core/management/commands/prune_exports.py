from django.conf import settings
from django.core.management.base import BaseCommand

from lianxin.core.exports import prune


class Command(BaseCommand):
    help = "删除超过保留天数（LIANXIN_EXPORT_KEEP_DAYS）的后台导出及其文件。可重复运行；每次后台导出前也会自动清理。"

    def handle(self, *args, **options):
        removed = prune()
        self.stdout.write(f"已删除 {removed} 个超过 {settings.LIANXIN_EXPORT_KEEP_DAYS} 天的后台导出。")
