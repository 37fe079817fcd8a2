"""The one data-scope mechanism (architecture §2, §8).

A user's scope is a set of division-code prefixes (from their role assignments). Every model
that belongs to an org uses `ScopedQuerySet`, and every view, API endpoint, export and report
asks `Model.objects.restrict(user, action)` for its rows. Prefixes become index range scans:
`code >= '410883' AND code < '410884'`, never `LIKE`, which SQLite does not serve from the index.
"""

from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q


def code_range(prefix: str) -> tuple[str, str | None]:
    """The half-open range of codes that start with `prefix` (a string of digits).

    The upper bound is the next number of the same width, so it holds under any collation that
    orders digits as digits (PostgreSQL's locale collations included), unlike `prefix + '~'`.
    A prefix of nines has no next number of its width, and needs none: every digit string at or
    above it starts with it, so its range is open above (None).
    """
    if not prefix.isdigit():
        raise ValueError(f"division-code prefix must be digits: {prefix!r}")
    upper = str(int(prefix) + 1).zfill(len(prefix))
    return prefix, upper if len(upper) == len(prefix) else None


def in_range(code: str, prefix: str) -> bool:
    low, high = code_range(prefix)
    return low <= code and (high is None or code < high)


def scope_code(obj) -> str:
    """The division code an object hangs from, followed along its model's `scope_field`
    (`plan__org__code` for a measure): what a permission is checked against."""
    value = obj
    for name in type(obj).scope_field.split("__"):
        value = getattr(value, name)
    return value


def prefix_q(prefix: str, field: str = "code") -> Q:
    low, high = code_range(prefix)
    condition = Q(**{f"{field}__gte": low})
    return condition if high is None else condition & Q(**{f"{field}__lt": high})


def collapse_prefixes(prefixes) -> list[str]:
    """Drop prefixes covered by a shorter one: {'4108', '410883'} -> ['4108']."""
    kept: list[str] = []
    for prefix in sorted(set(prefixes), key=len):
        if not any(prefix.startswith(k) for k in kept):
            kept.append(prefix)
    return sorted(kept)


def scope_q(prefixes, field: str) -> Q | None:
    """OR of the ranges for `prefixes`; None when there is nothing in scope."""
    prefixes = collapse_prefixes(prefixes)
    if not prefixes:
        return None
    return reduce(or_, (prefix_q(p, field) for p in prefixes))


class ScopedQuerySet(models.QuerySet):
    """QuerySet whose `restrict()` keeps only the rows a user may see for an action.

    The model names the division-code field its rows hang from with `scope_field`
    (`"code"` for Org itself, `"org__code"` for rows that belong to an org).
    """

    def restrict(self, user, action: str):
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        condition = scope_q(user.scope_prefixes(action), self.model.scope_field)
        if condition is None:
            return self.none()
        return self.filter(condition)


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):
    pass
