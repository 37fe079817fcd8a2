"""Pin the current end of the audit chain in the checkpoint file, from cron (every 10 minutes).
`record()` writes one every N events; this one bounds how long the newest events stay
unpinned on a quiet day. It writes only when the chain has moved, and refuses to pin a chain
that is shorter than, or differs from, the newest checkpoint: that is for `verify_audit` to name."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lianxin.audit import checkpoints
from lianxin.audit.models import AuditEvent


class Command(BaseCommand):
    help = "把审计链当前的事件数和最后一条哈希签名后追加到检查点文件（链没有变化时不写）。由 cron 定时运行。"

    def handle(self, *args, **options):
        last = AuditEvent.objects.order_by("-seq").only("seq", "hash").first()
        if last is None:
            self.stdout.write("审计日志为空，不写检查点。")
            return
        try:
            lines = checkpoints.load()
        except checkpoints.CheckpointError as error:
            raise CommandError(f"{error}，请运行 verify_audit") from None
        newest = checkpoints.newest(lines)
        if newest and (newest.checkpoint.seq, newest.checkpoint.hash) == (last.seq, last.hash):
            self.stdout.write(f"审计链自检查点 #{last.seq} 以来没有变化，不写检查点。")
            return
        if newest and newest.checkpoint.seq >= last.seq:
            raise CommandError(
                f"数据库中的审计链与检查点文件第 {newest.number} 行不符，不写检查点，请运行 verify_audit"
            )
        try:
            checkpoints.append(checkpoints.sign(last.seq, last.hash))
        except OSError as exc:
            raise CommandError(f"检查点无法写入 {settings.LIANXIN_AUDIT_CHECKPOINTS}：{exc}") from exc
        self.stdout.write(f"已写入检查点 #{last.seq}。")
