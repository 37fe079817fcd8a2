"""Attendance rates, per member and per branch, and meetings held: each one grouped query."""

from django.db.models import Count, Q

from lianxin.branchlife.models import Attendance


def rate(present: int, total: int) -> float | None:
    return round(100 * present / total, 1) if total else None


def attendance_by(rows, key: str, year: int) -> dict:
    """`key` (say `member_id` or `meeting__org__code`) -> (present, total) over the year's meetings."""
    grouped = (
        Attendance.objects.filter(rows, meeting__date__year=year)
        .values(key)
        .annotate(present=Count("pk", filter=Q(present=True)), total=Count("pk"))
        .values_list(key, "present", "total")
    )
    return {k: (p, t) for k, p, t in grouped}
