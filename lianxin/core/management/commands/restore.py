from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lianxin.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "把 backup 生成的一个备份目录恢复到当前配置的空数据库和空上传目录：先校验全部文件的 SHA-256，"
        "再恢复，最后核对各表行数并校验审计链（任何不符都以非零退出码结束）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="某次备份的目录，如 /var/backups/lianxin/20250601-010000")

    def handle(self, *args, directory, **options):
        try:
            report = restore(Path(directory))
        except BackupError as exc:
            raise CommandError(f"未恢复：{exc}") from exc
        if report.problems:
            raise CommandError("恢复后核对不符：\n" + "\n".join(report.problems))
        tables = report.manifest["tables"]
        self.stdout.write(
            f"恢复完成：{len(tables)} 张表共 {sum(tables.values())} 行与清单一致，"
            f"{len(report.manifest['files'])} 个文件校验通过，审计链完整（{report.events_checked} 条事件）。"
        )
