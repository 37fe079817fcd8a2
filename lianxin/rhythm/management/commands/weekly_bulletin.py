from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_date

from lianxin.accounts.models import RoleAssignment
from lianxin.accounts.roles import Role
from lianxin.audit.services import Actor
from lianxin.orgs.models import Org
from lianxin.rhythm import services
from lianxin.rhythm.figures import week_of


class Command(BaseCommand):
    help = (
        "生成上周的周通报：每个有创建办账号的市、县（市、区）一期（由 cron 每周一运行；"
        "同一周再次运行会重新生成）。生成由后台任务完成。"
    )
    leave_locale_alone = True

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按这一天计算“上周”（YYYY-MM-DD），默认今天")
        parser.add_argument("--org", action="append", default=[], help="只生成这个单位（代码），可重复")

    def handle(self, *args, **options):
        day = parse_date(options["date"]) if options["date"] else timezone.localdate()
        if day is None:
            raise CommandError("日期格式应为 YYYY-MM-DD")
        monday, _sunday = week_of(day)
        offices = RoleAssignment.objects.filter(role=Role.OFFICE, org__kind__in=services.BULLETIN_KINDS)
        codes = options["org"] or sorted(set(offices.values_list("org__code", flat=True)))
        actor = Actor.system("weekly_bulletin")
        for org in Org.objects.filter(code__in=codes).order_by("code"):
            bulletin = services.request_bulletin(actor, org, monday)
            self.stdout.write(f"{org.short_name} {bulletin.title}（{monday:%Y-%m-%d} 起）已排队生成")
