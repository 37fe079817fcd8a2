"""Create this year's and next year's partitions of the visits table (PostgreSQL; see
lianxin/liaison/partitions.py). Run daily from cron: a year's partition must exist before its
first visit, or that visit lands in the DEFAULT partition and PostgreSQL then refuses the
year's partition until the rows are moved."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from lianxin.liaison import partitions


class Command(BaseCommand):
    help = "建立走访记录表本年度和下一年度的分区（PostgreSQL，每日运行）"

    def handle(self, *args, **options):
        if not partitions.is_partitioned(connection):
            self.stdout.write("走访记录表未分区（仅 PostgreSQL 分区），无需操作")
            return
        year = timezone.localdate().year
        for each in (year, year + 1):
            if not partitions.ensure_year(connection, each):
                raise CommandError(f"{each} 年的走访记录已存入默认分区，请先迁出后再建分区")
            self.stdout.write(f"{partitions.partition_name(each)}：已就绪")
