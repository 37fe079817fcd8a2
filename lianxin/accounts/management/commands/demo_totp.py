from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from lianxin.accounts import mfa


class Command(BaseCommand):
    leave_locale_alone = True
    help = "演示用：打印演示账号手机验证器当前显示的6位验证码（生产环境不可用）。"

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        if settings.PRODUCTION:
            raise CommandError("生产环境不提供验证码：请使用本人手机上的验证器。")
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        if device is None:
            raise CommandError(f"{username} 没有绑定手机验证器")
        now = mfa.current_step()
        # A code works once: after a login in this 30-second step, give the next step's code,
        # which the server still accepts (one step either side of its clock, plus known drift).
        step = max(now, device.last_t + 1)
        if step > now + device.drift + 1:
            raise CommandError("本时段的验证码都已用过，请30秒后再试。")
        self.stdout.write(mfa.code_for(device.key, step))
