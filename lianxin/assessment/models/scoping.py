"""Scope of what a county lays down (its scheme, periods, items, question bank, tests): users
below the county read it too, since a township scores against its county's scheme and a village
secretary takes its county's tests — the rows of the user's own jurisdictions and of the
jurisdictions above them, as with the standards."""

from django.db.models import Q

from lianxin.core.scope import ScopedManager, ScopedQuerySet, collapse_prefixes, scope_q
from lianxin.orgs.choices import CODE_LENGTH


class CountyRowsQuerySet(ScopedQuerySet):
    def restrict(self, user, action: str):
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        prefixes = collapse_prefixes(user.scope_prefixes(action))
        within = scope_q(prefixes, self.model.scope_field)
        if within is None:
            return self.none()
        above = {p[:n] for p in prefixes for n in CODE_LENGTH.values() if n < len(p)}
        return self.filter(within | Q(**{f"{self.model.scope_field}__in": above}))


CountyRowsManager = ScopedManager.from_queryset(CountyRowsQuerySet)
