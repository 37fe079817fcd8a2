"""Read-only figures of the points: a year's points per household (the ranking), and what the
public page shows. Each is one query whatever the number of households."""

from django.db.models import Q, Sum, Window
from django.db.models.functions import Coalesce, Rank

from lianxin.points.choices import EntryStatus


def year_points_filter(year: int) -> Q:
    return Q(entries__status=EntryStatus.APPROVED, entries__date__year=year)


def with_year_points(accounts, year: int):
    """`accounts` annotated with the year's approved points and their rank within the village."""
    points = Coalesce(Sum("entries__points", filter=year_points_filter(year)), 0)
    return accounts.annotate(year_points=points).annotate(
        rank=Window(Rank(), partition_by="org_id", order_by=points.desc())
    )
