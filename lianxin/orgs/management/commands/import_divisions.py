from django.core.management.base import BaseCommand, CommandError

from lianxin.audit.services import Actor
from lianxin.orgs.importer import DivisionImportError, import_divisions


class Command(BaseCommand):
    help = "从国家统计局区划代码 CSV 目录导入组织树（全部校验通过才写入；重复导入不改变数据）。"

    def add_arguments(self, parser):
        parser.add_argument("directory", help="含 provinces/cities/areas/streets/villages.csv(.gz) 的目录")
        parser.add_argument("--prefix", help="只导入此代码之下（及其上级），如 4108 为焦作市")

    def handle(self, directory, prefix=None, **options):
        try:
            report = import_divisions(
                directory, Actor.system("import_divisions"), prefix=prefix, progress=options["verbosity"] > 0
            )
        except DivisionImportError as exc:
            raise CommandError("导入失败，未写入任何数据：\n" + "\n".join(exc.errors)) from exc
        if report.changed:
            self.stdout.write(f"导入完成：新增 {report.created}，更新 {report.updated}，未变 {report.unchanged}。")
        else:
            self.stdout.write(f"数据已是最新：{report.unchanged} 个组织全部未变，未做任何修改。")
