"""Make an account, or add a role to one, from the server. The only way to make a system
administrator or an auditor (powers.py, rules c and d); the separation of powers still holds
here: a role of another power than the account's is refused and the attempt recorded."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from lianxin.accounts import services
from lianxin.accounts.models import User
from lianxin.accounts.roles import Role
from lianxin.audit.services import Actor
from lianxin.orgs.models import Org


class Command(BaseCommand):
    leave_locale_alone = True  # role names print in the project's language (Chinese)
    help = "新建用户并授予角色；用户已存在时只追加角色。未给密码时生成随机强密码并打印。"

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=[r.value for r in Role])
        parser.add_argument("--org", required=True, help="组织代码，如 410883105")
        parser.add_argument("--password")
        parser.add_argument("--name", default="")
        parser.add_argument("--mobile")
        parser.add_argument("--expires", type=date.fromisoformat, help="账号有效期至，如 2026-12-31")

    def handle(self, username, role, org, password=None, name="", mobile=None, expires=None, **options):
        target = Org.objects.filter(code=org).first()
        if target is None:
            raise CommandError(f"组织代码 {org} 不存在（先运行 import_divisions）")
        actor = Actor.system("add_user")
        existing = User.objects.filter(username=username).first()
        # No transaction around the service: a refusal's audit event must outlive its rollback.
        try:
            if existing:
                services.assign_role(actor, existing, role, target)
                self.stdout.write(f"用户 {username} 已存在：已授予 {Role(role).label} @ {target.short_name}")
                return
            generated = password is None
            password = password or services.generated_password()
            services.create_user(
                actor,
                username=username,
                password=password,
                name=name,
                mobile=mobile,
                assignments=[(role, target)],
                expires_on=expires,
            )
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        shown = f"，初始密码 {password}" if generated else ""
        self.stdout.write(f"已创建用户 {username}：{Role(role).label} @ {target.short_name}{shown}")
