"""Cron's check of the audit log: exit non-zero naming the first problem, else one line that
also says how fresh the checkpoints are (a stale one means checkpoints are not being written)."""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.timesince import timesince

from lianxin.audit.services import ChainReport, verify_chain


class Command(BaseCommand):
    help = (
        "用审计密钥重新计算审计日志哈希链，并核对检查点文件中的签名检查点；"
        "报告第一条被改动、缺失、截断或改写的事件（有问题时退出码非零）。"
    )

    def handle(self, *args, **options):
        report = verify_chain()
        if report.problem:
            raise CommandError(f"审计链校验失败：{report.problem.reason}（已校验 {report.checked} 条）")
        self.stdout.write(f"审计链完整：共 {report.checked} 条事件，哈希全部吻合；{checkpoint_summary(report)}")


def checkpoint_summary(report: ChainReport) -> str:
    newest = report.newest_checkpoint
    if newest is None:
        return f"尚无检查点，{report.last_seq} 条事件均未受检查点保护。"
    age = timesince(datetime.fromisoformat(newest.at), timezone.now())
    tail = report.last_seq - newest.seq
    uncovered = f"其后 {tail} 条事件尚未写入检查点" if tail else "此后没有新事件"
    return f"{report.checkpoint_count} 个检查点签名有效，最近一个是 #{newest.seq}（{age}前），{uncovered}。"
