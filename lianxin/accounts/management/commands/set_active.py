"""Switch an account on or off from the server: the way to disable (or re-enable) a system
administrator or an auditor, whom no screen may touch (powers.py, rules c and d).
Switching off also revokes the account's API token."""

from django.core.management.base import BaseCommand, CommandError

from lianxin.accounts import services
from lianxin.accounts.models import User
from lianxin.audit.services import Actor


class Command(BaseCommand):
    help = "启用或停用账号（停用同时撤销其接口令牌）。"

    def add_arguments(self, parser):
        parser.add_argument("username")
        switch = parser.add_mutually_exclusive_group(required=True)
        switch.add_argument("--on", dest="active", action="store_true", help="启用")
        switch.add_argument("--off", dest="active", action="store_false", help="停用")

    def handle(self, username, active, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"用户 {username} 不存在")
        services.set_active(Actor.system("set_active"), user, active)
        self.stdout.write(f"用户 {username} 已{'启用' if active else '停用'}")
