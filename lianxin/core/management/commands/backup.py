from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lianxin.core.backup import VENDOR_NAMES, BackupError, make_backup


class Command(BaseCommand):
    help = (
        "在 DIR 下新建以时间命名的目录，备份数据库（SQLite 在线备份或 pg_dump -Fc）、上传文件和审计检查点，"
        "并写入清单 manifest.json（各表行数、迁移状态、每个文件的 SHA-256）。运行中的系统可直接备份。"
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="备份存放目录，如 /var/backups/lianxin")

    def handle(self, *args, directory, **options):
        try:
            path, manifest = make_backup(Path(directory))
        except BackupError as exc:
            raise CommandError(f"备份失败：{exc}") from exc
        files = manifest["files"]
        uploads = sum(1 for rel in files if rel.startswith(manifest["media"] + "/"))
        size = sum(entry["bytes"] for entry in files.values())
        self.stdout.write(
            f"备份完成：{path}（{VENDOR_NAMES[manifest['vendor']]}，{len(manifest['tables'])} 张表 "
            f"{sum(manifest['tables'].values())} 行，{uploads} 个上传文件，共 {size / 1e6:.1f} MB）"
        )
