"""Reset a password from the server: the way to reset a system administrator's or an
auditor's, whom no screen may touch (powers.py). Unlike Django's `changepassword` it goes
through the service, so the reset is audited and the account's API token revoked."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from lianxin.accounts import services
from lianxin.accounts.models import User
from lianxin.audit.services import Actor


class Command(BaseCommand):
    help = "重置账号密码（同时撤销其接口令牌）；未给密码时生成随机强密码并打印。"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--password")

    def handle(self, username, password=None, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"用户 {username} 不存在")
        chosen = password or services.generated_password()
        try:
            services.reset_password(Actor.system("reset_password"), user, chosen)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        shown = "" if password else f"，新密码 {chosen}"
        self.stdout.write(f"用户 {username} 的密码已重置{shown}")
