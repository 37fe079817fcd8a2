from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lianxin.core.demo import load_demo
from lianxin.orgs.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS


class Command(BaseCommand):
    leave_locale_alone = True  # role names print in the project's language (Chinese)
    help = "载入演示数据：焦作市真实区划（11个县级单位、112个乡镇、2024个村社区）和各角色演示账号。可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="在生产环境也载入（不建议：演示账号密码公开）")

    def handle(self, *args, force=False, **options):
        if settings.PRODUCTION and not force:
            raise CommandError("生产环境不载入演示数据（演示账号的密码是公开的）。确需载入请加 --force。")
        result = load_demo()
        self.stdout.write(
            f"演示数据就绪：新增组织 {result['orgs_created']} 个，新增账号 {result['users_created']} 个。"
        )
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username, _name, role, code, place in DEMO_USERS:
            self.stdout.write(f"  {username:<10} {role.label:<12} {code:<12} {place}")
        if result["second_factor"]:
            self.stdout.write(
                f"两步验证（{' '.join(result['second_factor'])}）：验证器应用手动添加密钥 {DEMO_TOTP_SECRET}，"
                "或运行 manage.py demo_totp 用户名 查看当前6位验证码。"
            )
