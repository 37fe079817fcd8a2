from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from lianxin.accounts import mfa
from lianxin.accounts.models import User
from lianxin.audit.services import Actor


class Command(BaseCommand):
    leave_locale_alone = True
    help = (
        "重置用户的两步验证（删除其手机验证器和恢复码，下次登录时须重新绑定）。"
        "系统管理员本人和审计员的两步验证只能用本命令重置。"
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"用户 {username} 不存在")
        try:
            removed = mfa.reset(Actor.system("reset_mfa"), user)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        self.stdout.write(f"已重置 {username} 的两步验证（删除 {removed} 个验证设备），下次登录时须重新绑定。")
